#include "ocr/prepare.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace cardscan::ocr {
namespace {

// Paper brightness (and, for light text, plate darkness) is estimated on a
// copy reduced this much: the estimate only needs to follow light and
// plates, not strokes.
constexpr double kEnvelopeScale = 0.125;
// Envelope kernel: this fraction of the card's short side (about one eighth
// of the card height), wider than any printed stroke, so a closing removes
// dark text and an opening removes light text.
constexpr int kEnvelopeDivisor = 8;
// Smoothing of the plate envelope, in reduced pixels: enough to hide the
// blocks of the reduced copy.
constexpr int kEnvelopeBlur = 3;
// Plates are looked for at half size (see plate_mask). A pixel is dark when below this share of the brightest pixel
// within kReach mask pixels: on a plate, of the light letters next to it.
constexpr double kDarkShare = 0.75;
constexpr int kReach = 31;
// A plate is mostly ground: at least this share of its filled outline is
// dark; and, when no taller than a letter, it carries letters: at most
// kMaxPlateDark is dark (a bold or blurred glyph that merged into a blob at
// half size keeps only pinholes), unless it carries a line of letters
// (kMinPlateLetters).
constexpr double kMinPlateDark = 0.5;
constexpr double kMaxPlateDark = 0.9;
// On a plate the dark ground is much thicker than the light strokes in it;
// in dark lettering it is the other way round (strokes thinner than, or as
// thick as, the counters of o, e, B). Half-thickness ratio that separates the two.
constexpr float kPlateThicknessRatio = 2.5f;
// Thinnest plate ground (half-thickness, in mask pixels) worth inverting:
// thicker than the strokes of bold or blurred lettering (so small chips
// round a one-letter label are left as they are).
constexpr float kMinPlateHalfThickness = 5.0f;
// Tallest letter (hole in a plate), as a share of the card's short side.
constexpr double kMaxLetterHeight = 0.2;
// Shortest hole that counts as a letter, as a share of the card's short
// side: small print's lower case (about 1.2% of a card's height); the
// pinholes left in a bold glyph merged at half size, and the speckle of a
// photographed plate, are smaller.
constexpr double kMinLetterHeight = 0.012;
// A region with this many letter-sized holes carries a line of text: it is
// a plate however little of it the letters take (thin small print on a
// band no taller than a line of large type), and its strokes are measured
// on its letters, not on an icon or logo among them.
constexpr int kMinPlateLetters = 8;
// ... and has ground round its letters at least this thick (half-thickness,
// in mask pixels: about the height of small print): dark print set close,
// merged at half size, has light gaps of letter size between its glyphs
// too, but no ground that thick.
constexpr float kMinLinePlateHalfThickness = 10.0f;
// Smallest plate, as a share of the mask's area.
constexpr double kMinPlateArea = 1e-3;
// Gray levels within which a pixel counts as plate ground (sensor noise on
// a flat colour), and how far (mask pixels) a plate may grow over its ground.
constexpr float kGroundTolerance = 24.0f;
constexpr int kGrowSteps = 24;
// Blanked codes are grown by this share of their size, so the quiet zone's
// edge and anti-aliasing go too.
constexpr float kBlankMargin = 0.06f;

cv::Mat to_gray(const cv::Mat& card) {
  cv::Mat gray;
  if (card.channels() == 3) {
    cv::cvtColor(card, gray, cv::COLOR_BGR2GRAY);
  } else if (card.channels() == 4) {
    cv::cvtColor(card, gray, cv::COLOR_BGRA2GRAY);
  } else {
    gray = card.clone();
  }
  return gray;
}

// The card's ground sets the base rendering: when most of the card is on the
// dark side of the split between its two commonest tones (a dark card, a
// photo, a card mostly covered by a panel), the whole card is inverted first
// and what is then light text on dark (paper areas with dark print) is
// handled as plates. A mid-grey card with dark text keeps its ground on the
// light side of that split and is not inverted.
bool dark_ground(const cv::Mat& gray) {
  cv::Mat small, split;
  cv::resize(gray, small, cv::Size(), kEnvelopeScale, kEnvelopeScale, cv::INTER_AREA);
  const double threshold = cv::threshold(small, split, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  std::vector<uchar> values(small.begin<uchar>(), small.end<uchar>());
  const auto middle = values.begin() + static_cast<long>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle < threshold;
}

cv::Mat oriented_gray(const cv::Mat& card, bool& inverted, Ground ground = Ground::automatic) {
  inverted = false;
  cv::Mat gray = to_gray(card);
  if (gray.empty()) return gray;
  if (ground == Ground::dark || (ground == Ground::automatic && dark_ground(gray))) {
    cv::bitwise_not(gray, gray);
    inverted = true;
  }
  return gray;
}

// Rows rendered at a time: the float arithmetic of the renderings runs on
// bands this tall, so its buffers take some hundred kB, not several card-size
// float images (5 MB each at capture's 1400 px, 24 MB for a whole picture).
constexpr int kRenderBand = 64;

struct Envelopes {
  cv::Mat upper;  // local paper brightness (dark text closed away), CV_8U, card size
  cv::Mat lower;  // local plate darkness (light text opened away), CV_8U, card size
};

Envelopes envelopes(const cv::Mat& gray) {
  cv::Mat small;
  cv::resize(gray, small, cv::Size(), kEnvelopeScale, kEnvelopeScale, cv::INTER_AREA);
  const int k = std::max(3, (std::min(small.cols, small.rows) / kEnvelopeDivisor) | 1);
  const cv::Mat element = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k));
  Envelopes out;
  for (const auto op : {cv::MORPH_CLOSE, cv::MORPH_OPEN}) {
    cv::Mat env;
    cv::morphologyEx(small, env, op, element);
    // Paper brightness is smoothed as wide as the kernel (uneven light
    // varies slowly). The plates' darkness only lightly: an opening keeps
    // their edges where they are, and a wide blur would spread paper
    // brightness into the plate (a dark halo Tesseract reads as ink).
    const int blur = op == cv::MORPH_CLOSE ? k : kEnvelopeBlur;
    cv::GaussianBlur(env, env, cv::Size(blur, blur), 0);
    cv::resize(env, op == cv::MORPH_CLOSE ? out.upper : out.lower, gray.size(), 0, 0, cv::INTER_LINEAR);
  }
  return out;
}

