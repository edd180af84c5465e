#include "parse/card_language.hpp"

#include <algorithm>
#include <array>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>

#include "parse/text.hpp"

namespace cardscan::parse {

namespace {

// Length of the UTF-8 sequence at s[i] when it is valid (utf8_char_at)
// and interchange-valid as CLD2 wants it (no control other than tab, CR and
// LF, no noncharacter); 0 otherwise.
std::size_t interchange_valid_length(std::string_view s, std::size_t i) {
  const Utf8Char ch = utf8_char_at(s, i);
  const char32_t cp = ch.code_point;
  if (ch.length == 0) return 0;
  if (ch.length == 1) return (cp >= 0x20 && cp != 0x7F) || cp == '\t' || cp == '\n' || cp == '\r' ? 1 : 0;
  if (cp <= 0x9F || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return 0;
  return ch.length;
}

}  // namespace

std::string card_language(std::string_view text) {
  if (text.empty()) return {};
  // CLD2 reads its input as valid UTF-8 without checking, and reads past
  // the buffer's end on bytes that are not (a SIGBUS on OCR or fuzz bytes
  // such as "\377"): each byte that does not start an interchange-valid
  // character becomes U+FFFD, as its header asks, and the text is cut at a
  // character's end. Plain text (not HTML); at most kMaxBytes, more than
  // any card prints.
  constexpr std::size_t kMaxBytes = 1 << 14;
  std::string valid;
  valid.reserve(std::min(text.size(), kMaxBytes));
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = interchange_valid_length(text, i);
    const std::string_view piece = len ? text.substr(i, len) : std::string_view("\xEF\xBF\xBD");
    if (valid.size() + piece.size() > kMaxBytes) break;
    valid += piece;
    i += len ? len : 1;
  }
  bool reliable = false;
  int valid_prefix = 0;
  // The checking entry point too: whatever it still finds invalid makes it
  // answer "unknown" rather than read on.
  const CLD2::Language language =
      CLD2::DetectLanguageCheckUTF8(valid.data(), static_cast<int>(valid.size()), true, &reliable, &valid_prefix);
  if (!reliable || language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::ENGLISH) return {};
  return CLD2::LanguageCode(language);
}

}  // namespace cardscan::parse

namespace cardscan::parse::lexicon {

namespace {

struct Speakers {
  std::string_view language;
  std::array<std::string_view, 8> regions;  // most populous first; "" past the last
};

// Where a card in each language most likely comes from: the countries whose
// national language it is, the most populous first. English is left out:
// cards print it everywhere.
constexpr std::array kSpeakers = {
    Speakers{"pt", {"BR", "PT", "AO", "MZ"}},
    Speakers{"es", {"MX", "ES", "CO", "AR", "PE", "VE", "CL", "EC"}},
    Speakers{"de", {"DE", "AT", "CH"}},
    Speakers{"fr", {"FR", "BE", "CH", "CA", "LU"}},
    Speakers{"it", {"IT", "CH"}},
    Speakers{"nl", {"NL", "BE"}},
    Speakers{"pl", {"PL"}},
    Speakers{"cs", {"CZ"}},
    Speakers{"sk", {"SK"}},
    Speakers{"hu", {"HU"}},
    Speakers{"ro", {"RO", "MD"}},
    Speakers{"sv", {"SE", "FI"}},
    Speakers{"da", {"DK"}},
    Speakers{"no", {"NO"}},
    Speakers{"nb", {"NO"}},
    Speakers{"fi", {"FI"}},
    Speakers{"et", {"EE"}},
    Speakers{"lv", {"LV"}},
    Speakers{"lt", {"LT"}},
    Speakers{"hr", {"HR"}},
    Speakers{"sl", {"SI"}},
    Speakers{"sr", {"RS"}},
    Speakers{"bg", {"BG"}},
    Speakers{"el", {"GR", "CY"}},
    Speakers{"tr", {"TR"}},
    Speakers{"ru", {"RU", "BY", "KZ"}},
    Speakers{"uk", {"UA"}},
    Speakers{"vi", {"VN"}},
    Speakers{"id", {"ID"}},
    Speakers{"ms", {"MY"}},
    Speakers{"tl", {"PH"}},
    Speakers{"th", {"TH"}},
    Speakers{"ja", {"JP"}},
    Speakers{"ko", {"KR"}},
    Speakers{"zh", {"CN", "TW", "HK", "SG"}},
    Speakers{"zh-Hant", {"TW", "HK"}},
    Speakers{"he", {"IL"}},
    Speakers{"iw", {"IL"}},
    Speakers{"ar", {"SA", "EG", "AE", "MA", "DZ", "IQ", "JO", "LB"}},
    Speakers{"fa", {"IR"}},
    Speakers{"hi", {"IN"}},
};

}  // namespace

std::span<const std::string_view> regions_speaking(std::string_view language) {
  for (const Speakers& row : kSpeakers) {
    if (row.language != language) continue;
    std::size_t n = 0;
    while (n < row.regions.size() && !row.regions[n].empty()) ++n;
    return {row.regions.data(), n};
  }
  return {};
}

}  // namespace cardscan::parse::lexicon
