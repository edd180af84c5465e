#include "parse/field_finders.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <set>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include "parse/lexicon/countries.hpp"
#include "parse/lexicon/domains.hpp"
#include "parse/lexicon/labels.hpp"
#include "parse/lexicon/social.hpp"
#include "parse/kept_answers.hpp"
#include "parse/role_words.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

// A rewritten copy of a line that remembers where each byte came from, so
// hits found after repair still point into the original text.
struct Rewritten {
  std::string text;
  std::vector<std::size_t> origin;  // origin[i]: byte offset in the source of text[i]
  std::size_t source_size = 0;

  Span to_source(std::size_t b, std::size_t e) const {
    Span s;
    s.begin = b < origin.size() ? origin[b] : source_size;
    s.end = e == 0 ? 0 : (e - 1 < origin.size() ? origin[e - 1] + 1 : source_size);
    return s;
  }
};

Rewritten identity(std::string_view s) {
  Rewritten r;
  r.text = std::string(s);
  r.origin.resize(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) r.origin[i] = i;
  r.source_size = s.size();
  return r;
}

// std::tolower of the C locale (cardscan never sets another): A-Z only.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// True when `from` occurs in `text` at `i`, ignoring the case of ASCII
// letters in `text` (`from` is lower-case).
bool lower_at(std::string_view text, std::size_t i, std::string_view from) {
  if (from.size() > text.size() - i) return false;
  for (std::size_t k = 0; k < from.size(); ++k) {
    if (ascii_lower(text[i + k]) != from[k]) return false;
  }
  return true;
}

bool contains_lower(std::string_view text, std::string_view from) {
  if (from.empty()) return false;
  // Only where the first byte can start it: itself, or its capital.
  const char first[] = {from[0], from[0] >= 'a' && from[0] <= 'z' ? static_cast<char>(from[0] - 'a' + 'A') : from[0]};
  for (auto i = text.find_first_of(std::string_view(first, 2)); i != std::string_view::npos;
       i = text.find_first_of(std::string_view(first, 2), i + 1)) {
    if (lower_at(text, i, from)) return true;
  }
  return false;
}

// Replaces every occurrence of `from` (case-insensitive ASCII) with `to`.
// Most lines hold none of what find_emails replaces: they come back as
// they are, without a copy (the copies were most of parse's allocations).
Rewritten replace_all(Rewritten in, std::string_view from, std::string_view to) {
  if (from.empty() || !contains_lower(in.text, from)) return in;
  Rewritten out;
  out.source_size = in.source_size;
  out.text.reserve(in.text.size());
  out.origin.reserve(in.text.size());
  std::size_t i = 0;
  while (i < in.text.size()) {
    if (lower_at(in.text, i, from)) {
      for (char c : to) {
        out.text += c;
        out.origin.push_back(in.origin[i]);
      }
      i += from.size();
    } else {
      out.text += in.text[i];
      out.origin.push_back(in.origin[i]);
      ++i;
    }
  }
  return out;
}

const std::set<std::string, std::less<>>& social_hosts() {
  static const std::set<std::string, std::less<>> hosts = {
      "linkedin.com", "twitter.com", "x.com",      "instagram.com", "facebook.com", "fb.com",
      "github.com",   "youtube.com", "tiktok.com", "xing.com",      "threads.net",  "mastodon.social"};
  return hosts;
}

std::string service_of_host(std::string_view host) {
  if (const auto* network = lexicon::network_of_host(host)) return std::string(network->service);
  return std::string(host.substr(0, host.find('.')));
}

// "(?:[a-z]{2,3}\.)?(linkedin\.com|...)": the profile hosts of the lexicon.
std::string profile_pattern() {
  std::string hosts;
  for (const auto& n : lexicon::social_networks()) {
    for (auto h : n.hosts) {
      if (!hosts.empty()) hosts += '|';
      for (char ch : h) {
        if (ch == '.') hosts += '\\';
        hosts += ch;
      }
    }
  }
  return R"((?:https?://)?(?:www\.)?((?:[a-z]{2,3}\.)?()" + hosts + R"())(/[^\s,;]+))";
}

std::string strip_www(std::string host) {
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

}  // namespace

std::string top_level_domain(std::string_view host) {
  const auto dot = host.rfind('.');
  return to_lower(dot == std::string_view::npos ? host : host.substr(dot + 1));
}

std::string url_host(std::string_view url) {
  if (const auto s = url.find("://"); s != std::string_view::npos) url = url.substr(s + 3);
  return strip_www(to_lower(url.substr(0, url.find('/'))));
}

std::string domain_stem(std::string_view host_in) {
  std::string host = strip_www(to_lower(host_in));
  if (const auto at = host.find('@'); at != std::string::npos) host = host.substr(at + 1);
  // The registrable name's first label: "acme-corp" of acme-corp.co.uk.
  const std::string registrable = lexicon::registrable_domain(host);
  return registrable.substr(0, registrable.find('.'));
}

bool known_tld(std::string_view tld) { return lexicon::is_top_level_domain(to_lower(tld)); }

std::string region_of_tld(std::string_view tld_in) {
  const std::string tld = to_lower(tld_in);
  if (tld.size() != 2) return {};
  if (tld == "uk") return "GB";
  if (tld == "eu" || tld == "io" || tld == "co" || tld == "me" || tld == "tv" || tld == "ai" || tld == "ly" ||
      tld == "fm") {
    return {};  // popular as generic names, say nothing about the country
  }
  return to_upper(tld);
}

namespace {

bool is_alnum_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Replaces `symbol` by '@' where it sits between two word characters
// ("kowusuøoakridgehq"), or right next to a real '@' ("®@").
Rewritten at_sign_lookalike(Rewritten in, std::string_view symbol) {
  if (in.text.find(symbol) == std::string::npos) return in;
  Rewritten out;
  out.source_size = in.source_size;
  std::size_t i = 0;
  const std::string& t = in.text;
  while (i < t.size()) {
    if (t.compare(i, symbol.size(), symbol) == 0) {
      const std::size_t after = i + symbol.size();
      const bool between =
          i > 0 && after < t.size() && (is_alnum_byte(t[i - 1]) || t[i - 1] == '_') && is_alnum_byte(t[after]);
      const bool next_to_at = (after < t.size() && t[after] == '@') || (i > 0 && t[i - 1] == '@');
      if (next_to_at) {
        i = after;  // the real '@' stays, the look-alike goes
        continue;
      }
      if (between) {
        out.text += '@';
        out.origin.push_back(in.origin[i]);
        i = after;
        continue;
      }
    }
    out.text += t[i];
    out.origin.push_back(in.origin[i]);
    ++i;
  }
  return out;
}

// Removes the space OCR put inside an address next to a separator:
// "giulia. owusu@", "giulia _bruno@", "jane@acme .com".
// Closes a space OCR put inside a host name: "@meadowarc hitects.de" and
// "www.meadowarc hitects.de", where the part after the space is lower-case
// and ends in a real top-level domain, while the part before has none.
Rewritten close_host_gaps(Rewritten in) {
  // Only a space after an address, "www." or "://" closes.
  if (in.text.find(' ') == std::string::npos ||
      (in.text.find('@') == std::string::npos && in.text.find("://") == std::string::npos &&
       !contains_lower(in.text, "www."))) {
    return in;
  }
  Rewritten out;
  out.source_size = in.source_size;
  const std::string& t = in.text;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == ' ' && i > 0) {
      const std::size_t start = t.rfind(' ', i - 1) == std::string::npos ? 0 : t.rfind(' ', i - 1) + 1;
      const std::string before = t.substr(start, i - start);
      const std::size_t end = t.find(' ', i + 1);
      const std::string after = t.substr(i + 1, (end == std::string::npos ? t.size() : end) - i - 1);
      // An address with its local part ("dirk@meadowarc"), or a web address;
      // a lone "@" is an icon in front of the next word, not a host.
      const auto at_pos = before.find('@');
      const bool host_start = (at_pos != std::string::npos && at_pos > 0 && is_alnum_byte(before.back())) ||
                              to_lower(before).rfind("www.", 0) == 0 ||
                              to_lower(before).find("://") != std::string::npos;
      const auto before_dot = before.rfind('.');
      const bool before_has_tld =
          before_dot != std::string::npos && before.find('@') < before_dot && known_tld(before.substr(before_dot + 1));
      const bool www_has_tld = before_dot != std::string::npos && before.find('@') == std::string::npos &&
                               known_tld(before.substr(before_dot + 1)) && before.substr(before_dot + 1).size() <= 3;
      const auto after_dot = after.find('.');
      const bool after_fragment = !after.empty() && std::islower(static_cast<unsigned char>(after[0])) &&
                                  after_dot != std::string::npos && after_dot > 0 &&
                                  known_tld(after.substr(after.rfind('.') + 1)) && after.find('@') == std::string::npos;
      if (host_start && !before_has_tld && !www_has_tld && after_fragment) continue;
    }
    out.text += t[i];
    out.origin.push_back(in.origin[i]);
  }
  return out;
}

