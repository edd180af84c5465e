#include "ocr/unread_lines.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace cardscan::ocr {
namespace {

// Ink this close to a word that was read (in its text heights) belongs to
// that word: accents, a glyph OCR left out at its end.
constexpr double kReadWordMargin = 0.3;
// A word of at most kDebrisLength bytes read below kDebrisConfidence is
// what OCR makes of marks it cannot read ("E", "AG"): its ink is left in.
constexpr float kDebrisConfidence = 60;
constexpr std::size_t kDebrisLength = 2;
// Ink is what is this much darker than the mean of its neighbourhood, a
// square of kInkBlock card heights: light grey print (170 on 250 paper) is
// ink, the grain of paper, card stock or a scanner's noise is not.
constexpr double kInkBlock = 0.08;
constexpr double kInkContrast = 25;
// A glyph of a line, in card heights: from small print (about 1.2% of a
// card's height) to a large name (10%).
constexpr double kMinGlyph = 0.012, kMaxGlyph = 0.10;
// A glyph (or a few merged by blur) is at most this many times wider than
// tall; rules and frame edges are more.
constexpr double kMaxGlyphWidth = 6.0;
// A mark kWideChip times as wide as tall that fills kMaxWideFill of its
// box is a solid chip or badge (a dark "Tél." label), not a glyph (an '@'
// or 'm' merged by blur is squarer).
constexpr double kWideChip = 1.5;
constexpr double kMaxWideFill = 0.7;
// Glyphs of one line stand apart by up to a word space: closing gaps of
// this many card heights along the row joins them into one run.
constexpr double kWordGap = 0.03;
// A run is a line of text when it holds this many glyphs and is this many
// times wider than tall (a logo, an icon or a photo's edge is not).
constexpr int kMinRunGlyphs = 4;
constexpr double kMinRunAspect = 3.0;
// Kept round a run when it is read, in its heights: the marks too small to
// count as glyphs (accents, i-dots, full stops, commas) lie within it.
constexpr double kRunMarginY = 0.3;
constexpr double kRunMarginX = 0.3;

}  // namespace

cv::Mat unread_lines_image(const cv::Mat& prepared, const std::vector<UnreadLine>& runs, bool light_on_dark) {
  cv::Mat out(prepared.size(), CV_8UC1, cv::Scalar(255));
  for (const UnreadLine& run : runs) {
    if (run.light_on_dark != light_on_dark) continue;
    const int my = static_cast<int>(kRunMarginY * run.box.height), mx = static_cast<int>(kRunMarginX * run.box.height);
    const cv::Rect r = cv::Rect(run.box.x - mx, run.box.y - my, run.box.width + 2 * mx, run.box.height + 2 * my) &
                       cv::Rect(0, 0, prepared.cols, prepared.rows);
    if (r.area() <= 0) continue;
    if (light_on_dark) {
      cv::bitwise_not(prepared(r), out(r));
    } else {
      prepared(r).copyTo(out(r));
    }
  }
  return out;
}

void blank_read_words(cv::Mat& ink, const Page& page) {
  for (const auto& line : page.lines) {
    for (const auto& w : line.words) {
      if (w.confidence < kDebrisConfidence && w.text.size() <= kDebrisLength) continue;
      const int m = static_cast<int>(kReadWordMargin * std::max(w.box.height, 1));
      const cv::Rect r = cv::Rect(w.box.x - m, w.box.y - m, w.box.width + 2 * m, w.box.height + 2 * m) &
                         cv::Rect(0, 0, ink.cols, ink.rows);
      if (r.area() > 0) ink(r).setTo(0);
    }
  }
}

std::vector<GlyphRun> glyph_runs(const cv::Mat& labels, const std::vector<unsigned char>& is_glyph, cv::Size close) {
  cv::Mat glyphs(labels.size(), CV_8UC1);
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    unsigned char* dst = glyphs.ptr<unsigned char>(y);
    for (int x = 0; x < labels.cols; ++x) dst[x] = is_glyph[static_cast<std::size_t>(row[x])];
  }
  cv::Mat joined;
  cv::morphologyEx(glyphs, joined, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, close));
  cv::Mat run_labels, run_stats, run_centroids;
  const int m = cv::connectedComponentsWithStats(joined, run_labels, run_stats, run_centroids, 8, CV_32S);
  // Each glyph counts for the run its pixels fell into.
  std::vector<int> run_of(is_glyph.size(), 0);
  for (int y = 0; y < labels.rows; ++y) {
    const int* glyph_row = labels.ptr<int>(y);
    const int* run_row = run_labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) {
      const auto g = static_cast<std::size_t>(glyph_row[x]);
      if (is_glyph[g] && run_of[g] == 0) run_of[g] = run_row[x];
    }
  }
  std::vector<GlyphRun> runs(static_cast<std::size_t>(std::max(m - 1, 0)));
  for (int i = 1; i < m; ++i) {
    runs[static_cast<std::size_t>(i - 1)].box = {
        run_stats.at<int>(i, cv::CC_STAT_LEFT), run_stats.at<int>(i, cv::CC_STAT_TOP),
        run_stats.at<int>(i, cv::CC_STAT_WIDTH), run_stats.at<int>(i, cv::CC_STAT_HEIGHT)};
  }
  for (std::size_t g = 1; g < run_of.size(); ++g) {
    if (run_of[g] > 0) ++runs[static_cast<std::size_t>(run_of[g] - 1)].glyphs;
  }
  return runs;
}

namespace {

// The runs of `ink` (marks 255, read words already blanked) as
// find_unread_lines describes them.
void runs_of(const cv::Mat& ink, bool light_on_dark, std::vector<UnreadLine>& out) {
  const int card_h = ink.rows;

  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<unsigned char> is_glyph(static_cast<std::size_t>(n), 0);
  int glyph_total = 0;
  const double min_glyph = kMinGlyph * card_h, max_glyph = kMaxGlyph * card_h;
  for (int i = 1; i < n; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (h < min_glyph || h > max_glyph || w > kMaxGlyphWidth * h) continue;
    if (w >= kWideChip * h && stats.at<int>(i, cv::CC_STAT_AREA) >= kMaxWideFill * w * h) continue;
    is_glyph[static_cast<std::size_t>(i)] = 255;
    ++glyph_total;
  }
  if (glyph_total < kMinRunGlyphs) return;
  const int gap = std::max(3, static_cast<int>(kWordGap * card_h));
  for (const GlyphRun& run : glyph_runs(labels, is_glyph, {gap, 1})) {
    if (run.glyphs < kMinRunGlyphs || run.box.width < kMinRunAspect * run.box.height) continue;
    out.push_back({run.box, static_cast<float>(run.box.height), light_on_dark});
  }
}

}  // namespace

std::vector<UnreadLine> find_unread_lines(const cv::Mat& prepared, const Page& page) {
  std::vector<UnreadLine> out;
  if (prepared.empty() || prepared.type() != CV_8UC1) return out;
  const int block = std::max(3, static_cast<int>(kInkBlock * prepared.rows) | 1);
  for (const bool light_on_dark : {false, true}) {
    cv::Mat ink;
    // Dark ink is below its neighbourhood's mean by the contrast, light
    // ink above it (on paper nothing is).
    cv::adaptiveThreshold(prepared, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C,
                          light_on_dark ? cv::THRESH_BINARY : cv::THRESH_BINARY_INV, block,
                          light_on_dark ? -kInkContrast : kInkContrast);
    blank_read_words(ink, page);
    runs_of(ink, light_on_dark, out);
  }
  return out;
}

}  // namespace cardscan::ocr
