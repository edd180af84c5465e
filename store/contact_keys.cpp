#include "store/contact_keys.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <sstream>
#include <vector>

namespace cardscan::store {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::string email_key(std::string_view email) { return ascii_lower(trim(email)); }

std::string name_key(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfkd->normalize(text, status) : text;
  if (U_FAILURE(status)) decomposed = text;
  decomposed.foldCase();

  icu::UnicodeString kept;
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK) continue;
    if (u_isalnum(c)) {
      if (pending_space && kept.length() > 0) kept.append(static_cast<UChar>(' '));
      pending_space = false;
      // A few letters NFKD does not decompose.
      switch (c) {
        case 0x00DF:
          kept.append(icu::UnicodeString(u"ss"));
          break;  // ß
        case 0x00F8:
          kept.append(static_cast<UChar>('o'));
          break;  // ø
        case 0x0142:
          kept.append(static_cast<UChar>('l'));
          break;  // ł
        case 0x0111:
          kept.append(static_cast<UChar>('d'));
          break;  // đ
        case 0x00E6:
          kept.append(icu::UnicodeString(u"ae"));
          break;  // æ
        case 0x0153:
          kept.append(icu::UnicodeString(u"oe"));
          break;  // œ
        default:
          kept.append(c);
      }
    } else {
      pending_space = true;
    }
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

std::string company_key(std::string_view company) {
  static constexpr std::array<std::string_view, 27> kLegalForms = {
      "inc",         "incorporated", "ltd",     "limited", "llc", "llp", "lp",  "gmbh", "corp",
      "corporation", "co",           "company", "sa",      "ag",  "plc", "srl", "bv",   "nv",
      "oy",          "ab",           "kg",      "sarl",    "spa", "pty", "sas", "ug",   "kk"};
  std::istringstream words(name_key(company));
  std::vector<std::string> tokens;
  for (std::string w; words >> w;) tokens.push_back(w);
  if (tokens.size() > 1 && tokens.front() == "the") tokens.erase(tokens.begin());
  auto is_legal = [&](const std::string& w) {
    for (auto form : kLegalForms)
      if (w == form) return true;
    return false;
  };
  while (tokens.size() > 1 && is_legal(tokens.back())) tokens.pop_back();
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::string website_key(std::string_view url) {
  std::string s = ascii_lower(trim(url));
  for (std::string_view scheme : {"https://", "http://"}) {
    if (s.starts_with(scheme)) {
      s.erase(0, scheme.size());
      break;
    }
  }
  if (s.starts_with("www.")) s.erase(0, 4);
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace cardscan::store