// Closes a space OCR put beside a dot of a web address, after "www",
// "ww" or "://": "www.copperleafnet .com. au", "ww .ridgeline.io". A space
// before a dot closes when the word after it ends in a top-level domain;
// one after a dot when a top-level domain stands on both sides ("com. au"), so the end
// of a sentence ("www.acme.com. Call us") stays apart.
Rewritten close_dot_gaps(Rewritten in) {
  const std::string lower = to_lower(in.text);
  const std::size_t cue = std::min({lower.find("www"), lower.find("ww "), lower.find("://")});
  if (cue == std::string::npos ||
      (in.text.find(" .", cue) == std::string::npos && in.text.find(". ", cue) == std::string::npos))
    return in;
  const auto label_at = [&](std::size_t from) {  // the letters from `from` on
    std::size_t end = from;
    while (end < lower.size() && std::isalpha(static_cast<unsigned char>(lower[end]))) ++end;
    return lower.substr(from, end - from);
  };
  const auto label_before = [&](std::size_t to) {  // the letters ending before `to`
    std::size_t begin = to;
    while (begin > 0 && std::isalpha(static_cast<unsigned char>(lower[begin - 1]))) --begin;
    return lower.substr(begin, to - begin);
  };
  Rewritten out;
  out.source_size = in.source_size;
  for (std::size_t i = 0; i < in.text.size(); ++i) {
    if (i > cue && in.text[i] == ' ' && i + 1 < in.text.size()) {
      // The word after the space ends in a top-level domain: ".com.", ".ridgeline.io".
      const std::size_t word_end = std::min(lower.find(' ', i + 1), lower.size());
      std::string word = lower.substr(i + 1, word_end - i - 1);
      while (!word.empty() && word.back() == '.') word.pop_back();
      const bool before_dot =
          in.text[i + 1] == '.' && is_alnum_byte(in.text[i - 1]) && known_tld(word.substr(word.rfind('.') + 1));
      const std::string next = label_at(i + 1);
      const bool after_dot = in.text[i - 1] == '.' && i >= 2 && known_tld(label_before(i - 1)) && next.size() == 2 &&
                             std::islower(static_cast<unsigned char>(in.text[i + 1])) && known_tld(next);
      if (before_dot || after_dot) continue;
    }
    out.text += in.text[i];
    out.origin.push_back(in.origin[i]);
  }
  return out;
}

Rewritten close_separator_gaps(Rewritten in) {
  if (in.text.find('@') == std::string::npos) return in;  // only spaces next to an '@' close
  Rewritten out;
  out.source_size = in.source_size;
  const std::string& t = in.text;
  const std::size_t at = t.find('@');
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == ' ' && at != std::string::npos && i > 0 && i + 1 < t.size()) {
      const char prev = t[i - 1], next = t[i + 1];
      // Only within the token run that leads to or follows the '@'.
      const std::size_t next_space = t.find(' ', i + 1);
      const bool touches_at =
          (i < at && (next_space == std::string::npos || next_space > at)) || (i > at && t.find(' ', at) == i);
      // "e. priya@x.uk": the dot ends a label printed before the address.
      const std::size_t word_start = t.rfind(' ', i - 1) == std::string::npos ? 0 : t.rfind(' ', i - 1) + 1;
      const bool after_label =
          lexicon::label_kind(std::string_view(t).substr(word_start, i - word_start)) != lexicon::LabelKind::none;
      const bool sep_before = (prev == '.' && !after_label) || prev == '_' || prev == '-';
      const bool sep_after = next == '.' || next == '_' || next == '-';
      if (touches_at && ((sep_before && is_alnum_byte(next)) || (sep_after && is_alnum_byte(prev)))) continue;
    }
    out.text += t[i];
    out.origin.push_back(in.origin[i]);
  }
  return out;
}

}  // namespace

// Accented vowels OCR puts in words that have none, with their ASCII
// letter (lower case: replace_all compares case-folded ASCII only, so both
// cases of each are listed).
constexpr std::pair<std::string_view, std::string_view> kAccentedVowels[] = {
    {"\xC3\xA1", "a"}, {"\xC3\xA0", "a"}, {"\xC3\xA9", "e"}, {"\xC3\xA8", "e"}, {"\xC3\xAD", "i"},
    {"\xC3\xAC", "i"}, {"\xC3\xB3", "o"}, {"\xC3\xB2", "o"}, {"\xC3\xBA", "u"}, {"\xC3\xB9", "u"},
    {"\xC3\x81", "A"}, {"\xC3\x89", "E"}, {"\xC3\x8D", "I"}, {"\xC3\x93", "O"}, {"\xC3\x9A", "U"},
};

