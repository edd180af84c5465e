#include "parse/roles.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "parse/field_finders.hpp"
#include "parse/lexicon/words.hpp"
#include "parse/name_parser.hpp"
#include "parse/role_words.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

// The longest company name a card prints on one or two lines
// ("Công ty TNHH Chứng khoán Mirae Asset Việt Nam" is 44 letters).
constexpr std::size_t kMaxCompanyLength = 64;

// A logo mark OCR read in front of a company name: a few glyphs with a
// bracket, bar or slash in them ("jl]", "(ec)", "MN)", "HA-"), a run of
// vertical strokes ("Il", "ill"), or the company's initials as a monogram
// ("NC." before "Northwind Capital", "BR." before "Bright Realty").
bool is_logo_mark(const std::string& word, const std::vector<std::string>& after) {
  const CharCounts n = count_chars(word);
  const std::size_t len = utf8_length(word);
  if (n.letters + n.digits == 0) return true;
  if (len <= 4 && (word.find_first_of(")]}>|/\\") != std::string::npos || word.front() == '(' || word.back() == '-' ||
                   word.find("\u2044") != std::string::npos))
    return true;
  if (len <= 3 && n.letters == static_cast<int>(len) && word.find_first_not_of("ilIj") == std::string::npos)
    return true;
  const std::string letters = fold_letters(word);
  if (letters.size() >= 2 && letters.size() <= 3 && after.size() >= letters.size()) {
    std::string initials;
    for (std::size_t i = 0; i < letters.size(); ++i) {
      const std::string f = fold_letters(after[i]);
      if (f.empty()) return false;
      initials += f[0];
    }
    if (initials == letters) return true;
  }
  return false;
}

// Cleans a company line: drops leading debris OCR made of a logo ("1 i",
// "/N", "jl]", "NC."), and rejoins a word OCR split when the joined word is
// in the card's domain ("Lakes hore" -> "Lakeshore" for lakeshore.co).
// The shortest firm word tidy_company repairs: one edit turns shorter
// words into one another ("Lab", "Law"; "Group", "Grupo").
constexpr std::size_t kMinRepairedFirmWord = 5;

// A firm word or a legal form as printed, trailing dots and commas aside.
bool is_generic_word(const std::string& word) { return is_legal_form(word) || company_word_evidence(word) > 0; }

std::string tidy_company(const std::string& line, const std::vector<std::string>& stems) {
  std::vector<std::string> words = split_words(line);
  while (words.size() > 1) {
    const std::string& w = words.front();
    const CharCounts n = count_chars(w);
    // A name particle is the start of a family name ("de Jong & Associates").
    const bool particle =
        n.letters == static_cast<int>(utf8_length(w)) && is_name_particle(w) && starts_upper(words[1]);
    const bool debris =
        utf8_length(w) <= 2 && !(n.letters == static_cast<int>(utf8_length(w)) && n.upper > 0) && !particle;
    const std::vector<std::string> after(words.begin() + 1, words.end());
    if (!debris && !(after.size() >= 2 && is_logo_mark(w, after))) break;
    words.erase(words.begin());
  }
  // A fragment is a piece starting in lower case after a capitalised word:
  // in a name set all in lower case ("oakhaven dental care" for
  // oakhavendentalcare.com) every word is its own.
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (!starts_upper(words[i]) || starts_upper(words[i + 1]) || count_chars(words[i + 1]).lower == 0) continue;
    const std::string joined = fold_letters(words[i] + words[i + 1]);
    const bool in_domain = std::any_of(stems.begin(), stems.end(), [&](const std::string& stem) {
      return joined.size() >= 5 && fold_letters(stem).find(joined) != std::string::npos;
    });
    if (in_domain) {
      words[i] += words[i + 1];
      words.erase(words.begin() + static_cast<long>(i) + 1);
    }
  }
  // OCR misreads a letter of the word that says what the firm is, or cuts
  // off its end ("Roaster3", "Studic", "Logistic", "Clini"): a word of
  // kMinRepairedFirmWord letters or more that is no word of any list, a
  // letter misread or missing from a firm word, is that word, in the case
  // it was printed in.
  for (auto& w : words) {
    std::string bare = w;
    std::string trail;
    while (!bare.empty() && std::string_view(".,;:").find(bare.back()) != std::string_view::npos) {
      trail.insert(trail.begin(), bare.back());
      bare.pop_back();
    }
    if (utf8_length(bare) < kMinRepairedFirmWord || is_generic_word(bare)) continue;
    const std::string lower = to_lower(bare);
    const auto known = lexicon::common_word(lower);
    if (known.english || known.other || known.name) continue;
    std::string best;
    // A letter more is a brand's own spelling ("SupplyX"), as is an inner capital.
    const bool camel = std::any_of(bare.begin() + 1, bare.end(),
                                   [](char ch) { return std::isupper(static_cast<unsigned char>(ch)); }) &&
                       count_chars(bare).lower > 0;
    if (camel) continue;
    for (const auto row : firm_word_rows()) {
      if (row.size() < lower.size() || edit_distance(lower, row) != 1) continue;
      if (!best.empty()) {  // two firm words as near: no repair
        best.clear();
        break;
      }
      best = std::string(row);
    }
    if (best.empty()) continue;
    const CharCounts n = count_chars(bare);
    if (n.lower == 0)
      best = to_upper(best);
    else if (starts_upper(bare))
      best = to_upper(best.substr(0, 1)) + best.substr(1);
    w = best + trail;
  }
  // OCR reads the l of a legal form as a capital I ("Co., Itd.", "IIc"):
  // a word that is a legal form with its I's read as l's is that form.
  // Each side of a comma on its own: "Co.,Itd" is two forms in one word.
  for (auto& w : words) {
    std::string out;
    for (std::size_t start = 0; start <= w.size();) {
      const std::size_t comma = std::min(w.find(',', start), w.size());
      std::string part = w.substr(start, comma - start);
      std::string l = part;
      std::replace(l.begin(), l.end(), 'I', 'l');
      if (l != part && !is_legal_form(part) && is_legal_form(l)) part = l;
      out += part + (comma < w.size() ? "," : "");
      start = comma + 1;
    }
    w = out;
  }
  return join(words, " ");
}

