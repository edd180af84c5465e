#include "ocr/vertical_text.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "ocr/unread_lines.hpp"

namespace cardscan::ocr {
namespace {

// A glyph of a turned line, in card heights: from small print (about 1%
// of a card's height) to a large name (12%).
constexpr double kMinGlyph = 0.012, kMaxGlyph = 0.12;
// A glyph is at most this elongated; rules and frame edges are more.
constexpr double kMaxGlyphAspect = 6.0;
// Glyphs of one turned line are stacked with gaps up to a word space;
// closing gaps of this many card heights joins them into one strip.
constexpr double kStackGap = 0.05;
// A strip is one turned line when it is this many times taller than wide,
// spans this much of the card's height and holds this many glyphs.
constexpr double kMinStripAspect = 3.5;
constexpr double kMinStripSpan = 0.18;
constexpr int kMinStripGlyphs = 5;

// The strips of `ink` (marks 255) as find_turned_text describes them.
// `ink` is written (the page's words blanked): the caller's data is lost.
std::vector<Box> strips_of(cv::Mat ink, const Page& page) {
  std::vector<Box> strips;
  const int card_h = ink.rows;
  // What the card's OCR makes of a turned line's glyphs ("E", "AG") is
  // debris, left in for the strips.
  blank_read_words(ink, page);
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<unsigned char> is_glyph(static_cast<std::size_t>(n), 0);
  int glyph_total = 0;
  const double min_glyph = kMinGlyph * card_h, max_glyph = kMaxGlyph * card_h;
  for (int i = 1; i < n; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int longer = std::max(w, h), shorter = std::max(1, std::min(w, h));
    if (longer < min_glyph || longer > max_glyph) continue;
    if (static_cast<double>(longer) / shorter > kMaxGlyphAspect) continue;
    is_glyph[static_cast<std::size_t>(i)] = 255;
    ++glyph_total;
  }
  if (glyph_total < kMinStripGlyphs) return strips;
  const int gap = std::max(3, static_cast<int>(kStackGap * card_h));
  for (const GlyphRun& run : glyph_runs(labels, is_glyph, {1, gap})) {
    const int w = run.box.width, h = run.box.height;
    if (h < kMinStripSpan * card_h || h < kMinStripAspect * w) continue;
    if (run.glyphs < kMinStripGlyphs) continue;
    strips.push_back(run.box);
  }
  return strips;
}

}  // namespace

std::vector<TurnedStrip> find_turned_text(const cv::Mat& prepared, const Page& page) {
  std::vector<TurnedStrip> out;
  if (prepared.empty() || prepared.type() != CV_8UC1) return out;
  cv::Mat dark, light;
  cv::threshold(prepared, dark, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // Light marks: the card's own light ground is one mark far larger than a
  // glyph, and drops out by size.
  cv::bitwise_not(dark, light);
  for (const Box& b : strips_of(dark, page)) out.push_back({b, false});
  for (const Box& b : strips_of(light, page)) out.push_back({b, true});
  return out;
}

}  // namespace cardscan::ocr
