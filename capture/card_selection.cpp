#include "capture/card_selection.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/print_context.hpp"
#include "capture/quad_geometry.hpp"
#include "capture/quad_tuning.hpp"

namespace cardscan::capture {

using namespace tuning;

namespace {

// A gray copy of the picture for reading print: integer-factor area
// averaging (the fast path) to at most kPrintViewSide pixels on the long
// side.
cv::Mat print_view(const cv::Mat& image) {
  const int k = std::max(1, (std::max(image.cols, image.rows) + kPrintViewSide - 1) / kPrintViewSide);
  cv::Mat reduced = image;
  if (k >= 2) cv::resize(image, reduced, cv::Size(image.cols / k, image.rows / k), 0, 0, cv::INTER_AREA);
  cv::Mat gray;
  if (reduced.channels() == 3) {
    cv::cvtColor(reduced, gray, cv::COLOR_BGR2GRAY);
  } else if (reduced.channels() == 4) {
    cv::cvtColor(reduced, gray, cv::COLOR_BGRA2GRAY);
  } else {
    gray = reduced;
  }
  return gray;
}

// `q` in the pixels of a copy `factor` times the size of its own.
Quad scaled(const Quad& q, double factor) {
  Quad g;
  for (std::size_t i = 0; i < 4; ++i) g[i] = q[i] * static_cast<float>(factor);
  return g;
}

}  // namespace

std::vector<Scored> select_cards(std::vector<Scored> scored) {
  // Outlines of one object (the card, the card and its rim, the printed
  // area inside a thin margin) keep the best, preferring the larger when
  // scores are close.
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  std::vector<Scored> objects;
  for (const auto& s : scored) {
    bool merged = false;
    for (auto& o : objects) {
      const double inter = overlap_area(s.quad, o.quad);
      const double small_a = std::min(s.area, o.area), large_a = std::max(s.area, o.area);
      if (inter > kMostlyInside * small_a && small_a > kSameObjectSize * large_a) {
        if (s.area > o.area && s.score > o.score - kPreferLarger) o = s;
        merged = true;
        break;
      }
    }
    if (!merged) objects.push_back(s);
  }

  // Containment: an outline holding other card-like outlines is either a
  // card with printed parts (a colour band or panel lies along the card's
  // own sides; a logo box floats inside) or a sheet, tray or page holding
  // cards, or two cards side by side seen as one.
  std::vector<bool> drop(objects.size(), false);
  for (std::size_t i = 0; i < objects.size(); ++i) {
    std::vector<std::size_t> inside;
    for (std::size_t j = 0; j < objects.size(); ++j) {
      if (i == j || objects[j].area >= objects[i].area) continue;
      if (overlap_area(objects[j].quad, objects[i].quad) > kMostlyInside * objects[j].area) inside.push_back(j);
    }
    bool container = false;
    for (auto j : inside) {
      // Resting on the frame around something that is not: ground or a
      // sheet cut by the frame.
      container = container || objects[j].frame_sides < objects[i].frame_sides;
    }
    for (std::size_t a = 0; a < inside.size() && !container; ++a) {
      for (std::size_t b = a + 1; b < inside.size() && !container; ++b) {
        // Two disjoint card-like outlines of similar size inside: no card
        // has such parts (a band or panel is far smaller or not card-shaped).
        const Scored &oa = objects[inside[a]], &ob = objects[inside[b]];
        if (std::min(oa.area, ob.area) > kCardsAlike * std::max(oa.area, ob.area) &&
            overlap_area(oa.quad, ob.quad) < kCardsDisjoint * std::min(oa.area, ob.area) &&
            std::min(oa.score, ob.score) > objects[i].score - kContainerMargin) {
          container = true;
        }
      }
    }
    if (container) {
      drop[i] = true;
    } else {
      for (auto j : inside) drop[j] = true;
    }
  }
  std::vector<Scored> cards;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (!drop[i]) cards.push_back(objects[i]);
  }