// A firm's name is most often a name of its own followed by the word for
// what it is ("Dovetail Builders", "NORTHWIND BAKERY", "Harbor Law
// Group"): a line of two to five words that ends in an organisation or
// trade word after a first word that is none. Such a line scores this
// much more as a company than its words alone give (0.6 * 0.7 = 0.42,
// under the 0.45 floor when the line is set small): it reaches the floor
// in the smallest type a card prints.
constexpr double kNamedFirmBonus = 0.1;

bool is_named_firm(const std::string& text) {
  const auto words = split_words(text);
  if (words.size() < 2 || words.size() > 5) return false;
  const std::string first = to_lower(words.front());
  const std::string last = to_lower(words.back());
  auto firm_word = [](const std::string& w) { return company_word_evidence(w) > 0 && !is_legal_form(w); };
  return firm_word(last) && !firm_word(first) && !is_legal_form(first) && starts_upper(words.front()) &&
         count_chars(words.front()).letters >= 3 && title_word_evidence(text) == 0;
}

// A web address OCR read too badly for the website finder ("WWW.RAFT.",
// "www nonhgategroup 00m", "lan. co. uk"): it starts with www or a scheme,
// or, its spaces around dots closed up, ends in a known top-level domain
// after a label of two or more letters. A firm's name never looks so.
bool is_web_address_shaped(const std::string& text) {
  std::string s;
  for (char c : to_lower(text)) {
    if (c == ' ' && !s.empty() && s.back() == '.') continue;
    if (c == '.' && !s.empty() && s.back() == ' ') s.pop_back();
    s += c;
  }
  const std::size_t start = s.find_first_not_of("\"'([{<,;:-_|*\u201e\u201c");
  if (start == std::string::npos) return false;
  s.erase(0, start);
  if (s.rfind("www", 0) == 0 || s.rfind("http", 0) == 0) return true;
  while (!s.empty() && (s.back() == '.' || s.back() == '/' || s.back() == ' ')) s.pop_back();
  // The tail: "<label>.<tld>" or "<label>.<sld>.<tld>" at the end of the text.
  const std::size_t last_dot = s.rfind('.');
  if (last_dot == std::string::npos || last_dot == 0) return false;
  if (!known_tld(s.substr(last_dot + 1))) return false;
  std::size_t label_end = last_dot;
  const std::size_t prev_dot = s.rfind('.', last_dot - 1);
  if (prev_dot != std::string::npos && last_dot - prev_dot <= 4) label_end = prev_dot;  // "co.uk", "com.br"
  std::size_t label_start = label_end;
  while (label_start > 0 && (std::isalnum(static_cast<unsigned char>(s[label_start - 1])) || s[label_start - 1] == '-'))
    --label_start;
  // "GmbH & Co. KG": a legal form before a dot is no domain label.
  return label_end - label_start >= 2 && !is_legal_form(s.substr(label_start, label_end - label_start));
}

// A list of the services a firm offers ("TAX / PAYROLL / ADVISORY / AUDIT",
// "MAINTENANCE > INSTALLATION > DESIGN"): two or more separators between
// items of one or two words. It names what the firm does, not the firm.
bool is_service_list(const std::string& text) {
  int separators = 0;
  int run = 0;
  for (const auto& w : split_words(text)) {
    if (w == "/" || w == "|" || w == ">" || w == "\u2022" || w == "\u00b7" || w == "\u2013" || w == "-" || w == "+") {
      if (run == 0) return false;
      ++separators;
      run = 0;
      continue;
    }
    if (++run > 2) return false;
  }
  return separators >= 2 && run > 0;
}

// What a company can never be: a web address or a list of services.
bool cannot_be_company(const std::string& text) { return is_web_address_shaped(text) || is_service_list(text); }

double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }

double dot(const RoleFeatures& w, const RoleFeatures& x) {
  double s = 0;
  for (std::size_t i = 0; i < kRoleFeatures; ++i) s += w[i] * x[i];
  return s;
}

// Share of words that start in lower case: slogans and services lines have
// many ("Your partner in growth"), names and companies few.
double lower_word_share(const std::string& text) {
  const auto words = split_words(text);
  if (words.empty()) return 0;
  int lower = 0;
  for (const auto& w : words) {
    const CharCounts n = count_chars(w);
    if (n.letters > 0 && !starts_upper(w) && n.lower > 0) ++lower;
  }
  return static_cast<double>(lower) / static_cast<double>(words.size());
}

// Shares of a line's words (of three letters or more) that are ordinary
// words of English and of the other languages' lists: "Global Logistics
// Services" is all ordinary words, "Mauricio Regner" none.
std::pair<double, double> common_word_shares(const std::string& text) {
  int words = 0, english = 0, other = 0;
  for (const auto& raw : split_words(text)) {
    std::string w = raw;
    while (!w.empty() && std::string_view(".,:;()\"'|!?").find(w.back()) != std::string_view::npos) w.pop_back();
    while (!w.empty() && std::string_view(".,:;()\"'|!?").find(w.front()) != std::string_view::npos) w.erase(0, 1);
    const CharCounts n = count_chars(w);
    if (n.letters < 3 || n.digits > 0) continue;
    ++words;
    const auto known = lexicon::common_word(w);
    // "Lee", "Rose", "King": ordinary words that are names too say
    // nothing against a person's name.
    english += known.english && !known.name ? 1 : 0;
    other += known.other ? 1 : 0;
  }
  if (words == 0) return {0.0, 0.0};
  return {static_cast<double>(english) / words, static_cast<double>(other) / words};
}

// A company line is often only the start of the name the card prints:
// the legal name elsewhere on the card repeats it with its legal form
// ("Techno Brave" in the logo, "Techno Brave Co.,Ltd" by the address), or
// the line under it goes on with trade words ("Blaiklock" /
// "international logistics", "ISS Global" / "Forwarding (Thailand) Co.,Ltd.").
// True when one of the words is a legal form; "Co.,Ltd" is two legal
// forms OCR reads as one word.
bool has_legal_form(const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    if (is_legal_form(w)) return true;
    const auto comma = w.find(',');
    return comma != std::string::npos && (is_legal_form(w.substr(0, comma)) || is_legal_form(w.substr(comma + 1)));
  });
}