namespace {

std::vector<EmailHit> read_emails(std::string_view line) {
  Rewritten r = identity(line);
  for (std::string_view symbol : {"\xC2\xA9", "\xC2\xAE", "\xC3\xB8", "\xC3\x98", "\xC2\xB0", "\xC2\xBA"}) {
    r = at_sign_lookalike(std::move(r), symbol);  // © ® ø Ø ° º
  }
  r = replace_all(std::move(r), "(at)", "@");
  r = replace_all(std::move(r), "[at]", "@");
  r = replace_all(std::move(r), " @ ", "@");
  r = replace_all(std::move(r), "@ ", "@");
  r = replace_all(std::move(r), " @", "@");
  r = close_separator_gaps(std::move(r));
  r = close_host_gaps(std::move(r));
  // Domains are ASCII: an accent OCR put on a vowel of one ("brookhaven.ió")
  // goes (the local part drops accents below, so the whole line may fold).
  for (const auto& [accented, plain] : kAccentedVowels) r = replace_all(std::move(r), accented, plain);
  // Dotted domains first; "@acme example" (a space for the last dot) only
  // where no dotted form follows the '@'.
  static const std::regex email_re(
      R"(([A-Za-z0-9\x80-\xFF][A-Za-z0-9\x80-\xFF._%+'\-]*)@([A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:[.,][A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*)()([.,])([A-Za-z]{2,}))");
  static const std::regex spaced_re(
      R"(([A-Za-z0-9\x80-\xFF][A-Za-z0-9\x80-\xFF._%+'\-]*)@([A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)( )()([A-Za-z]{2,10})\b)");
  std::vector<EmailHit> out;
  // Both patterns need an '@': std::regex is slow, most lines have none.
  if (r.text.find('@') == std::string::npos) return out;
  std::vector<std::smatch> matches;
  for (auto it = std::sregex_iterator(r.text.begin(), r.text.end(), email_re); it != std::sregex_iterator(); ++it) {
    matches.push_back(*it);
  }
  for (auto it = std::sregex_iterator(r.text.begin(), r.text.end(), spaced_re); it != std::sregex_iterator(); ++it) {
    const auto b = it->position(0);
    const bool covered = std::any_of(matches.begin(), matches.end(), [&](const std::smatch& m) {
      return b < m.position(0) + m.length(0) && m.position(0) < b + it->length(0);
    });
    if (!covered) matches.push_back(*it);
  }
  for (const auto& m : matches) {
    // Addresses are ASCII: accents OCR added are dropped, stray symbols too.
    std::string local;
    for (char ch : strip_accents(m[1].str())) {
      if (static_cast<unsigned char>(ch) < 0x80) local += ch;
    }
    std::string domain = m[2].str();
    const std::string tld = m[5].str();
    bool repaired = m[3].matched && m[3].length() > 0;  // a space read for the last dot
    if (repaired && (!known_tld(tld) || tld == "www")) continue;
    if (m[4].str() == ",") repaired = true;
    if (domain.find(',') != std::string::npos) {
      std::replace(domain.begin(), domain.end(), ',', '.');
      repaired = true;
    }
    while (!local.empty() && (local.front() == '.' || local.front() == '\'')) local.erase(local.begin());
    if (local.empty() || !known_tld(tld)) continue;
    EmailHit hit;
    hit.address = to_lower(local + "@" + domain + "." + tld);
    const auto b = static_cast<std::size_t>(m.position(0));
    hit.span = r.to_source(b, b + static_cast<std::size_t>(m.length(0)));
    const std::string_view original = line.substr(hit.span.begin, hit.span.end - hit.span.begin);
    hit.repaired = repaired || original.find('@') == std::string_view::npos;
    if (b >= 2 && r.text[b - 1] == ' ') {
      const std::size_t start = r.text.rfind(' ', b - 2);
      const std::string word = r.text.substr(start == std::string::npos ? 0 : start + 1,
                                             b - 1 - (start == std::string::npos ? 0 : start + 1));
      const CharCounts n = count_chars(word);
      if (n.letters >= 2 && n.upper == 0 && n.letters + n.digits == static_cast<int>(utf8_length(word))) {
        hit.word_before = to_lower(strip_accents(word));
      }
    }
    out.push_back(std::move(hit));
  }
  return out;
}

}  // namespace

std::vector<EmailHit> find_emails(std::string_view line) {
  // Each line is read for emails again on the card's next reading or
  // mutation (see kept_answers.hpp): at most kKeptEmailAnswers lines kept.
  constexpr std::size_t kKeptEmailAnswers = 16384;
  static KeptAnswers<std::vector<EmailHit>> kept(kKeptEmailAnswers);
  return kept.get(std::string(line), [&] { return read_emails(line); });
}

std::vector<EmailHit> find_emails_with_lost_at(std::string_view line, const std::vector<std::string>& domains) {
  // Glyphs OCR reads for '@' in a run of letters: the ring's shapes.
  static const std::string_view kAtLookalikes = "2690aegoqd";
  std::vector<EmailHit> out;
  std::size_t start = 0;
  while (start < line.size()) {
    const std::size_t space = line.find(' ', start);
    std::size_t end = space == std::string_view::npos ? line.size() : space;
    // "fuentesĝðpinnacleventures .uk": a space OCR put before the last dot.
    if (end + 2 < line.size() && line[end + 1] == '.' && std::isalpha(static_cast<unsigned char>(line[end + 2]))) {
      const std::size_t next = line.find(' ', end + 1);
      end = next == std::string_view::npos ? line.size() : next;
    }
    std::string word(line.substr(start, end - start));
    const std::size_t word_begin = start;
    const std::size_t word_size = word.size();
    start = end + 1;
    word.erase(std::remove(word.begin(), word.end(), ' '), word.end());
    while (!word.empty() && std::string_view(".,;:)").find(word.back()) != std::string_view::npos) word.pop_back();
    if (word.find('@') != std::string::npos || word.find('/') != std::string::npos) continue;
    const std::string lower = to_lower(word);
    if (lower.rfind("www", 0) == 0) continue;
    for (const auto& domain : domains) {
      if (domain.size() < 4 || domain.find('.') == std::string::npos) continue;
      if (lower.size() < domain.size() + 3 || lower.compare(lower.size() - domain.size(), domain.size(), domain) != 0)
        continue;
      // The glyph before the domain: one byte, or one multi-byte code point;
      // OCR may read the ring as two symbols ("ĝð"), both non-ASCII.
      auto glyph_before = [&](std::size_t end_at) {
        std::size_t g = end_at - 1;
        while (g > 0 && (static_cast<unsigned char>(lower[g]) & 0xC0) == 0x80) --g;
        return g;
      };
      std::size_t glyph = glyph_before(lower.size() - domain.size());
      const bool non_ascii = static_cast<unsigned char>(lower[glyph]) >= 0x80;
      if (!non_ascii && kAtLookalikes.find(lower[glyph]) == std::string_view::npos) continue;
      if (non_ascii && glyph > 0) {
        const std::size_t before = glyph_before(glyph);
        if (static_cast<unsigned char>(lower[before]) >= 0x80 && before > 0) glyph = before;
      }
      std::string local;
      for (char ch : strip_accents(lower.substr(0, glyph))) {
        if (static_cast<unsigned char>(ch) < 0x80) local += ch;
      }
      const CharCounts n = count_chars(local);
      const bool local_shape =
          !local.empty() && std::isalnum(static_cast<unsigned char>(local.front())) &&
          std::all_of(local.begin(), local.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-' || ch == '+';
          });
      if (!local_shape || n.letters < 2) continue;
      EmailHit hit;
      hit.address = local + "@" + domain;
      hit.span = {word_begin, word_begin + word_size};
      hit.repaired = true;
      out.push_back(std::move(hit));
      break;
    }
  }
  return out;
}

std::vector<EmailHit> find_emails_with_cut_domain(std::string_view line, const std::vector<std::string>& domains) {
  static const std::regex cut_re(R"(([A-Za-z0-9][A-Za-z0-9._%+\-]*)@([A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]*)*))");
  std::vector<EmailHit> out;
  if (domains.empty() || line.find('@') == std::string_view::npos) return out;  // nothing to match against
  const std::string text(line);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), cut_re); it != std::sregex_iterator(); ++it) {
    const std::string cut = to_lower((*it)[2].str());
    for (const auto& domain : domains) {
      // The cut part holds the domain's whole name and its dot at least
      // ("brightrealt." of brightrealt.io): less could be another domain,
      // unless the rest the cut left is printed too ("…@up" and a line
      // "land.co" on a card of office@upland.co: the address wrapped).
      const std::size_t name_end = domain.find('.');
      if (name_end == std::string::npos || cut.size() >= domain.size() || domain.compare(0, cut.size(), cut) != 0)
        continue;
      const bool rest_printed = std::find(domains.begin(), domains.end(), domain.substr(cut.size())) != domains.end();
      if (cut.size() <= name_end && !rest_printed) continue;
      EmailHit hit;
      hit.address = to_lower((*it)[1].str()) + "@" + domain;
      const auto b = static_cast<std::size_t>(it->position(0));
      hit.span = {b, b + static_cast<std::size_t>(it->length(0))};
      hit.repaired = true;
      out.push_back(std::move(hit));
      break;
    }
  }
  return out;
}

