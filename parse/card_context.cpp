#include "parse/card_context.hpp"

#include <algorithm>

#include "parse/card_language.hpp"
#include "parse/lexicon/domains.hpp"
#include "parse/role_words.hpp"

namespace cardscan::parse {

std::vector<std::string> unique(std::vector<std::string> v) {
  std::vector<std::string> out;
  for (auto& s : v) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

CardContext build_card_context(const std::vector<CardLine>& lines, const std::string& default_region) {
  CardContext context;
  for (const auto& l : lines) context.joined += l.raw + "\n";

  std::vector<std::string> regions, email_domains, hosts;
  for (const auto& l : lines) {
    CardContext::LineReading& reading =
        context.lines.emplace_back(CardContext::LineReading{l.raw, l.text, find_emails(l.raw), address_evidence(l.text)});
    for (const auto& e : reading.emails) {
      const std::string domain = e.address.substr(e.address.find('@') + 1);
      email_domains.push_back(domain);
      const std::string r = region_of_tld(top_level_domain(e.address));
      if (!r.empty()) regions.push_back(r);
      if (const auto provider = lexicon::mail_provider_region(domain); !provider.empty())
        regions.emplace_back(provider);
    }
    for (const auto& w : find_websites(l.raw)) {
      hosts.push_back(url_host(w.url));
      const std::string r = region_of_tld(top_level_domain(url_host(w.url)));
      if (!r.empty()) regions.push_back(r);
    }
    const AddressEvidence& ev = reading.address;
    if (!ev.region.empty()) regions.push_back(ev.region);
    const std::string legal = region_of_legal_form(l.text);
    if (!legal.empty()) regions.push_back(legal);
  }
  for (const auto& r : regions_from_country_codes(context.joined)) regions.push_back(r);
  context.phones.default_region = default_region;
  context.phones.regions = unique(regions);
  const std::string national = region_for_national_numbers(context.joined, context.phones);
  if (!national.empty()) context.phones.regions.push_back(national);
  // Nothing on the card names a region: the language it is printed in
  // does, when a region speaking it reads the card's numbers better than
  // --region's plan ("Cel.: 11 9 7412-1100" on a Portuguese card).
  if (context.phones.regions.empty()) {
    const std::string language = card_language(context.joined);
    if (!language.empty()) {
      const std::string spoken =
          region_reading_better(context.joined, lexicon::regions_speaking(language), context.phones);
      if (!spoken.empty()) context.phones.regions.push_back(spoken);
    }
  }

  // Stems follow the order the fields list them: every email, then every site.
  for (auto& d : unique(email_domains)) context.domains.push_back(d);
  for (auto& h : hosts) context.domains.push_back(h);
  for (const auto& d : context.domains) context.stems.push_back(domain_stem(d));
  return context;
}

}  // namespace cardscan::parse
