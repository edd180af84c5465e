#pragma once
// UTF-8 text helpers shared by the field finders (ICU underneath).

#include <string>
#include <string_view>
#include <vector>

namespace cardscan::parse {

[[nodiscard]] std::string trim(std::string_view s);
[[nodiscard]] std::string to_lower(std::string_view s);
[[nodiscard]] std::string to_upper(std::string_view s);
// "JANE Q. DOE" -> "Jane Q. Doe"; keeps inner capitals of mixed-case words.
[[nodiscard]] std::string title_case(std::string_view s);
// Splits on ASCII whitespace.
[[nodiscard]] std::vector<std::string> split_words(std::string_view s);
[[nodiscard]] std::string join(const std::vector<std::string>& parts, std::string_view sep);

// Letters only, lower case, accents removed: "Zoë O'Neil-Smith" -> "zoeoneilsmith".
[[nodiscard]] std::string fold_letters(std::string_view s);
// Digits OCR read as look-alike letters ('O'/'o' for 0, 'I'/'l'/'|' for 1,
// '$' for 5) repaired, only inside tokens that are numbers otherwise
// ("41$-$$$-01$$", "Oll37-000"), between digit groups ("415 555 O123") or
// after one with a digit of their own ("560 oo1,").
[[nodiscard]] std::string repair_digit_lookalikes(std::string_view s);
// Accents removed, other characters kept: "ferrarí@x.fr" -> "ferrari@x.fr".
[[nodiscard]] std::string strip_accents(std::string_view s);
// Lower case with punctuation dropped and spaces collapsed: for comparing names and companies.
[[nodiscard]] std::string normalise_for_compare(std::string_view s);

struct CharCounts {
  int letters = 0, upper = 0, lower = 0, digits = 0, spaces = 0, other = 0;
};
[[nodiscard]] CharCounts count_chars(std::string_view s);

// True if the code point at the start of the word is an upper-case letter.
[[nodiscard]] bool starts_upper(std::string_view word);
// OCR reads a capital I as a lower-case l: "lronwood" -> "Ironwood". Only
// where no word of a European language could start: l before a consonant
// other than l, j or y.
[[nodiscard]] std::string repair_initial_l(std::string_view line);
// How well `needle` occurs somewhere in `haystack`, allowing OCR slips:
// 1 - (edit distance of the best-matching substring) / needle length, in [0,1].
[[nodiscard]] double fuzzy_contains(std::string_view haystack, std::string_view needle);
// Levenshtein distance between two byte strings.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);
// How a name word may be spelt in an email address: accents dropped
// ("jurgen") and German umlauts spelt out ("juergen"), lower case.
[[nodiscard]] std::vector<std::string> ascii_spellings(std::string_view word);
// Number of Unicode code points.
[[nodiscard]] std::size_t utf8_length(std::string_view s);

// One UTF-8 character: its length in bytes and its code point.
struct Utf8Char {
  std::size_t length = 0;  // 0: not a valid sequence
  char32_t code_point = 0;
};
// The character starting at s[i] when it is valid UTF-8 (shortest form, no
// surrogate, at most U+10FFFF, RFC 3629); length 0 otherwise. ASCII,
// controls included, is one byte.
[[nodiscard]] Utf8Char utf8_char_at(std::string_view s, std::size_t i);

}  // namespace cardscan::parse