std::string complete_company(const std::vector<CardLine>& lines, std::size_t index, const std::string& text,
                             const std::set<std::size_t>& used) {
  auto free_text_line = [&](std::size_t i) {
    const auto& l = lines[i];
    const CharCounts n = count_chars(l.role_text());
    return !used.count(i) && !l.contact && !l.in_address && n.letters >= 3 && n.digits == 0 &&
           title_word_evidence(l.role_text()) == 0 && !cannot_be_company(l.role_text());
  };
  const std::string start = fold_letters(text);
  if (start.size() >= 3) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i == index || !free_text_line(i)) continue;
      const std::string& other = lines[i].role_text();
      if (has_legal_form(split_words(other)) && fold_letters(other).rfind(start, 0) == 0 &&
          utf8_length(other) <= kMaxCompanyLength)
        return other;
    }
  }
  const std::size_t next = index + 1;
  if (next < lines.size() && free_text_line(next)) {
    const std::string& other = lines[next].role_text();
    const std::string joined = text + " " + other;
    // A slogan under the logo ("Smarter systems for growing teams") mixes
    // cases; a name's second line is capitalised throughout or not at all.
    const double lower = lower_word_share(other);
    if (lower > 0 && lower < 1) return text;
    if (has_legal_form(split_words(text))) return text;
    const auto words = split_words(other);
    if (std::any_of(words.begin(), words.end(), [](const std::string& w) { return is_trade_word(w); }) &&
        utf8_length(joined) <= kMaxCompanyLength) {
      return joined;
    }
    if (!words.empty() && is_legal_form(words.back()) && utf8_length(joined) <= kMaxCompanyLength) return joined;
  }
  return text;
}

// title_word_evidence of a word that names a job by itself ("ceo",
// "Manager"); words that only go with one ("of", "Senior") score 0.3.
constexpr double kStrongTitleWord = 0.75;

// A word that stands between a name and its title: a separator ("|", "/",
// "-", "·") or the bar OCR read as one small letter ("i", "f") or two that
// make no word of any list ("ri", "il"); not a word of the title itself
// ("Head of New Business", "de", "y").
constexpr std::size_t kMaxBarLetters = 2;
bool is_separator_word(const std::string& w) {
  const CharCounts n = count_chars(w);
  if (n.letters + n.digits == 0) return true;
  if (n.digits > 0 || n.upper > 0) return false;
  if (utf8_length(w) == 1) return true;
  if (utf8_length(w) > kMaxBarLetters || n.letters != static_cast<int>(utf8_length(w))) return false;
  const auto known = lexicon::common_word(w);
  return !known.english && !known.other && title_word_evidence(w) == 0;
}

// The word of a title beside a name: a title word, an ordinary word of one
// of the languages ("Graphic", "Security") or one in lower case; a word
// that is none of these is more likely the name going on ("Ana María | Gómez").
bool reads_as_title_start(const std::string& w) {
  if (title_word_evidence(w) > 0 || !starts_upper(w)) return true;
  const auto known = lexicon::common_word(w);
  return known.english || known.other;
}

// A side that reads as a name alone: name-shaped, no title or company
// words, and not only ordinary English words ("Air Freight", "Country
// Overseas"; names are ordinary words in other languages: "Rocío Flores",
// and English words that are names too count as names: "Lee Min Young").
bool name_side(const std::vector<std::string>& words) {
  // A comma inside ends the name: "Anaïs Price, Talent Acquisition" is a
  // name and the start of a title.
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (!words[i].empty() && words[i].back() == ',') return false;
  }
  const std::string text = join(words, " ");
  if (name_shape(text) < 1.0 || title_word_evidence(text) > 0 || company_word_evidence(text) > 0) return false;
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    const auto known = lexicon::common_word(w);
    return count_chars(w).letters > 1 && (!known.english || known.name);
  });
}

}  // namespace

std::optional<NameTitleSplit> split_name_and_title(const std::string& line) {
  const auto words = split_words(line);
  if (words.size() < 3) return std::nullopt;
  struct Choice {
    NameTitleSplit split;
    bool separated = false;
  };
  std::optional<Choice> best;
  auto consider = [&](std::vector<std::string> first, std::vector<std::string> second, bool name_first) {
    bool separated = false;
    while (!first.empty() && is_separator_word(first.back())) {
      first.pop_back();
      separated = true;
    }
    while (!second.empty() && is_separator_word(second.front())) {
      second.erase(second.begin());
      separated = true;
    }
    if (first.empty() || second.empty()) return;
    if (!first.back().empty() && (first.back().back() == ',' || first.back().back() == ';')) {
      first.back().pop_back();
      separated = true;
    }
    auto& name = name_first ? first : second;
    auto& title = name_first ? second : first;
    // At a separator the title needs one word a title is made of ("Anaïs
    // Price, Talent Acquisition Lead"); without one, its words must read
    // as a title together.
    const bool title_words = separated ? std::any_of(title.begin(), title.end(),
                                                     [](const std::string& w) { return title_word_evidence(w) > 0; })
                                       : title_word_evidence(join(title, " ")) > 0;
    if (!name_side(name) || !title_words) return;
    // The title's word next to the name: after a name, a word a title may
    // start with; before one, a title word itself ("ceo Lee Tae Suk", not
    // "Head of" | "New Business EMEA").
    if (name_first ? !reads_as_title_start(title.front()) : title_word_evidence(title.back()) < kStrongTitleWord)
      return;
    // The first split that works, in reading order, and one at a separator
    // before one without: the name is as short as it reads.
    if (best && (best->separated || !separated)) return;
    best = Choice{{join(first, " "), join(second, " ")}, separated};
  };
  auto every_split = [&](bool name_first) {
    for (std::size_t k = 1; k < words.size(); ++k) {
      consider({words.begin(), words.begin() + static_cast<long>(k)},
               {words.begin() + static_cast<long>(k), words.end()}, name_first);
    }
  };
  every_split(true);
  // A title before the name ("ceo Lee Tae Suk"): the shortest title that works.
  if (!best) every_split(false);
  if (!best) return std::nullopt;
  return best->split;
}

