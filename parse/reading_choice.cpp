#include "parse/reading_choice.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "parse/card_context.hpp"
#include "parse/card_lines.hpp"
#include "parse/field_finders.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

// A contact line whose weakest word Tesseract is less sure of than this
// (0..100) is read again even when it parses.
constexpr float kDoubtfulWordConfidence = 80.0f;
// Digits on a line from which it may carry a phone number.
constexpr int kPhoneDigits = 6;
// How much better (in reading_support units) another reading must be
// supported than the first one to replace it: a well-formed field is worth
// 2, a domain or number the card confirms 3.
constexpr double kReplaceMargin = 1.0;
// Support a reading gets from each other reading that gives the same field.
constexpr double kAgreement = 0.5;
// Least support (one well-formed field) a reading needs to replace the
// first: a reading that only lost the first one's junk is no better read.
constexpr double kMinChosenSupport = 2.0;

// What the rest of the card (every line but the one being judged) says.
struct Evidence {
  std::vector<std::string> domains;  // email domains and website hosts
  std::set<std::string> words;       // folded words of 3+ letters printed outside contact lines
  PhoneContext phones;
};

Evidence evidence_without(const ocr::Page& page, std::size_t index, const std::string& region) {
  std::vector<CardLine> lines = read_card_lines(page);
  std::erase_if(lines, [&](const CardLine& l) { return l.source == &page.lines[index]; });
  const CardContext context = build_card_context(lines, region);
  Evidence ev;
  ev.domains = context.domains;
  ev.phones = context.phones;
  for (const auto& l : lines) {
    if (l.raw.find('@') != std::string::npos) continue;
    for (const auto& w : split_words(l.text)) {
      for (const auto& spelling : ascii_spellings(w)) {
        const std::string f = fold_letters(spelling);
        if (f.size() >= 3) ev.words.insert(f);
      }
    }
  }
  return ev;
}

int digit_count(std::string_view s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

bool contains_ci(std::string_view s, std::string_view needle) { return to_lower(s).find(needle) != std::string::npos; }

// A line that may carry an email, web address or phone number.
bool looks_like_contact(std::string_view text) {
  return text.find('@') != std::string::npos || contains_ci(text, "www") || contains_ci(text, "http") ||
         digit_count(text) >= kPhoneDigits || !find_websites(text).empty();
}

bool has_domain(const Evidence& ev, const std::string& domain) {
  return std::find(ev.domains.begin(), ev.domains.end(), domain) != ev.domains.end();
}

// The local part of an email is made of words printed elsewhere on the
// card (the holder's name, the company): "jane.doe", "jdoe", "sales".
bool local_part_supported(const Evidence& ev, std::string_view local) {
  std::size_t start = 0;
  while (start < local.size()) {
    const auto sep = local.find_first_of("._-+", start);
    const std::string token = fold_letters(local.substr(start, sep == std::string_view::npos ? sep : sep - start));
    if (token.size() >= 3 && (ev.words.count(token) || ev.words.count(token.substr(1)))) return true;
    if (sep == std::string_view::npos) break;
    start = sep + 1;
  }
  return false;
}

// Characters no contact field is made of: what OCR makes of a glyph it
// could not read. Letters, digits, spaces and the punctuation of emails,
// numbers and addresses are fine; non-ASCII is fine outside email- and
// web-like words (names and addresses carry accents).
int stray_characters(std::string_view text) {
  static const std::string_view allowed = "@.,:;-+()/&'#_|!*%~";
  int stray = 0;
  for (const auto& word : split_words(text)) {
    const bool address_like = word.find('@') != std::string::npos || word.find('.') != std::string::npos;
    for (unsigned char c : word) {
      if (std::isalnum(c)) continue;
      if (c >= 0x80) {
        if (address_like && (c & 0xC0) != 0x80) ++stray;  // count code points, not bytes
        continue;
      }
      if (allowed.find(static_cast<char>(c)) == std::string_view::npos) ++stray;
    }
  }
  return stray;
}

// The fields a reading gives, as comparable keys: for agreement between readings.
std::set<std::string> field_keys(std::string_view text, const PhoneContext& phones) {
  std::set<std::string> keys;
  for (const auto& e : find_emails(text)) keys.insert("e:" + e.address);
  for (const auto& w : find_websites(text)) keys.insert("w:" + url_host(w.url));
  for (const auto& p : find_phones(text, phones)) keys.insert("p:" + (p.phone.e164.empty() ? p.phone.text : p.phone.e164));
  return keys;
}

double support(const Evidence& ev, std::string_view text) {
  double s = 0;
  const auto emails = find_emails(text);
  for (const auto& e : emails) {
    const auto at = e.address.find('@');
    const std::string domain = e.address.substr(at + 1);
    s += known_tld(top_level_domain(domain)) ? 2.0 : 0.5;
    if (has_domain(ev, domain)) s += 3.0;
    if (local_part_supported(ev, std::string_view(e.address).substr(0, at))) s += 1.5;
    if (e.repaired) s -= 0.5;
  }
  for (const auto& w : find_websites(text)) {
    const std::string host = url_host(w.url);
    s += known_tld(top_level_domain(host)) ? 2.0 : 0.5;
    if (has_domain(ev, host)) s += 3.0;
  }
  for (const auto& p : find_phones(text, ev.phones)) {
    if (p.phone.e164.empty()) {
      s += 0.5;
    } else {
      s += is_valid_e164(p.phone.e164) ? 3.0 : 1.0;
    }
  }
  s -= 0.5 * stray_characters(text);
  return s;
}

// Whether a line's fields stand on their own: each well formed and, where
// the card prints a domain elsewhere, agreeing with it.
bool fields_doubtful(const Evidence& ev, std::string_view text) {
  const auto emails = find_emails(text);
  if (emails.empty() && text.find('@') != std::string_view::npos) return true;
  for (const auto& e : emails) {
    const std::string domain = e.address.substr(e.address.find('@') + 1);
    if (e.repaired || !known_tld(top_level_domain(domain))) return true;
    if (!ev.domains.empty() && !has_domain(ev, domain)) return true;
  }
  const auto sites = find_websites(text);
  if (sites.empty() && contains_ci(text, "www")) return true;
  for (const auto& w : sites) {
    const std::string host = url_host(w.url);
    if (!known_tld(top_level_domain(host))) return true;
    if (!ev.domains.empty() && !has_domain(ev, host)) return true;
  }
  if (emails.empty() && sites.empty() && digit_count(text) >= kPhoneDigits) {
    const auto phones = find_phones(text, ev.phones);
    if (phones.empty()) return true;
    for (const auto& p : phones) {
      if (p.phone.e164.empty() || !is_valid_e164(p.phone.e164)) return true;
    }
  }
  return stray_characters(text) > 0;
}

// The words of a line without the icon or logo glyphs OCR read at its ends
// (text_without_edge_marks): an icon read as '©' with a low confidence
// says nothing about the email next to it.
std::vector<const ocr::Word*> core_words(const ocr::Line& line) {
  const std::string kept = text_without_edge_marks(line);
  const std::size_t n = line.words.size();
  for (std::size_t b = 0; b < n; ++b) {
    std::string text;
    for (std::size_t e = b; e < n; ++e) {
      if (!text.empty()) text += ' ';
      text += line.words[e].text;
      if (text == kept) {
        std::vector<const ocr::Word*> out;
        for (std::size_t i = b; i <= e; ++i) out.push_back(&line.words[i]);
        return out;
      }
      if (text.size() >= kept.size()) break;
    }
  }
  std::vector<const ocr::Word*> out;
  for (const auto& w : line.words) out.push_back(&w);
  return out;
}

}  // namespace

