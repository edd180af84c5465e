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
  cv::Mat glyphs(ink.size(), CV_8UC1);
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    unsigned char* out = glyphs.ptr<unsigned char>(y);
    for (int x = 0; x < labels.cols; ++x) out[x] = is_glyph[static_cast<std::size_t>(row[x])];
  }
  if (glyph_total < kMinStripGlyphs) return strips;
  const int gap = std::max(3, static_cast<int>(kStackGap * card_h));
  cv::Mat joined;
  cv::morphologyEx(glyphs, joined, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {1, gap}));
  cv::Mat strip_labels, strip_stats, strip_centroids;
  const int m = cv::connectedComponentsWithStats(joined, strip_labels, strip_stats, strip_centroids, 8, CV_32S);
  // Each glyph counts for the strip its pixels fell into.
  std::vector<int> strip_of(static_cast<std::size_t>(n), 0);
  for (int y = 0; y < labels.rows; ++y) {
    const int* glyph_row = labels.ptr<int>(y);
    const int* strip_row = strip_labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) {
      const auto g = static_cast<std::size_t>(glyph_row[x]);
      if (is_glyph[g] && strip_of[g] == 0) strip_of[g] = strip_row[x];
    }
  }
  std::vector<int> glyph_count(static_cast<std::size_t>(m), 0);
  for (std::size_t g = 1; g < strip_of.size(); ++g) {
    if (strip_of[g] > 0) ++glyph_count[static_cast<std::size_t>(strip_of[g])];
  }
  for (int i = 1; i < m; ++i) {
    const int w = strip_stats.at<int>(i, cv::CC_STAT_WIDTH), h = strip_stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (h < kMinStripSpan * card_h || h < kMinStripAspect * w) continue;
    if (glyph_count[static_cast<std::size_t>(i)] < kMinStripGlyphs) continue;
    strips.push_back({strip_stats.at<int>(i, cv::CC_STAT_LEFT), strip_stats.at<int>(i, cv::CC_STAT_TOP), w, h});
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
