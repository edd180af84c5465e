#include "parse/repairs.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "parse/field_finders.hpp"
#include "parse/lexicon/domains.hpp"
#include "parse/name_parser.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

// "elena ferrari@x.com": the dot OCR lost is restored when the two words
// are the card holder's given and family name.
void restore_lost_dots(Contact& contact, const std::vector<EmailHit>& email_hits) {
  if (contact.given.empty() || contact.family.empty()) return;
  const std::string given = fold_letters(contact.given), family = fold_letters(contact.family);
  for (const auto& hit : email_hits) {
    if (hit.word_before.empty()) continue;
    const std::string local = hit.address.substr(0, hit.address.find('@'));
    const bool given_then_family = fold_letters(hit.word_before) == given && fold_letters(local) == family;
    const bool family_then_given = fold_letters(hit.word_before) == family && fold_letters(local) == given;
    if (!given_then_family && !family_then_given) continue;
    const std::string fixed = hit.word_before + "." + hit.address;
    std::replace(contact.emails.begin(), contact.emails.end(), hit.address, fixed);
  }
}

// "n.lindqgvist@" on Niamh Lindqvist's card: a part of an email's local
// name one letter away from how the holder's name is spelt in ASCII is that
// name misread; the name is printed larger and read more reliably.
void repair_emails_from_name(Contact& contact, std::set<std::string>& repaired) {
  std::vector<std::string> spellings;
  for (const std::string* part : {&contact.given, &contact.family}) {
    for (const auto& word : split_words(*part)) {
      for (const auto& spelling : ascii_spellings(word)) {
        if (spelling.size() >= 4) spellings.push_back(spelling);
      }
    }
  }
  if (spellings.empty()) return;
  for (auto& email : contact.emails) {
    const auto at = email.find('@');
    std::string local = email.substr(0, at), fixed;
    std::size_t start = 0;
    while (start <= local.size()) {
      const auto sep = local.find_first_of("._-+", start);
      std::string token = local.substr(start, sep == std::string::npos ? std::string::npos : sep - start);
      if (token.size() >= 4 && std::find(spellings.begin(), spellings.end(), token) == spellings.end()) {
        for (const auto& spelling : spellings) {
          // Only a slip inside the word: a letter more or less at either end
          // is an initial ("jflores", "chineduk"), not a misreading, even
          // when it is the word's own first or last letter ("oobrien").
          const bool ends_agree = token.front() == spelling.front() && token.back() == spelling.back();
          const bool initial =
              token.size() == spelling.size() + 1 &&
              (token.compare(1, std::string::npos, spelling) == 0 || token.compare(0, spelling.size(), spelling) == 0);
          if (ends_agree && !initial && edit_distance(token, spelling) == 1) {
            token = spelling;
            break;
          }
        }
      }
      fixed += token;
      if (sep == std::string::npos) break;
      fixed += local[sep];
      start = sep + 1;
    }
    if (fixed != local) {
      email = fixed + email.substr(at);
      repaired.insert(email);
    }
  }
}

// An email domain and a website host one or two letters apart are the same
// domain misread on one of the lines: the better-read line's spelling wins.
void unify_domains(Contact& contact, const std::vector<EmailHit>& email_hits,
                   const std::vector<std::pair<std::string, double>>& web_hits, std::set<std::string>& repaired) {
  for (auto& site : contact.websites) {
    const std::string host = url_host(site);
    double site_conf = 0;
    for (const auto& [url, conf] : web_hits) {
      if (url == site) site_conf = conf;
    }
    for (auto& email : contact.emails) {
      const std::string domain = email.substr(email.find('@') + 1);
      if (domain == host || domain.size() < 6) continue;
      const std::size_t d = edit_distance(domain, host);
      if (d == 0 || d > 2 || top_level_domain(domain) != top_level_domain(host)) continue;
      double email_conf = 0;
      for (const auto& h : email_hits) {
        if (h.address == email) email_conf = h.ocr_confidence;
      }
      // One the other's tail ("land.co" of "upland.co") is a cut, not a
      // misreading: a cut loses letters, so the longer spelling wins.
      const auto ends_with = [](const std::string& s, const std::string& tail) {
        return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
      };
      if (ends_with(host, domain)) email_conf = 0;
      if (ends_with(domain, host)) email_conf = site_conf + 1;
      if (email_conf >= site_conf) {
        // The host was lower-cased; the site keeps its printed case
        // ("WWW.OAKRIDGECO.EXAMPLE"), so find it without regard to case.
        std::string lowered = site;
        for (char& ch : lowered) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        const auto at = lowered.find(host);
        if (at == std::string::npos) continue;
        site.replace(at, host.size(), domain);
      } else {
        email = email.substr(0, email.find('@') + 1) + host;
        repaired.insert(email);
      }
      break;
    }
  }
}