// Stroke half-thickness of each letter-sized hole of `letters` (a plate's
// light marks, 255), sorted: the largest distance to the ground within it
// (`dist`, of the same size). Holes shorter than `min_height` are left out.
std::vector<float> letter_strokes(const cv::Mat& letters, const cv::Mat& dist, int min_height) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(letters, labels, stats, centroids, 8, CV_32S);
  std::vector<float> thickest(static_cast<std::size_t>(std::max(n, 1)), 0.0f);
  for (int y = 0; y < labels.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    const float* d = dist.ptr<float>(y);
    for (int x = 0; x < labels.cols; ++x) {
      float& t = thickest[static_cast<std::size_t>(label[x])];
      t = std::max(t, d[x]);
    }
  }
  std::vector<float> out;
  for (int i = 1; i < n; ++i) {
    if (stats.at<int>(i, cv::CC_STAT_HEIGHT) >= min_height) out.push_back(thickest[static_cast<std::size_t>(i)]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Half-size mask of the filled outlines of dark plates that carry light
// text: dark connected regions, mostly ground, with holes (the letters) whose
// strokes are much thinner than the ground around them.
cv::Mat plate_mask(const cv::Mat& gray, const cv::Mat& lower) {
  // Reduced by taking the brightest pixel of each 2x2 block: thin light
  // letters on a plate keep their brightness (an average would sink them
  // into the ground), and the plate's ground stays as thick as it is.
  cv::Mat half, brightest;
  cv::dilate(gray, half, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 2)), cv::Point(0, 0));
  cv::resize(half, half, cv::Size((gray.cols + 1) / 2, (gray.rows + 1) / 2), 0, 0, cv::INTER_NEAREST);
  cv::dilate(half, brightest, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kReach, kReach)));
  brightest.convertTo(brightest, CV_8U, kDarkShare);
  cv::Mat dark = half < brightest;
  cv::Mat plates = cv::Mat::zeros(half.size(), CV_8U);
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> hierarchy;
  cv::findContours(dark.clone(), contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_SIMPLE);
  if (contours.empty()) return plates;
  cv::Mat dist_dark, dist_light;
  cv::distanceTransform(dark, dist_dark, cv::DIST_L2, 3);
  cv::distanceTransform(~dark, dist_light, cv::DIST_L2, 3);
  const double min_area = kMinPlateArea * half.total();
  const int max_letter = static_cast<int>(kMaxLetterHeight * std::min(half.cols, half.rows));
  const int min_letter = std::max(2, static_cast<int>(kMinLetterHeight * std::min(half.cols, half.rows)));
  for (std::size_t i = 0; i < contours.size(); ++i) {
    // Outer outlines with at least one hole.
    if (hierarchy[i][3] != -1 || hierarchy[i][2] == -1) continue;
    if (cv::contourArea(contours[i]) < min_area) continue;
    const cv::Rect rect = cv::boundingRect(contours[i]);
    cv::Mat filled = cv::Mat::zeros(rect.size(), CV_8U);
    cv::drawContours(filled, contours, static_cast<int>(i), 255, cv::FILLED, cv::LINE_8, cv::noArray(), 0, -rect.tl());
    // Holes taller than a printed line are not letters but areas the dark
    // region surrounds (paper inside a frame, or inside the dark margin
    // round a crop): they are no part of the plate.
    for (int hole = hierarchy[i][2]; hole != -1; hole = hierarchy[hole][0]) {
      if (cv::boundingRect(contours[hole]).height > max_letter)
        cv::drawContours(filled, contours, hole, 0, cv::FILLED, cv::LINE_8, cv::noArray(), 0, -rect.tl());
    }
    const cv::Mat ground = filled & dark(rect);
    const cv::Mat letters = filled & ~dark(rect);
    const int filled_n = cv::countNonZero(filled);
    const int ground_n = cv::countNonZero(ground);
    if (filled_n == 0 || ground_n < kMinPlateDark * filled_n) continue;
    double ground_max = 0, letters_max = 0;
    cv::minMaxLoc(dist_dark(rect), nullptr, &ground_max, nullptr, nullptr, ground);
    const std::vector<float> strokes = letter_strokes(letters, dist_light(rect), min_letter);
    const bool carries_line =
        strokes.size() >= static_cast<std::size_t>(kMinPlateLetters) && ground_max >= kMinLinePlateHalfThickness;
    if (!carries_line && ground_n > kMaxPlateDark * filled_n && rect.height <= max_letter) continue;
    if (carries_line) {
      letters_max = strokes[strokes.size() / 2];
    } else {
      cv::minMaxLoc(dist_light(rect), nullptr, &letters_max, nullptr, nullptr, letters);
    }
    if (ground_max < kMinPlateHalfThickness || ground_max < kPlateThicknessRatio * letters_max) continue;
    plates(rect) |= filled;
  }
  if (cv::countNonZero(plates) == 0) return plates;
  // Grow each plate over the rest of its ground (dark pixels at the plate's
  // own darkness), so no stretch of band between lines is left to the
  // dark-text rendering, which the nearby light letters would turn grey.
  // Paper next to the band and dark lettering are not at that darkness and
  // stop the growth.
  cv::Mat lower_half, at_ground;
  {
    cv::Mat lower_float;
    lower.convertTo(lower_float, CV_32F);
    cv::resize(lower_float, lower_half, half.size(), 0, 0, cv::INTER_AREA);
  }
  half.convertTo(at_ground, CV_32F);
  at_ground = cv::abs(at_ground - lower_half) < kGroundTolerance;
  at_ground &= dark;
  const cv::Mat step = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3));
  for (int i = 0; i < kGrowSteps; ++i) {
    cv::Mat grown;
    cv::dilate(plates, grown, step);
    plates |= grown & at_ground;
  }
  return plates;
}

