#include "parse/card_lines.hpp"

#include <algorithm>

#include "parse/text.hpp"

namespace cardscan::parse {

// Icons and logo marks that OCR reads as a stray glyph at the start or end
// of a line ("9 2510 Harbor Blvd" from a map pin, "A Beacon Labs" from a
// logo): short words set apart by a wide gap, or doubtful and not a word.
std::string text_without_edge_marks(const ocr::Line& line) {
  std::vector<const ocr::Word*> words;
  for (const auto& w : line.words) words.push_back(&w);
  if (words.empty()) return trim(line.text);
  const double h = std::max(1.0f, line.text_height);
  // Wide letter-spacing widens every gap: judge gaps against the line's own.
  // The gaps at either end are the ones under suspicion, so the typical gap
  // comes from the inner ones (a normal word space when there are none).
  std::vector<double> gaps;
  for (std::size_t i = 2; i + 1 < words.size(); ++i) gaps.push_back(words[i]->box.x - words[i - 1]->box.right());
  std::sort(gaps.begin(), gaps.end());
  const double typical_gap = gaps.empty() ? 0.35 * h : gaps[gaps.size() / 2];
  auto is_mark = [&](const ocr::Word& w, const ocr::Word& neighbour, bool leading) {
    const CharCounts n = count_chars(w.text);
    const std::size_t len = utf8_length(w.text);
    if (n.letters + n.digits == 0) return true;  // pure symbols
    if (len > 2) return false;
    // A lone accented or foreign letter ("Ọ", "È", "Œ") is an icon OCR forced into a glyph.
    if (len == 1 && static_cast<unsigned char>(w.text[0]) >= 0x80) return true;
    const double gap = leading ? neighbour.box.x - w.box.right() : w.box.x - neighbour.box.right();
    if (gap > std::max(0.75 * h, 2.0 * typical_gap)) return true;
    // A glyph far taller than the text beside it is a logo mark ("Q Meadow").
    if (w.box.height > 1.6 * neighbour.box.height) return true;
    return w.confidence < 45;
  };
  while (words.size() >= 2 && is_mark(*words.front(), *words[1], true)) words.erase(words.begin());
  while (words.size() >= 2 && is_mark(*words.back(), *words[words.size() - 2], false)) words.pop_back();
  std::string out;
  for (const auto* w : words) {
    if (!out.empty()) out += ' ';
    out += w->text;
  }
  return out;
}

std::vector<CardLine> read_card_lines(const ocr::Page& page) {
  std::vector<CardLine> lines;
  for (const auto& l : page.lines) {
    CardLine info;
    info.source = &l;
    info.raw = trim(l.text);
    info.text = repair_initial_l(l.words.empty() ? info.raw : text_without_edge_marks(l));
    info.height = l.text_height;
    info.confidence = l.confidence / 100.0;
    const CharCounts n = count_chars(info.text);
    if (n.letters + n.digits == 0) continue;
    lines.push_back(std::move(info));
  }
  return lines;
}

}  // namespace cardscan::parse
