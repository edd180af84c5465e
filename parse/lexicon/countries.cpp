#include "parse/lexicon/countries.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parse/text.hpp"

namespace cardscan::parse::lexicon {
namespace {

constexpr Country kCountries[] = {
    {"US", "usa|u.s.a|united states|united states of america", "", true},
    {"CA", "canada", "", true},
    {"GB", "uk|u.k|united kingdom|england|scotland|wales|great britain", "", true},
    {"IE", "ireland|éire", "", true},
    {"DE", "germany|deutschland", ""},
    {"AT", "austria|österreich", ""},
    {"CH", "switzerland|schweiz|suisse|svizzera", ""},
    {"FR", "france", ""},
    {"BE", "belgium|belgique|belgië", ""},
    {"NL", "netherlands|the netherlands|nederland|holland", ""},
    {"LU", "luxembourg", ""},
    {"IT", "italy|italia", ""},
    {"ES", "spain|españa", ""},
    {"PT", "portugal", R"(\b\d{4}-\d{3}\b)"},
    {"BR", "brazil|brasil", R"(\b\d{5}-\d{3}\b)"},
    {"AR", "argentina", R"(\b[A-Z]\d{4}[A-Z]{3}\b)"},
    {"MX", "mexico|méxico", ""},
    {"CL", "chile", ""},
    {"CO", "colombia", ""},
    {"PE", "peru|perú", ""},
    {"IN", "india", "", true},
    {"SG", "singapore", R"(\bsingapore\s+\d{6}\b)", true},
    {"MY", "malaysia", "", true},
    {"TH", "thailand", "", true, "", "bangkok|chiang mai|pattaya|phuket"},
    // Vietnamese stacks a tone mark on a vowel mark ("Việt", "Phường"): the
    // Latin model reads "Viêt", "Phuòng"; vie reads them as printed.
    {"VN", "vietnam|viet nam|việt nam", "", true, "vie",
     "ha noi|hà nội|hanoi|ho chi minh city|ho chi minh|hồ chí minh|tp. hồ chí minh|tp.hồ chí minh|hcm|hcmc|tp.hcm|tp. hcm|"
     "tphcm|da nang|đà nẵng|hai phong|hải phòng|can tho|cần thơ"},
    {"PH", "philippines", "", true},
    {"ID", "indonesia", "", true},
    {"JP", "japan", R"(\b\d{3}-\d{4}\b)", true},
    {"KR", "korea|south korea|republic of korea", "", true},
    {"CN", "china|p.r. china|prc", "", true},
    {"HK", "hong kong", "", true},
    {"TW", "taiwan", "", true},
    {"AU", "australia", "", true},
    {"NZ", "new zealand", "", true},
    {"ZA", "south africa", "", true},
    {"AE", "uae|u.a.e|united arab emirates", "", true, "", "dubai|abu dhabi|sharjah|ajman|ras al khaimah|fujairah"},
    {"SA", "saudi arabia|ksa|kingdom of saudi arabia", "", true, "", "riyadh|jeddah|dammam|al khobar|mecca|medina"},
    {"QA", "qatar", "", true, "", "doha"},
    {"OM", "oman|sultanate of oman", "", true, "", "muscat|salalah|sohar"},
    {"KW", "kuwait", "", true, "", "kuwait city"},
    {"BH", "bahrain", "", true, "", "manama"},
    {"LB", "lebanon", "", true, "", "beirut"},
    {"JO", "jordan", "", true},
    {"IL", "israel", "", true},
    {"EG", "egypt", "", true, "", "cairo|alexandria|giza"},
    {"TR", "turkey|türkiye|turkiye", ""},
    {"GR", "greece", ""},
    {"CY", "cyprus", ""},
    {"PL", "poland|polska", ""},
    {"CZ", "czech republic|czechia", ""},
    {"HU", "hungary", ""},
    {"RO", "romania", ""},
    {"HR", "croatia|hrvatska", ""},
    {"SE", "sweden|sverige", ""},
    {"NO", "norway|norge", ""},
    {"DK", "denmark|danmark", ""},
    {"FI", "finland|suomi", ""},
    {"RU", "russia", ""},
};

std::string bare(std::string_view s) {
  std::string out = to_lower(trim(s));
  while (!out.empty() && std::string_view(".,;:-–").find(out.back()) != std::string_view::npos) out.pop_back();
  while (!out.empty() && std::string_view(".,;:-–").find(out.front()) != std::string_view::npos) out.erase(0, 1);
  return trim(out);
}

struct CountryName {
  std::string name;     // as the table spells it
  std::string plain;    // without accents
  std::size_t country;  // index in kCountries
};

// Every spelling in one '|'-separated column of every row (the names, the
// cities) with its accent-free form, made once per column (ICU's
// normaliser is slow).
std::vector<CountryName> spellings(std::string_view Country::*column) {
  std::vector<CountryName> out;
  for (std::size_t k = 0; k < std::size(kCountries); ++k) {
    std::string_view list = kCountries[k].*column;
    while (!list.empty()) {
      const auto bar = list.find('|');
      const std::string name(list.substr(0, bar));
      out.push_back({name, strip_accents(name), k});
      if (bar == std::string_view::npos) break;
      list.remove_prefix(bar + 1);
    }
  }
  return out;
}

// A column's spellings hashed as printed and without accents, the first
// country of a spelling winning as in the table's order (every line asks
// up to five times).
class SpellingIndex {
 public:
  explicit SpellingIndex(std::vector<CountryName> spellings) : spellings_(std::move(spellings)) {
    for (const auto& n : spellings_) {
      exact_.emplace(n.name, n.country);
      plain_.emplace(n.plain, n.country);
    }
  }
  // The country of a spelling as the table has it; else, for "Viêt Nam",
  // "VIỆT NAM" (OCR and printers vary the accents), of it without them.
  [[nodiscard]] std::optional<Country> find(const std::string& name) const {
    if (const auto it = exact_.find(name); it != exact_.end()) return kCountries[it->second];
    if (std::all_of(name.begin(), name.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; }))
      return std::nullopt;
    if (const auto it = plain_.find(strip_accents(name)); it != plain_.end()) return kCountries[it->second];
    return std::nullopt;
  }