std::string tidy_www(std::string_view url) {
  std::string out(url);
  const std::string lower = to_lower(out);
  const std::size_t sep = lower.find("://");
  const std::size_t scheme = sep != std::string::npos && sep <= 5 ? sep + 3 : 0;  // "http", "https"
  const std::string host = lower.substr(scheme);
  // How the "www." OCR made of it begins the host: repeated ("www.www."),
  // after a stray letter ("awww."), short or with a v ("ww.", "wvw."), or
  // with its dot lost ("wwwhaasgroup.de").
  static const std::regex garbled(
      R"(^(?:www\.)+|^[a-z]{1,2}www\.|^(?:ww|[vw]{3})\.|^www(?=[a-z0-9][a-z0-9\-]*\.[a-z]))");
  std::smatch m;
  if (!std::regex_search(host, m, garbled) || (host.rfind("www.", 0) == 0 && m.length(0) == 4)) return out;
  const std::string rest = host.substr(static_cast<std::size_t>(m.length(0)));
  if (rest.find('.') == std::string::npos) return out;
  return out.substr(0, scheme) + "www." + out.substr(scheme + static_cast<std::size_t>(m.length(0)));
}

namespace {

std::vector<WebHit> read_websites(std::string_view line) {
  static const std::regex web_re(
      R"((https?://)?(www\d?\.)?((?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,}))((?:/[^\s,;]*)?))",
      std::regex::icase);
  // "https:/Awvww.acme.com": a scheme with a lost slash and a "www" OCR
  // garbled; "www acme com": spaces read for dots after www.
  static const std::regex scheme_re(R"((https?):/+([A-Za-z]{0,2}[vw]{2,4}\.)?)", std::regex::icase);
  Rewritten r = close_host_gaps(close_dot_gaps(identity(line)));
  std::string text;
  // A scheme needs its ':' (std::regex is slow; most lines have none).
  if (r.text.find(':') != std::string::npos) {
    std::string fixed;
    std::vector<std::size_t> origin;
    std::size_t pos = 0;
    for (auto it = std::sregex_iterator(r.text.begin(), r.text.end(), scheme_re); it != std::sregex_iterator(); ++it) {
      const auto b = static_cast<std::size_t>(it->position(0));
      for (std::size_t i = pos; i < b; ++i) {
        fixed += r.text[i];
        origin.push_back(r.origin[i]);
      }
      std::string replacement = to_lower((*it)[1].str()) + "://" + ((*it)[2].matched ? "www." : "");
      for (char ch : replacement) {
        fixed += ch;
        origin.push_back(r.origin[b]);
      }
      pos = b + static_cast<std::size_t>(it->length(0));
    }
    for (std::size_t i = pos; i < r.text.size(); ++i) {
      fixed += r.text[i];
      origin.push_back(r.origin[i]);
    }
    r.text = fixed;
    r.origin = origin;
  }
  {
    // "www oakridgehq example" / "https://www oakridgehq example": labels
    // separated by single spaces right after www, ending in a known TLD.
    static const std::regex spaced_www(R"(\b(www)[ .]([a-z0-9\-]{2,}) ([a-z]{2,10})\b)");
    std::smatch m;
    if (r.text.find("www") != std::string::npos && std::regex_search(r.text, m, spaced_www) && known_tld(m[3].str()) &&
        m[0].str().find(' ') != std::string::npos) {
      const auto b = static_cast<std::size_t>(m.position(0));
      std::string joined = "www." + m[2].str() + "." + m[3].str();
      Rewritten j;
      j.source_size = r.source_size;
      j.text = r.text.substr(0, b) + joined + r.text.substr(b + static_cast<std::size_t>(m.length(0)));
      j.origin.assign(r.origin.begin(), r.origin.begin() + static_cast<long>(b));
      for (std::size_t k = 0; k < joined.size(); ++k)
        j.origin.push_back(r.origin[std::min(b + k, r.origin.size() - 1)]);
      j.origin.insert(j.origin.end(), r.origin.begin() + static_cast<long>(b + static_cast<std::size_t>(m.length(0))),
                      r.origin.end());
      r = j;
    }
  }
  text = r.text;
  std::vector<WebHit> out;
  if (text.find('.') == std::string::npos) return out;  // a host has a dot before its TLD
  for (auto it = std::sregex_iterator(text.begin(), text.end(), web_re); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    const auto b = static_cast<std::size_t>(m.position(0));
    const auto e = b + static_cast<std::size_t>(m.length(0));
    // Part of an email address (either side of the @) or of a longer token.
    if (b > 0 && (text[b - 1] == '@' || std::isalnum(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '.'))
      continue;
    if (e < text.size() && text[e] == '@') continue;
    const bool has_scheme = m[1].matched, has_www = m[2].matched;
    const std::string host = to_lower(m[3].str());
    const std::string tld = to_lower(m[4].str());
    if (!has_scheme && !has_www && !known_tld(tld)) continue;
    // Abbreviations such as "e.g." or "Inc." followed by a word are not hosts:
    // without scheme or www a host needs a label of 2+ characters before the
    // TLD.
    const std::string stem_label = host.substr(0, host.size() - tld.size() - 1);
    if (!has_scheme && !has_www && (stem_label.size() < 2 || (tld.size() > 3 && !known_tld(tld)))) continue;
    // "Co.Ltd", "Acme.Inc": a legal form is a TLD too (.ltd, .inc), but
    // printed without scheme or www it is the company's name.
    if (!has_scheme && !has_www && tld.size() > 2 && is_legal_form(tld)) continue;
    if (social_hosts().count(strip_www(host))) continue;
    std::string url = m[0].str();
    while (!url.empty() && (url.back() == '.' || url.back() == ')' || url.back() == '/')) url.pop_back();
    const Span span = r.to_source(b, b + url.size());
    out.push_back({tidy_www(url), span});
  }
  return out;
}

}  // namespace

std::vector<WebHit> find_websites(std::string_view line) {
  // Read twice a card (for its regions, then for the website) and again on
  // its next reading or mutation: at most kKeptWebAnswers lines kept.
  constexpr std::size_t kKeptWebAnswers = 16384;
  static KeptAnswers<std::vector<WebHit>> kept(kKeptWebAnswers);
  return kept.get(std::string(line), [&] { return read_websites(line); });
}

namespace {

// True when one of the lexicon's profile hosts stands in `text` right
// before a '/' (ASCII case ignored, as profile_re's icase does in the
// classic locale): profile_re cannot match without one.
bool has_profile_host(std::string_view text) {
  for (const auto& n : lexicon::social_networks()) {
    for (const auto host : n.hosts) {
      for (auto at = text.find('/'); at != std::string_view::npos; at = text.find('/', at + 1)) {
        if (at >= host.size() && lower_at(text, at - host.size(), host)) return true;
      }
    }
  }
  return false;
}

}  // namespace

std::vector<SocialHit> find_social(std::string_view line) {
  static const std::regex profile_re(profile_pattern(), std::regex::icase);
  static const std::regex handle_re(R"((^|[\s(:|/])@([A-Za-z0-9_][A-Za-z0-9_.]{1,29}))");
  const std::string text(line);
  std::vector<SocialHit> out;
  // A profile link needs a profile host and its '/', a handle its '@'
  // (std::regex is slow, icase the more; most lines have neither, and a
  // web address or a date has a '/' but no profile host).
  const std::sregex_iterator none;
  for (auto it = !has_profile_host(text) ? none : std::sregex_iterator(text.begin(), text.end(), profile_re);
       it != none; ++it) {
    const auto& m = *it;
    SocialHit hit;
    hit.handle.service = service_of_host(to_lower(m[2].str()));
    std::string handle = m[0].str();
    for (std::string_view prefix : {"https://", "http://"}) {
      if (to_lower(handle).rfind(prefix, 0) == 0) handle = handle.substr(prefix.size());
    }
    if (to_lower(handle).rfind("www.", 0) == 0) handle = handle.substr(4);
    while (!handle.empty() && (handle.back() == '/' || handle.back() == '.')) handle.pop_back();
    hit.handle.handle = handle;
    const auto b = static_cast<std::size_t>(m.position(0));
    hit.span = {b, b + static_cast<std::size_t>(m.length(0))};
    out.push_back(std::move(hit));
  }
  const std::string lower = to_lower(text);
  for (auto it = text.find('@') == std::string::npos ? none : std::sregex_iterator(text.begin(), text.end(), handle_re);
       it != none; ++it) {
    const auto& m = *it;
    const auto b = static_cast<std::size_t>(m.position(2)) - 1;
    std::string name = m[2].str();
    while (!name.empty() && name.back() == '.') name.pop_back();
    // Part of a profile link already read ("tiktok.com/@jane").
    const bool in_profile = std::any_of(out.begin(), out.end(), [&](const SocialHit& h) {
      return h.handle.handle.find('/') != std::string::npos && b >= h.span.begin && b < h.span.end;
    });
    if (in_profile) continue;
    SocialHit hit;
    // A label on the line says which network; a bare @handle is most often X.
    hit.handle.service = "x";
    bool labelled = false;
    for (const auto& word : split_words(lower)) {
      std::string w;
      for (char ch : word) {
        if (std::isalpha(static_cast<unsigned char>(ch))) w += ch;
      }
      for (const auto& n : lexicon::social_networks()) {
        if (!labelled && std::find(n.labels.begin(), n.labels.end(), w) != n.labels.end()) {
          hit.handle.service = std::string(n.service);
          labelled = true;
        }
      }
    }
    hit.handle.handle = "@" + name;
    hit.span = {b, b + 1 + name.size()};
    out.push_back(std::move(hit));
  }
  return out;
}

bool is_valid_e164(std::string_view e164) {
  if (e164.size() < 3 || e164.front() != '+') return false;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(e164), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return false;
  // Possible, not valid: fictional ranges (555-01xx) printed on sample
  // cards are numbers of the right length the metadata does not list.
  return util.IsPossibleNumber(number);
}

namespace {

// libphonenumber's region for a calling code of up to 3 digits (its first
// for a shared one, "ZZ" or "001" for none): asked once per code, as the
// library lists every region of the code for each question (+1 has 25).
const std::string& region_of_calling_code(int code) {
  static const std::vector<std::string> regions = [] {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    std::vector<std::string> out(1000);
    for (int c = 0; c < 1000; ++c) util.GetRegionCodeForCountryCode(c, &out[static_cast<std::size_t>(c)]);
    return out;
  }();
  return regions[static_cast<std::size_t>(code)];
}

}  // namespace

namespace {

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// The calling-code digits of `\+\s?(\d{1,3})[\s\-.(]*\(?\d` matched at the
// '+' at `plus` (std::regex's ECMAScript grammar, classic locale), or ""
// when the pattern does not match there. No part of a match can be a '+',
// so the matches are those at each '+' in turn.
std::string_view calling_code_at(std::string_view s, std::size_t plus) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; };
  std::size_t begin = plus + 1;
  if (begin < s.size() && space(s[begin])) ++begin;  // \s? (giving it back leaves a space where \d must be)
  std::size_t end = begin;
  while (end < s.size() && is_ascii_digit(s[end])) ++end;
  const std::size_t run = end - begin;
  if (run == 0) return {};
  // More digits than the code takes: the next one is the \d.
  if (run > 3) return s.substr(begin, 3);
  // All of them: [\s\-.(]* and \(? take the separators ('(' is among
  // them), then a digit must follow.
  std::size_t after = end;
  while (after < s.size() && (space(s[after]) || s[after] == '-' || s[after] == '.' || s[after] == '(')) ++after;
  if (after < s.size() && is_ascii_digit(s[after])) return s.substr(begin, run);
  // Else the code gives its last digit to \d.
  return run > 1 ? s.substr(begin, run - 1) : std::string_view();
}

}  // namespace

