#include "parse/lexicon/countries.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
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

// Every name of every country with its accent-free form, made once (ICU's
// normaliser is slow).
const std::vector<CountryName>& country_names() {
  static const std::vector<CountryName> names = [] {
    std::vector<CountryName> out;
    for (std::size_t k = 0; k < std::size(kCountries); ++k) {
      std::string_view list = kCountries[k].names;
      while (!list.empty()) {
        const auto bar = list.find('|');
        const std::string name(list.substr(0, bar));
        out.push_back({name, strip_accents(name), k});
        if (bar == std::string_view::npos) break;
        list.remove_prefix(bar + 1);
      }
    }
    return out;
  }();
  return names;
}

// The country of a name as the table spells it; else, for "Viêt Nam",
// "VIỆT NAM" (OCR and printers vary the accents), of the name without them.
// Both forms are hashed once (every line asks up to five times), the
// first country of a name winning as in the table's order.
std::optional<Country> by_name(const std::string& name) {
  using Index = std::unordered_map<std::string_view, std::size_t>;
  static const std::pair<Index, Index> index = [] {
    std::pair<Index, Index> out;
    for (const auto& n : country_names()) {
      out.first.emplace(n.name, n.country);
      out.second.emplace(n.plain, n.country);
    }
    return out;
  }();
  if (const auto it = index.first.find(name); it != index.first.end()) return kCountries[it->second];
  if (std::all_of(name.begin(), name.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; }))
    return std::nullopt;
  const std::string plain = strip_accents(name);
  if (const auto it = index.second.find(plain); it != index.second.end()) return kCountries[it->second];
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
  // Every city of every row with its accent-free form, made once.
  static const std::vector<CountryName> cities = [] {
    std::vector<CountryName> out;
    for (std::size_t k = 0; k < std::size(kCountries); ++k) {
      std::string_view list = kCountries[k].cities;
      while (!list.empty()) {
        const auto bar = list.find('|');
        const std::string name(list.substr(0, bar));
        out.push_back({name, strip_accents(name), k});
        if (bar == std::string_view::npos) break;
        list.remove_prefix(bar + 1);
      }
    }
    return out;
  }();
  const auto words = split_words(line);
  // A city name is one to four words; something must stand before it.
  for (std::size_t take = std::min<std::size_t>(4, words.size() - (words.empty() ? 0 : 1)); take >= 1; --take) {
    if (words.size() <= take) continue;
    const std::string tail = bare(join({words.end() - static_cast<long>(take), words.end()}, " "));
    const std::string plain = strip_accents(tail);
    for (const auto& c : cities) {
      if (c.name == tail || c.plain == plain) return kCountries[c.country];
    }
  }
  return std::nullopt;
}

std::optional<Country> country_at_end(std::string_view line) {
  const auto words = split_words(line);
  // A country name is one to four words; something must stand before it.
  for (std::size_t take = std::min<std::size_t>(4, words.size() - (words.empty() ? 0 : 1)); take >= 1; --take) {
    if (words.size() <= take) continue;
    std::vector<std::string> tail(words.end() - static_cast<long>(take), words.end());
    const auto found = country_named(join(tail, " "));
    if (found) return found;
  }
  return std::nullopt;
}

}  // namespace cardscan::parse::lexicon