// Dark-text rendering (paper to white) and light-text rendering (plate to
// white, its letters dark), both from the same envelopes.
void render(const cv::Mat& gray, const Envelopes& env, cv::Mat& normal, cv::Mat& inverted) {
  normal.create(gray.size(), CV_8U);
  inverted.create(gray.size(), CV_8U);
  cv::Mat g, upper, lower;
  for (int y = 0; y < gray.rows; y += kRenderBand) {
    const cv::Range rows(y, std::min(gray.rows, y + kRenderBand));
    gray.rowRange(rows).convertTo(g, CV_32F);
    env.upper.rowRange(rows).convertTo(upper, CV_32F);
    env.lower.rowRange(rows).convertTo(lower, CV_32F);
    cv::Mat n = g / cv::max(upper, 1.0f) * 255.0f;
    cv::Mat normal_rows = normal.rowRange(rows);
    n.convertTo(normal_rows, CV_8U);
    cv::Mat inv = (255.0f - g) / cv::max(255.0f - lower, 1.0f) * 255.0f;
    cv::Mat inverted_rows = inverted.rowRange(rows);
    inv.convertTo(inverted_rows, CV_8U);
  }
}

cv::Mat full_size_mask(const cv::Mat& half_mask, cv::Size size) {
  cv::Mat out;
  cv::resize(half_mask, out, size, 0, 0, cv::INTER_LINEAR);
  return out >= 128;
}

}  // namespace

cv::Mat light_text_plates(const cv::Mat& card) {
  bool inverted = false;
  const cv::Mat gray = oriented_gray(card, inverted);
  if (gray.empty()) return gray;
  const cv::Mat plates = full_size_mask(plate_mask(gray, envelopes(gray).lower), gray.size());
  return inverted ? cv::Mat(~plates) : plates;
}

Ground decided_ground(const cv::Mat& card) {
  const cv::Mat gray = to_gray(card);
  return !gray.empty() && dark_ground(gray) ? Ground::dark : Ground::light;
}

cv::Mat prepare_for_ocr(const cv::Mat& card, const std::vector<Quad>& blank, Ground ground) {
  bool base_inverted = false;  // the rendering below is the same either way
  const cv::Mat gray = oriented_gray(card, base_inverted, ground);
  if (gray.empty()) return gray;
  const Envelopes env = envelopes(gray);
  cv::Mat out, inverted;
  render(gray, env, out, inverted);
  const cv::Mat plates = plate_mask(gray, env.lower);
  if (cv::countNonZero(plates) > 0) inverted.copyTo(out, full_size_mask(plates, gray.size()));
  for (const auto& quad : blank) {
    cv::Point2f centre(0, 0);
    for (const auto& p : quad) centre += p * 0.25f;
    std::vector<cv::Point> grown;
    for (const auto& p : quad) {
      const cv::Point2f q = centre + (p - centre) * (1.0f + 2 * kBlankMargin);
      grown.emplace_back(cvRound(q.x), cvRound(q.y));
    }
    std::vector<cv::Point> hull;
    cv::convexHull(grown, hull);
    cv::fillConvexPoly(out, hull, cv::Scalar(255));
  }
  return out;
}

}  // namespace cardscan::ocr
