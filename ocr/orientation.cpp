#include "ocr/orientation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"

namespace cardscan::ocr {
namespace {

// Longest side the layout is read at: letters of a card's small print stay
// a few pixels high, and the whole analysis stays within milliseconds.
constexpr int kLayoutSide = 800;

struct Glyph {
  int x, y, w, h;
  [[nodiscard]] double cx() const { return x + w / 2.0; }
  [[nodiscard]] double cy() const { return y + h / 2.0; }
  [[nodiscard]] int size() const { return std::max(w, h); }
};

// Dark-on-light binary image of the card's print.
cv::Mat binarize(const cv::Mat& card) {
  cv::Mat gray;
  if (card.channels() == 3) {
    cv::cvtColor(card, gray, cv::COLOR_BGR2GRAY);
  } else if (card.channels() == 4) {
    cv::cvtColor(card, gray, cv::COLOR_BGRA2GRAY);
  } else {
    gray = card;
  }
  const double s = static_cast<double>(kLayoutSide) / std::max(gray.cols, gray.rows);
  cv::Mat small;
  cv::resize(gray, small, cv::Size(), s, s, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  // A card whose ground is dark prints light text.
  std::vector<uchar> values(small.begin<uchar>(), small.end<uchar>());
  std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2), values.end());
  if (!values.empty() && values[values.size() / 2] < 110) cv::bitwise_not(small, small);
  cv::Mat bin;
  cv::adaptiveThreshold(small, bin, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 25, 12);
  return bin;
}

// Letter-sized connected components (not rules, frames, logos or noise).
std::vector<Glyph> glyphs_of(const cv::Mat& bin) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(bin, labels, stats, centroids, 8, CV_32S);
  std::vector<Glyph> out;
  const int margin = 3;
  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (std::max(w, h) < 4 || std::max(w, h) > 70 || area < 6) continue;
    if (std::max(w, h) > 6 * std::min(w, h) && std::max(w, h) > 12) continue;  // rules and strokes
    if (x < margin || y < margin || x + w > bin.cols - margin || y + h > bin.rows - margin) continue;
    out.push_back({x, y, w, h});
  }
  return out;
}

// Nearest neighbours of similar size: along a line of text they sit side by
// side, so their direction is the line's.
void vote_line_direction(const std::vector<Glyph>& glyphs, int& horizontal, int& vertical) {
  horizontal = vertical = 0;
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    const Glyph& a = glyphs[i];
    double best = 1e18;
    std::size_t nearest = i;
    for (std::size_t j = 0; j < glyphs.size(); ++j) {
      if (j == i) continue;
      const Glyph& b = glyphs[j];
      const double ratio = static_cast<double>(a.size()) / b.size();
      if (ratio < 0.5 || ratio > 2.0) continue;
      const double dx = b.cx() - a.cx(), dy = b.cy() - a.cy();
      const double d = dx * dx + dy * dy;
      if (d < best) {
        best = d;
        nearest = j;
      }
    }
    if (nearest == i || best > 4.0 * a.size() * a.size() * 4.0) continue;
    const double dx = std::abs(glyphs[nearest].cx() - a.cx()), dy = std::abs(glyphs[nearest].cy() - a.cy());
    if (dx > 2 * dy) ++horizontal;
    if (dy > 2 * dx) ++vertical;
  }
}

