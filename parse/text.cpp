#include "parse/text.hpp"

#include <algorithm>
#include <cctype>

#include <memory>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "parse/kept_answers.hpp"

namespace cardscan::parse {
namespace {

template <typename F>
void for_each_code_point(std::string_view s, F&& f) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    if (c < 0) c = 0xFFFD;
    f(c);
  }
}

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(len));
}

}  // namespace

std::string trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

std::string to_lower(std::string_view s) {
  // Most text parse lowers is ASCII: ICU's case map (a UTF-16 copy and
  // back) was a tenth of parse's time. Mapping A-Z is what ICU does for
  // ASCII outside Turkish and Azeri locales, where it gives a dotless i
  // that no word list holds anyway.
  if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out(s);
    for (auto& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size()))).toLower().toUTF8String(out);
  return out;
}

std::string to_upper(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size()))).toUpper().toUTF8String(out);
  return out;
}

std::string title_case(std::string_view s) {
  std::string out;
  bool word_start = true;
  for_each_code_point(s, [&](UChar32 c) {
    UChar32 mapped = c;
    if (u_isalpha(c)) {
      mapped = word_start ? u_toupper(c) : u_tolower(c);
      word_start = false;
    } else {
      // Apostrophes keep the word going (O'Neil stays one word, "Neil" after it capitalised
      // is handled by the caller if needed); hyphens and spaces start a new word.
      word_start = c != '\'' && c != 0x2019;
    }
    append_utf8(out, mapped);
  });
  return out;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string fold_letters(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(u, status) : u;
  if (U_FAILURE(status)) decomposed = u;
  decomposed.toLower();
  std::string out;
  std::string utf8;
  decomposed.toUTF8String(utf8);
  for_each_code_point(utf8, [&](UChar32 c) {
    if (u_isalpha(c) && c < 0x80)
      out += static_cast<char>(c);
    else if (c == 0x00DF)
      out += "ss";
    else if (u_isalpha(c) && u_getCombiningClass(c) == 0 && c >= 0x80) {
      append_utf8(out, c);
    }
  });
  return out;
}

std::string repair_digit_lookalikes(std::string_view s) {
  std::string out(s);
  // A token made only of digits, separators and digit look-alikes, with
  // real digits in it, is a number OCR smudged: "41$-$$$-01$$", "(O2)".
  auto lookalike = [](char c) {
    switch (c) {
      case 'O':
      case 'o':
        return '0';
      case 'I':
      case 'l':
      case '|':
        return '1';
      case '$':
        return '5';
      default:
        return '\0';
    }
  };
  struct Token {
    std::size_t begin, end;
    int digits = 0, lookalikes = 0, others = 0;
  };
  std::vector<Token> tokens;
  for (std::size_t start = 0; start < out.size();) {
    std::size_t end = out.find(' ', start);
    if (end == std::string::npos) end = out.size();
    Token t{start, end};
    for (std::size_t i = start; i < end; ++i) {
      const char c = out[i];
      if (std::isdigit(static_cast<unsigned char>(c)))
        ++t.digits;
      else if (lookalike(c))
        ++t.lookalikes;
      else if (std::string_view("-.()/+").find(c) == std::string_view::npos &&
               !(i + 1 == end && (c == ',' || c == ';')))  // "oo1," ends a clause
        ++t.others;
    }
    if (end > start) tokens.push_back(t);
    start = end + 1;
  }
  auto numeric = [](const Token& t) { return t.others == 0 && t.digits >= 2; };
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.others > 0 || t.lookalikes == 0) continue;
    // Mostly digits, or phone-length with some, or a smudged group between two
    // numbers.
    const bool mostly_digits = t.digits >= 2 && t.digits >= t.lookalikes;
    const bool phone_length = t.digits >= 3 && t.digits + t.lookalikes >= 7;
    const bool between_numbers = k > 0 && k + 1 < tokens.size() && numeric(tokens[k - 1]) && numeric(tokens[k + 1]);
    // The second group of a number printed in two ("560 oo1").
    const bool after_number = k > 0 && numeric(tokens[k - 1]) && t.digits >= 1;
    // The trunk zero many countries bracket after their code ("+33 (O) 6").
    const std::string_view text(out.data() + t.begin, t.end - t.begin);
    const bool bracketed_trunk =
        k > 0 && numeric(tokens[k - 1]) && out[tokens[k - 1].begin] == '+' && (text == "(O)" || text == "(o)");
    if (!mostly_digits && !phone_length && !between_numbers && !after_number && !bracketed_trunk) continue;
    for (std::size_t i = t.begin; i < t.end; ++i) {
      if (const char d = lookalike(out[i])) out[i] = d;
    }
  }
  // Inside a spaced number ("415 555 O123") a look-alike between digit groups.
  auto is_digit_at = [&](std::size_t i) { return i < out.size() && std::isdigit(static_cast<unsigned char>(out[i])); };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c != 'O' && c != 'o' && c != 'l' && c != 'I' && c != '|') continue;
    const bool left =
        i > 0 && (is_digit_at(i - 1) || (i > 1 && (out[i - 1] == ' ' || out[i - 1] == '-') && is_digit_at(i - 2)));
    const bool right =
        is_digit_at(i + 1) || (i + 2 < out.size() && (out[i + 1] == ' ' || out[i + 1] == '-') && is_digit_at(i + 2));
    if (left && right) out[i] = (c == 'O' || c == 'o') ? '0' : '1';
  }
  return out;
}

