#include "parse/card_language.hpp"

#include <algorithm>
#include <array>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>

namespace cardscan::parse {

std::string card_language(std::string_view text) {
  if (text.empty()) return {};
  bool reliable = false;
  // Plain text (not HTML); CLD2 reads at most this many bytes, which is
  // more than any card prints.
  constexpr int kMaxBytes = 1 << 14;
  const int size = static_cast<int>(std::min<std::size_t>(text.size(), kMaxBytes));
  const CLD2::Language language = CLD2::DetectLanguage(text.data(), size, true, &reliable);
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