std::vector<std::string> regions_from_country_codes(std::string_view text) {
  // Was std::sregex_iterator over R"(\+\s?(\d{1,3})[\s\-.(]*\(?\d)"; the
  // same matches, read by hand (std::regex was most of this function's
  // time and allocations).
  std::vector<std::string> out;
  for (auto plus = text.find('+'); plus != std::string_view::npos; plus = text.find('+', plus + 1)) {
    // Country codes are 1-3 digits and prefix-free: take the shortest known
    // one.
    const std::string_view digits = calling_code_at(text, plus);
    for (std::size_t len = 1; len <= digits.size(); ++len) {
      int code = 0;
      for (const char d : digits.substr(0, len)) code = code * 10 + (d - '0');
      const std::string& region = region_of_calling_code(code);
      if (!region.empty() && region != "ZZ" && region != "001") {
        if (std::find(out.begin(), out.end(), region) == out.end()) out.push_back(region);
        break;
      }
    }
  }
  return out;
}

namespace {

// Lengths of the runs of digits: "0161 496 0056" -> {4, 3, 4}.
std::vector<std::size_t> digit_groups(std::string_view s) {
  std::vector<std::size_t> groups;
  std::size_t run = 0;
  for (char ch : s) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      ++run;
    } else if (run > 0) {
      groups.push_back(run);
      run = 0;
    }
  }
  if (run > 0) groups.push_back(run);
  return groups;
}

// True when `printed` groups its digits as the numbering plan formats
// `number` ("0161 496 0056" is how the UK writes it nationally).
bool printed_in_plan_grouping(const PhoneNumber& number, std::string_view printed,
                              PhoneNumberUtil::PhoneNumberFormat format) {
  std::string formatted;
  PhoneNumberUtil::GetInstance()->Format(number, format, &formatted);
  // "+44 (0)7700 900118": the bracketed trunk zero many cards print after
  // the country code is no group of the number.
  std::string shown(printed);
  for (auto at = shown.find("(0)"); at != std::string::npos; at = shown.find("(0)")) shown.replace(at, 3, " ");
  return digit_groups(formatted) == digit_groups(shown);
}
}  // namespace

// The region the user gave (--region) is evidence too when its plan could
// hold the card's numbers at all, worth a little more than one number
// printed in another plan's grouping: a fictional number must not move a
// card to a country whose grouping it happens to fit, while a number valid
// there and printed in its grouping does.
constexpr double kDefaultRegionPrior = 2.5;

