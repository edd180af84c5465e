#include "ocr/orientation.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <vector>

#include <opencv2/imgproc.hpp>

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
      const bool up = g.y<top - 0.3 * xh, down = g.y + g.h> bottom + 0.3 * xh;
      if (up && !down) ++ascenders;
      if (down && !up) ++descenders;
    }
  }
}

// The line of `bin` (lines running across) richest in letters, cut to at
// most some thirty letters' width around its densest stretch. Empty when
// there is too little text.
cv::Rect densest_line(const std::vector<Glyph>& glyphs, cv::Size size) {
  if (glyphs.size() < 8) return {};
  std::vector<int> heights;
  for (const auto& g : glyphs) heights.push_back(g.h);
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  const int h = std::max(4, heights[heights.size() / 2]);
  std::vector<int> profile(static_cast<std::size_t>(size.height) + 1, 0);
  for (const auto& g : glyphs)
    ++profile[static_cast<std::size_t>(std::clamp(static_cast<int>(g.cy()), 0, size.height))];
  const int window = std::max(2, h * 2 / 3);
  int best = -1, best_y = 0, sum = 0;
  for (int y = 0; y <= size.height; ++y) {
    sum += profile[static_cast<std::size_t>(y)];
    if (y >= window) sum -= profile[static_cast<std::size_t>(y - window)];
    if (sum > best) {
      best = sum;
      best_y = y - window + 1;
    }
  }
  if (best < 5) return {};
  std::vector<const Glyph*> line;
  for (const auto& g : glyphs) {
    if (g.cy() >= best_y && g.cy() < best_y + window) line.push_back(&g);
  }
  std::sort(line.begin(), line.end(), [](const Glyph* a, const Glyph* b) { return a->x < b->x; });
  // The stretch of at most `span` pixels holding the most letters.
  const int span = 22 * h;
  std::size_t first = 0, best_first = 0, best_last = 0;
  for (std::size_t last = 0; last < line.size(); ++last) {
    while (line[last]->x + line[last]->w - line[first]->x > span) ++first;
    if (last - first > best_last - best_first) {
      best_first = first;
      best_last = last;
    }
  }
  int x0 = size.width, x1 = 0, y0 = size.height, y1 = 0;
  for (std::size_t i = best_first; i <= best_last; ++i) {
    x0 = std::min(x0, line[i]->x);
    x1 = std::max(x1, line[i]->x + line[i]->w);
    y0 = std::min(y0, line[i]->y);
    y1 = std::max(y1, line[i]->y + line[i]->h);
  }
  const int pad = h / 2 + 2;
  return cv::Rect(cv::Point(x0 - pad, y0 - pad), cv::Point(x1 + pad, y1 + pad)) & cv::Rect(cv::Point(0, 0), size);
}

// How much a read of `strip` looks like text: letters and digits of the
// words read, weighted by Tesseract's confidence in each word.
double reading_score(Engine& engine, const cv::Mat& strip) {
  const Page page = engine.read(strip);
  double score = 0;
  for (const auto& line : page.lines) {
    for (const auto& word : line.words) {
      int alnum = 0;
      for (unsigned char c : word.text) alnum += std::isalnum(c) != 0 ? 1 : 0;
      // Upside-down print yields short scraps, some of them read with
      // confidence ("an", "3d"); real words run longer.
      if (alnum >= 3) score += alnum * std::max(0.0f, word.confidence - 40.0f) / 60.0;
    }
  }
  return score;
}

}  // namespace

bool probe_clear(const UpsideDownProbe& probe) {
  const double win = std::max(probe.as_is, probe.flipped), lose = std::min(probe.as_is, probe.flipped);
  return probe.read && win >= 5 && win >= 2 * lose + 2;
}

