#include "parse/address_finder.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <vector>

#include "parse/kept_answers.hpp"
#include "parse/lexicon/countries.hpp"
#include "parse/lexicon/labels.hpp"
#include "parse/lexicon/words.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

const std::set<std::string, std::less<>>& street_words() {
  static const std::set<std::string, std::less<>> words = {
      // English
      "street", "st", "avenue", "ave", "av", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive", "dr", "way",
      "court", "ct", "place", "pl", "square", "sq", "parkway", "pkwy", "highway", "hwy", "terrace", "row", "close",
      "crescent", "cres", "suite", "ste", "floor", "fl", "level", "unit", "building", "bldg", "tower", "towers",
      "plaza", "circle", "cir", "trail", "pike", "alley", "wharf", "quay", "mews", "gardens", "gate", "hill", "park",
      "centre", "center", "house", "industrial", "estate", "po", "p.o.", "box", "marg", "nagar", "chowk",
      // German, French, Spanish, Portuguese, Italian, Dutch
      "straße", "strasse", "str", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer", "chaussee", "rue", "avenue",
      "boulevard", "bd", "quai", "chemin", "allée", "impasse", "cours", "bis", "ter", "cedex", "calle", "avenida",
      "avda", "plaza", "paseo", "carrera", "rua", "praça", "travessa", "estrada", "via", "viale", "piazza", "corso",
      "vicolo", "straat", "laan", "plein", "gracht", "no", "nr",
      // Premises and units: the building or office line printed above or
      // below the street (DE, FR, ES/PT/IT, NL, c/o)
      "haus", "hinterhaus", "vorderhaus", "gebäude", "etage", "immeuble", "bâtiment", "batiment", "résidence", "zac",
      "bureau", "étage", "edificio", "edifício", "piso", "andar", "loja", "palazzo", "gebouw", "c/o",
      // Vietnamese (and its English renderings), Turkish: street, ward,
      // district, floor and building words
      "đường", "phường", "quận", "huyện", "tầng", "tòa", "số", "duong", "phuong", "quan", "huyen", "district", "dist", "mah",
      "cad", "sok"};
  return words;
}

std::string bare_word(const std::string& w) {
  std::string out = to_lower(w);
  while (!out.empty() && (out.back() == '.' || out.back() == ',')) out.pop_back();
  return out;
}

