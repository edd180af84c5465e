#include "ocr/layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cardscan::ocr {
namespace {

double vertical_overlap(const Box& a, const Box& b) {
  const int top = std::max(a.y, b.y), bottom = std::min(a.bottom(), b.bottom());
  return std::max(0, bottom - top);
}

}  // namespace

void summarise_line(Line& line) {
  std::sort(line.words.begin(), line.words.end(), [](const Word& a, const Word& b) { return a.box.x < b.box.x; });
  line.text.clear();
  int l = line.words.front().box.x, t = line.words.front().box.y, r = l, b = t;
  double conf = 0;
  std::vector<int> heights;
  for (const auto& w : line.words) {
    if (!line.text.empty()) line.text += ' ';
    line.text += w.text;
    l = std::min(l, w.box.x);
    t = std::min(t, w.box.y);
    r = std::max(r, w.box.right());
    b = std::max(b, w.box.bottom());
    conf += w.confidence;
    heights.push_back(w.box.height);
  }
  line.box = {l, t, r - l, b - t};
  line.confidence = static_cast<float>(conf / static_cast<double>(line.words.size()));
  // The tallest words carry capitals or ascenders; the median of the upper
  // half is robust to a stray tall glyph.
  std::sort(heights.begin(), heights.end());
  line.text_height = static_cast<float>(heights[heights.size() * 3 / 4]);
}

std::vector<Line> assemble_lines(std::vector<Word> words, const LayoutOptions& options) {
  std::erase_if(words, [](const Word& w) { return w.text.empty() || w.box.width <= 0 || w.box.height <= 0; });
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.box.x < b.box.x; });

  // Rows: each word joins the line it overlaps vertically and sits close to
  // on the left; otherwise it starts a new line.
  std::vector<Line> lines;
  for (auto& w : words) {
    Line* best = nullptr;
    double best_gap = 0;
    for (auto& line : lines) {
      const Word& last = line.words.back();
      const double h = std::max(last.box.height, w.box.height);
      const double hmin = std::min(last.box.height, w.box.height);
      if (hmin < 0.4 * h) continue;  // very different sizes are different lines
      if (vertical_overlap(last.box, w.box) < options.min_row_overlap * hmin) continue;
      // Words of one line share a baseline (descenders move a bottom by a
      // fraction of the height); a big name next to a small address line
      // overlaps it vertically but sits on another baseline.
      if (std::abs(last.box.bottom() - w.box.bottom()) > 0.35 * h) continue;
      const double gap = w.box.x - last.box.right();
      if (gap > options.max_word_gap * hmin || gap < -0.5 * hmin) continue;
      if (!best || gap < best_gap) {
        best = &line;
        best_gap = gap;
      }
    }
    if (best) {
      best->words.push_back(std::move(w));
    } else {
      lines.emplace_back();
      lines.back().words.push_back(std::move(w));
    }
  }
  for (auto& line : lines) summarise_line(line);

  // Blocks: lines stacked closely with overlapping or aligned horizontal
  // extent belong together (an address, a name with its title).
  const std::size_t n = lines.size();
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const Box& a = lines[i].box;
      const Box& b = lines[j].box;
      if (b.y < a.y) continue;  // look downwards from a
      const double h = std::max(lines[i].text_height, lines[j].text_height);
      const double vgap = b.y - a.bottom();
      if (vgap > options.max_line_gap * h || vertical_overlap(a, b) > 0.5 * std::min(a.height, b.height)) continue;
      const int overlap = std::min(a.right(), b.right()) - std::max(a.x, b.x);
      const bool aligned = std::abs(a.x - b.x) < h || std::abs(a.right() - b.right()) < h ||
                           std::abs((a.x + a.right()) - (b.x + b.right())) < 2 * h;
      if (overlap > 0 && aligned) parent[find(i)] = find(j);
    }
  }
  // Order blocks by their top, then left; lines in a block top to bottom.
  std::vector<std::size_t> roots;
  std::vector<Box> block_box(n);
  std::vector<bool> seen(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t r = find(i);
    if (!seen[r]) {
      seen[r] = true;
      roots.push_back(r);
      block_box[r] = lines[i].box;
    } else {
      Box& bb = block_box[r];
      const Box& lb = lines[i].box;
      const int l = std::min(bb.x, lb.x), t = std::min(bb.y, lb.y);
      const int rr = std::max(bb.right(), lb.right()), b = std::max(bb.bottom(), lb.bottom());
      bb = {l, t, rr - l, b - t};
    }
  }
  std::sort(roots.begin(), roots.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(block_box[a].y, block_box[a].x) < std::pair(block_box[b].y, block_box[b].x);
  });
  std::vector<Line> out;
  for (std::size_t bi = 0; bi < roots.size(); ++bi) {
    std::vector<Line*> members;
    for (std::size_t i = 0; i < n; ++i) {
      if (find(i) == roots[bi]) members.push_back(&lines[i]);
    }
    std::sort(members.begin(), members.end(), [](const Line* a, const Line* b) { return a->box.y < b->box.y; });
    for (Line* m : members) {
      m->block = static_cast<int>(bi);
      out.push_back(std::move(*m));
    }
  }
  return out;
}

}  // namespace cardscan::ocr