// "babajide.okafor4l@", "jerome.faroukl3@" on Jérôme Farouk's card: the
// digits people add to a personal address, with '1' and '0' read as 'l'
// and 'o'. A lookalike after a digit is a digit; so is every lookalike
// between the holder's name and the digits ("seidell3" after "seidel").
void repair_trailing_digits(Contact& contact, std::set<std::string>& repaired) {
  std::vector<std::string> spellings;
  for (const std::string* part : {&contact.given, &contact.family}) {
    for (const auto& word : split_words(*part)) {
      for (const auto& spelling : ascii_spellings(word)) spellings.push_back(spelling);
    }
  }
  auto lookalike = [](char c) { return c == 'l' || c == 'o'; };
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  for (auto& email : contact.emails) {
    const std::size_t at = email.find('@');
    const std::size_t sep = email.find_last_of("._-+", at == 0 ? 0 : at - 1);
    const std::size_t token = sep == std::string::npos || sep > at ? 0 : sep + 1;
    std::size_t name_end = token;
    for (const auto& spelling : spellings) {
      if (spelling.size() >= 2 && email.compare(token, spelling.size(), spelling) == 0 &&
          token + spelling.size() > name_end && token + spelling.size() < at)
        name_end = token + spelling.size();
    }
    std::size_t run = at;
    while (run > name_end && (digit(email[run - 1]) || lookalike(email[run - 1]))) --run;
    if (std::none_of(email.begin() + static_cast<long>(run), email.begin() + static_cast<long>(at), digit)) continue;
    std::string fixed = email;
    const bool after_name = name_end > token && run == name_end;
    bool seen_digit = false;
    for (std::size_t i = run; i < at; ++i) {
      if (digit(fixed[i])) seen_digit = true;
      if (lookalike(fixed[i]) && (after_name || seen_digit)) fixed[i] = fixed[i] == 'l' ? '1' : '0';
    }
    if (fixed != email) {
      email = fixed;
      repaired.insert(email);
    }
  }
}

// "takumi.zhao17@gmall.com": a domain one letter away from a public mail
// service's, with its top-level domain, is that service misread, unless the
// card prints the domain as its own website. Short service names ("gmx",
// "web") are left alone: one letter makes another real domain of them.
void repair_mail_providers(Contact& contact, std::set<std::string>& repaired) {
  constexpr std::size_t kMinServiceName = 5;  // "gmail", "yahoo", "icloud": long enough to tell apart
  // The services long enough to repair to, in the table's order, each with
  // its top-level domain: the same for every card, so found once.
  struct Service {
    std::string domain, tld;
  };
  static const std::vector<Service> services = [] {
    std::vector<Service> out;
    for (const auto provider : lexicon::mail_providers()) {
      const std::string service(provider);
      if (domain_stem(service).size() >= kMinServiceName) out.push_back({service, top_level_domain(service)});
    }
    return out;
  }();
  for (auto& email : contact.emails) {
    const std::string domain = email.substr(email.find('@') + 1);
    if (lexicon::is_mail_provider(domain)) continue;
    const bool printed_as_site = std::any_of(contact.websites.begin(), contact.websites.end(),
                                             [&](const std::string& site) { return url_host(site) == domain; });
    if (printed_as_site) continue;
    const std::string tld = top_level_domain(domain);
    for (const auto& [service, service_tld] : services) {
      if (service_tld != tld) continue;
      if (edit_distance(domain, service) == 1) {
        email = email.substr(0, email.find('@') + 1) + service;
        repaired.insert(email);
        break;
      }
    }
  }
}