std::string strip_accents(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString decomposed = nfd->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string utf8;
  decomposed.toUTF8String(utf8);
  std::string out;
  for_each_code_point(utf8, [&](UChar32 c) {
    if (u_getCombiningClass(c) == 0 && u_charType(c) != U_NON_SPACING_MARK) append_utf8(out, c);
  });
  return out;
}

std::string normalise_for_compare(std::string_view s) {
  std::string lower = to_lower(s);
  std::string out;
  bool space = false;
  for_each_code_point(lower, [&](UChar32 c) {
    if (u_isalnum(c)) {
      if (space && !out.empty()) out += ' ';
      space = false;
      append_utf8(out, c);
    } else if (u_isspace(c) || c == '-' || c == '/') {
      space = true;
    }
  });
  return out;
}

CharCounts count_chars(std::string_view s) {
  CharCounts n;
  for_each_code_point(s, [&](UChar32 c) {
    if (u_isalpha(c)) {
      ++n.letters;
      if (u_isupper(c)) ++n.upper;
      if (u_islower(c)) ++n.lower;
    } else if (u_isdigit(c)) {
      ++n.digits;
    } else if (u_isspace(c)) {
      ++n.spaces;
    } else {
      ++n.other;
    }
  });
  return n;
}

bool starts_upper(std::string_view word) {
  if (word.empty()) return false;
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), c);
  return c > 0 && u_isupper(c);
}

std::string repair_initial_l(std::string_view line) {
  std::string out(line);
  for (std::size_t i = 0; i + 2 < out.size(); ++i) {
    const bool word_start = i == 0 || out[i - 1] == ' ' || out[i - 1] == '(' || out[i - 1] == '-';
    if (!word_start || out[i] != 'l') continue;
    const char next = out[i + 1];
    if (std::string_view("bcdfghkmnpqrstvwxz").find(next) != std::string_view::npos &&
        std::islower(static_cast<unsigned char>(out[i + 2]))) {
      out[i] = 'I';
    }
  }
  return out;
}

double fuzzy_contains(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return 0;
  // Semi-global alignment: the needle must be matched whole, the haystack
  // may start and end anywhere.
  const std::size_t n = needle.size(), m = haystack.size();
  std::vector<std::size_t> prev(m + 1, 0), cur(m + 1, 0);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t sub = prev[j - 1] + (needle[i - 1] == haystack[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  const std::size_t best = *std::min_element(prev.begin(), prev.end());
  return std::max(0.0, 1.0 - static_cast<double>(best) / static_cast<double>(n));
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {

std::vector<std::string> read_ascii_spellings(std::string_view word) {
  const std::string lower = to_lower(word);
  std::string spelt_out;  // German convention: ä ö ü ß -> ae oe ue ss
  for (std::size_t i = 0; i < lower.size();) {
    const std::string_view rest = std::string_view(lower).substr(i);
    if (rest.rfind("\xC3\xA4", 0) == 0)
      spelt_out += "ae";
    else if (rest.rfind("\xC3\xB6", 0) == 0)
      spelt_out += "oe";
    else if (rest.rfind("\xC3\xBC", 0) == 0)
      spelt_out += "ue";
    else if (rest.rfind("\xC3\x9F", 0) == 0)
      spelt_out += "ss";
    else {
      spelt_out += lower[i];
      ++i;
      continue;
    }
    i += 2;
  }
  // ICU's Latin-ASCII transliteration covers the letters accents do not
  // build: ø -> o, æ -> ae, ł -> l.
  static thread_local std::unique_ptr<icu::Transliterator> to_ascii = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  std::vector<std::string> out;
  for (const std::string& candidate : {lower, spelt_out}) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(candidate);
    if (to_ascii) to_ascii->transliterate(u);
    std::string converted;
    u.toUTF8String(converted);
    std::string ascii;
    for (char ch : converted) {
      if (std::isalnum(static_cast<unsigned char>(ch))) ascii += ch;
    }
    if (!ascii.empty() && std::find(out.begin(), out.end(), ascii) == out.end()) out.push_back(ascii);
  }
  return out;
}

}  // namespace

std::vector<std::string> ascii_spellings(std::string_view word) {
  // An ICU transliteration per word, asked for the same name words by each
  // email repair and again on the card's next reading or mutation (see
  // kept_answers.hpp): at most kKeptSpellings words kept.
  constexpr std::size_t kKeptSpellings = 4096;
  static KeptAnswers<std::vector<std::string>> kept(kKeptSpellings);
  return kept.get(std::string(word), [&] { return read_ascii_spellings(word); });
}

Utf8Char utf8_char_at(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return {1, c};
  std::size_t len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return {};
  }
  if (i + len > s.size()) return {};
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return {};
  return {len, cp};
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for_each_code_point(s, [&](UChar32) { ++n; });
  return n;
}

}  // namespace cardscan::parse
