#pragma once
// Lexicon: the common words of the languages on the cards, from Debian's
// word lists (/usr/share/dict: wamerican, wbritish, wfrench, wspanish,
// witalian, wportuguese, wbrazilian, wdutch, wngerman). Only entries a list
// spells in lower case count: those are ordinary words ("global",
// "services", "lake"), while people's names are spelled capitalised there
// or are absent. A line made of ordinary words is rarely a person's name;
// a line of words no list knows often is. Read once per process; a machine
// without the lists answers "not a common word" throughout.

#include <string_view>

namespace cardscan::parse::lexicon {

// Which lists know a word.
struct WordKnown {
  bool english = false;  // the English lists (curated, common words)
  bool other = false;    // any other language's list (with inflected forms)
  // The English lists also spell it capitalised, as a name ("Lee", "Rose",
  // "King", "Young"): an ordinary word that is a given name or surname too.
  bool name = false;
};

// How the lists know `word`; case is ignored (ICU lower case), accents kept.
[[nodiscard]] WordKnown common_word(std::string_view word);

// How many lower-case entries were read, for tests and --version style checks.
[[nodiscard]] std::size_t common_word_count();

}  // namespace cardscan::parse::lexicon