namespace {

// What one national number says for region `region`'s plan: 1 when valid
// there, 0.25 when only possible, 2 more when printed in the plan's digit
// grouping; 0 when the plan cannot read it.
//
// `read_as` is what Parse reads `number` as (national_parse_text), or ""
// when it reads it in no plan.
double plan_evidence_uncached(const std::string& number, const std::string& read_as, const std::string& region) {
  if (read_as.empty()) return 0;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  if (util.Parse(read_as, region, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR) return 0;
  double evidence = 0;
  if (util.IsValidNumberForRegion(parsed, region)) {
    evidence = 1;
  } else if (util.IsPossibleNumber(parsed)) {
    evidence = 0.25;
  } else {
    return 0;
  }
  if (printed_in_plan_grouping(parsed, number, PhoneNumberUtil::NATIONAL)) evidence += 2;
  return evidence;
}

// plan_evidence_uncached, kept: a card whose numbers no region of its own
// reads has each number parsed in up to ~245 plans, and the same numbers
// come back on other cards' mutations and readings though the rest of the
// card (and so region_for_national_numbers' own key) changed. At most
// kKeptPlanEvidence pairs (a few hundred cards' numbers in every plan).
double plan_evidence(const std::string& number, const std::string& read_as, const std::string& region) {
  constexpr std::size_t kKeptPlanEvidence = 1 << 18;
  static KeptAnswers<double> kept(kKeptPlanEvidence);
  std::string key;
  key.reserve(region.size() + 1 + number.size());
  key += region;
  key += '\x1f';
  key += number;
  return kept.get(key, [&] { return plan_evidence_uncached(number, read_as, region); });
}

// The text libphonenumber's Parse reads a national number of digits,
// blanks and "-./()" (number_re's) as in every plan: its digits. Before a
// plan's rules apply, Parse cuts what cannot start or end a number, finds
// no extension and no letters to convert in such text, and keeps its digits
// only; parsing those alone skips that region-independent work (most of
// Parse's time, done again in each of ~245 plans) with the same result,
// checked over every plan. "" when Parse fails before any plan's rules,
// i.e. in every plan: in no region ("ZZ") such a number fails at the region
// check, which comes after them. Other text is read as printed.
std::string national_parse_text(const std::string& number) {
  std::string digits;
  for (const char ch : number) {
    if (ch >= '0' && ch <= '9') {
      digits += ch;
    } else if (std::string_view(" \t\n\v\f\r-./()").find(ch) == std::string_view::npos) {
      return number;
    }
  }
  if (digits.size() < 3) return number;
  PhoneNumber ignored;
  if (PhoneNumberUtil::GetInstance()->Parse(number, "ZZ", &ignored) != PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR)
    return {};
  return digits;
}

// The region whose plan reads `numbers` (the card's national numbers) best,
// or "" when the card's own regions read them: region_for_national_numbers
// after it found the numbers.
std::string region_reading_numbers(const std::vector<std::string>& numbers, const PhoneContext& context) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  // Valid for the region's calling code: a Canadian number on a card read
  // with the default US is no reason to look for another plan.
  auto valid_in = [&](const std::string& number, const std::string& region) {
    PhoneNumber parsed;
    return util.Parse(number, region, &parsed) == PhoneNumberUtil::NO_PARSING_ERROR && util.IsValidNumber(parsed);
  };
  // "(852) 2721 8388": a calling code in brackets, the way Hong Kong,
  // Singapore or the Gulf often print it, when what follows is valid there.
  static const std::regex bracketed_code_re(R"(^\((\d{1,3})\)\s*(.*)$)");
  std::vector<std::string> code_regions;
  for (const auto& n : numbers) {
    std::smatch m;
    if (!std::regex_match(n, m, bracketed_code_re)) continue;
    PhoneNumber parsed;
    if (util.Parse("+" + m[1].str() + " " + m[2].str(), "ZZ", &parsed) != PhoneNumberUtil::NO_PARSING_ERROR ||
        !util.IsValidNumber(parsed)) {
      continue;
    }
    std::string region;
    util.GetRegionCodeForNumber(parsed, &region);
    if (!region.empty() && !valid_in(n, context.default_region)) code_regions.push_back(region);
  }
  if (!code_regions.empty()) return code_regions.front();
  bool all_valid_in_context = true;
  for (const auto& n : numbers) {
    bool valid = valid_in(n, context.default_region);
    for (const auto& r : context.regions) valid = valid || valid_in(n, r);
    all_valid_in_context = all_valid_in_context && valid;
  }
  if (all_valid_in_context) return {};  // the card's regions already read its numbers
  // Common business regions first, so ties resolve toward them; then the
  // rest in code order. The order is fixed, so it is made once.
  static const std::vector<std::string> fixed_order = [&util] {
    std::vector<std::string> order = {"GB", "DE", "FR", "IN", "AU", "IT", "ES", "NL", "CH",
                                      "AT", "BE", "IE", "SE", "DK", "NO", "FI", "PL", "PT",
                                      "BR", "MX", "JP", "SG", "NZ", "ZA", "AE", "CN", "KR"};
    std::set<std::string> all;
    util.GetSupportedRegions(&all);
    for (const auto& r : all) {
      if (std::find(order.begin(), order.end(), r) == order.end()) order.push_back(r);
    }
    return order;
  }();
  std::vector<std::string> regions = context.regions;
  regions.reserve(regions.size() + fixed_order.size());
  for (const auto& r : fixed_order) {
    if (std::find(context.regions.begin(), context.regions.end(), r) == context.regions.end()) regions.push_back(r);
  }
  const bool possible_in_default = std::any_of(numbers.begin(), numbers.end(), [&](const std::string& n) {
    PhoneNumber parsed;
    return util.Parse(n, context.default_region, &parsed) == PhoneNumberUtil::NO_PARSING_ERROR &&
           util.IsPossibleNumber(parsed);
  });
  // Evidence per region: a number printed in the region's own digit grouping
  // ("0161 496 0056" is how the UK writes it) counts most, validity next:
  // fictional and newly opened ranges are missing from the metadata, but
  // people print them the way their country does.
  std::vector<std::string> read_as;
  read_as.reserve(numbers.size());
  for (const auto& n : numbers) read_as.push_back(national_parse_text(n));
  std::string best;
  double best_score = 0;
  for (const auto& r : regions) {
    // What else the card says (domain, postcode, legal form) counts too.
    double score = std::find(context.regions.begin(), context.regions.end(), r) != context.regions.end() ? 3.0 : 0.0;
    if (r == context.default_region && possible_in_default) score += kDefaultRegionPrior;
    // A number adds at most kMaxPerNumber: once the numbers left cannot lift
    // this region above the best so far, the rest are not parsed (parsing
    // every number in every plan was most of parse's time). The winner and
    // the tie order are unchanged: only a strictly higher score replaces it.
    constexpr double kMaxPerNumber = 3;
    std::size_t left = numbers.size();
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      if (score + kMaxPerNumber * static_cast<double>(left--) <= best_score) break;
      score += plan_evidence(numbers[i], read_as[i], r);
    }
    if (score > best_score) {
      best_score = score;
      best = r;
    }
  }
  if (std::find(context.regions.begin(), context.regions.end(), best) != context.regions.end()) return {};
  return best;
}

}  // namespace

