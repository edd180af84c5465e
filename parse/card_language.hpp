#pragma once
// The language a card is printed in, from its text alone (CLD2, Debian's
// Compact Language Detector 2: character n-gram statistics, no model to
// download), and the regions where that language is the national one.
// A card that prints no country code, postcode or national domain still
// says where it comes from by the language it is written in: a Portuguese
// card's numbers are read in Brazil's or Portugal's plan before --region's.

#include <span>
#include <string>
#include <string_view>

namespace cardscan::parse {

// The ISO 639-1 code ("pt", "de") of the language most of `text` (UTF-8)
// is in, when the detector is sure of it; "" when it is not (too little
// text, mixed languages, names and numbers only) or the text is English,
// which cards print the world over and so names no region.
[[nodiscard]] std::string card_language(std::string_view text);

}  // namespace cardscan::parse

namespace cardscan::parse::lexicon {

// The regions (ISO 3166-1 alpha-2) whose national language `language`
// (ISO 639-1) is, the most populous first; empty for a language the table
// does not hold. One row per language in parse/card_language.cpp.
[[nodiscard]] std::span<const std::string_view> regions_speaking(std::string_view language);

}  // namespace cardscan::parse::lexicon
