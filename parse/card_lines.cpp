#include "parse/card_lines.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "parse/lexicon/labels.hpp"
#include "parse/lexicon/words.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

// A gap is a column gutter when it is wider than this many text heights
// (a word space is 0.3-0.6 of one; letter-spaced headings reach 1.0) ...
constexpr double kGutterHeights = 1.2;
// ... and this many times the line's typical word space, so that widely
// spaced type does not split at every word.
constexpr double kGutterVsWordSpace = 2.5;

// Two runs of words on one baseline whose type sizes differ by this ratio
// (median word heights) are two fields, not one: "Miami, FL 33131 FOXHOLLOW
// NETWORKS CO." The ratio of capitals to x-height is 1.4-1.5, so medians
// over two or more words on each side are compared, never single words.
constexpr double kTypeSizeStep = 1.4;
constexpr std::size_t kMinWordsPerSize = 2;
// ... and only at a gap clearly wider than the line's typical word space
// (a stray mark or a descender changes a two-word median; a field
// boundary also leaves room).
constexpr double kSizeSplitGapVsWordSpace = 1.5;

double median_height(const ocr::Line& line, std::size_t begin, std::size_t end) {
  std::vector<double> h;
  for (std::size_t i = begin; i < end; ++i) h.push_back(line.words[i].box.height);
  std::sort(h.begin(), h.end());
  return h.empty() ? 0 : h[h.size() / 2];
}

ocr::Line line_of(const ocr::Line& from, std::size_t begin, std::size_t end) {
  ocr::Line l;
  l.block = from.block;
  // Its own words' text height (the parts of a line may be set in
  // different sizes): high in the sorted word heights, where capitals and
  // ascenders are, but below the tallest, which may be a mark OCR read as
  // a glyph ("i Chef & Owner").
  std::vector<int> heights;
  for (std::size_t i = begin; i < end; ++i) heights.push_back(from.words[i].box.height);
  std::sort(heights.begin(), heights.end());
  const std::size_t n = heights.size();
  l.text_height = static_cast<float>(heights[n <= 2 ? n - 1 : (n - 1) * 3 / 4]);
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

// Where the line's words change type size, if they do: of the gaps at
// least kSizeSplitGapVsWordSpace typical word spaces wide whose sides'
// median word heights differ by kTypeSizeStep, the widest. 0 when the
// line is in one size.
std::size_t type_size_split(const ocr::Line& line) {
  const std::size_t n = line.words.size();
  if (n < 2 * kMinWordsPerSize) return 0;
  std::vector<double> gaps;
  for (std::size_t i = 1; i < n; ++i) gaps.push_back(line.words[i].box.x - line.words[i - 1].box.right());
  std::vector<double> sorted = gaps;
  std::sort(sorted.begin(), sorted.end());
  const double word_space = sorted[sorted.size() / 2];
  std::size_t best = 0;
  double best_gap = 0;
  for (std::size_t i = kMinWordsPerSize; i + kMinWordsPerSize <= n; ++i) {
    if (gaps[i - 1] < kSizeSplitGapVsWordSpace * word_space || gaps[i - 1] <= best_gap) continue;
    const double a = median_height(line, 0, i), b = median_height(line, i, n);
    if (a <= 0 || b <= 0) continue;
    if (std::max(a, b) / std::min(a, b) >= kTypeSizeStep) {
      best_gap = gaps[i - 1];
      best = i;
    }
  }
  return best;
}

// Pushes the line, cut where its type size changes (each part again: a
// line may hold three sizes, or one size change found after another).
void push_by_type_size(ocr::Page& out, const ocr::Line& line) {
  const std::size_t at = type_size_split(line);
  if (at == 0) {
    out.lines.push_back(line);
    return;
  }
  push_by_type_size(out, line_of(line, 0, at));
  push_by_type_size(out, line_of(line, at, line.words.size()));
}

// Fragments of one printed line that OCR put in two layout blocks ("ISS
// Global" | "Forwarding (Thailand) Co.,Ltd.", "Senior" | "Account", one
// maybe inside the other's span): on one row, in one type size, their
// words in left-to-right order no further apart than this many text
// heights. A word space is 0.3-0.6 of one and letter-spaced type reaches
// about 0.9; a gutter between columns (kGutterHeights) is wider.
constexpr double kFragmentGapHeights = 0.9;
// ... and overlapping by no more than this many heights (OCR's boxes of
// neighbouring words run a little wide; two readings of one word overlap
// far more) ...
constexpr double kFragmentOverlapHeights = 0.2;
// ... sharing this share of the shorter one's height, their middles apart
// by no more than this share of the taller one's (one baseline: a word
// between two rows overlaps both, and is nearer the one it belongs to) ...
constexpr double kFragmentSameRow = 0.6;
constexpr double kFragmentMiddles = 0.3;
// ... and both read as text (mean word confidence, 0..100): beside a photo
// or a logo OCR makes a "line" of noise at any height, which would swallow
// the real line it touches ("guenrer sohaek" | "Günter N. Schäfer").
constexpr float kFragmentMinConfidence = 50.0f;

}  // namespace

