#include "parse/name_parser.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

std::string bare(std::string_view word) {
  std::string out;
  for (char c : to_lower(word)) {
    if (c != '.' && c != ',') out += c;
  }
  return out;
}

}  // namespace

bool is_name_particle(std::string_view word) {
  static const std::set<std::string, std::less<>> particles = {
      "van", "von", "der", "den", "de", "del", "della", "di",    "da", "du", "la", "le",  "dos", "das",
      "do",  "ter", "ten", "zu",  "af", "av",  "bin",   "binti", "al", "el", "st", "st.", "mac", "y"};
  return particles.count(to_lower(word)) > 0;
}

bool is_name_prefix(std::string_view word) {
  static const std::set<std::string, std::less<>> prefixes = {
      "dr",   "prof", "professor", "mr",  "mrs",      "ms",   "miss",    "mx",   "sir",
      "dame", "rev",  "hon",       "ing", "dipl-ing", "mag",  "mme",     "mlle", "m",
      "herr", "frau", "sr",        "sra", "srta",     "dott", "dottssa", "ir",   "drs",
      // Vietnamese degrees and callings before a name: tiến sĩ, thạc sĩ,
      // (phó) giáo sư, bác sĩ, kỹ sư ("TS. Đỗ Chí Phi").
      "ts", "ths", "gs", "pgs", "bs", "ks"};
  return prefixes.count(bare(word)) > 0;
}

bool is_name_suffix(std::string_view word) {
  static const std::set<std::string, std::less<>> suffixes = {
      "jr",   "sr",  "ii",  "iii",  "iv",   "v",    "phd", "md",  "mba", "cpa",    "esq",  "dds",  "dmd",    "rn",
      "pe",   "cfa", "msc", "bsc",  "ma",   "ba",   "llb", "llm", "jd",  "frcs",   "mrcp", "facs", "pmp",    "cissp",
      "acca", "aca", "fca", "ceng", "meng", "beng", "dvm", "do",  "od",  "pharmd", "edd",  "psyd", "lcsw",   "cfp",
      "cma",  "obe", "mbe", "cbe",  "qc",   "kc",   "mph", "mfa", "ms",  "mpa",    "np",   "pa",   "cpa/cfa"};
  return suffixes.count(bare(word)) > 0;
}

NameParts split_name(std::string_view printed) {
  NameParts parts;
  // Text after the first comma is suffixes ("Jane Doe, PhD, MBA").
  std::string main_part(trim(printed));
  std::string comma_suffix;
  if (const auto comma = main_part.find(','); comma != std::string::npos) {
    comma_suffix = trim(std::string_view(main_part).substr(comma + 1));
    main_part = trim(std::string_view(main_part).substr(0, comma));
    // Only credentials follow a name's comma ("PhD, MBA", "P.E."): what else
    // OCR joined to the name line ("Silke Haas, Logistics") is no part of it.
    for (const auto& w : split_words(comma_suffix)) {
      std::string b;  // as printed, without dots and commas: "P.E." -> "PE"
      for (char c : w) {
        if (c != '.' && c != ',') b += c;
      }
      const CharCounts n = count_chars(b);
      const bool credential = is_name_suffix(w) || (b.size() <= 5 && n.lower == 0 && n.upper > 0);
      if (!credential) {
        comma_suffix.clear();
        break;
      }
    }
  }
  std::vector<std::string> words = split_words(main_part);
  // A bar OCR read as a capital I or an l after the name ("Zhiwei
  // McAllister I"): no name ends in a lone I.
  while (words.size() > 2 && (words.back() == "I" || words.back() == "l" || words.back() == "|")) words.pop_back();
  std::vector<std::string> prefix_words;
  while (words.size() > 1 && is_name_prefix(words.front()) &&
         // "M." is a prefix only in front of a full name, not an initial.
         !(bare(words.front()) == "m" && words.size() < 3)) {
    prefix_words.push_back(words.front());
    words.erase(words.begin());
  }
  std::vector<std::string> suffix_words;
  while (words.size() > 2 && is_name_suffix(words.back())) {
    suffix_words.insert(suffix_words.begin(), words.back());
    words.pop_back();
  }
  if (!comma_suffix.empty()) suffix_words.push_back(comma_suffix);
  parts.prefix = join(prefix_words, " ");
  parts.suffix = join(suffix_words, ", ");

  if (!words.empty()) {
    parts.given = words.front();
    if (words.size() > 1) {
      std::size_t family_start = words.size() - 1;
      while (family_start > 1 && is_name_particle(words[family_start - 1])) --family_start;
      std::vector<std::string> family(words.begin() + static_cast<long>(family_start), words.end());
      std::vector<std::string> middle(words.begin() + 1, words.begin() + static_cast<long>(family_start));
      parts.family = join(family, " ");
      parts.middle = join(middle, " ");
    }
  }
  // The full name keeps suffixes as printed but not the prefix.
  parts.full = join(words, " ");
  if (!suffix_words.empty()) {
    const std::string printed_suffix = comma_suffix.empty() ? join(suffix_words, " ") : "";
    if (!printed_suffix.empty()) {
      parts.full += " " + printed_suffix;
    } else {
      std::vector<std::string> pre_comma(suffix_words.begin(), suffix_words.end() - 1);
      if (!pre_comma.empty()) parts.full += " " + join(pre_comma, " ");
      parts.full += ", " + comma_suffix;
    }
  }
  return parts;
}

void set_contact_name(Contact& contact, std::string_view printed) {
  const NameParts parts = split_name(printed);
  contact.name = parts.full;
  contact.prefix = parts.prefix;
  contact.given = parts.given;
  contact.middle = parts.middle;
  contact.family = parts.family;
  contact.suffix = parts.suffix;
}

}  // namespace cardscan::parse
