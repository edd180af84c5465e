#include "parse/roles.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include "parse/name_parser.hpp"
#include "parse/role_words.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

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

struct Candidate {
  std::size_t index;
  std::string text;
  double name = 0, title = 0, company = 0;
};

std::vector<Candidate> score_candidates(const std::vector<CardLine>& lines, const CardContext& context,
                                        const std::vector<std::string>& emails, const RoleWeights& w) {
  std::vector<Candidate> cands;
  double max_height = 1;
  for (const auto& l : lines) {
    if (!l.in_address && !l.rest.empty()) max_height = std::max(max_height, l.height);
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (l.in_address) continue;
    const std::string& text = l.role_text();
    const CharCounts n = count_chars(text);
    if (n.letters < 2 || n.digits > n.letters) continue;
    Candidate c{i, text};
    const double rel_height = l.height / max_height;
    const double company_words = company_word_evidence(text);
    const double title_words = title_word_evidence(text);
    const double domain = domain_match(text, context.stems);
    const double email_match = email_name_match(text, emails);
    const double shape = name_shape(text);
    c.name = shape * (w.name_base + w.name_height * rel_height + w.name_email * email_match) +
             w.name_company_words * company_words + w.name_title_words * title_words +
             w.name_domain * domain * (1 - email_match);
    c.company = w.company_words * company_words + w.company_domain * domain + w.company_height * rel_height +
                w.company_title_words * title_words + w.company_name_email * email_match * shape;
    c.title = w.title_words * title_words + w.title_company_words * company_words + w.title_domain * domain;
    if (l.contact) {
      c.name += w.name_on_contact_line;
      c.company += w.company_on_contact_line;
    }
    cands.push_back(c);
  }
#ifdef CARDSCAN_DEBUG_PARSE
  for (const auto& c : cands) {
    std::fprintf(stderr, "cand %zu name=%.2f title=%.2f company=%.2f | %s\n", c.index, c.name, c.title, c.company,
                 c.text.c_str());
  }
#endif
  return cands;
}

}  // namespace

const RoleWeights& role_weights() {
  static const RoleWeights weights;
  return weights;
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

RoleEvidence read_roles(const std::vector<CardLine>& lines, const CardContext& context, Contact& contact,
                        const RoleWeights& weights) {
  const std::vector<Candidate> cands = score_candidates(lines, context, contact.emails, weights);
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
  auto name = pick([](const Candidate& c) { return c.name; }, weights.name_floor, used);
  if (name) used.insert(name->index);
  auto company = pick([](const Candidate& c) { return c.company; }, weights.company_floor, used);
  if (company) used.insert(company->index);
  auto title = pick([](const Candidate& c) { return c.title; }, weights.title_floor, used);
  if (!title && name) {
    for (long idx : {static_cast<long>(name->index) + 1, static_cast<long>(name->index) - 1}) {
      if (idx < 0 || idx >= static_cast<long>(lines.size()) || used.count(static_cast<std::size_t>(idx))) continue;
      const auto& l = lines[static_cast<std::size_t>(idx)];
      if (l.contact || l.in_address || l.height > lines[name->index].height) continue;
      const auto it = std::find_if(cands.begin(), cands.end(),
                                   [&](const Candidate& c) { return c.index == static_cast<std::size_t>(idx); });
      if (it != cands.end() && it->company < weights.title_by_name_company && it->name < weights.title_by_name_name) {
        title = *it;
        title->title = weights.title_by_name;
        break;
      }
    }
  }
  if (title) used.insert(title->index);

  RoleEvidence evidence;
  if (name) {
    std::string printed = name->text;
    const CharCounts n = count_chars(printed);
    if (n.lower == 0 && n.upper > 1) printed = title_case(printed);
    set_contact_name(contact, printed);
    evidence.name = name->name;
    evidence.name_ocr = lines[name->index].confidence;
  }
  if (company) {
    std::string text = company->text;
    // A name set as a logo spreads over two lines ("Meadow" / "Architects
    // GmbH"): take the neighbouring line in when together they match the
    // card's domain better than the line alone.
    const double alone = domain_match(text, context.stems);
    for (long d : {-1L, 1L}) {
      const long n = static_cast<long>(company->index) + d;
      if (n < 0 || n >= static_cast<long>(lines.size()) || used.count(static_cast<std::size_t>(n))) continue;
      const auto& other = lines[static_cast<std::size_t>(n)];
      if (other.contact || other.in_address || count_chars(other.text).letters < 3) continue;
      const std::string joined = d < 0 ? other.text + " " + text : text + " " + other.text;
      if (domain_match(joined, context.stems) > alone + 0.05 && fold_letters(joined).size() <= 60) {
        text = joined;
        break;
      }
    }
    contact.company = tidy_company(text, context.stems);
    evidence.company = company->company;
    evidence.company_ocr = lines[company->index].confidence;
  }
  if (title) {
    contact.title = title->text;
    evidence.title = title->title;
    evidence.title_ocr = lines[title->index].confidence;
  }
  for (const auto& c : cands) {
    if (used.count(c.index)) continue;
    if (department_words(c.text)) {
      contact.department = c.text;
      evidence.department = weights.department_score;
      break;
    }
  }
  return evidence;
}

}  // namespace cardscan::parse