// "Quán", "Duòng" (OCR's accents on Vietnamese "Quận", "Đường"), "Park'Building"
// (a glued apostrophe): a street word is matched without its accents and on
// each part of a word OCR joined with an apostrophe.
bool is_street_word(const std::string& bare) {
  if (street_words().count(bare)) return true;
  const bool ascii = std::all_of(bare.begin(), bare.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string plain = ascii ? bare : strip_accents(bare);
  if (!ascii) {
    // đ and ð have no decomposition: Vietnamese đ, and the eth OCR reads for it.
    for (const std::string_view d : {"\u0111", "\u00F0"}) {
      for (auto at = plain.find(d); at != std::string::npos; at = plain.find(d)) plain.replace(at, d.size(), "d");
    }
    if (street_words().count(plain)) return true;
  }
  const auto apostrophe = plain.find('\'');
  if (apostrophe == std::string::npos) return false;
  return street_words().count(plain.substr(0, apostrophe)) > 0 ||
         street_words().count(plain.substr(apostrophe + 1)) > 0;
}

bool mentions_street(const std::string& text) {
  for (const auto& w : split_words(text)) {
    if (is_street_word(bare_word(w))) return true;
  }
  return false;
}

// A city followed by its country: as sure a locality as "20095 Hamburg",
// enough for an address of its own.
constexpr double kCityCountryLocality = 0.8;
// A main city at a line's end, where cards print no postcode ("Hai Ba
// Trung, Ha Noi"): enough to seed an address, not to be one alone (a
// street line must join it: kMinBlockScore).
constexpr double kCityLocality = 0.6;

// A registration label opens its line ("License No.") or follows a state
// or country code ("CA Lic.").
constexpr std::size_t kRegistrationLabelWords = 2;

// The literal parts of the post-box pattern below: a line without any of
// them cannot match it.
bool could_hold_po_box(std::string_view lower) {
  if (!lower.empty() && lower[0] == 'b') return true;  // "BP 349"
  for (const std::string_view word : {"box", "postfach", "apartado", "caixa postal", "casilla"})
    if (lower.find(word) != std::string_view::npos) return true;
  return false;
}

// The longest run of ASCII digits in a row (what std::regex's \d matches in
// the classic locale): "NSW 2000" holds a four-digit postcode at most.
std::size_t longest_digit_run(std::string_view line) {
  std::size_t longest = 0, run = 0;
  for (const char ch : line) {
    run = std::isdigit(static_cast<unsigned char>(ch)) ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// A capital letter right before a digit ("SW1A", "K1A"): British and
// Canadian postcodes start so.
bool has_capital_then_digit(std::string_view line) {
  for (std::size_t i = 0; i + 1 < line.size(); ++i)
    if (line[i] >= 'A' && line[i] <= 'Z' && std::isdigit(static_cast<unsigned char>(line[i + 1]))) return true;
  return false;
}

// "#912" on a line of its own, between the street and the city: the unit,
// enough to continue a street line, not to start an address.
constexpr double kUnitLineStreet = 0.35;
// The unit's number after '#': a few digits, maybe a letter ("#12B").
constexpr std::size_t kMaxUnitDigits = 5;
bool unit_number(const std::string& word) {
  std::string w = word;
  while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
  if (w.size() < 2 || w[0] != '#') return false;
  std::size_t digits = 1;
  while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
  const std::size_t n = digits - 1;
  const bool letter_after = digits + 1 == w.size() && std::isalpha(static_cast<unsigned char>(w[digits]));
  return n >= 1 && n <= kMaxUnitDigits && (digits == w.size() || letter_after);
}

// "Ustics uk": a country code in lower case right after a word, with no
// comma or dash between them, is the end of a domain OCR cut off
// ("...acoustics.co.uk"); "london, uk" and codes in capitals are
// countries. Codes are this many letters at most.
constexpr int kMaxCountryCodeLetters = 3;
bool ends_in_domain_code(std::string_view line) {
  const auto words = split_words(line);
  if (words.size() < 2) return false;
  const std::string& code = words.back();
  const std::string& before = words[words.size() - 2];
  const CharCounts n = count_chars(code);
  return n.letters > 0 && n.letters <= kMaxCountryCodeLetters && lexicon::country_named(code) &&
         code.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos &&
         std::string_view(",-\u2013/|").find(before.back()) == std::string_view::npos &&
         count_chars(before).letters > 0;
}

// A US state's code and the ZIP after it: "CA 94105", "TX 78701-2913".
const std::regex& us_state_and_zip() {
  static const std::regex shape(
      R"(\b(A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\.?,?\s+\d{5}(-\d{4})?\b)");
  return shape;
}

// Words after the ZIP that start another field have at least this many
// letters ("Oakridge Robotics"); fewer are a mark or a stray glyph.
constexpr int kMinFieldLetters = 3;

}  // namespace

std::string without_text_after_zip(std::string_view line_in) {
  const std::string line(line_in);
  if (longest_digit_run(line) < 5) return line;
  std::smatch m;
  if (!std::regex_search(line, m, us_state_and_zip())) return line;
  const std::string head = line.substr(0, static_cast<std::size_t>(m.position(0) + m.length(0)));
  const std::string tail = trim(line.substr(head.size()));
  if (tail.empty() || count_chars(tail).letters < kMinFieldLetters || lexicon::country_named(tail)) return line;
  // "CA 94105, USA": the country after a separator stays.
  std::string bare_tail = tail;
  while (!bare_tail.empty() && std::string_view(",-\u2013|/ ").find(bare_tail.front()) != std::string_view::npos)
    bare_tail.erase(0, 1);
  if (lexicon::country_named(bare_tail)) return line;
  return head;
}

std::string repair_uk_postcode(std::string_view line) {
  // Outward code: one or two letters, a digit (I, l, O read for 1, 1, 0),
  // maybe a letter or digit; inward code: a digit and two letters, never
  // O (nor C, I, K, M, V), so a 0 there is a D.
  static const std::regex shape(R"(\b([A-Z]{1,2})([0-9IlO])([A-Z0-9]?) ?([0-9])([A-Z0]{2})\b)");
  std::string out(line);
  if (!std::any_of(out.begin(), out.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) return out;
  if (!std::any_of(out.begin(), out.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return out;  // the inward code's digit
  std::smatch m;
  std::string::const_iterator from = out.cbegin();
  std::string result;
  while (std::regex_search(from, out.cend(), m, shape)) {
    std::string outward_digit = m[2].str(), inward = m[5].str();
    if (outward_digit == "I" || outward_digit == "l") outward_digit = "1";
    if (outward_digit == "O") outward_digit = "0";
    std::replace(inward.begin(), inward.end(), '0', 'D');
    result.append(from, m[0].first);
    const std::string space = m[0].str().find(' ') != std::string::npos ? " " : "";
    result += m[1].str() + outward_digit + m[3].str() + space + m[4].str() + inward;
    from = m[0].second;
  }
  result.append(from, out.cend());
  return result;
}

namespace {

// address_evidence without its kept answers.
AddressEvidence read_address_evidence(std::string_view line_in) {
  AddressEvidence ev;
  const std::string line = repair_uk_postcode(trim(line_in));
  if (line.empty()) return ev;
  const std::string lower = to_lower(line);
  const bool domain_code = ends_in_domain_code(line);
  if (const auto c = lexicon::country_named(line); c && !domain_code) {
    ev.country = true;
    ev.region = std::string(c->region);
    return ev;
  }
  const auto words = split_words(line);
  // "555-0127 maximilian.braun@up": an email OCR cut short makes a contact
  // line, whatever shapes its numbers have.
  if (line.find('@') != std::string::npos) return ev;
  // "License No. C-921527", "VAT No. GB 568 2473 68", "CA Lic. 771892": a
  // registration number is printed near the address but is none of it.
  for (std::size_t i = 0; i < words.size() && i < kRegistrationLabelWords; ++i) {
    if (lexicon::label_kind(words[i]) == lexicon::LabelKind::not_phone) return ev;
  }
  bool has_number = false, has_street_word = false, starts_number = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string w = bare_word(words[i]);
    if (!w.empty() && std::isdigit(static_cast<unsigned char>(w[0]))) {
      has_number = true;
      if (i == 0) starts_number = true;
    } else if (std::any_of(w.begin(), w.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
      has_number = true;  // "No.33", "#114"
    }
    if (is_street_word(w)) has_street_word = true;
    // German compounds: "Lindenallee", "Hauptstraße", "Bergweg"; not an
    // ordinary English word that ends the same way ("Engineering").
    for (const char* suffix : {"straße", "strasse", "str.", "weg", "allee", "platz", "gasse", "ring", "damm"}) {
      const std::string s = suffix;
      if (w.size() > s.size() + 2 && w.compare(w.size() - s.size(), s.size(), s) == 0 &&
          !lexicon::common_word(w).english)
        has_street_word = true;
    }
  }
  if (has_street_word && has_number)
    ev.street = 0.9;
  else if (starts_number && words.size() >= 2 && words.size() <= 8)
    ev.street = 0.5;
  else if (has_street_word && words.size() >= 2)
    ev.street = 0.35;
  else if (has_street_word && words.size() == 1 && !lexicon::common_word(bare_word(words[0])).english)
    ev.street = 0.35;  // a premises word alone ("Hinterhaus", "Immeuble"), not "Park" or "House"
  else if (words.size() == 1 && unit_number(words[0]))
    ev.street = kUnitLineStreet;
  // std::regex is parse's slowest part: compiled once (per call it was half
  // of parse's time), and run only on lines that could match.
  // Post boxes: EN, FR ("BP 349"), DE, ES, PT, ES (Chile, Argentina).
  static const std::regex po_box(
      R"((\bp\.?\s?o\.?\s?box\b|^b\.?\s?p\.?\s+\d|\bpostfach\s+\d|\bapartado\b|\bcaixa postal\b|\bcasilla\b))");
  if (could_hold_po_box(lower) && std::regex_search(lower, po_box)) ev.street = 1.0;
  // Block numbers and the postcode shapes need digits: each pattern below
  // runs only where its digits (and capital before a digit) can be found.
  const std::size_t digit_run = longest_digit_run(line);
  const bool has_digit = digit_run > 0;
  const bool capital_then_digit = has_capital_then_digit(line);
  // Block addresses of Japan and Korea: "2-10-14", "1-2-17" (chome-ban-go).
  static const std::regex block_number(R"((^|[\s,])\d{1,4}-\d{1,2}-\d{1,3}(?![\d-]))");
  if (has_digit && ev.street < 0.7 && words.size() >= 2 && std::regex_search(line, block_number)) ev.street = 0.7;

  const std::regex& us_zip = us_state_and_zip();
  // "CLARKSTON, MICHIGAN 48348": the state spelled out before the ZIP.
  static const std::regex us_state_zip(
      R"(\b(alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|)"
      R"(illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|)"
      R"(mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|)"
      R"(north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|)"
      R"(utah|vermont|virginia|washington|west virginia|wisconsin|wyoming),?\s+\d{5}(-\d{4})?\b)");
  static const std::regex ca_post(R"(\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b)");
  static const std::regex gb_post(R"(\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b)");
  static const std::regex au_post(R"(\b(NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\s+\d{4}\b)");
  // "Pune 411 001", "NEW DELHI-110029", "Mumbai 400 001, Maharashtra": the
  // six-digit PIN after the city, maybe followed by the state.
  static const std::regex in_pin(R"([A-Za-z]+\s*(?:-|–|,)?\s*\d{3}\s?\d{3}(?:,\s*[A-Za-z][A-Za-z ]{2,24})?$)");
  static const std::regex eu_post(R"((^|,\s*|\s)(D-|F-|A-|CH-|I-|E-)?\d{4,5}\s+([^\s\d,][^\s,]+.*)$)");
  static const std::regex nl_post(R"(\b\d{4}\s?[A-Z]{2}\s+[A-Z][a-z]+)");
  // A postcode whose shape names its country ("690-0826", "01137-000"),
  // on a line that also holds a place name.
  // A line with a phone label ("Tel 555-0123") is a number, not a postcode.
  int letter_words = 0;
  bool labelled = false;
  for (const auto& w : words) {
    letter_words += count_chars(w).letters >= 3 ? 1 : 0;
    const auto kind = lexicon::label_kind(w);
    labelled = labelled || lexicon::is_phone_label(kind) || kind == lexicon::LabelKind::not_phone;
  }
  std::string shaped_region;
  if (has_digit && letter_words >= 1 && !labelled) {
    // Compiled once, in the table's order (compiling them per line was most of parse's time).
    static const std::vector<std::regex> shapes = [] {
      std::vector<std::regex> out;
      for (const auto& c : lexicon::countries())
        out.emplace_back(c.postcode.empty() ? std::string("$^") : std::string(c.postcode), std::regex::icase);
      return out;
    }();
    // The digits in a row each shape needs: its longest "\d{n}" when the
    // shape has no alternative or optional part (then every match holds
    // one), else 1. Searching only lines with such a run keeps std::regex
    // off most lines.
    static const std::vector<std::size_t> digits_needed = [] {
      std::vector<std::size_t> out;
      for (const auto& c : lexicon::countries()) {
        const std::string_view shape = c.postcode;
        std::size_t need = 1;
        if (shape.find_first_of("|?*(") == std::string_view::npos) {
          for (auto at = shape.find("\\d{"); at != std::string_view::npos; at = shape.find("\\d{", at + 1)) {
            std::size_t n = 0, i = at + 3;
            while (i < shape.size() && std::isdigit(static_cast<unsigned char>(shape[i]))) n = n * 10 + (shape[i++] - '0');
            if (i < shape.size() && shape[i] == '}') need = std::max(need, n);
          }
        }
        out.push_back(need);
      }
      return out;
    }();
    for (std::size_t k = 0; k < lexicon::countries().size(); ++k) {
      const auto& c = lexicon::countries()[k];
      if (c.postcode.empty() || digit_run < digits_needed[k]) continue;
      const std::regex& re = shapes[k];
      std::smatch m;
      if (!std::regex_search(line, m, re)) continue;
      // Not the tail of a phone number ("617-555-0172", "(03) 355-0169").
      auto before = static_cast<std::size_t>(m.position(0));
      while (before > 0 && line[before - 1] == ' ') --before;
      if (before == 0 || std::string_view("0123456789-.)+/").find(line[before - 1]) == std::string_view::npos) {
        shaped_region = std::string(c.region);
        break;
      }
    }
  }
  if (digit_run >= 5 && (std::regex_search(line, us_zip) || std::regex_search(lower, us_state_zip))) {
    ev.locality = 1.0;
    ev.region = "US";
  } else if (digit_run >= 4 && std::regex_search(line, au_post)) {
    ev.locality = 1.0;
    ev.region = "AU";
  } else if (capital_then_digit && std::regex_search(line, ca_post)) {
    ev.locality = 0.95;
    ev.region = "CA";
  } else if (capital_then_digit && std::regex_search(line, gb_post)) {
    ev.locality = 0.9;
    ev.region = "GB";
  } else if (!shaped_region.empty()) {
    ev.locality = 0.85;
    ev.region = shaped_region;
  } else if (std::smatch em; digit_run >= 4 && std::regex_search(line, em, eu_post) && !mentions_street(em[3].str())) {
    // "20095 Hamburg", not "2457 Main Street".
    ev.locality = 0.8;
  } else if (digit_run >= 4 && std::regex_search(line, nl_post)) {
    ev.locality = 0.7;
    ev.region = "NL";
  } else if (digit_run >= 3 && std::regex_search(line, in_pin)) {
    ev.locality = 0.6;
    ev.region = "IN";  // six-digit PIN after the city
  }
  if (ev.locality < kCityLocality) {
    if (const auto c = lexicon::country_of_city_at_end(line)) {
      ev.locality = kCityLocality;
      if (ev.region.empty()) ev.region = std::string(c->region);
    }
  }
  // "Madrid, Spain", "Dubai - UAE": a city line that ends with its country.
  if (const auto c = lexicon::country_at_end(line); c && !domain_code) {
    ev.country = true;
    // Alone ("Madrid, Spain") it is the whole address many cards print.
    ev.locality = std::max(ev.locality, kCityCountryLocality);
    if (ev.region.empty()) ev.region = std::string(c->region);
  }
  return ev;
}

}  // namespace

AddressEvidence address_evidence(std::string_view line) {
  // Every line is judged two or three times a card (its text, then what the
  // shape fields left of it, often the same text) and again on the card's
  // next reading or mutation (see kept_answers.hpp): at most
  // kKeptAddressAnswers lines (a few hundred cards') are kept.
  constexpr std::size_t kKeptAddressAnswers = 16384;
  static KeptAnswers<AddressEvidence> kept(kKeptAddressAnswers);
  return kept.get(std::string(line), [&] { return read_address_evidence(line); });
}

std::string repair_street_word_l(std::string_view line) {
  // Only a line with a number can be a street line; most lines have none.
  if (std::none_of(line.begin(), line.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
    return std::string(line);
  std::vector<std::string> words = split_words(line);
  bool changed = false;
  for (auto& w : words) {
    if (w.find('i') == std::string::npos) continue;
    const std::string bare = bare_word(w);
    if (is_street_word(bare) || lexicon::common_word(bare).english || lexicon::common_word(bare).other) continue;
    std::string with_l = w;
    std::replace(with_l.begin(), with_l.end(), 'i', 'l');
    if (!is_street_word(bare_word(with_l))) continue;
    w = with_l;
    changed = true;
  }
  return changed ? join(words, " ") : std::string(line);
}

namespace {

std::string read_address_line_text(std::string_view line) {
  return repair_uk_postcode(space_unit_numbers(repair_street_word_l(repair_digit_lookalikes(line))));
}

}  // namespace

std::string address_line_text(std::string_view line) {
  // Four rewrites, two of them std::regex, of a line read again on the
  // card's next reading or mutation: at most kKeptAddressLines kept.
  constexpr std::size_t kKeptAddressLines = 16384;
  static KeptAnswers<std::string> kept(kKeptAddressLines);
  return kept.get(std::string(line), [&] { return read_address_line_text(line); });
}

std::string space_unit_numbers(std::string_view line) {
  static const std::regex unit_re(R"(\b(Unit|Suite|Ste\.|Apt\.?|No\.|Nr\.|Floor|Level|Box|Room|Rm\.)(\d))",
                                  std::regex::icase);
  static const std::regex comma_re(R"(,(\d))");  // "Level 37,175 Hay St": addresses have no thousands
  // Both patterns need a letter, '.' or ',' right before a digit; most lines have none.
  bool could_match = false;
  for (std::size_t i = 1; i < line.size() && !could_match; ++i) {
    const auto before = static_cast<unsigned char>(line[i - 1]);
    could_match =
        std::isdigit(static_cast<unsigned char>(line[i])) && (std::isalpha(before) || before == '.' || before == ',');
  }
  if (!could_match) return std::string(line);
  return std::regex_replace(std::regex_replace(std::string(line), unit_re, "$1 $2"), comma_re, ", $1");
}

PostalAddress split_address(const std::vector<std::string>& lines) {
  PostalAddress parts;
  if (lines.empty()) return parts;
  std::vector<std::string> rest = lines;
  if (rest.size() > 1 && lexicon::country_named(rest.back())) {
    parts.country = trim(rest.back());
    rest.pop_back();
  }
  const std::string last = rest.back();
  static const std::regex us_like(R"(^(.*?),?\s+([A-Z]{2,3})\.?,?\s+(\d{4,5}(?:-\d{4})?)$)");
  static const std::regex eu_like(R"(^(?:[A-Z]{1,2}-)?(\d{4,5})\s+(.+)$)");
  static const std::regex gb_like(R"(^(.*?)\s+([A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$)");
  static const std::regex pin_like(R"(^(.*?)\s*(?:-|–|,)?\s*(\d{3}\s?\d{3})(?:,\s*([A-Za-z][A-Za-z ]+))?$)");
  std::smatch m;
  bool matched = true;
  if (std::regex_match(last, m, us_like)) {
    parts.city = trim(m[1].str());
    parts.region = m[2].str();
    parts.postcode = m[3].str();
  } else if (std::regex_match(last, m, eu_like)) {
    parts.postcode = m[1].str();
    parts.city = trim(m[2].str());
  } else if (std::regex_match(last, m, gb_like)) {
    parts.city = trim(m[1].str());
    parts.postcode = m[2].str();
  } else if (std::regex_match(last, m, pin_like)) {
    parts.city = trim(m[1].str());
    parts.postcode = m[2].str();
    if (m[3].matched) parts.region = trim(m[3].str());
  } else {
    matched = false;
  }
  if (matched) rest.pop_back();
  // A city printed on the street line: "111 Deansgate, Bristol BS1 5TR" was
  // handled above; "Lindenallee 134, 20095 Hamburg" splits at the comma.
  if (parts.city.find(',') != std::string::npos) {
    const auto comma = parts.city.rfind(',');
    rest.push_back(trim(parts.city.substr(0, comma)));
    parts.city = trim(parts.city.substr(comma + 1));
  }
  if (!parts.city.empty() && parts.city.back() == ',') parts.city.pop_back();
  parts.street = join(rest, ", ");
  return parts;
}

}  // namespace cardscan::parse