  // Two sides on the frame: only a corner of something is in view, too
  // little to tell a card from a sheet, a plank or a strip of ground.
  std::erase_if(cards, [](const Scored& c) { return c.frame_sides >= kCornerOnlyFrameSides; });

  // Partial overlaps (a card lying on another, a shadow region): best first.
  std::sort(cards.begin(), cards.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  std::vector<Scored> kept;
  for (const auto& s : cards) {
    bool clash = false;
    for (const auto& k : kept) {
      if (overlap_area(s.quad, k.quad) > kClash * std::min(s.area, k.area)) {
        clash = true;
        break;
      }
    }
    if (!clash) kept.push_back(s);
  }
  return kept;
}

std::vector<Scored> keep_on_plain_ground(const cv::Mat& image, double scale, std::vector<Scored> outlines) {
  const cv::Mat gray = print_view(image);
  const double to_gray = static_cast<double>(gray.cols) / image.cols / scale;
  auto in_gray = [&](const Quad& q) { return scaled(q, to_gray); };
  std::vector<Scored> kept;
  for (std::size_t i = 0; i < outlines.size(); ++i) {
    std::vector<Quad> others;
    for (std::size_t j = 0; j < outlines.size(); ++j) {
      if (j != i) others.push_back(in_gray(outlines[j].quad));
    }
    const PrintContext context = read_print_context(gray, in_gray(outlines[i].quad), others);
    if (context.inside > 0 && context.outside <= kMaxPrintAround * context.inside) kept.push_back(outlines[i]);
  }
  return kept;
}

std::vector<Scored> keep_cards_by_print(const cv::Mat& image, double scale, std::vector<Scored> kept,
                                        const CaptureOptions& options) {
  const cv::Mat gray = print_view(image);
  const double to_gray = static_cast<double>(gray.cols) / image.cols / scale;
  auto in_gray = [&](const Quad& q) { return scaled(q, to_gray); };
  // Paper sheets are shaped like squat cards; a page's many letters,
  // smaller relative to it than a card's, tell them apart.
  std::vector<Quad> pages;
  std::erase_if(kept, [&](const Scored& s) {
    if (quad_aspect(s.quad) >= kSheetAspect) return false;
    int letters = 0;
    const double height = letter_scale(gray, in_gray(s.quad), &letters);
    if (page_print(letters, height)) pages.push_back(in_gray(s.quad));
    return page_print(letters, height);
  });

  // Cards in one shot are of similar size: far smaller outlines are print,
  // stickers or other clutter.
  double largest = 0;
  for (const auto& k : kept) largest = std::max(largest, k.area);
  std::erase_if(kept, [&](const Scored& s) { return s.area < kMinCardOfLargest * largest; });
  std::sort(kept.begin(), kept.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  if (static_cast<int>(kept.size()) > options.max_cards) kept.resize(static_cast<std::size_t>(options.max_cards));

  // An outline with far more text around it than inside is a logo box,
  // photo or panel printed on a card that fills the picture (or a finger
  // holding one). Several outlines of like size are a sheet or a table of
  // cards, not parts of one card: only one or two are checked.
  if (!kept.empty() && kept.size() <= kMaxPrintChecked) {
    std::vector<PrintContext> context(kept.size());
    bool part = false;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      std::vector<Quad> others = pages;  // a page's print is not a card's
      for (std::size_t j = 0; j < kept.size(); ++j) {
        if (j != i) others.push_back(in_gray(kept[j].quad));
      }
      context[i] = read_print_context(gray, in_gray(kept[i].quad), others);
      part = part || printed_part(context[i]);
    }
    // A part found means the picture is a close-up of a card: the other
    // outline, if it holds no text either, is a part too (a photo, a finger).
    std::vector<Scored> cards;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      if (!printed_part(context[i]) && !(part && context[i].inside < kMinLettersOfCard)) cards.push_back(kept[i]);
    }
    kept = std::move(cards);
  }
  return kept;
}

}  // namespace cardscan::capture
