#pragma once
// Ground-truth files (../shared/cards/*/truth.json, samples/truth.json) and
// the normalisations scoring compares with. Both follow
// ../shared/bench/score.py, the scorer the held-out checks use, so that
// `cardscan bench` and score.py give the same figures for the same output.

#include <array>
#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parse/contact.hpp"

namespace cardscan::bench {

struct TruthPhone {
  // The type as the truth file labels it ("work", "mobile", "fax"), compared
  // with norm_phone_type of what was read, as score.py compares; empty when
  // the truth names none (no reading matches it then).
  std::string type;
  std::string text, e164;
};

struct TruthCard {
  std::string name, given, family, title, company, website, address;
  std::string country;   // ISO 3166 code of the card's numbers; empty: US
  std::string language;  // ISO 639 code where labelled (real photos); empty: unknown
  std::vector<std::string> emails;
  std::vector<TruthPhone> phones;
  bool qr = false;
  std::array<std::array<double, 2>, 4> quad{};  // TL, TR, BR, BL of the card as read, displayed pixels
};

struct TruthImage {
  std::string file, kind;
  int exif_orientation = 0;
  std::vector<TruthCard> cards;
};

// Reads a truth.json; the error names what is wrong with it.
[[nodiscard]] std::expected<std::vector<TruthImage>, std::string> load_truth(const std::filesystem::path& path);

// Normalisations the scores use, each as score.py's function of the same name.
// NFKC, case folded, apostrophes dropped, runs of anything but letters,
// digits, _ & @ + as one space.
[[nodiscard]] std::string norm_text(const std::string& s);
// norm_text without honorifics and suffixes (Dr, Prof, Jr, PhD, MBA, ...).
[[nodiscard]] std::string norm_name(const std::string& s);
// Lower case, "mailto:" and surrounding punctuation dropped.
[[nodiscard]] std::string norm_email(const std::string& s);
// Lower case, scheme, www. (www2. ...) and trailing slashes dropped.
[[nodiscard]] std::string norm_website(const std::string& s);
// The E.164 a number is compared by: its e164 when given, else its text
// parsed for `country` (US when empty), else "raw:DIGITS"; nullopt when it
// has neither.
[[nodiscard]] std::optional<std::string> phone_key(const std::string& text, const std::string& e164,
                                                   const std::string& country);
// The ASCII digits of a string, in order ("+1 (415) 555-0123" -> "14155550123").
[[nodiscard]] std::string digits_of(std::string_view s);
// "cell", "Mob.", "M" -> "mobile"; "tel", "office", "T" -> "work"; "F" -> "fax";
// other words are kept (lower case, letters only). Empty stays empty.
[[nodiscard]] std::string norm_phone_type(const std::string& type);
// True for a card in a Latin-script language (en de fr es pt it nl vi) or
// with no language at all: what `--only-latin` keeps.
[[nodiscard]] bool is_latin_card(const TruthCard& card);

}  // namespace cardscan::bench
