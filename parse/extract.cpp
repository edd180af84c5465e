#include "parse/extract.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "parse/address_finder.hpp"
#include "parse/field_finders.hpp"
#include "parse/name_parser.hpp"
#include "parse/qr_payload.hpp"
#include "parse/role_words.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

// One OCR line and what the shape finders took out of it.
struct LineInfo {
  const ocr::Line* source = nullptr;
  std::string raw;       // OCR text, trimmed: what the shape finders read
  std::string text;      // without icon marks at its ends: what the role finders read
  std::string rest;      // text left after emails, phones, websites and labels are removed
  bool contact = false;  // carried an email, phone, website or handle
  AddressEvidence address;
  bool in_address = false;
  double height = 0;      // text height in pixels
  double confidence = 0;  // OCR confidence 0..1
};

double clamp01(double v) { return std::max(0.0, std::min(1.0, v)); }

// Icons and logo marks that OCR reads as a stray glyph at the start or end
// of a line ("9 2510 Harbor Blvd" from a map pin, "A Beacon Labs" from a
// logo): short words set apart by a wide gap, or doubtful and not a word.
std::string text_without_edge_marks(const ocr::Line& line) {
  std::vector<const ocr::Word*> words;
  for (const auto& w : line.words) words.push_back(&w);
  if (words.empty()) return trim(line.text);
  const double h = std::max(1.0f, line.text_height);
  // Wide letter-spacing widens every gap: judge gaps against the line's own.
  // The gaps at either end are the ones under suspicion, so the typical gap
  // comes from the inner ones (a normal word space when there are none).
  std::vector<double> gaps;
  for (std::size_t i = 2; i + 1 < words.size(); ++i) gaps.push_back(words[i]->box.x - words[i - 1]->box.right());
  std::sort(gaps.begin(), gaps.end());
  const double typical_gap = gaps.empty() ? 0.35 * h : gaps[gaps.size() / 2];
  auto is_mark = [&](const ocr::Word& w, const ocr::Word& neighbour, bool leading) {
    const CharCounts n = count_chars(w.text);
    const std::size_t len = utf8_length(w.text);
    if (n.letters + n.digits == 0) return true;  // pure symbols
    if (len > 2) return false;
    // A lone accented or foreign letter ("Ọ", "È", "Œ") is an icon OCR forced into a glyph.
    if (len == 1 && static_cast<unsigned char>(w.text[0]) >= 0x80) return true;
    const double gap = leading ? neighbour.box.x - w.box.right() : w.box.x - neighbour.box.right();
    if (gap > std::max(0.75 * h, 2.0 * typical_gap)) return true;
    // A glyph far taller than the text beside it is a logo mark ("Q Meadow").
    if (w.box.height > 1.6 * neighbour.box.height) return true;
    return w.confidence < 45;
  };
  while (words.size() >= 2 && is_mark(*words.front(), *words[1], true)) words.erase(words.begin());
  while (words.size() >= 2 && is_mark(*words.back(), *words[words.size() - 2], false)) words.pop_back();
  std::string out;
  for (const auto* w : words) {
    if (!out.empty()) out += ' ';
    out += w->text;
  }
  return out;
}

// Blanks the given byte spans of `s` with spaces.
std::string blank_spans(std::string s, const std::vector<Span>& spans) {
  for (const auto& sp : spans) {
    for (std::size_t i = sp.begin; i < sp.end && i < s.size(); ++i) s[i] = ' ';
  }
  return s;
}