bool share_row(const ocr::Box& a, const ocr::Box& b) {
  const int overlap = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
  return overlap >= kFragmentSameRow * std::min(a.height, b.height);
}

namespace {

// `a` and `b` as one line when they are fragments of one: see kFragmentGapHeights.
std::optional<ocr::Line> joined_row(const ocr::Line& a, const ocr::Line& b) {
  if (a.block == b.block || a.words.empty() || b.words.empty()) return std::nullopt;
  if (a.confidence < kFragmentMinConfidence || b.confidence < kFragmentMinConfidence) return std::nullopt;
  const double ha = median_height(a, 0, a.words.size()), hb = median_height(b, 0, b.words.size());
  if (ha <= 0 || hb <= 0 || std::max(ha, hb) / std::min(ha, hb) >= kTypeSizeStep) return std::nullopt;
  if (!share_row(a.box, b.box)) return std::nullopt;
  const double middles = std::abs((a.box.y + a.box.bottom()) - (b.box.y + b.box.bottom())) / 2.0;
  if (middles > kFragmentMiddles * std::max(a.box.height, b.box.height)) return std::nullopt;
  ocr::Line both = a;
  both.words.insert(both.words.end(), b.words.begin(), b.words.end());
  std::stable_sort(both.words.begin(), both.words.end(),
                   [](const ocr::Word& x, const ocr::Word& y) { return x.box.x < y.box.x; });
  const double h = std::max(ha, hb);
  for (std::size_t k = 1; k < both.words.size(); ++k) {
    const double gap = both.words[k].box.x - both.words[k - 1].box.right();
    if (gap > kFragmentGapHeights * h || gap < -kFragmentOverlapHeights * h) return std::nullopt;
  }
  return line_of(both, 0, both.words.size());
}

// OCR may read a piece of a line twice, once within the line and once as
// a line of its own on top of it ("T (0191) 498 0219 / M ..." and "498
// 0219"): a line this share of whose box lies inside a longer line's box,
// and whose text that line holds, is that line's ink read again.
constexpr double kDuplicateInside = 0.8;

bool read_again(const ocr::Line& piece, const ocr::Line& whole) {
  if (piece.words.size() >= whole.words.size() || piece.text.empty()) return false;
  const int w = std::min(piece.box.right(), whole.box.right()) - std::max(piece.box.x, whole.box.x);
  const int h = std::min(piece.box.bottom(), whole.box.bottom()) - std::max(piece.box.y, whole.box.y);
  const double area = static_cast<double>(piece.box.width) * piece.box.height;
  if (w <= 0 || h <= 0 || area <= 0 || w * static_cast<double>(h) < kDuplicateInside * area) return false;
  return whole.text.find(trim(piece.text)) != std::string::npos;
}

}  // namespace

ocr::Page drop_lines_read_twice(const ocr::Page& page) {
  ocr::Page out;
  out.width = page.width;
  out.height = page.height;
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    bool again = false;
    for (std::size_t j = 0; j < page.lines.size() && !again; ++j)
      again = j != i && read_again(page.lines[i], page.lines[j]);
    if (!again) out.lines.push_back(page.lines[i]);
  }
  return out;
}