const RoleWeights& role_weights() {
  static const RoleWeights weights = [] {
    RoleWeights w =
#include "parse/fit/role_weights.inc"
        ;
    return w;
  }();
  return weights;
}

std::vector<RoleCandidate> role_candidates(const std::vector<CardLine>& lines, const CardContext& context,
                                           const Contact& contact) {
  std::vector<std::size_t> eligible;
  double max_height = 1;
  for (const auto& l : lines) {
    if (!l.in_address && !l.rest.empty()) max_height = std::max(max_height, l.height);
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (l.in_address) continue;
    const CharCounts n = count_chars(l.role_text());
    if (n.letters < 2 || n.digits > n.letters) continue;
    eligible.push_back(i);
  }
  std::vector<RoleCandidate> out;
  for (std::size_t k = 0; k < eligible.size(); ++k) {
    const CardLine& l = lines[eligible[k]];
    // A smaller line right under or over a name-shaped one: the title on most layouts.
    double under_name = 0;
    for (long d : {-1L, 1L}) {
      const long j = static_cast<long>(k) + d;
      if (j < 0 || j >= static_cast<long>(eligible.size())) continue;
      const CardLine& other = lines[eligible[static_cast<std::size_t>(j)]];
      if (other.height >= l.height) under_name = std::max(under_name, name_shape(other.role_text()));
    }
    auto candidate = [&](const std::string& text, int side) {
      const CharCounts n = count_chars(text);
      const double rel_height = l.height / max_height;
      const double shape = name_shape(text);
      const double email = email_name_match(text, contact.emails);
      const double domain = domain_match(text, context.stems);
      const double company_words = company_word_evidence(text);
      const PriorRoleWeights p;
      const double title_words = title_word_evidence(text);
      const double contact_line = l.contact ? 1.0 : 0.0;
      const double prior_name = shape * (p.name_base + p.name_height * rel_height + p.name_email * email) +
                                p.name_company_words * company_words + p.name_title_words * title_words +
                                p.name_domain * domain * (1 - email) + p.name_on_contact_line * contact_line;
      const double prior_company = p.company_words * company_words + p.company_domain * domain +
                                   p.company_height * rel_height + p.company_title_words * title_words +
                                   p.company_name_email * email * shape + p.company_on_contact_line * contact_line;
      const double prior_title =
          p.title_words * title_words + p.title_company_words * company_words + p.title_domain * domain;
      const auto [english_words, other_words] = common_word_shares(text);
      RoleCandidate c;
      c.line = eligible[k];
      c.side = side;
      c.text = text;
      c.features = {shape,
                    rel_height,
                    rel_height >= 0.97 ? 1.0 : 0.0,
                    company_words,
                    title_words,
                    domain,
                    email,
                    l.contact ? 1.0 : 0.0,
                    (n.lower == 0 && n.upper > 1) ? 1.0 : 0.0,
                    std::min(1.5, static_cast<double>(split_words(text).size()) / 5.0),
                    department_words(text) ? 1.0 : 0.0,
                    eligible.size() > 1 ? static_cast<double>(k) / static_cast<double>(eligible.size() - 1) : 0.0,
                    under_name,
                    l.confidence,
                    lower_word_share(text),
                    shape * rel_height,
                    shape * email,
                    domain * (1 - email),
                    company_words >= 1.0 ? 1.0 : 0.0,
                    std::min(1.5, static_cast<double>(n.letters) / 40.0),
                    k == 0 ? 1.0 : 0.0,
                    prior_name,
                    prior_company,
                    prior_title,
                    english_words,
                    other_words};
      return c;
    };
    out.push_back(candidate(l.role_text(), 0));
    if (const auto split = split_name_and_title(l.role_text())) {
      out.push_back(candidate(split->first, 1));
      out.push_back(candidate(split->second, 2));
    }
  }
  return out;
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
  int name_words = 0, initials = 0;
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
    if (is_name_particle(w) && i > 0) continue;  // "van", "della": part of the name, not a word of its own
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

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
// The log-odds of a role a line can never hold: below any floor.
constexpr double kRuledOut = -1e9;

struct Scored {
  std::size_t line;
  int side;
  std::string text;
  double name, company, title;  // log-odds, less each role's floor
};

// The department printed beside the title ("Director" / "Global Business
// Development", "Sensor Network Section" / "Network Division" under the
// name of a card with no title): the run of unused lines next to `anchor`
// (the title's line, else the name's) in its layout block that name a
// department or, next to a title and in its type size, are likelier a
// title than any other role. Lines in reading order, joined by ", ";
// empty when there is none.
std::string department_beside(const std::vector<CardLine>& lines, const std::vector<Scored>& cands, std::size_t anchor,
                              bool anchor_is_title, const std::set<std::size_t>& used, const RoleWeights& weights) {
  if (anchor == kNone) return {};
  const CardLine& at = lines[anchor];
  auto qualifies = [&](std::size_t i) {
    const CardLine& l = lines[i];
    if (used.count(i) || l.contact || l.in_address || count_chars(l.text).letters < 3) return false;
    if (l.source && at.source && l.source->block != at.source->block) return false;
    if (anchor_is_title && at.height > 0) {
      const double ratio = l.height / at.height;
      if (ratio > weights.department_size_ratio || ratio * weights.department_size_ratio < 1) return false;
    }
    if (department_words(l.text)) return true;
    // A line with a job word of its own is a second title (the same
    // title in a second language, a second job), not a department.
    if (!anchor_is_title || title_word_evidence(l.text) >= weights.second_title_evidence) return false;
    const auto whole =
        std::find_if(cands.begin(), cands.end(), [&](const Scored& c) { return c.line == i && c.side == 0; });
    if (whole == cands.end()) return false;
    const double title = whole->title + weights.title_floor;
    return title > whole->name + weights.name_floor && title > whole->company + weights.company_floor &&
           title > weights.department_title_floor;
  };
  std::vector<std::size_t> run;
  for (std::size_t i = anchor; i > 0 && run.size() < weights.department_max_lines && qualifies(i - 1); --i)
    run.insert(run.begin(), i - 1);
  const std::size_t above = run.size();
  for (std::size_t i = anchor + 1;
       i < lines.size() && run.size() < above + weights.department_max_lines && qualifies(i); ++i)
    run.push_back(i);
  std::string out;
  for (std::size_t i : run) out += (out.empty() ? "" : ", ") + lines[i].text;
  return out;
}

// "Schäfer & Partner e.K.", "Ames & Associates LLP": before a legal form
// at its end, a word that names a job elsewhere is part of the firm's
// name. The prior's penalty for title words (PriorRoleWeights::
// company_title_words) is given back to such a line.
double partner_relief(const std::string& text, double title_words) {
  const auto words = split_words(text);
  if (words.size() < 3 || title_words <= 0 || !has_legal_form({words.back()})) return 0;
  return -PriorRoleWeights{}.company_title_words * title_words;
}

// How a word is set: all capitals, capitalised, or lower case; 0 for a
// word without two letters ("&", "|", "A.").
int case_style(const std::string& word) {
  const CharCounts n = count_chars(word);
  if (n.letters < 2) return 0;
  if (n.lower == 0) return 1;
  return starts_upper(word) ? 2 : 3;
}

// OCR reads a company and a title printed side by side as one line, the
// two set in different cases ("IRONWOOD CONSULTING Vertriebsleiterin",
// "Physical Therapist quartz biotech"): cut where the case changes, the
// company is the side that has firm words or the card's domain and no
// job word, when the other has one; the other is the title when the card
// has none elsewhere.
struct FirmAndJob {
  std::string firm, job;  // job empty when the line is not cut
};
FirmAndJob without_title_run(const std::string& text, const std::vector<std::string>& stems) {
  const auto words = split_words(text);
  int previous = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const int style = case_style(words[i]);
    if (style == 0) continue;
    if (previous != 0 && style != previous) {
      const std::string a = join({words.begin(), words.begin() + static_cast<long>(i)}, " ");
      const std::string b = join({words.begin() + static_cast<long>(i), words.end()}, " ");
      for (const auto& [firm, job] : {std::pair{a, b}, std::pair{b, a}}) {
        if (title_word_evidence(job) >= kStrongTitleWord && title_word_evidence(firm) == 0 &&
            (company_word_evidence(firm) > 0 || domain_match(firm, stems) > 0))
          return {firm, job};
      }
    }
    previous = style;
  }
  return {text, {}};
}