std::vector<std::size_t> doubtful_lines(const ocr::Page& page, const std::string& region) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    const ocr::Line& line = page.lines[i];
    const std::string text = text_without_edge_marks(line);
    if (!looks_like_contact(text)) continue;
    const auto words = core_words(line);
    const bool unsure = std::any_of(words.begin(), words.end(),
                                    [](const ocr::Word* w) { return w->confidence < kDoubtfulWordConfidence; });
    if (unsure || fields_doubtful(evidence_without(page, i, region), text)) out.push_back(i);
  }
  return out;
}

double reading_support(const ocr::Page& page, std::size_t index, const std::string& text, const std::string& region) {
  if (index >= page.lines.size()) return 0;
  return support(evidence_without(page, index, region), text);
}

int choose_reading(const ocr::Page& page, std::size_t index, const std::vector<ocr::Line>& readings,
                   const std::string& region) {
  if (index >= page.lines.size() || readings.empty()) return -1;
  const Evidence ev = evidence_without(page, index, region);
  // Candidate 0 is the line as first read.
  std::vector<const ocr::Line*> candidates = {&page.lines[index]};
  for (const auto& r : readings) candidates.push_back(&r);
  std::vector<std::set<std::string>> keys;
  std::vector<std::string> texts;
  for (const auto* c : candidates) texts.push_back(text_without_edge_marks(*c));
  for (const auto& t : texts) keys.push_back(field_keys(t, ev.phones));
  // Support, then the agreement of the other readings, then OCR confidence
  // as the tie-breaker.
  std::vector<double> score, own;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    own.push_back(support(ev, texts[i]));
    double s = own.back() + 0.01 * candidates[i]->confidence;
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      if (i == j) continue;
      for (const auto& k : keys[i]) s += keys[j].count(k) ? kAgreement : 0.0;
    }
    score.push_back(s);
  }
  int best = -1;
  double best_score = score[0] + kReplaceMargin;
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    if (own[i] >= kMinChosenSupport && score[i] > best_score) {
      best = static_cast<int>(i) - 1;
      best_score = score[i];
    }
  }
  return best;
}

}  // namespace cardscan::parse
