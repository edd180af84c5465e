#include "tools/bench/truth.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <string_view>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "parse/text.hpp"

namespace cardscan::bench {
namespace {

// A value as score.py's val() reads it: strings trimmed, lists joined with
// ", ", null and "" alike empty.
std::string str(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return {};
  const auto& v = j[key];
  std::string s;
  if (v.is_string()) {
    s = v.get<std::string>();
  } else if (v.is_array()) {
    for (const auto& x : v) {
      if (!x.is_string() || x.get<std::string>().empty()) continue;
      if (!s.empty()) s += ", ";
      s += x.get<std::string>();
    }
  } else {
    s = v.dump();
  }
  return parse::trim(s);
}

// score.py's HONORIFICS: words a name is compared without.
constexpr std::array<std::string_view, 23> kHonorifics = {
    "dr", "mr", "mrs", "ms", "miss", "prof", "jr", "sr", "ii", "iii", "iv", "phd",
    "md", "mba", "cpa", "pe", "esq", "fca", "dipl", "ing", "mag", "msc", "bsc"};

// score.py's TYPE_MAP: phone labels as printed -> the contract's types.
const std::map<std::string, std::string, std::less<>>& phone_type_words() {
  static const std::map<std::string, std::string, std::less<>> words = {
      {"work", "work"},     {"office", "work"},  {"tel", "work"},       {"telephone", "work"}, {"phone", "work"},
      {"voice", "work"},    {"main", "work"},    {"direct", "work"},    {"landline", "work"},  {"business", "work"},
      {"fixed", "work"},    {"p", "work"},       {"t", "work"},         {"o", "work"},         {"w", "work"},
      {"telefon", "work"},  {"mobile", "mobile"}, {"cell", "mobile"},   {"cellular", "mobile"}, {"mob", "mobile"},
      {"handy", "mobile"},  {"mobil", "mobile"}, {"portable", "mobile"}, {"m", "mobile"},      {"c", "mobile"},
      {"iphone", "mobile"}, {"fax", "fax"},      {"facsimile", "fax"},  {"telefax", "fax"},    {"f", "fax"}};
  return words;
}

// Python's \w on str: letters, numbers (any category) and the underscore.
bool is_word_char(UChar32 c) {
  if (c == '_') return true;
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}


std::string strip_chars(std::string s, std::string_view chars) {
  const auto b = s.find_first_not_of(chars);
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

std::string digits_of(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

std::expected<std::vector<TruthImage>, std::string> load_truth(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return std::unexpected("cannot open " + path.string());
  nlohmann::json root;
  try {
    in >> root;
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(path.string() + " is not valid JSON: " + e.what());
  }
  if (!root.is_array()) return std::unexpected(path.string() + ": expected a list of images");
  std::vector<TruthImage> out;
  try {
    for (const auto& img : root) {
      TruthImage t;
      t.file = str(img, "file");
      t.kind = str(img, "kind");
      if (img.contains("exif_orientation") && img["exif_orientation"].is_number()) {
        t.exif_orientation = img["exif_orientation"].get<int>();
      }
      for (const auto& c : img.value("cards", nlohmann::json::array())) {
        TruthCard card;
        card.name = str(c, "name");
        card.given = str(c, "given");
        card.family = str(c, "family");
        card.title = str(c, "title");
        card.company = str(c, "company");
        card.website = str(c, "website");
        card.address = str(c, "address");
        card.country = str(c, "country");
        card.language = str(c, "language");
        card.qr = c.value("qr", false);
        for (const auto& e : c.value("emails", nlohmann::json::array()))
          if (e.is_string() && !e.get<std::string>().empty()) card.emails.push_back(e.get<std::string>());
        for (const auto& p : c.value("phones", nlohmann::json::array())) {
          if (p.is_string()) {
            card.phones.push_back({"", p.get<std::string>(), ""});
          } else {
            card.phones.push_back({str(p, "type"), str(p, "text"), str(p, "e164")});
          }
        }
        if (c.contains("quad") && c["quad"].is_array() && c["quad"].size() == 4) {
          for (std::size_t i = 0; i < 4; ++i)
            card.quad[i] = {c["quad"][i][0].get<double>(), c["quad"][i][1].get<double>()};
        }
        t.cards.push_back(std::move(card));
      }
      if (t.file.empty()) return std::unexpected(path.string() + ": an image entry has no \"file\"");
      out.push_back(std::move(t));
    }
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(path.string() + ": unexpected shape: " + e.what());
  }
  return out;
}

std::string norm_text(const std::string& s) {
  if (s.empty()) return {};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (U_SUCCESS(status)) u = nfkc->normalize(u, status);
  u.foldCase();
  std::string out;
  bool gap = false;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c == '\'' || c == 0x2019 || c == '`' || c == 0xB4) continue;  // apostrophes join
    if (is_word_char(c) || c == '&' || c == '@' || c == '+') {
      if (gap && !out.empty()) out += ' ';
      gap = false;
      icu::UnicodeString(c).toUTF8String(out);
    } else {
      gap = true;
    }
  }
  return out;
}

std::string norm_name(const std::string& s) {
  std::string out, word;
  const std::string n = norm_text(s) + " ";
  for (char c : n) {
    if (c != ' ') {
      word += c;
      continue;
    }
    if (!word.empty() && std::find(kHonorifics.begin(), kHonorifics.end(), word) == kHonorifics.end()) {
      if (!out.empty()) out += ' ';
      out += word;
    }
    word.clear();
  }
  return out;
}

std::string norm_email(const std::string& s) {
  std::string e = ascii_lower(parse::trim(s));
  if (e.rfind("mailto:", 0) == 0) e = e.substr(7);
  return strip_chars(e, " .,;:<>()[]\"'");
}

std::string norm_website(const std::string& s) {
  std::string w = strip_chars(ascii_lower(parse::trim(s)), " .,;:<>()[]\"'");
  const auto scheme = w.find("://");
  if (scheme != std::string::npos && scheme > 0 &&
      std::all_of(w.begin(), w.begin() + static_cast<long>(scheme), [](char c) { return c >= 'a' && c <= 'z'; }))
    w = w.substr(scheme + 3);
  if (w.rfind("www", 0) == 0) {
    std::size_t i = 3;
    if (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
    if (i < w.size() && w[i] == '.') w = w.substr(i + 1);
  }
  while (!w.empty() && w.back() == '/') w.pop_back();
  return w;
}

std::optional<std::string> phone_key(const std::string& text, const std::string& e164, const std::string& country) {
  if (const std::string d = digits_of(e164); !d.empty()) return "+" + d;
  if (text.empty()) return std::nullopt;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  i18n::phonenumbers::PhoneNumber number;
  if (util.Parse(text, country.empty() ? "US" : country, &number) == PhoneNumberUtil::NO_PARSING_ERROR) {
    std::string formatted;
    util.Format(number, PhoneNumberUtil::E164, &formatted);
    return formatted;
  }
  const std::string d = digits_of(text);
  if (d.empty()) return std::nullopt;
  return "raw:" + d;
}

std::string norm_phone_type(const std::string& type) {
  std::string t;
  for (char c : ascii_lower(type))
    if (c >= 'a' && c <= 'z') t += c;
  if (t.empty()) return {};
  const auto& words = phone_type_words();
  const auto it = words.find(t);
  return it == words.end() ? t : it->second;
}

bool is_latin_card(const TruthCard& card) {
  static const std::set<std::string, std::less<>> latin = {"en", "de", "fr", "es", "pt", "it", "nl", "vi"};
  std::string lang = ascii_lower(strip_chars(card.language, " \t"));
  if (lang.empty()) return true;
  std::replace(lang.begin(), lang.end(), '_', '-');
  return latin.count(lang.substr(0, lang.find('-'))) > 0;
}

}  // namespace cardscan::bench