std::string region_for_national_numbers(std::string_view text, const PhoneContext& context) {
  // National numbers: with a trunk prefix ("0161 496 0056") or an area code
  // in brackets ("(11) 99933-6564": Brazil and others print no trunk 0).
  static const std::regex number_re(R"((?:^|[^\d+])((?:\(0?\d{2,4}\)|0\d)[\d\s\-./()]{5,16}\d))");
  const std::string repaired = repair_digit_lookalikes(text);
  std::vector<std::string> numbers;
  for (auto it = std::sregex_iterator(repaired.begin(), repaired.end(), number_re); it != std::sregex_iterator();
       ++it) {
    numbers.push_back((*it)[1].str());
  }
  if (numbers.empty()) return {};
  // Reading the numbers in every plan parses each of them up to ~245 times,
  // a third of parse's time; the answer depends on nothing but the numbers
  // and the card's regions, and the same numbers come back (the card
  // without one of its lines, read to choose between OCR readings of it;
  // most mutations of a fuzz input), so answers are kept: at most
  // kKeptAnswers, forgotten all at once when full (a few hundred cards).
  constexpr std::size_t kKeptAnswers = 4096;
  static KeptAnswers<std::string> kept(kKeptAnswers);
  std::string key = context.default_region;
  for (const auto& r : context.regions) key += '\x1e' + r;
  for (const auto& n : numbers) key += '\x1f' + n;
  return kept.get(key, [&] { return region_reading_numbers(numbers, context); });
}

std::string region_reading_better(std::string_view text, std::span<const std::string_view> candidates,
                                  const PhoneContext& context) {
  if (candidates.empty()) return {};
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const std::string repaired = repair_digit_lookalikes(text);
  // The numbers a region's matcher finds, as printed.
  const auto numbers_in = [&](const std::string& region) {
    std::vector<std::string> found;
    PhoneNumberMatcher matcher(util, repaired, region, PhoneNumberMatcher::POSSIBLE, 100);
    while (matcher.HasNext()) {
      PhoneNumberMatch match;
      if (!matcher.Next(&match)) break;
      found.push_back(match.raw_string());
    }
    return found;
  };
  const auto reading = [&](const std::string& number, const std::string& region) {
    PhoneNumber parsed;
    if (util.Parse(number, region, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR) return std::pair{false, false};
    return std::pair{util.IsValidNumber(parsed), util.IsPossibleNumber(parsed)};
  };
  // A country code printed on the card ("+33 (O) 6 74 ...", which OCR's
  // 'O' kept from reading as a number) outweighs the language: only a
  // region with that code may read the numbers.
  std::vector<std::string> printed_codes;
  for (std::size_t plus = repaired.find('+'); plus != std::string::npos; plus = repaired.find('+', plus + 1)) {
    std::string code;
    for (std::size_t i = plus + 1; i < repaired.size() && code.size() < 3; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(repaired[i]))) break;
      code += repaired[i];
    }
    if (!code.empty()) printed_codes.push_back(std::move(code));
  }
  const auto code_printed = [&](const std::string& region) {
    if (printed_codes.empty()) return true;
    const std::string own = std::to_string(util.GetCountryCodeForRegion(region));
    return std::any_of(printed_codes.begin(), printed_codes.end(),
                       [&](const std::string& code) { return code.rfind(own, 0) == 0; });
  };
  const std::string& fallback = context.default_region;
  std::vector<std::string> valid_in_default;
  for (const auto& n : numbers_in(fallback)) {
    if (reading(n, fallback).first) valid_in_default.push_back(n);
  }
  std::string best;
  double best_score = 0;
  for (const std::string_view candidate : candidates) {
    const std::string region(candidate);
    if (region == fallback || !code_printed(region)) continue;
    double score = 0;
    for (const auto& n : numbers_in(region)) {
      const auto [valid, possible] = reading(n, region);
      const auto [valid_default, possible_default] = reading(n, fallback);
      if (valid && !valid_default) {
        score += 1;
      } else if (possible && !possible_default) {
        score += 0.5;
      }
    }
    for (const auto& n : valid_in_default) {
      if (!reading(n, region).first) score -= 1;
    }
    if (score > best_score) {
      best_score = score;
      best = region;
    }
  }
  return best;
}

namespace {

using lexicon::LabelKind;

// The label printed in `segment` (the text between the previous number and
// this one), judged from its last label word.
LabelKind label_in(std::string_view segment) {
  const std::string lower = to_lower(segment);
  // Words: runs of letters (any non-ASCII byte counts as a letter) with the
  // dots, slashes and hyphens of "Tel./Fax" or "Ust-IdNr".
  std::vector<std::string> tokens;
  {
    std::string cur;
    for (std::size_t i = 0; i <= lower.size(); ++i) {
      const char ch = i < lower.size() ? lower[i] : ' ';
      const auto u = static_cast<unsigned char>(ch);
      if (std::isalpha(u) || u >= 0x80 || ch == '.' || ch == '/' || ch == '-') {
        cur += ch;
      } else if (!cur.empty()) {
        // "O", "D" and "H" are labels only as "O:" or "O." -- bare, they
        // are more often an icon OCR read as a letter.
        if ((cur == "o" || cur == "d" || cur == "h") && ch != ':') cur += '#';
        tokens.push_back(std::move(cur));
        cur.clear();
      }
    }
  }
  LabelKind found = LabelKind::none;
  for (const std::string& w : tokens) {
    // "Tel./Fax" style slashes: judge each part; the last one printed wins.
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= w.size()) {
      const auto slash = w.find('/', start);
      parts.push_back(w.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    for (auto part : parts) {
      while (!part.empty() && (part.back() == '.' || part.back() == '-')) part.pop_back();
      while (!part.empty() && (part.front() == '.' || part.front() == '-')) part.erase(part.begin());
      if (part.empty()) continue;
      const LabelKind kind = lexicon::label_kind(part);
      if (lexicon::is_not_phone_label(kind)) {
        found = kind;
      } else if (lexicon::is_phone_label(kind) && !lexicon::is_not_phone_label(found)) {
        found = kind;
      }
    }
  }
  return found;
}

// The region a phone's label names, or "": a country's ISO code in
// brackets or before a colon ("(VN mobile)", "SG:"), or a country's name
// ("Vietnam office", "UK:").
std::string country_in_label(std::string_view segment) {
  std::string found;
  std::size_t start = 0;
  const std::string text(segment);
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    std::string word = text.substr(start, end - start);
    start = end + 1;
    const bool bracketed = !word.empty() && word.front() == '(';
    while (!word.empty() && std::string_view("([").find(word.front()) != std::string_view::npos) word.erase(0, 1);
    const bool colon = !word.empty() && word.back() == ':';
    while (!word.empty() && std::string_view(":)],.").find(word.back()) != std::string_view::npos) word.pop_back();
    if (word.empty()) continue;
    const bool code = word.size() == 2 && std::isupper(static_cast<unsigned char>(word[0])) &&
                      std::isupper(static_cast<unsigned char>(word[1]));
    if (code && (bracketed || colon)) {
      const std::string region = word == "UK" ? "GB" : word;
      for (const auto& row : lexicon::countries()) {
        if (row.region == region) found = region;
      }
    } else if (!code && word.size() > 3) {
      if (const auto row = lexicon::country_named(word)) found = std::string(row->region);
    }
  }
  return found;
}

// True when the text around [begin, end) holds no word longer than two
// characters: the number is the line, give or take an icon read as letters.
bool alone_on_line(std::string_view text, std::size_t begin, std::size_t end) {
  auto short_words_only = [](std::string_view part) {
    std::size_t run = 0;
    for (char ch : part) {
      const auto u = static_cast<unsigned char>(ch);
      run = (std::isalnum(u) || u >= 0x80) ? run + 1 : 0;
      if (run > 2) return false;
    }
    return true;
  };
  return short_words_only(text.substr(0, begin)) && short_words_only(text.substr(end));
}

struct Candidate {
  PhoneNumber number;
  std::size_t begin, end;
  bool valid;
  std::string raw;
};

// find_phones without its kept answers.
std::vector<PhoneHit> read_phones(std::string_view line, const PhoneContext& context) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const std::string text = repair_digit_lookalikes(line);
  std::vector<std::string> regions = context.regions;
  if (std::find(regions.begin(), regions.end(), context.default_region) == regions.end()) {
    regions.push_back(context.default_region);
  }