// Drops leftovers of labels and icon glyphs around removed fields.
std::string clean_rest(const std::string& s) {
  std::vector<std::string> kept;
  static const std::set<std::string, std::less<>> labels = {
      "t",         "p",        "m",       "f",      "e",     "w",       "o",         "d",        "c",
      "tel",       "phone",    "ph",      "mobile", "mob",   "cell",    "fax",       "email",    "e-mail",
      "mail",      "web",      "website", "www",    "url",   "office",  "direct",    "main",     "tél",
      "téléphone", "portable", "telefon", "handy",  "mobil", "telefax", "facsimile", "linkedin", "twitter",
      "instagram", "x",        "github",  "skype",  "site",  "internet"};
  for (const auto& w : split_words(s)) {
    std::string b = to_lower(w);
    while (!b.empty() && std::string(".:|/-•·,;").find(b.back()) != std::string::npos) b.pop_back();
    while (!b.empty() && std::string(".:|/-•·,;").find(b.front()) != std::string::npos) b.erase(b.begin());
    if (b.empty() || labels.count(b)) continue;
    const CharCounts n = count_chars(w);
    if (n.letters == 0 && n.digits == 0) continue;
    kept.push_back(w);
  }
  return join(kept, " ");
}

// The phone icon printed before an unlabelled number, judged by its shape:
// a mobile phone is clearly taller than wide (a handset is not). OCR reads
// icons as stray glyphs, but their boxes keep the icon's outline. Returns
// "mobile", "icon" for an icon of another shape, or "" when there is none.
std::string phone_type_from_icon(const ocr::Line& line, std::size_t number_offset) {
  std::size_t offset = 0;
  const ocr::Word* previous = nullptr;
  for (const auto& w : line.words) {
    if (offset + w.text.size() > number_offset) break;
    previous = &w;
    offset += w.text.size() + 1;
  }
  if (previous == nullptr || offset > number_offset + 1) return {};
  const CharCounts n = count_chars(previous->text);
  if (utf8_length(previous->text) > 2 || n.digits > 0 || previous->box.width <= 0) return {};
  // A letter label such as "M" or "T" is read by the label rules, not here.
  if (n.letters == 1 && n.other == 0 && previous->confidence > 80) return {};
  const double aspect = static_cast<double>(previous->box.height) / previous->box.width;
  return aspect >= 1.35 ? "mobile" : "icon";
}

// Cleans a company line: drops leading debris OCR made of a logo ("1 i",
// "/N") and rejoins a word OCR split when the joined word is in the card's
// domain ("Lakes hore" -> "Lakeshore" for lakeshore.co).
std::string tidy_company(const std::string& line, const std::vector<std::string>& stems) {
  std::vector<std::string> words = split_words(line);
  while (words.size() > 1) {
    const std::string& w = words.front();
    const CharCounts n = count_chars(w);
    const bool debris = utf8_length(w) <= 2 && !(n.letters == static_cast<int>(utf8_length(w)) && n.upper > 0);
    if (!debris) break;
    words.erase(words.begin());
  }
  // A fragment is a piece starting in lower case inside a capitalised name.
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (starts_upper(words[i + 1]) || count_chars(words[i + 1]).lower == 0) continue;
    const std::string joined = fold_letters(words[i] + words[i + 1]);
    const bool in_domain = std::any_of(stems.begin(), stems.end(), [&](const std::string& stem) {
      return joined.size() >= 5 && fold_letters(stem).find(joined) != std::string::npos;
    });
    if (in_domain) {
      words[i] += words[i + 1];
      words.erase(words.begin() + static_cast<long>(i) + 1);
    }
  }
  return join(words, " ");
}

struct UntypedPhone {
  std::size_t index;  // in the contact's phones
  bool icon = false;  // printed after an icon that is not a mobile's
};