// A company name set over two sizes or two lines ("GLOBAL LOGISTICS" |
// "SERVICES L.L.C", "JINNO INTERNATIONAL COOPERATION" / "JOINT STOCK
// COMPANY") is two OCR lines; the pieces sit side by side on one row or
// one under the other.
// Two pieces of one name on a row are at most this many text heights
// apart (a word space is 0.3-0.6 of one, a column gutter over 1.2) ...
constexpr double kPieceGapHeights = 1.0;
// ... their middles at most this share of the taller one's height apart ...
constexpr double kPieceRowMiddles = 0.5;
// ... and a name's second line starts at most this many heights under the
// first (line spacing is 0.2-0.6 of a height).
constexpr double kPieceStackHeights = 0.8;

// Words that say what kind of firm it is, not which firm: legal forms,
// organisation and trade words, and the words of legal forms spelt out
// ("Joint Stock Company", "Public Limited Company").
bool is_generic_company_word(const std::string& word) {
  std::string w = to_lower(word);
  while (!w.empty() && std::string_view(".,;:()").find(w.back()) != std::string_view::npos) w.pop_back();
  while (!w.empty() && std::string_view(".,;:()").find(w.front()) != std::string_view::npos) w.erase(0, 1);
  if (w.empty() || w == "&") return !w.empty();
  static const std::set<std::string, std::less<>> spelt_out = {"joint", "stock", "public", "private", "liability"};
  return is_legal_form(w) || has_legal_form({w}) || company_word_evidence(w) > 0 || spelt_out.count(w) > 0;
}

bool only_generic_words(const std::vector<std::string>& words) {
  return !words.empty() && std::all_of(words.begin(), words.end(), is_generic_company_word);
}

// ... and each word of a piece read as text (OCR confidence 0..100):
// beside a logo OCR makes noise of any shape ("O pana" over "Realty").
constexpr float kPieceMinConfidence = 50.0f;