UpsideDownProbe probe_upside_down(Engine& engine, const cv::Mat& card, int degrees) {
  UpsideDownProbe out;
  if (card.empty()) return out;
  static constexpr cv::RotateFlags flags[] = {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_180, cv::ROTATE_90_COUNTERCLOCKWISE};
  const int turns = ((degrees / 90) % 4 + 4) % 4;
  cv::Mat turned;  // a new buffer: turning in place would turn the caller's card
  if (turns != 0) {
    cv::rotate(card, turned, flags[turns - 1]);
  } else {
    turned = card;
  }
  const cv::Mat bin = binarize(turned);
  std::vector<Glyph> glyphs = glyphs_of(bin);
  const double s = static_cast<double>(turned.cols) / bin.cols;  // layout pixels to card pixels
  // The densest line first; the next ones while the readings are not yet
  // clearly apart (a line may be a logo, or print too small to read).
  for (int line = 0; line < 3; ++line) {
    const cv::Rect band = densest_line(glyphs, bin.size());
    if (band.empty()) break;
    std::vector<int> heights;
    for (const auto& g : glyphs) {
      if (band.contains(cv::Point(cvRound(g.cx()), cvRound(g.cy())))) heights.push_back(g.h);
    }
    std::erase_if(glyphs, [&](const Glyph& g) { return g.cy() >= band.y && g.cy() < band.y + band.height; });
    const cv::Rect in_card =
        cv::Rect(cvRound(band.x * s), cvRound(band.y * s), cvRound(band.width * s), cvRound(band.height * s)) &
        cv::Rect(0, 0, turned.cols, turned.rows);
    if (in_card.width < 16 || in_card.height < 8 || heights.empty()) continue;
    // At the letter size Tesseract reads best (and fastest): some 26 pixels.
    std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
    const double f = std::clamp(26.0 / (heights[heights.size() / 2] * s), 0.2, 1.5);
    cv::Mat strip;
    cv::resize(turned(in_card), strip, cv::Size(), f, f, f < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
    cv::Mat flipped;
    cv::rotate(strip, flipped, cv::ROTATE_180);
    out.as_is += reading_score(engine, strip);
    out.flipped += reading_score(engine, flipped);
    out.read = true;
    if (probe_clear(out)) break;
  }
  return out;
}

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

OrientationDecision decide_orientation(Engine& engine, const cv::Mat& card, bool whole_image) {
  const LayoutOrientation layout = orientation_from_layout(card);
  // A decided layout is enough on a card's own face; a whole picture kept
  // as the card also holds the ground's clutter, whose marks pass for
  // extenders, and needs many extenders mostly one way.
  const int more = std::max(layout.ascenders, layout.descenders), fewer = std::min(layout.ascenders, layout.descenders);
  if (layout.decided && (!whole_image || (more + fewer >= 10 && more >= 3 * fewer))) {
    // Extenders are not independent: a line of capitals or small caps set
    // above larger print, or a script face, can stack a lead of three to
    // one the wrong way up (train cards read upside down from leads of
    // 15:11, 20:16 and 27:9). Reading a line both ways up is the stronger
    // evidence, so a clear reading overrules the shape; one that reads
    // neither way leaves the shape's answer.
    const UpsideDownProbe probe = probe_upside_down(engine, card, layout.degrees);
    if (probe_clear(probe) && probe.flipped > probe.as_is) {
      return {(layout.degrees + 180) % 360, OrientedBy::reading};
    }
    return {layout.degrees, OrientedBy::layout};
  }
  if (layout.lines_decided) {
    // The line direction is known: read a line both ways up. Upright text
    // reads as confident words, upside-down text as low-confidence scraps.
    const UpsideDownProbe probe = probe_upside_down(engine, card, layout.degrees);
    if (probe_clear(probe)) {
      return {(layout.degrees + (probe.flipped > probe.as_is ? 180 : 0)) % 360, OrientedBy::reading};
    }
    if (layout.decided) {
      return {layout.degrees, OrientedBy::layout};
    }
  }
  // Lines not clear (sparse or non-Latin print), or a line that reads
  // neither way: Tesseract's orientation detection.
  int degrees = layout.lines_decided ? layout.degrees : 0;
  OrientedBy by = layout.lines_decided ? OrientedBy::layout : OrientedBy::nothing;
  if (engine.options().detect_orientation) {
    by = OrientedBy::osd;
    const Orientation o = engine.detect_orientation(card);
    if (layout.lines_decided) {
      // The line direction is known: OSD only settles upright against
      // upside down, and an answer across the lines is a misreading.
      if (o.degrees == (layout.degrees + 180) % 360 && o.confidence >= 1.0f) degrees = o.degrees;
    } else if (o.confidence >= 1.0f) {
      degrees = o.degrees;
    }
  }
  return {degrees, by};
}

}  // namespace cardscan::ocr