  // Every number any likely region finds; for each span the first region
  // under which it is valid wins, else the first under which it is possible.
  // Icons read as brackets or symbols confuse the matcher's bracket rules:
  // it sees a blanked copy (same byte offsets), the labels the original.
  std::string digits_only_view = text;
  for (char& ch : digits_only_view) {
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0x80 || std::string_view("[]{}|<>=*~\"'`").find(ch) != std::string_view::npos) ch = ' ';
  }
  // What the matcher finds holds digits (blanked above to ASCII ones): a
  // line without one, most of a card's, needs no matcher per region.
  if (std::none_of(digits_only_view.begin(), digits_only_view.end(),
                   [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; })) {
    return {};
  }
  // A second view without lone digits standing before a number ("0 514
  // 555 0182": an icon OCR read as a digit); what it finds counts only when
  // valid, so a lone digit that belongs to a number is kept.
  std::string without_lone_digits = digits_only_view;
  for (std::size_t i = 0; i + 2 < without_lone_digits.size(); ++i) {
    const bool starts = i == 0 || without_lone_digits[i - 1] == ' ';
    if (starts && std::isdigit(static_cast<unsigned char>(without_lone_digits[i])) &&
        without_lone_digits[i + 1] == ' ' && std::isdigit(static_cast<unsigned char>(without_lone_digits[i + 2])))
      without_lone_digits[i] = ' ';
  }
  std::vector<Candidate> candidates;
  for (const std::string* view : {&digits_only_view, &without_lone_digits}) {
    const bool second = view != &digits_only_view;
    if (second && without_lone_digits == digits_only_view) break;
    for (const auto& region : regions) {
      PhoneNumberMatcher matcher(util, *view, region, PhoneNumberMatcher::POSSIBLE, 100);
      while (matcher.HasNext()) {
        PhoneNumberMatch match;
        if (!matcher.Next(&match)) break;
        const std::size_t b = static_cast<std::size_t>(match.start());
        const std::size_t e = b + match.raw_string().size();
        const bool valid = util.IsValidNumber(match.number());
        if (second && !valid) continue;
        Candidate found{match.number(), b, e, valid, match.raw_string()};
        auto overlapping = std::find_if(candidates.begin(), candidates.end(),
                                        [&](const Candidate& c) { return b < c.end && c.begin < e; });
        if (overlapping == candidates.end()) {
          candidates.push_back(std::move(found));
        } else if (found.valid && !overlapping->valid) {
          *overlapping = std::move(found);
        }
      }
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });

  std::vector<PhoneHit> out;
  std::size_t segment_start = 0;
  LabelKind carried = LabelKind::none;
  for (auto& c : candidates) {
    const std::string_view segment = std::string_view(text).substr(segment_start, c.begin - segment_start);
    // "TEL (VN mobile): 093-8123743" on a Japanese card: the label names the
    // number's country, which reads it when the number is valid there.
    if (const std::string named = country_in_label(segment); !named.empty() && trim(c.raw).rfind('+', 0) != 0) {
      PhoneNumber there;
      if (util.Parse(c.raw, named, &there) == PhoneNumberUtil::NO_PARSING_ERROR &&
          util.IsValidNumberForRegion(there, named)) {
        c.number = there;
        c.valid = true;
      }
    }
    LabelKind label = label_in(segment);
    // "Tel: 555 1234 / 555 5678": a number after a bare separator keeps the
    // label.
    if (label == LabelKind::none && trim(segment).find_first_not_of("/|,;&") == std::string::npos) label = carried;
    segment_start = c.end;
    carried = label;
    if (lexicon::is_not_phone_label(label)) continue;
    const bool labelled = label != LabelKind::none;
    std::string digits;
    for (char ch : c.raw) {
      if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
    }
    // A possible number printed with its country code in the very grouping
    // the numbering plan uses ("+44 7700 900118") is a phone even without a
    // label, although metadata may not list its range.
    const bool international_shape = !c.valid && trim(c.raw).rfind('+', 0) == 0 && util.IsPossibleNumber(c.number) &&
                                     printed_in_plan_grouping(c.number, c.raw, PhoneNumberUtil::INTERNATIONAL);
    // Likewise a number standing alone on its line (an icon at most beside
    // it) in the national grouping of the card's region: "07700 900414".
    const bool national_shape = !c.valid && !international_shape && digits.size() >= 9 &&
                                util.IsPossibleNumber(c.number) && alone_on_line(text, c.begin, c.end) &&
                                printed_in_plan_grouping(c.number, c.raw, PhoneNumberUtil::NATIONAL);
    if (!c.valid && !international_shape && !national_shape && !(labelled && digits.size() >= 6)) continue;
    if (!labelled && (digits.size() < 7 || context.address_line)) continue;

    PhoneHit hit;
    hit.labelled = labelled;
    hit.span = {c.begin, c.end};
    util.Format(c.number, PhoneNumberUtil::E164, &hit.phone.e164);
    hit.phone.text = trim(c.raw);
    if (c.number.has_extension()) hit.phone.extension = c.number.extension();
    switch (label) {
      case LabelKind::work:
        hit.phone.type = PhoneType::work;
        break;
      case LabelKind::mobile:
        hit.phone.type = PhoneType::mobile;
        break;
      case LabelKind::fax:
        hit.phone.type = PhoneType::fax;
        break;
      case LabelKind::other:
        hit.phone.type = PhoneType::other;
        break;
      default: {
        const auto type = util.GetNumberType(c.number);
        hit.type_unknown = type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE || type == PhoneNumberUtil::UNKNOWN;
        hit.phone.type =
            type == PhoneNumberUtil::MOBILE ? PhoneType::mobile
            : (type == PhoneNumberUtil::FIXED_LINE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE ||
               type == PhoneNumberUtil::TOLL_FREE || type == PhoneNumberUtil::VOIP || type == PhoneNumberUtil::UAN)
                ? PhoneType::work
                : PhoneType::other;
      }
    }
    hit.phone.confidence = c.valid ? (labelled ? 0.97 : 0.9) : 0.7;
    out.push_back(std::move(hit));
  }
  return out;
}

}  // namespace

std::vector<PhoneHit> find_phones(std::string_view line, const PhoneContext& context) {
  // Most lines have no digit, and read_phones answers them at once: they
  // are not kept.
  if (std::none_of(line.begin(), line.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; }))
    return read_phones(line, context);
  // Each line is matched once per likely region and view, and the same
  // lines come back (see kept_answers.hpp): answers are kept, at most
  // kKeptPhoneAnswers (a few hundred cards' lines).
  constexpr std::size_t kKeptPhoneAnswers = 16384;
  static KeptAnswers<std::vector<PhoneHit>> kept(kKeptPhoneAnswers);
  std::string key = context.default_region;
  for (const auto& r : context.regions) key += '\x1e' + r;
  key += '\x1f';
  key += context.address_line ? 'a' : '-';
  key += '\x1f';
  key += line;
  return kept.get(key, [&] { return read_phones(line, context); });
}

}  // namespace cardscan::parse