// Words of `other` that continue the name in `at` (words already taken
// into it): to its right on its row, or in its span on the row under it
// (after = true); or to its left, or over it (after = false). On a row
// the run of words from `at`'s edge no wider apart than a piece gap, in
// reading order; empty when there is none.
struct Piece {
  std::vector<std::string> words;
  ocr::Box box;  // `at` with the piece's words
  bool on_row = false;
};
// Words OCR was unsure of end a piece unless `any_confidence` (a piece
// that spells the card's domain is read right however unsure OCR was).
Piece piece_of(const ocr::Box& at, double at_height, const ocr::Line& other, bool after, bool any_confidence = false) {
  Piece piece;
  const double middle = (at.y + at.bottom()) / 2.0;
  std::vector<const ocr::Word*> row, stacked;
  for (const auto& w : other.words) {
    const double size = std::max<double>(at_height, w.box.height);
    const double w_middle = (w.box.y + w.box.bottom()) / 2.0;
    const bool beside = after ? w.box.x >= at.right() - 0.2 * size : w.box.right() <= at.x + 0.2 * size;
    if (std::abs(w_middle - middle) <= kPieceRowMiddles * size && beside) {
      row.push_back(&w);
      continue;
    }
    const double gap = after ? w.box.y - at.bottom() : at.y - w.box.bottom();
    if (gap >= -0.2 * size && gap <= kPieceStackHeights * size) stacked.push_back(&w);
  }
  auto confident = [&](const ocr::Word* w) { return any_confidence || w->confidence >= kPieceMinConfidence; };
  auto grow = [&](const ocr::Box& b) {
    const int x = std::min(piece.box.x, b.x), y = std::min(piece.box.y, b.y);
    piece.box = {x, y, std::max(piece.box.right(), b.right()) - x, std::max(piece.box.bottom(), b.bottom()) - y};
  };
  piece.box = at;
  if (!row.empty()) {
    std::sort(row.begin(), row.end(), [&](const ocr::Word* a, const ocr::Word* b) {
      return after ? a->box.x < b->box.x : a->box.x > b->box.x;
    });
    double edge = after ? at.right() : at.x;
    for (const ocr::Word* w : row) {
      const double size = std::max<double>(at_height, w->box.height);
      const double gap = after ? w->box.x - edge : edge - w->box.right();
      if (gap > kPieceGapHeights * size || !confident(w)) break;
      piece.words.push_back(w->text);
      grow(w->box);
      edge = after ? w->box.right() : w->box.x;
    }
    if (!after) std::reverse(piece.words.begin(), piece.words.end());
    piece.on_row = !piece.words.empty();
    if (piece.on_row) return piece;
  }
  // On the row over or under: the words over or under `at` and those
  // that run on from them without a gap ("COOPERATION" past the end of
  // "JOINT STOCK COMPANY" over it).
  std::sort(stacked.begin(), stacked.end(), [](const ocr::Word* a, const ocr::Word* b) { return a->box.x < b->box.x; });
  std::size_t lo = stacked.size(), hi = 0;
  for (std::size_t k = 0; k < stacked.size(); ++k) {
    const double centre = stacked[k]->box.x + stacked[k]->box.width / 2.0;
    if (centre < at.x || centre > at.right()) continue;
    lo = std::min(lo, k);
    hi = k;
  }
  if (lo == stacked.size()) return piece;
  auto close = [&](const ocr::Word* a, const ocr::Word* b) {
    return b->box.x - a->box.right() <= kPieceGapHeights * std::max(a->box.height, b->box.height);
  };
  while (lo > 0 && close(stacked[lo - 1], stacked[lo])) --lo;
  while (hi + 1 < stacked.size() && close(stacked[hi], stacked[hi + 1])) ++hi;
  for (std::size_t k = lo; k <= hi; ++k) {
    if (!confident(stacked[k])) return Piece{{}, at, false};
    piece.words.push_back(stacked[k]->text);
    grow(stacked[k]->box);
  }
  return piece;
}

// The company line's name completed from the pieces beside it: a name of
// generic words only ("SERVICES L.L.C", "Studio Corp.") takes in the
// pieces before it on its row ("UPLAND" "DESIGN" | "STUDIO CORP.") or the
// line over it; a name without a legal form takes in a piece after it
// made of generic words ending in one ("JOINT STOCK COMPANY"). `text` is
// returned as it is when no piece completes it.
std::string join_company_pieces(const std::vector<CardLine>& lines, std::size_t index, const std::string& text,
                                const std::set<std::size_t>& used) {
  auto piece_line = [&](std::size_t i) {
    const CardLine& l = lines[i];
    const CharCounts n = count_chars(l.text);
    return i != index && !used.count(i) && !l.contact && !l.in_address && l.source && n.letters >= 2 && n.digits == 0 &&
           title_word_evidence(l.text) == 0 && !cannot_be_company(l.text);
  };
  const ocr::Line& at = *lines[index].source;
  const double height = at.text_height > 0 ? at.text_height : at.box.height;
  const auto words = split_words(text);
  if (only_generic_words(words)) {
    std::vector<std::string> joined = words;
    ocr::Box box = at.box;
    std::set<std::size_t> taken;
    // Pieces before it, nearest first in reading order; along its row as
    // far as they go, or one line over it.
    for (bool more = true; more;) {
      more = false;
      for (std::size_t k = 1; k < lines.size(); ++k) {
        const std::size_t i = (index + lines.size() - k) % lines.size();
        if (taken.count(i) || !piece_line(i)) continue;
        const Piece before = piece_of(box, height, *lines[i].source, false);
        if (before.words.empty()) continue;
        if (!before.on_row && taken.size() > 0) continue;
        if (utf8_length(join(before.words, " ") + " " + join(joined, " ")) > kMaxCompanyLength) continue;
        joined.insert(joined.begin(), before.words.begin(), before.words.end());
        box = before.box;
        taken.insert(i);
        more = before.on_row;
        break;
      }
    }
    return only_generic_words(joined) ? text : join(joined, " ");
  }
  if (has_legal_form(words)) return text;
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const std::size_t i = (index + k) % lines.size();
    if (!piece_line(i)) continue;
    const Piece after = piece_of(at.box, height, *lines[i].source, true);
    // Generic words ending in a legal form, or the words that go on to
    // say what the firm does, ending in a trade word ("BELTIS" / "IT
    // Solutions"), set in one case.
    if (after.words.empty()) continue;
    const std::string last = after.words.back();
    const bool legal_tail = only_generic_words(after.words) && has_legal_form({last});
    const std::string piece = join(after.words, " ");
    const double lower = lower_word_share(piece);
    const bool trade_tail = is_generic_company_word(last) && !has_legal_form({last}) && (lower == 0 || lower == 1) &&
                            title_word_evidence(piece) == 0 && after.words.size() <= 3;
    if (!legal_tail && !trade_tail) continue;
    const std::string joined = text + " " + join(after.words, " ");
    if (utf8_length(joined) <= kMaxCompanyLength) return joined;
  }
  return text;
}

