#include "parse/card_lines.hpp"

#include <algorithm>

#include "parse/lexicon/labels.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

// A gap is a column gutter when it is wider than this many text heights
// (a word space is 0.3-0.6 of one; letter-spaced headings reach 1.0) ...
constexpr double kGutterHeights = 1.2;
// ... and this many times the line's typical word space, so that widely
// spaced type does not split at every word.
constexpr double kGutterVsWordSpace = 2.5;

ocr::Line line_of(const ocr::Line& from, std::size_t begin, std::size_t end) {
  ocr::Line l;
  l.block = from.block;
  l.text_height = from.text_height;
  double confidence = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const ocr::Word& w = from.words[i];
    if (!l.text.empty()) l.text += ' ';
    l.text += w.text;
    confidence += w.confidence;
    l.words.push_back(w);
  }
  const ocr::Word& first = from.words[begin];
  int top = first.box.y, bottom = first.box.bottom();
  for (const auto& w : l.words) {
    top = std::min(top, w.box.y);
    bottom = std::max(bottom, w.box.bottom());
  }
  l.box = {first.box.x, top, from.words[end - 1].box.right() - first.box.x, bottom - top};
  l.confidence = static_cast<float>(confidence / static_cast<double>(end - begin));
  return l;
}

// Words that are only labels ("Mobil / Cell", "E-mail:"): they name what
// the column beside them holds.
bool only_labels(const ocr::Line& line, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    const std::string& w = line.words[i].text;
    const CharCounts n = count_chars(w);
    if (n.letters + n.digits == 0) continue;  // "/", "|"
    if (lexicon::label_kind(w) == lexicon::LabelKind::none) return false;
  }
  return true;
}

}  // namespace

ocr::Page split_at_column_gaps(const ocr::Page& page) {
  ocr::Page out;
  out.width = page.width;
  out.height = page.height;
  for (const auto& line : page.lines) {
    const std::size_t n = line.words.size();
    // Two words have no word space to judge a gap by: a letter-spaced name
    // ("RYO   IMAI") looks like two columns.
    if (n < 3) {
      out.lines.push_back(line);
      continue;
    }
    std::vector<double> gaps;
    for (std::size_t i = 1; i < n; ++i) gaps.push_back(line.words[i].box.x - line.words[i - 1].box.right());
    // The typical word space leaves out the widest gap, the one in question.
    std::vector<double> sorted = gaps;
    std::sort(sorted.begin(), sorted.end());
    sorted.pop_back();
    const double h = std::max(1.0f, line.text_height);
    const double word_space = sorted[sorted.size() / 2];
    std::size_t begin = 0;
    for (std::size_t i = 1; i < n; ++i) {
      const double gap = gaps[i - 1];
      if (gap < kGutterHeights * h || gap < kGutterVsWordSpace * word_space) continue;
      if (only_labels(line, begin, i)) continue;
      out.lines.push_back(line_of(line, begin, i));
      begin = i;
    }
    if (begin == 0) {
      out.lines.push_back(line);
    } else {
      out.lines.push_back(line_of(line, begin, n));
    }
  }
  return out;
}

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