// "qaruns@gsgoman.com" on Arun Sharma's card: an icon OCR read as a letter
// before the address. When the local part is none of the usual forms of
// the holder's name and it is one without its first letter ("aruns":
// given name and family initial), that letter goes.
void drop_letter_before_name(Contact& contact, std::set<std::string>& repaired) {
  if (contact.given.empty() || contact.family.empty()) return;
  const std::string given = fold_letters(contact.given), family = fold_letters(contact.family);
  if (given.empty() || family.empty()) return;
  const std::vector<std::string> forms = {given,
                                          family,
                                          given + family,
                                          family + given,
                                          given.substr(0, 1) + family,
                                          given + family.substr(0, 1),
                                          family + given.substr(0, 1)};
  auto is_form = [&](const std::string& local) {
    return std::find(forms.begin(), forms.end(), fold_letters(local)) != forms.end();
  };
  for (auto& email : contact.emails) {
    const std::size_t at = email.find('@');
    if (at == std::string::npos || at < 4 || !std::isalpha(static_cast<unsigned char>(email[0]))) continue;
    const std::string local = email.substr(0, at);
    if (is_form(local) || !is_form(local.substr(1))) continue;
    email.erase(0, 1);
    repaired.insert(email);
  }
}

// "silverlineprin.co" beside ophelie_moreau@silverlineprin.co.in: a
// website whose host OCR cut at one of the email domain's dots is that
// domain.
void complete_cut_sites(Contact& contact) {
  for (auto& site : contact.websites) {
    const std::string host = url_host(site);
    for (const auto& email : contact.emails) {
      const std::string domain = email.substr(email.find('@') + 1);
      if (domain.size() <= host.size() + 1 || domain.compare(0, host.size(), host) != 0 || domain[host.size()] != '.')
        continue;
      const auto at = to_lower(site).find(host);
      if (at == std::string::npos) continue;
      site.replace(at, host.size(), domain);
      break;
    }
  }
}

// "Clémen Ce Giraud" on a card of clemence.giraud@: letter-spaced type OCR
// cut inside a word. A name word and the stub after it that together, and
// neither alone, are a word of an email's local part are one word.
void join_name_pieces_from_email(Contact& contact) {
  std::vector<std::string> words = split_words(contact.name);
  if (words.size() < 3) return;
  std::set<std::string> local_words;
  for (const auto& email : contact.emails) {
    std::string local = email.substr(0, email.find('@'));
    for (char& ch : local) {
      if (ch == '.' || ch == '_' || ch == '-') ch = ' ';
    }
    for (const auto& w : split_words(local)) local_words.insert(w);
  }
  bool joined = false;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string a = fold_letters(words[i]), b = fold_letters(words[i + 1]);
    // The cut leaves a stub of a letter or two after a longer piece
    // ("Clémen Ce"); two names are written together in addresses too
    // ("Mary Ann" as maryann@, "De Luca" as deluca@) and stay apart.
    constexpr std::size_t kMaxStub = 2, kMinPiece = 4;
    if (b.size() > kMaxStub || a.size() < kMinPiece || is_name_particle(words[i]) || local_words.count(a) ||
        local_words.count(b) || !local_words.count(a + b))
      continue;
    words[i] += to_lower(words[i + 1]);
    words.erase(words.begin() + static_cast<long>(i) + 1);
    joined = true;
  }
  if (joined) set_contact_name(contact, join(words, " "));
}

}  // namespace

void drop_sites_read_from_emails(Contact& contact) {
  std::vector<std::string> domains;
  for (const auto& e : contact.emails) domains.push_back(e.substr(e.find('@') + 1));
  std::erase_if(contact.websites, [&](const std::string& site) {
    const std::string lower = to_lower(site);
    if (lower.find("://") != std::string::npos || lower.rfind("www", 0) == 0) return false;
    const std::string host = url_host(site);
    return std::any_of(domains.begin(), domains.end(), [&](const std::string& d) {
      return host.size() > d.size() + 1 && host.compare(host.size() - d.size(), d.size(), d) == 0 &&
             host[host.size() - d.size() - 1] != '.';
    });
  });
}

std::set<std::string> repair_from_card(Contact& contact, const ShapeEvidence& shape) {
  std::set<std::string> repaired;
  join_name_pieces_from_email(contact);
  restore_lost_dots(contact, shape.email_hits);
  repair_emails_from_name(contact, repaired);
  unify_domains(contact, shape.email_hits, shape.web_hits, repaired);
  repair_mail_providers(contact, repaired);
  repair_trailing_digits(contact, repaired);
  drop_letter_before_name(contact, repaired);
  drop_sites_read_from_emails(contact);
  complete_cut_sites(contact);
  return repaired;
}

}  // namespace cardscan::parse