 private:
  std::vector<CountryName> spellings_;  // the keys below view into it
  std::unordered_map<std::string_view, std::size_t> exact_, plain_;
};

std::optional<Country> by_name(const std::string& name) {
  static const SpellingIndex index(spellings(&Country::names));
  return index.find(name);
}

std::optional<Country> by_city(const std::string& name) {
  static const SpellingIndex index(spellings(&Country::cities));
  return index.find(name);
}

// The country `named` finds for the last one to four words of `line`, the
// longest first; something must stand before them.
template <typename Named>
std::optional<Country> named_at_end(std::string_view line, Named named) {
  const auto words = split_words(line);
  for (std::size_t take = std::min<std::size_t>(4, words.size() - (words.empty() ? 0 : 1)); take >= 1; --take) {
    if (words.size() <= take) continue;
    if (const auto found = named(join({words.end() - static_cast<long>(take), words.end()}, " "))) return found;
  }
  return std::nullopt;
}

}  // namespace

std::span<const Country> countries() { return kCountries; }

std::optional<Country> country_of_region(std::string_view region) {
  for (const auto& c : kCountries) {
    if (c.region == region) return c;
  }
  return std::nullopt;
}

std::optional<Country> country_named(std::string_view line) {
  std::string name = bare(line);
  if (name.rfind("the ", 0) == 0 && !by_name(name)) name = name.substr(4);
  return by_name(name);
}

std::optional<Country> country_of_city_at_end(std::string_view line) {
  return named_at_end(line, [](const std::string& tail) { return by_city(bare(tail)); });
}

std::optional<Country> country_at_end(std::string_view line) {
  return named_at_end(line, [](const std::string& tail) { return country_named(tail); });
}

}  // namespace cardscan::parse::lexicon