// Numbers whose label and numbering plan say nothing of their type (North
// American numbers serve both) follow how cards list phones: office first,
// then mobile. A lone number after a handset-like icon is the office line;
// a lone bare number is most often the holder's own mobile. Next to a typed
// number, an untyped one takes the kind still missing.
void type_untyped_phones(std::vector<Phone>& phones, const std::vector<UntypedPhone>& untyped) {
  if (untyped.empty()) return;
  auto typed_as = [&](const char* type) {
    for (std::size_t i = 0; i < phones.size(); ++i) {
      const bool is_untyped =
          std::any_of(untyped.begin(), untyped.end(), [&](const UntypedPhone& u) { return u.index == i; });
      if (!is_untyped && phones[i].type == type) return true;
    }
    return false;
  };
  if (untyped.size() == phones.size()) {
    if (untyped.size() == 1) {
      phones[untyped[0].index].type = untyped[0].icon ? "work" : "mobile";
    } else {
      phones[untyped[0].index].type = "work";
      phones[untyped[1].index].type = "mobile";
    }
    return;
  }
  const bool work = typed_as("work"), mobile = typed_as("mobile");
  if (work && !mobile) phones[untyped[0].index].type = "mobile";
  if (mobile && !work) phones[untyped[0].index].type = "work";
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
          // is an initial ("jflores", "chineduk"), not a misreading.
          const bool ends_agree = token.front() == spelling.front() && token.back() == spelling.back();
          if (ends_agree && edit_distance(token, spelling) == 1) {
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

// How well a name matches an email's local part: "jane.doe", "jdoe", "janed".
double email_name_match(const std::string& name, const std::vector<std::string>& emails) {
  const auto words = split_words(name);
  if (words.empty()) return 0;
  std::vector<std::string> folded;
  for (const auto& w : words) {
    std::string f = fold_letters(w);
    if (!f.empty()) folded.push_back(f);
  }
  if (folded.empty()) return 0;
  double best = 0;
  for (const auto& email : emails) {
    const std::string local = fold_letters(email.substr(0, email.find('@')));
    if (local.size() < 2) continue;
    for (std::size_t i = 0; i < folded.size(); ++i) {
      const auto& w = folded[i];
      if (w.size() >= 3 && local.find(w) != std::string::npos)
        best = std::max(best, i == 0 || i + 1 == folded.size() ? 1.0 : 0.7);
    }
    // Initial + family name, or given name + initial.
    const std::string& given = folded.front();
    const std::string& family = folded.back();
    if (folded.size() >= 2) {
      if (local == given.substr(0, 1) + family || local == given + family.substr(0, 1) ||
          local == family + given.substr(0, 1)) {
        best = 1.0;
      }
    }
  }
  return best;
}

// How well a line matches the email/website domain: "Acme Corp" vs acme.com.
double domain_match(const std::string& line, const std::vector<std::string>& stems) {
  const std::string folded = fold_letters(line);
  if (folded.size() < 3) return 0;
  double best = 0;
  for (const auto& stem_raw : stems) {
    const std::string stem = fold_letters(stem_raw);
    if (stem.size() < 3) continue;
    if (folded.find(stem) != std::string::npos || (stem.find(folded) != std::string::npos && folded.size() >= 4)) {
      best = 1.0;
      continue;
    }
    // The same with an OCR slip or two ("Riverbend Eneray" vs riverbend-energy).
    if (stem.size() >= 6) {
      const double sim = fuzzy_contains(folded, stem);
      if (sim >= 0.85) best = std::max(best, sim);
    }
    // First word of the line as a prefix of the stem: "Ironwood Outfitters" vs ironwood.example.
    const auto words = split_words(line);
    if (!words.empty()) {
      const std::string first = fold_letters(words.front());
      if (first.size() >= 4 && stem.rfind(first, 0) == 0) best = std::max(best, 0.9);
      if (first.size() >= 4 && first.rfind(stem, 0) == 0) best = std::max(best, 0.8);
    }
    // Initials: "International Business Machines" vs ibm.com.
    std::string initials;
    for (const auto& w : words) {
      const std::string f = fold_letters(w);
      if (!f.empty()) initials += f[0];
    }
    if (initials.size() >= 2 && stem.rfind(initials, 0) == 0) best = std::max(best, 0.7);
  }
  return best;
}

// 0..1: looks like a person's name: 2-4 capitalised words of letters.
double name_shape(const std::string& line) {
  const auto words = split_words(line);
  if (words.empty() || words.size() > 6) return 0;
  int name_words = 0, initials = 0, particles = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    const CharCounts n = count_chars(w);
    if (n.digits > 0) return 0;
    if (n.letters == 0) {
      if (w == "&" || w == "|") return 0;
      continue;
    }
    if (is_name_prefix(w) && i == 0) continue;
    if (is_name_suffix(w) && i > 1) continue;
    const std::string lower = to_lower(w);
    if (lower == "van" || lower == "von" || lower == "der" || lower == "de" || lower == "da" || lower == "di" ||
        lower == "del" || lower == "la" || lower == "le" || lower == "du" || lower == "den" || lower == "dos") {
      ++particles;
      continue;
    }
    if (!starts_upper(w)) return 0.1;
    if (n.letters == 1) {
      ++initials;
      continue;
    }
    // Letters with at most apostrophes, hyphens, a trailing comma or period.
    if (n.other > 2) return 0.1;
    ++name_words;
  }
  if (name_words < 1) return 0;
  if (name_words == 1) return initials > 0 ? 0.5 : 0.25;
  if (name_words > 4) return 0.2;
  return 1.0;
}

std::vector<std::string> unique(std::vector<std::string> v) {
  std::vector<std::string> out;
  for (auto& s : v) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Contact extract(const ocr::Page& page, const ParseOptions& options, const std::vector<std::string>& qr_payloads) {
  Contact contact;
  std::vector<LineInfo> lines;
  for (const auto& l : page.lines) {
    LineInfo info;
    info.source = &l;
    info.raw = trim(l.text);
    info.text = repair_initial_l(l.words.empty() ? info.raw : text_without_edge_marks(l));
    info.height = l.text_height;
    info.confidence = l.confidence / 100.0;
    if (count_chars(info.text).letters + count_chars(info.text).digits == 0) continue;
    lines.push_back(std::move(info));
  }

  // Card-wide context for phone regions: country codes, ccTLDs, postcodes.
  std::vector<std::string> all_emails, all_sites;
  std::vector<std::string> regions;
  {
    std::string all_text;
    for (const auto& l : lines) all_text += l.raw + "\n";
    std::vector<std::string> tld_regions;
    for (const auto& l : lines) {
      for (const auto& e : find_emails(l.raw)) {
        const std::string r = region_of_tld(top_level_domain(e.address));
        if (!r.empty()) tld_regions.push_back(r);
      }
      for (const auto& w : find_websites(l.raw)) {
        const std::string r = region_of_tld(top_level_domain(url_host(w.url)));
        if (!r.empty()) tld_regions.push_back(r);
      }
      const auto ev = address_evidence(l.text);
      if (!ev.region.empty()) tld_regions.push_back(ev.region);
      const std::string legal = region_of_legal_form(l.text);
      if (!legal.empty()) tld_regions.push_back(legal);
    }
    for (const auto& r : tld_regions) regions.push_back(r);
    for (const auto& r : regions_from_country_codes(all_text)) regions.push_back(r);
    regions = unique(regions);
  }
  PhoneContext phone_context;
  phone_context.default_region = options.region;
  phone_context.regions = regions;
  {
    std::string all_text;
    for (const auto& l : lines) all_text += l.raw + "\n";
    const std::string national = region_for_national_numbers(all_text, phone_context);
    if (!national.empty()) phone_context.regions.push_back(national);
  }

  // Shape finders, line by line.
  std::vector<EmailHit> email_hits;
  std::vector<UntypedPhone> untyped_phones;              // numbers nothing on the card types
  std::vector<std::pair<std::string, double>> web_hits;  // url and OCR confidence of its line
  std::set<std::string> repaired_emails;                 // rewritten from the card's own evidence
  double website_ocr_confidence = 0.9;
  for (auto& l : lines) {
    std::vector<Span> taken;
    for (auto& e : find_emails(l.raw)) {
      all_emails.push_back(e.address);
      e.ocr_confidence = l.confidence;
      email_hits.push_back(e);
      taken.push_back(e.span);
    }
    for (auto& s : find_social(l.raw)) {
      contact.social.push_back(s.handle);
      taken.push_back(s.span);
    }
    const std::string without_emails = blank_spans(l.raw, taken);
    for (auto& w : find_websites(without_emails)) {
      if (all_sites.empty()) website_ocr_confidence = l.confidence;
      all_sites.push_back(w.url);
      web_hits.push_back({w.url, l.confidence});
      taken.push_back(w.span);
    }
    const std::string for_phones = blank_spans(l.raw, taken);
    PhoneContext line_context = phone_context;
    const AddressEvidence evidence = address_evidence(l.text);
    line_context.address_line = evidence.street >= 0.9 || evidence.locality >= 0.8;
    for (auto& p : find_phones(for_phones, line_context)) {
      bool handset_icon = false;
      if (!p.labelled) {
        const std::string icon = phone_type_from_icon(*l.source, p.span.begin);
        if (icon == "mobile") {
          p.phone.type = icon;
          p.type_unknown = false;
        }
        handset_icon = icon == "icon";
      }
      const bool seen = std::any_of(contact.phones.begin(), contact.phones.end(),
                                    [&](const Phone& q) { return q.e164 == p.phone.e164; });
      if (!seen) {
        p.phone.confidence *= clamp01(0.5 + l.confidence / 2);
        if (p.type_unknown) untyped_phones.push_back({contact.phones.size(), handset_icon});
        contact.phones.push_back(p.phone);
      }
      taken.push_back(p.span);
    }
    l.contact = !taken.empty();
    l.rest = taken.empty() ? l.text : clean_rest(blank_spans(l.raw, taken));
    l.address = address_evidence(space_unit_numbers(l.contact ? l.rest : l.text));
  }
  contact.emails = unique(all_emails);
  contact.websites = unique(all_sites);
  type_untyped_phones(contact.phones, untyped_phones);

  // Address: runs of adjacent lines with street/locality evidence.
  {
    std::vector<std::size_t> best_run;
    double best_score = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto& ev = lines[i].address;
      if (ev.street < 0.5 && ev.locality < 0.5) continue;
      std::vector<std::size_t> run = {i};
      double score = ev.street + ev.locality;
      // Extend to neighbours that continue the address (street before city, country after).
      std::size_t j = i + 1;
      while (j < lines.size() && run.size() < 4 && lines[j].source->block == lines[i].source->block) {
        const auto& n = lines[j].address;
        if (n.street >= 0.35 || n.locality >= 0.5 || n.country) {
          run.push_back(j);
          score += n.street + n.locality + (n.country ? 0.3 : 0);
          ++j;
        } else {
          break;
        }
      }
      // A house-number line right above a postcode line of the same block is
      // its street, even when OCR garbled the street word ("Lindenallkee 134").
      if (ev.locality >= 0.5 && ev.street < 0.9 && i > 0 && lines[i - 1].source->block == lines[i].source->block &&
          !lines[i - 1].contact && !lines[i - 1].in_address && (run.size() == 1 || run.front() == i)) {
        const auto& above = lines[i - 1];
        const CharCounts n = count_chars(above.text);
        if (n.digits > 0 && n.letters >= 3 && above.address.street >= 0.0 && title_word_evidence(above.text) == 0 &&
            company_word_evidence(above.text) == 0) {
          run.insert(run.begin(), i - 1);
          score += 0.5;
        }
      }
      if (score > best_score) {
        best_score = score;
        best_run = run;
      }
      i = j - 1;
    }
    if (!best_run.empty() && best_score >= 0.8) {
      std::vector<std::string> parts;
      double conf = 0;
      for (auto idx : best_run) {
        lines[idx].in_address = true;
        const std::string& t = lines[idx].contact ? lines[idx].rest : lines[idx].text;
        if (t.empty()) continue;
        // "1163 Cedar Lane #114 | Phoenix, AZ": a printed separator inside the line.
        std::string piece = space_unit_numbers(t);
        for (const std::string sep : {" | ", " \u2022 ", " \u00B7 "}) {
          for (auto at = piece.find(sep); at != std::string::npos; at = piece.find(sep))
            piece.replace(at, sep.size(), ", ");
        }
        parts.push_back(piece);
        conf += lines[idx].confidence;
      }
      contact.address = join(parts, ", ");
      contact.address_parts = split_address(parts);
      // Street and postcode evidence together make an address; OCR doubt discounts it.
      const double evidence = clamp01(0.3 + 0.35 * std::min(best_score, 2.0));
      contact.confidence["address"] = clamp01(evidence * (0.5 + 0.5 * conf / static_cast<double>(best_run.size())));
    }
  }

  // Name, title, company and department from the remaining text lines.
  std::vector<std::string> stems;
  for (const auto& e : contact.emails) stems.push_back(domain_stem(e.substr(e.find('@') + 1)));
  for (const auto& w : contact.websites) stems.push_back(domain_stem(url_host(w)));
  struct Candidate {
    std::size_t index;
    std::string text;
    double name = 0, title = 0, company = 0;
  };
  std::vector<Candidate> cands;
  double max_height = 1;
  for (const auto& l : lines) {
    if (!l.in_address && !l.rest.empty()) max_height = std::max(max_height, l.height);
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (l.in_address) continue;
    const std::string text = l.contact ? l.rest : l.text;
    const CharCounts n = count_chars(text);
    if (n.letters < 2 || n.digits > n.letters) continue;
    Candidate c{i, text};
    const double rel_height = l.height / max_height;
    const double company_words = company_word_evidence(text);
    const double title_words = title_word_evidence(text);
    const double domain = domain_match(text, stems);
    const double email_match = email_name_match(text, contact.emails);
    const double shape = name_shape(text);
    c.name = shape * (0.45 + 0.35 * rel_height + 0.4 * email_match) - 0.6 * company_words - 0.5 * title_words -
             0.4 * domain * (1 - email_match);
    c.company = 0.7 * company_words + 0.6 * domain + 0.1 * rel_height - 0.4 * title_words - 0.3 * email_match * shape;
    c.title = title_words - 0.3 * company_words - 0.2 * domain;
    if (l.contact) {
      c.name -= 0.3;
      c.company -= 0.2;
    }
    cands.push_back(c);
  }

#ifdef CARDSCAN_DEBUG_PARSE
  for (const auto& c : cands) {
    std::fprintf(stderr, "cand %zu name=%.2f title=%.2f company=%.2f | %s\n", c.index, c.name, c.title, c.company,
                 c.text.c_str());
  }
#endif
  auto pick = [&](auto score_of, double min_score, const std::set<std::size_t>& used) -> std::optional<Candidate> {
    std::optional<Candidate> best;
    for (const auto& c : cands) {
      if (used.count(c.index)) continue;
      const double s = score_of(c);
      if (s >= min_score && (!best || s > score_of(*best))) best = c;
    }
    return best;
  };
  std::set<std::size_t> used;
  auto name = pick([](const Candidate& c) { return c.name; }, 0.35, used);
  if (name) used.insert(name->index);
  auto company = pick([](const Candidate& c) { return c.company; }, 0.45, used);
  if (company) used.insert(company->index);
  auto title = pick([](const Candidate& c) { return c.title; }, 0.5, used);
  // No title words: the line printed right under (or over) the name in a
  // smaller font is the title on most layouts.
  if (!title && name) {
    for (std::size_t d : {std::size_t{1}}) {
      for (long idx : {static_cast<long>(name->index + d), static_cast<long>(name->index) - static_cast<long>(d)}) {
        if (idx < 0 || idx >= static_cast<long>(lines.size()) || used.count(static_cast<std::size_t>(idx))) continue;
        const auto& l = lines[static_cast<std::size_t>(idx)];
        if (l.contact || l.in_address || l.height > lines[name->index].height) continue;
        const auto it = std::find_if(cands.begin(), cands.end(),
                                     [&](const Candidate& c) { return c.index == static_cast<std::size_t>(idx); });
        if (it != cands.end() && it->company < 0.45 && it->name < 0.6) {
          title = *it;
          title->title = 0.4;
          break;
        }
      }
      if (title) break;
    }
  }
  if (title) used.insert(title->index);

  if (name) {
    std::string printed = name->text;
    const CharCounts n = count_chars(printed);
    if (n.lower == 0 && n.upper > 1) printed = title_case(printed);
    set_contact_name(contact, printed);
    contact.confidence["name"] = clamp01(name->name * (0.4 + 0.6 * lines[name->index].confidence));
  }
  // "elena ferrari@x.com": the dot OCR lost is restored when the two words
  // are the card holder's given and family name.
  if (!contact.given.empty() && !contact.family.empty()) {
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
  repair_emails_from_name(contact, repaired_emails);
  unify_domains(contact, email_hits, web_hits, repaired_emails);
  if (company) {
    std::string text = company->text;
    // A name set as a logo spreads over two lines ("Meadow" / "Architects
    // GmbH"): take the neighbouring line in when together they match the
    // card's domain better than the line alone.
    const double alone = domain_match(text, stems);
    for (long d : {-1L, 1L}) {
      const long n = static_cast<long>(company->index) + d;
      if (n < 0 || n >= static_cast<long>(lines.size()) || used.count(static_cast<std::size_t>(n))) continue;
      const auto& other = lines[static_cast<std::size_t>(n)];
      if (other.contact || other.in_address || count_chars(other.text).letters < 3) continue;
      const std::string joined = d < 0 ? other.text + " " + text : text + " " + other.text;
      if (domain_match(joined, stems) > alone + 0.05 && fold_letters(joined).size() <= 60) {
        text = joined;
        break;
      }
    }
    contact.company = tidy_company(text, stems);
    contact.confidence["company"] = clamp01(company->company * (0.4 + 0.6 * lines[company->index].confidence));
  }
  if (title) {
    contact.title = title->text;
    contact.confidence["title"] = clamp01(title->title * (0.4 + 0.6 * lines[title->index].confidence));
  }
  for (const auto& c : cands) {
    if (used.count(c.index)) continue;
    if (department_words(c.text)) {
      contact.department = c.text;
      contact.confidence["department"] = 0.6;
      break;
    }
  }

  auto mean_conf = [](const std::vector<Phone>& phones) {
    double s = 0;
    for (const auto& p : phones) s += p.confidence;
    return phones.empty() ? 0.0 : s / static_cast<double>(phones.size());
  };
  if (!contact.phones.empty()) contact.confidence["phones"] = mean_conf(contact.phones);
  // Emails and websites vouch for each other when their domains agree; a
  // repaired address or doubtful OCR lowers the confidence. The field's
  // confidence is that of its weakest value.
  std::vector<std::string> hosts;
  for (const auto& w : contact.websites) hosts.push_back(url_host(w));
  if (!contact.emails.empty()) {
    double weakest = 1.0;
    for (const auto& e : contact.emails) {
      const auto hit =
          std::find_if(email_hits.begin(), email_hits.end(), [&](const EmailHit& h) { return h.address == e; });
      const double ocr = hit != email_hits.end() ? hit->ocr_confidence : 0.9;
      const std::string domain = e.substr(e.find('@') + 1);
      const bool vouched = std::find(hosts.begin(), hosts.end(), domain) != hosts.end() ||
                           std::count_if(contact.emails.begin(), contact.emails.end(), [&](const std::string& o) {
                             return o != e && o.substr(o.find('@') + 1) == domain;
                           }) > 0;
      const bool names_match = email_name_match(contact.name, {e}) > 0.5;
      double c = 0.5 + 0.35 * ocr + (vouched ? 0.1 : 0) + (names_match ? 0.05 : 0);
      if ((hit != email_hits.end() && hit->repaired) || repaired_emails.count(e)) c -= 0.2;
      weakest = std::min(weakest, clamp01(c));
    }
    contact.confidence["emails"] = weakest;
  }
  if (!contact.websites.empty()) {
    const std::string host = hosts.front();
    const bool vouched = std::any_of(contact.emails.begin(), contact.emails.end(),
                                     [&](const std::string& e) { return e.substr(e.find('@') + 1) == host; });
    contact.confidence["website"] = clamp01(0.5 + 0.35 * website_ocr_confidence + (vouched ? 0.12 : 0));
  }

  std::string printed;
  for (const auto& l : lines) printed += l.raw + "\n";
  for (const auto& payload : qr_payloads) {
    if (auto qr = parse_qr_payload(payload)) contact = merge_qr(std::move(contact), *qr, printed);
  }
  return contact;
}

}  // namespace cardscan::parse