// Two OCR lines on one row whose spans overlap, because OCR gave one word
// a box over its neighbours ("Công" boxed over "Ty TNHH" in "Công Ty TNHH
// Chứng Khoán ..."): their words in the order they start from the left.
// Empty when the lines are not so.
std::string interleaved_row(const ocr::Line& a, const ocr::Line& b) {
  const double h = std::max(a.box.height, b.box.height);
  const double middles = std::abs((a.box.y + a.box.bottom()) - (b.box.y + b.box.bottom())) / 2.0;
  const bool overlap = a.box.x < b.box.right() && b.box.x < a.box.right();
  if (middles > kPieceRowMiddles * h || !overlap) return {};
  std::vector<const ocr::Word*> words;
  for (const auto* l : {&a, &b})
    for (const auto& w : l->words) words.push_back(&w);
  std::stable_sort(words.begin(), words.end(),
                   [](const ocr::Word* x, const ocr::Word* y) { return x->box.x < y->box.x; });
  std::string out;
  for (const auto* w : words) out += (out.empty() ? "" : " ") + w->text;
  return out;
}

// A domain label spells a name the card may print in pieces ("CIS" in a
// logo over "Global Services" for cisglobalservices.com), or with words
// hyphenated ("OVERSEAS" for seli-overseas.com). Labels shorter than this
// are spelt by a short word by chance.
constexpr std::size_t kMinCoveredLabel = 6;

// The run of `words` whose letters are `letters`, joined; empty if none.
std::string run_spelling(const std::vector<std::string>& words, const std::string& letters) {
  for (std::size_t a = 0; a < words.size(); ++a) {
    std::string folded;
    for (std::size_t b = a; b < words.size() && folded.size() < letters.size(); ++b) {
      folded += fold_letters(words[b]);
      if (folded == letters)
        return join({words.begin() + static_cast<long>(a), words.begin() + static_cast<long>(b) + 1}, " ");
    }
  }
  return {};
}

// The company completed to the card's domain label when it spells only
// part of it: the rest from a piece printed beside it (over or left of it
// for the label's start, under or right for its end), or, for a label of
// hyphenated words, from the label's own words in the company's case.
std::string covered_by_domain(const std::vector<CardLine>& lines, std::size_t index, const std::string& text,
                              const std::set<std::size_t>& used, const std::vector<std::string>& stems) {
  const std::string c = fold_letters(text);
  if (c.size() < 3 || !lines[index].source) return text;
  const ocr::Line& at = *lines[index].source;
  const double height = at.text_height > 0 ? at.text_height : at.box.height;
  for (const auto& stem : stems) {
    const std::string label = fold_letters(stem);
    const std::size_t pos = label.find(c);
    if (label.size() < kMinCoveredLabel || pos == std::string::npos || label == c) continue;
    const std::string head = label.substr(0, pos), tail = label.substr(pos + c.size());
    std::string before, after;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const CardLine& l = lines[i];
      if (i == index || used.count(i) || l.contact || l.in_address || !l.source || cannot_be_company(l.text)) continue;
      if (!head.empty() && before.empty())
        before = run_spelling(piece_of(at.box, height, *l.source, false, true).words, head);
      if (!tail.empty() && after.empty())
        after = run_spelling(piece_of(at.box, height, *l.source, true, true).words, tail);
    }
    if ((head.empty() || !before.empty()) && (tail.empty() || !after.empty()))
      return trim(before + " " + text + " " + after);
    // A hyphenated label names its words: those the company lacks are
    // added in its case.
    if (stem.find('-') == std::string::npos) continue;
    std::vector<std::string> parts;
    for (std::size_t start = 0; start <= stem.size();) {
      const std::size_t dash = std::min(stem.find('-', start), stem.size());
      parts.push_back(stem.substr(start, dash - start));
      start = dash + 1;
    }
    const CharCounts n = count_chars(text);
    auto cased = [&](std::string w) {
      if (n.lower == 0) return to_upper(w);
      return to_upper(w.substr(0, 1)) + w.substr(1);
    };
    std::string folded, out;
    bool in_run = false, done = false;
    for (const auto& part : parts) {
      if (!done && !in_run && c.rfind(fold_letters(part), 0) == 0) in_run = true;
      if (in_run && !done) {
        folded += fold_letters(part);
        if (folded == c) {
          out += (out.empty() ? "" : " ") + text;
          done = true;
          in_run = false;
        }
        continue;
      }
      out += (out.empty() ? "" : " ") + cased(part);
    }
    if (done) return out;
  }
  return text;
}

// A name read as one word is half a name: cards that set the family name
// larger than the given name ("AKIHITO" beside a taller "HORIKAWA") put the
// halves in different type sizes, so they are two lines. The other half is
// a lone name-shaped word on the same row, close beside it, that no other
// role took and that is no ordinary word, title word or company word.
// How far apart the halves may be, in heights of the taller one.
constexpr double kNameHalvesGapHeights = 1.0;

bool lone_name_word(const std::string& text) {
  const auto words = split_words(text);
  if (words.size() != 1) return false;
  const CharCounts n = count_chars(words[0]);
  if (n.letters < 2 || n.letters != static_cast<int>(utf8_length(words[0])) || !starts_upper(words[0])) return false;
  const auto known = lexicon::common_word(words[0]);
  return !(known.english && !known.name) && !known.other && title_word_evidence(text) == 0 &&
         company_word_evidence(text) == 0 && !is_legal_form(words[0]);
}

std::string complete_lone_name(const std::vector<CardLine>& lines, std::size_t index, const std::string& text,
                               const std::set<std::size_t>& used) {
  if (!lone_name_word(text) || lines[index].source == nullptr) return text;
  const ocr::Box a = lines[index].source->box;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& other = lines[i];
    if (i == index || used.count(i) || other.contact || other.in_address || other.source == nullptr ||
        !lone_name_word(other.text))
      continue;
    const ocr::Box b = other.source->box;
    const int taller = std::max(a.height, b.height);
    const int gap = std::max(a.x, b.x) - std::min(a.right(), b.right());
    if (std::min(a.height, b.height) <= 0 || !share_row(a, b) || gap < 0 || gap > kNameHalvesGapHeights * taller)
      continue;
    return a.x < b.x ? text + " " + other.text : other.text + " " + text;
  }
  return text;
}

}  // namespace