ocr::Page join_row_fragments(const ocr::Page& page) {
  ocr::Page out;
  out.width = page.width;
  out.height = page.height;
  std::vector<bool> taken(page.lines.size(), false);
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    if (taken[i]) continue;
    ocr::Line line = page.lines[i];
    // Again from the joined line: a row may have been cut into three
    // ("Senior" | "Account" | "Manager").
    for (bool joined = true; joined;) {
      joined = false;
      for (std::size_t j = i + 1; j < page.lines.size() && !joined; ++j) {
        if (taken[j]) continue;
        if (auto both = joined_row(line, page.lines[j])) {
          taken[j] = true;
          line = std::move(*both);
          joined = true;
        }
      }
    }
    out.lines.push_back(std::move(line));
  }
  return out;
}

ocr::Page lay_out_lines(const ocr::Page& page) {
  return split_at_column_gaps(join_row_fragments(drop_lines_read_twice(page)));
}

ocr::Page split_at_column_gaps(const ocr::Page& page) {
  ocr::Page out;
  out.width = page.width;
  out.height = page.height;
  for (const auto& line : page.lines) {
    const std::size_t n = line.words.size();
    // Two words have no word space to judge a gap by: a letter-spaced name
    // ("RYO   IMAI") looks like two columns.
    if (n < 3) {
      push_by_type_size(out, line);
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
      push_by_type_size(out, line_of(line, begin, i));
      begin = i;
    }
    push_by_type_size(out, begin == 0 ? line : line_of(line, begin, n));
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
  // The gap at the end under suspicion is left out of the typical gap
  // ("19 High Street": the gap after "19" is judged against the one after
  // "High"); a normal word space when no other gap is left.
  auto typical_gap_without = [&](std::size_t skipped_gap) {
    std::vector<double> gaps;
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (i != skipped_gap) gaps.push_back(words[i]->box.x - words[i - 1]->box.right());
    }
    std::sort(gaps.begin(), gaps.end());
    return gaps.empty() ? 0.35 * h : gaps[gaps.size() / 2];
  };
  auto is_mark = [&](const ocr::Word& w, const ocr::Word& neighbour, bool leading) {
    const double typical_gap = typical_gap_without(leading ? 1 : words.size() - 1);
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

namespace {

// "Karim lyer": OCR read the capital I of a word after a capitalised one
// as l, before a y. "ly" starts words too ("lyonnaise"), so only a word no
// word list knows is repaired (repair_initial_l takes the other consonants).
std::string repair_initial_l_before_y(const std::string& line) {
  const std::vector<std::string> words = split_words(line);
  std::string out = line;
  std::size_t from = 0;
  for (std::size_t k = 1; k < words.size(); ++k) {
    const std::string& w = words[k];
    const auto at = out.find(w, from);
    if (at == std::string::npos) break;
    from = at + w.size();
    if (w.size() < 3 || w[0] != 'l' || w[1] != 'y' || !std::islower(static_cast<unsigned char>(w[2]))) continue;
    if (!starts_upper(words[k - 1])) continue;
    std::string bare = w;
    while (!bare.empty() && !std::isalpha(static_cast<unsigned char>(bare.back()))) bare.pop_back();
    const lexicon::WordKnown known = lexicon::common_word(bare);
    if (known.english || known.other) continue;
    out[at] = 'I';
  }
  return out;
}

// "Shinjuku BIdg.", "HoIdings": OCR read a lower-case l as a capital I.
// Only after a word's capital first letter and before lower case, where
// no spelling puts a capital I ("McIntosh" has a lower-case letter before).
std::string repair_capital_i_after_initial(const std::string& line) {
  std::string out = line;
  for (std::size_t i = 1; i + 1 < out.size(); ++i) {
    if (out[i] != 'I') continue;
    const bool after_initial = std::isupper(static_cast<unsigned char>(out[i - 1])) &&
                               (i == 1 || !std::isalnum(static_cast<unsigned char>(out[i - 2])));
    if (after_initial && std::islower(static_cast<unsigned char>(out[i + 1]))) out[i] = 'l';
  }
  return out;
}

// "Fínancíal Advísor": accents OCR put on English words. On a line whose
// every word the English lists know once its accents are gone, the words
// no list knows with their accents are read without them ("Café" is French
// and stays; "Milica Čolić" is no English line, though "colic" is a word).
std::string drop_spurious_accents(const std::string& line) {
  auto ascii = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
  };
  if (ascii(line)) return line;
  std::vector<std::string> words = split_words(line);
  for (const auto& w : words) {
    std::string bare = strip_accents(w);
    while (!bare.empty() && !std::isalpha(static_cast<unsigned char>(bare.back()))) bare.pop_back();
    if (count_chars(bare).letters > 0 && !lexicon::common_word(bare).english) return line;
  }
  bool changed = false;
  for (auto& w : words) {
    if (ascii(w)) continue;
    std::string bare = w, tail;
    while (!bare.empty() && std::string_view(".,;:)").find(bare.back()) != std::string_view::npos) {
      tail.insert(tail.begin(), bare.back());
      bare.pop_back();
    }
    const std::string plain = strip_accents(bare);
    if (plain == bare ||
        !std::all_of(plain.begin(), plain.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); }))
      continue;
    const lexicon::WordKnown as_printed = lexicon::common_word(bare);
    if (as_printed.english || as_printed.other || !lexicon::common_word(plain).english) continue;
    w = plain + tail;
    changed = true;
  }
  return changed ? join(words, " ") : line;
}