// Ascenders and descenders of horizontal text lines in `glyphs`.
void count_extenders(std::vector<Glyph> glyphs, int& ascenders, int& descenders) {
  ascenders = descenders = 0;
  // Group glyphs into lines: overlapping vertically by half the smaller
  // height, close horizontally.
  const std::size_t n = glyphs.size();
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  std::sort(glyphs.begin(), glyphs.end(), [](const Glyph& a, const Glyph& b) { return a.x < b.x; });
  for (std::size_t i = 0; i < n; ++i) {
    const Glyph& a = glyphs[i];
    for (std::size_t j = i + 1; j < n; ++j) {
      const Glyph& b = glyphs[j];
      const int hmax = std::max(a.h, b.h);
      if (b.x > a.x + a.w + 1.5 * hmax) break;  // sorted by x: the rest are further
      const int overlap = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
      const double ratio = static_cast<double>(a.h) / b.h;
      if (overlap >= 0.5 * std::min(a.h, b.h) && ratio > 0.55 && ratio < 1.8) parent[find(i)] = find(j);
    }
  }
  std::vector<std::vector<std::size_t>> lines(n);
  for (std::size_t i = 0; i < n; ++i) lines[find(i)].push_back(i);
  for (const auto& line : lines) {
    if (line.size() < 4) continue;
    std::vector<int> tops, bottoms;
    for (auto i : line) {
      tops.push_back(glyphs[i].y);
      bottoms.push_back(glyphs[i].y + glyphs[i].h);
    }
    std::nth_element(tops.begin(), tops.begin() + static_cast<long>(tops.size() / 2), tops.end());
    std::nth_element(bottoms.begin(), bottoms.begin() + static_cast<long>(bottoms.size() / 2), bottoms.end());
    const double top = tops[tops.size() / 2], bottom = bottoms[bottoms.size() / 2];
    const double xh = bottom - top;
    if (xh < 3) continue;
    for (auto i : line) {
      const Glyph& g = glyphs[i];
      const bool up = g.y < top - 0.3 * xh, down = g.y + g.h > bottom + 0.3 * xh;
      if (up && !down) ++ascenders;
      if (down && !up) ++descenders;
    }
  }
}

}  // namespace

LayoutOrientation orientation_from_layout(const cv::Mat& card) {
  LayoutOrientation out;
  if (card.empty()) return out;
  cv::Mat bin = binarize(card);
  std::vector<Glyph> glyphs = glyphs_of(bin);
  if (glyphs.size() < 10) return out;

  int horizontal = 0, vertical = 0;
  vote_line_direction(glyphs, horizontal, vertical);
  const bool is_vertical = vertical > horizontal;
  out.line_votes = std::max(horizontal, vertical);
  out.across_votes = std::min(horizontal, vertical);
  out.lines_decided = out.line_votes >= 8 && out.line_votes >= 2 * out.across_votes;
  if (!out.lines_decided) return out;
  if (is_vertical) {
    // Lines run down the card: turn it a quarter clockwise so they run
    // across, then tell upright from upside down as for any card.
    cv::rotate(bin, bin, cv::ROTATE_90_CLOCKWISE);
    glyphs = glyphs_of(bin);
  }
  count_extenders(glyphs, out.ascenders, out.descenders);
  const int extenders = out.ascenders + out.descenders;
  const bool upside_down = out.descenders > out.ascenders;
  out.degrees = ((is_vertical ? 90 : 0) + (upside_down ? 180 : 0)) % 360;
  // Upright Latin text has several times as many ascenders (capitals,
  // b d f h k l t) as descenders (g j p q y, commas): taking each extender
  // as up with odds 7:3 when upright and 3:7 when upside down, a lead of
  // four is odds of 30:1 for the majority's reading.
  out.decided = extenders >= 6 && std::abs(out.ascenders - out.descenders) >= 4;
  return out;
}

void orient_card(Engine& engine, capture::CardImage& card) {
  const LayoutOrientation layout = orientation_from_layout(card.pixels);
  if (layout.decided) {
    capture::rotate_card(card, layout.degrees);
    return;
  }
  int degrees = layout.lines_decided ? layout.degrees : 0;
  if (engine.options().detect_orientation) {
    const Orientation o = engine.detect_orientation(card.pixels);
    if (layout.lines_decided) {
      // The line direction is known: OSD only settles upright against
      // upside down, and an answer across the lines is a misreading.
      if (o.degrees == (layout.degrees + 180) % 360 && o.confidence >= 1.0f) degrees = o.degrees;
    } else if (o.confidence >= 1.0f) {
      degrees = o.degrees;
    }
  }
  capture::rotate_card(card, degrees);
}

}  // namespace cardscan::ocr