RoleEvidence read_roles(const std::vector<CardLine>& lines, const CardContext& context, Contact& contact,
                        const RoleWeights& weights) {
  std::vector<Scored> cands;
  for (const auto& c : role_candidates(lines, context, contact)) {
    const double company = cannot_be_company(c.text)    ? kRuledOut
                           : weights.company_from_prior ? weights.company_prior_scale *
                                                              (c.features[kPriorCompany] - weights.company_prior_floor +
                                                               (is_named_firm(c.text) ? kNamedFirmBonus : 0) +
                                                               partner_relief(c.text, c.features[4]))
                                                        : weights.company_bias + dot(weights.company, c.features);
    // A slogan ("Your partner in growth") holds job words ("partner") but no job.
    const double title = speaks_to_reader(c.text) ? kRuledOut : weights.title_bias + dot(weights.title, c.features);
    cands.push_back({c.line, c.side, c.text, weights.name_bias + dot(weights.name, c.features), company, title});
  }
#ifdef CARDSCAN_DEBUG_PARSE
  for (const auto& c : cands) {
    std::fprintf(stderr, "cand %zu name=%.2f title=%.2f company=%.2f | %s\n", c.line, c.name, c.title, c.company,
                 c.text.c_str());
  }
#endif
  // The joint assignment: each role to a different line or to none, the
  // sum of the chosen lines' log-odds as large as it gets. A role whose
  // every line is likelier not to hold it stays empty.
  for (auto& c : cands) {
    c.name -= weights.name_floor;
    c.company -= weights.company_floor;
    c.title -= weights.title_floor;
  }
  const std::size_t n = cands.size();
  // Two roles may come from one line only as the two sides of its split.
  auto clash = [&](std::size_t i, std::size_t j) {
    return i == j || (cands[i].line == cands[j].line && cands[i].side + cands[j].side != 3);
  };
  double best_total = 0;
  std::size_t best_name = kNone, best_company = kNone, best_title = kNone;
  for (std::size_t a = 0; a <= n; ++a) {
    const double sa = a < n ? cands[a].name : 0;
    if (a < n && sa <= 0) continue;
    for (std::size_t b = 0; b <= n; ++b) {
      if (b < n && ((a < n && clash(a, b)) || cands[b].company <= 0)) continue;
      const double sb = b < n ? cands[b].company : 0;
      for (std::size_t t = 0; t <= n; ++t) {
        // The other side of the line the name is read from was split off
        // for its title words: it is the title unless a line does better.
        const double partner = a < n && t < n && cands[a].line == cands[t].line && cands[a].side + cands[t].side == 3
                                   ? weights.split_title_bonus
                                   : 0;
        const double st = t < n ? cands[t].title + partner : 0;
        if (t < n && ((a < n && clash(t, a)) || (b < n && clash(t, b)) || st <= 0)) continue;
        const double total = sa + sb + st;
        if (total > best_total) {
          best_total = total;
          best_name = a < n ? a : kNone;
          best_company = b < n ? b : kNone;
          best_title = t < n ? t : kNone;
        }
      }
    }
  }
  struct Pick {
    std::size_t index;
    std::string text;
    double score;
  };
  std::optional<Pick> name, company, title;
  if (best_name != kNone)
    name = Pick{cands[best_name].line, cands[best_name].text, logistic(cands[best_name].name + weights.name_floor)};
  if (best_company != kNone)
    company = Pick{cands[best_company].line, cands[best_company].text,
                   logistic(cands[best_company].company + weights.company_floor)};
  if (best_title != kNone) {
    const bool partner = best_name != kNone && cands[best_name].line == cands[best_title].line;
    title = Pick{cands[best_title].line, cands[best_title].text,
                 logistic(cands[best_title].title + weights.title_floor + (partner ? weights.split_title_bonus : 0))};
  }
  std::set<std::size_t> used;
  for (const auto* p : {&name, &company, &title}) {
    if (*p) used.insert((*p)->index);
  }

  RoleEvidence evidence;
  if (name) {
    // Only a whole line: a one-word side of a split line ("ceo Lee") has
    // its other half beside it already.
    std::string printed =
        cands[best_name].side == 0 ? complete_lone_name(lines, name->index, name->text, used) : name->text;
    const CharCounts n = count_chars(printed);
    if (n.lower == 0 && n.upper > 1) printed = title_case(printed);
    set_contact_name(contact, printed);
    evidence.name = name->score;
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
      if (other.contact || other.in_address || count_chars(other.text).letters < 3 || cannot_be_company(other.text))
        continue;
      std::string joined = d < 0 ? other.text + " " + text : text + " " + other.text;
      if (cands[best_company].side == 0 && lines[company->index].source && other.source) {
        const std::string interleaved = interleaved_row(*lines[company->index].source, *other.source);
        if (!interleaved.empty()) joined = interleaved;
      }
      if (domain_match(joined, context.stems) > alone + 0.05 && fold_letters(joined).size() <= 60) {
        text = joined;
        break;
      }
    }
    if (text == company->text && cands[best_company].side == 0)
      text = join_company_pieces(lines, company->index, text, used);
    if (text == company->text) text = complete_company(lines, company->index, text, used);
    if (cands[best_company].side == 0) text = covered_by_domain(lines, company->index, text, used, context.stems);
    const FirmAndJob cut = without_title_run(text, context.stems);
    contact.company = tidy_company(cut.firm, context.stems);
    evidence.company = company->score;
    evidence.company_ocr = lines[company->index].confidence;
    if (!title && !cut.job.empty()) {
      contact.title = cut.job;
      evidence.title = company->score;
      evidence.title_ocr = lines[company->index].confidence;
    }
  }
  if (title) {
    contact.title = title->text;
    evidence.title = title->score;
    evidence.title_ocr = lines[title->index].confidence;
  }
  if (auto department = department_beside(lines, cands,
                                          title  ? title->index
                                          : name ? name->index
                                                 : kNone,
                                          title.has_value(), used, weights);
      !department.empty()) {
    contact.department = department;
    evidence.department = weights.department_score;
  } else {
    for (const auto& c : cands) {
      if (used.count(c.line)) continue;
      if (department_words(c.text)) {
        contact.department = c.text;
        evidence.department = weights.department_score;
        break;
      }
    }
  }
  return evidence;
}

}  // namespace cardscan::parse