// "Log istics Coordinator", "RIVERBEND LAND SCAPING": a word OCR cut in
// two. Neighbours in one case style (the second in lower case, or both in
// capitals) that together are a word of the English lists, while one of
// them alone is none, are that word.
std::string join_cut_words(const std::string& line) {
  std::vector<std::string> words = split_words(line);
  if (words.size() < 2) return line;
  auto letters_only = [](const std::string& w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char ch) {
      return std::isalpha(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80;
    });
  };
  auto all_upper = [](const std::string& w) {
    return std::none_of(w.begin(), w.end(), [](char ch) { return std::islower(static_cast<unsigned char>(ch)); });
  };
  auto all_lower = [](const std::string& w) {
    return std::none_of(w.begin(), w.end(), [](char ch) { return std::isupper(static_cast<unsigned char>(ch)); });
  };
  bool changed = false;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    std::string second = words[i + 1], tail;
    while (!second.empty() && std::string_view(".,;:").find(second.back()) != std::string_view::npos) {
      tail.insert(tail.begin(), second.back());
      second.pop_back();
    }
    const std::string& first = words[i];
    if (!letters_only(first) || !letters_only(second)) continue;
    const bool styled = all_lower(second) || (all_upper(first) && all_upper(second));
    if (!styled || first.size() + second.size() < 6) continue;
    const bool first_known = lexicon::common_word(first).english, second_known = lexicon::common_word(second).english;
    if ((first_known && second_known) || !lexicon::common_word(first + second).english) continue;
    words[i] = first + (all_upper(first) ? to_upper(second) : second) + tail;
    words.erase(words.begin() + static_cast<long>(i) + 1);
    changed = true;
  }
  return changed ? join(words, " ") : line;
}

// "Founder& CEO", "Sales &Marketing": an ampersand OCR glued to one of
// its words, spaced on its other side, gets its space back ("AT&T", with
// no space either side, stays).
std::string space_ampersands(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (ch == '&' && i > 0 && i + 1 < line.size()) {
      const bool space_before = line[i - 1] == ' ', space_after = line[i + 1] == ' ';
      if (space_before != space_after) {
        if (!space_before) out += ' ';
        out += '&';
        if (!space_after) out += ' ';
        continue;
      }
    }
    out += ch;
  }
  return out;
}

}  // namespace

std::vector<CardLine> read_card_lines(const ocr::Page& page) {
  std::vector<CardLine> lines;
  for (const auto& l : page.lines) {
    CardLine info;
    info.source = &l;
    info.raw = trim(l.text);
    info.text = space_ampersands(join_cut_words(drop_spurious_accents(repair_capital_i_after_initial(
        repair_initial_l_before_y(repair_initial_l(l.words.empty() ? info.raw : text_without_edge_marks(l)))))));
    info.height = l.text_height;
    info.confidence = l.confidence / 100.0;
    const CharCounts n = count_chars(info.text);
    if (n.letters + n.digits == 0) continue;
    lines.push_back(std::move(info));
  }
  return lines;
}

}  // namespace cardscan::parse
