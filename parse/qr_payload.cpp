#include "parse/qr_payload.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "parse/field_finders.hpp"
#include "parse/lexicon/countries.hpp"
#include "parse/name_parser.hpp"
#include "parse/repairs.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

std::string upper_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Splits on unescaped `sep`, then unescapes \, \; \: \\ and \n.
std::vector<std::string> split_escaped(std::string_view s, char sep) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      const char n = s[++i];
      out.back() += (n == 'n' || n == 'N') ? '\n' : n;
    } else if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string unescape(std::string_view s) {
  auto parts = split_escaped(s, '\0');
  return parts.empty() ? std::string() : parts.front();
}

std::string decode_quoted_printable(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

PhoneType phone_type_from(const std::string& params_upper) {
  if (params_upper.find("FAX") != std::string::npos) return PhoneType::fax;
  if (params_upper.find("CELL") != std::string::npos || params_upper.find("MOBILE") != std::string::npos)
    return PhoneType::mobile;
  if (params_upper.find("WORK") != std::string::npos || params_upper.find("VOICE") != std::string::npos ||
      params_upper.find("MAIN") != std::string::npos) {
    return PhoneType::work;
  }
  if (params_upper.find("HOME") != std::string::npos) return PhoneType::other;
  return PhoneType::work;
}

// A QR number is exact text, but only a number libphonenumber reads as
// valid gets an E.164: a made-up one ("-49301234567" -> "49301234567")
// would fail the store's checks and could merge two people on junk.
void add_phone(Contact& c, const std::string& text, PhoneType type) {
  const std::string printed = trim(text);
  const auto digits = std::count_if(printed.begin(), printed.end(),
                                    [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; });
  // Fewer digits than the shortest numbers anywhere: no number at all ("+", "0").
  constexpr long kMinPhoneDigits = 3;
  if (digits < kMinPhoneDigits) return;
  PhoneContext context;
  context.regions = regions_from_country_codes(printed);
  auto hits = find_phones("Tel " + printed, context);
  Phone p;
  if (!hits.empty()) p = hits.front().phone;
  if (!is_valid_e164(p.e164)) p.e164.clear();
  p.text = printed;
  p.type = type;
  p.confidence = 1.0;
  c.phones.push_back(std::move(p));
}

void set_address(Contact& c, const std::vector<std::string>& adr) {
  // ADR: PO box; extended; street; locality; region; postal code; country
  auto at = [&](std::size_t i) { return i < adr.size() ? trim(adr[i]) : std::string(); };
  std::vector<std::string> street;
  for (const auto& p : {at(0), at(2), at(1)}) {
    if (!p.empty()) street.push_back(p);
  }
  c.address_parts.street = join(street, ", ");
  c.address_parts.city = at(3);
  c.address_parts.region = at(4);
  c.address_parts.postcode = at(5);
  c.address_parts.country = at(6);
  c.address = format_address(c.address_parts, true);
}

}  // namespace

namespace {

// True when `country` names the United States or Canada, or is empty (an
// address with no country is read as the card's default, North American).
bool is_north_american(std::string_view country) {
  const std::string code = to_lower(trim(country));
  if (code.empty() || code == "us" || code == "ca") return true;  // vCards often give the ISO code
  const auto row = lexicon::country_named(country);
  return row && (row->region == "US" || row->region == "CA");
}

// True when `country` names a country whose city lines print the city
// before the postcode ("Mumbai 400001", "Tokyo 100-6921").
bool city_first(std::string_view country) {
  const auto row = lexicon::country_named(country);
  return row && row->city_first;
}

// True when `value` occurs in `text` as whole words, ignoring case ("TX"
// in "Austin, TX 78701", not in "TEXT"); bytes of UTF-8 letters count as
// letters.
bool printed_as_word(std::string_view text, std::string_view value) {
  if (trim(value).empty()) return false;
  const std::string hay = to_lower(text), needle = to_lower(trim(value));
  auto letter = [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80;
  };
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
    const bool starts = at == 0 || !letter(hay[at - 1]);
    const bool ends = at + needle.size() == hay.size() || !letter(hay[at + needle.size()]);
    if (starts && ends) return true;
  }
  return false;
}

// True when `text` ends with `word` as a whole word, ignoring case.
bool ends_with_word(std::string_view text, std::string_view word) {
  const std::string t = to_lower(trim(text)), w = to_lower(trim(word));
  if (w.empty() || w.size() > t.size() || t.compare(t.size() - w.size(), w.size(), w) != 0) return false;
  const std::size_t before = t.size() - w.size();
  return before == 0 || !(std::isalnum(static_cast<unsigned char>(t[before - 1])) ||
                          static_cast<unsigned char>(t[before - 1]) >= 0x80);
}

// True when `printed` (the address OCR assembled) holds each of the
// vCard's parts, and besides them no digit (a '|' read as "1") and no run
// of more than two letters (a country prefix "D-", separators).
bool printed_as_qr_says(std::string_view printed, const PostalAddress& parts) {
  if (trim(printed).empty()) return false;
  std::string rest = to_lower(printed);
  for (const std::string* part : {&parts.street, &parts.city, &parts.region, &parts.postcode, &parts.country}) {
    const std::string p = to_lower(trim(*part));
    if (p.empty()) continue;
    const auto at = rest.find(p);
    if (at == std::string::npos) {
      // The region and the country are often left off the printed address.
      if (part == &parts.region || part == &parts.country) continue;
      return false;
    }
    rest.replace(at, p.size(), " ");
  }
  std::size_t run = 0;
  for (const char ch : rest) {
    if (std::isdigit(static_cast<unsigned char>(ch))) return false;
    run = (std::isalpha(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80) ? run + 1 : 0;
    if (run > 2) return false;
  }
  return true;
}

}  // namespace

std::string format_address(const PostalAddress& a, bool with_country) {
  std::vector<std::string> pieces;
  if (!a.street.empty()) pieces.push_back(a.street);
  // Locality as the country prints it: "Springfield, IL 62704" (North
  // America), "Sydney NSW 2000" (Australia), "Leeds LS1 4AP" (UK, Ireland),
  // "10115 Berlin" (most of continental Europe).
  const std::string country = to_lower(a.country);
  const bool postcode_letters = std::any_of(a.postcode.begin(), a.postcode.end(),
                                            [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); });
  std::string locality;
  if (!a.region.empty() && is_north_american(country)) {
    locality = trim(a.city + ", " + trim(a.region + " " + a.postcode));
  } else if (!a.region.empty()) {
    locality = trim(a.city + " " + trim(a.region + " " + a.postcode));
  } else if (postcode_letters || city_first(a.country)) {
    locality = trim(a.city + " " + a.postcode);
  } else {
    locality = trim(a.postcode + " " + a.city);
  }
  if (!locality.empty() && locality != ",") pieces.push_back(locality);
  if (with_country && !a.country.empty()) pieces.push_back(a.country);
  return join(pieces, ", ");
}

namespace {

std::optional<Contact> parse_vcard(std::string_view payload) {
  // Unfold: a line break followed by a space or tab continues the line.
  std::string text;
  for (std::size_t i = 0; i < payload.size(); ++i) {
    if ((payload[i] == '\r' || payload[i] == '\n')) {
      std::size_t j = i;
      if (payload[j] == '\r' && j + 1 < payload.size() && payload[j + 1] == '\n') ++j;
      if (j + 1 < payload.size() && (payload[j + 1] == ' ' || payload[j + 1] == '\t')) {
        i = j + 1;
        continue;
      }
      text += '\n';
      i = j;
    } else {
      text += payload[i];
    }
  }
  Contact c;
  std::string n_value, fn_value;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    // vCard 2.1 quoted-printable soft line breaks end in '='.
    while (!line.empty() && line.back() == '=' && upper_ascii(line).find("QUOTED-PRINTABLE") != std::string::npos &&
           pos < text.size()) {
      line.pop_back();
      eol = text.find('\n', pos);
      if (eol == std::string::npos) eol = text.size();
      line += text.substr(pos, eol - pos);
      pos = eol + 1;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string head = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    const std::string head_upper = upper_ascii(head);
    if (head_upper.find("QUOTED-PRINTABLE") != std::string::npos) value = decode_quoted_printable(value);
    std::string name = head_upper.substr(0, head_upper.find(';'));
    if (const auto dot = name.find('.'); dot != std::string::npos) name = name.substr(dot + 1);  // item1.TEL
    const std::string params = head_upper.size() > name.size() ? head_upper.substr(head_upper.find(';') + 1) : "";
    if (name == "FN") {
      fn_value = unescape(value);
    } else if (name == "N") {
      n_value = value;
    } else if (name == "ORG") {
      auto parts = split_escaped(value, ';');
      c.company = trim(parts[0]);
      if (parts.size() > 1) c.department = trim(parts[1]);
    } else if (name == "TITLE") {
      c.title = trim(unescape(value));
    } else if (name == "EMAIL") {
      c.emails.push_back(to_lower(trim(unescape(value))));
    } else if (name == "TEL") {
      std::string number = trim(unescape(value));
      if (to_lower(number).rfind("tel:", 0) == 0) number = number.substr(4);
      add_phone(c, number, phone_type_from(params));
    } else if (name == "URL") {
      const std::string url = trim(unescape(value));
      auto social = find_social(url);
      if (!social.empty()) {
        c.social.push_back(social.front().handle);
      } else {
        c.websites.push_back(url);
      }
    } else if (name == "ADR") {
      set_address(c, split_escaped(value, ';'));
    } else if (name == "X-SOCIALPROFILE") {
      SocialHandle h;
      const auto type_pos = params.find("TYPE=");
      h.service = type_pos == std::string::npos
                      ? "other"
                      : to_lower(params.substr(type_pos + 5, params.find(';', type_pos) - type_pos - 5));
      h.handle = trim(unescape(value));
      c.social.push_back(h);
    }
  }
  if (!fn_value.empty()) {
    set_contact_name(c, fn_value);
  } else if (!n_value.empty()) {
    auto n = split_escaped(n_value, ';');  // family;given;additional;prefix;suffix
    auto at = [&](std::size_t i) { return i < n.size() ? trim(n[i]) : std::string(); };
    std::vector<std::string> pieces;
    for (const auto& p : {at(1), at(2), at(0)}) {
      if (!p.empty()) pieces.push_back(p);
    }
    std::string full = join(pieces, " ");
    if (!at(4).empty()) full += ", " + at(4);
    set_contact_name(c, full);
    c.prefix = at(3);
  }
  if (!n_value.empty()) {
    // N is authoritative for the split when present.
    auto n = split_escaped(n_value, ';');
    auto at = [&](std::size_t i) { return i < n.size() ? trim(n[i]) : std::string(); };
    if (!at(0).empty()) c.family = at(0);
    if (!at(1).empty()) c.given = at(1);
    if (!at(2).empty()) c.middle = at(2);
    if (!at(3).empty()) c.prefix = at(3);
    if (!at(4).empty()) c.suffix = at(4);
  }
  return c;
}

std::optional<Contact> parse_mecard(std::string_view payload) {
  std::string_view body = payload.substr(7);  // after "MECARD:"
  Contact c;
  for (const auto& field : split_escaped(body, ';')) {
    // split_escaped already unescaped; the first unescaped ':' separates the key.
    const auto colon = field.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = upper_ascii(trim(field.substr(0, colon)));
    const std::string value = trim(field.substr(colon + 1));
    if (value.empty()) continue;
    if (key == "N") {
      // "Doe,Jane" is family,given.
      const auto comma = value.find(',');
      if (comma != std::string::npos) {
        set_contact_name(c, trim(value.substr(comma + 1)) + " " + trim(value.substr(0, comma)));
        c.family = trim(value.substr(0, comma));
        c.given = trim(value.substr(comma + 1));
      } else {
        set_contact_name(c, value);
      }
    } else if (key == "TEL") {
      add_phone(c, value, PhoneType::work);
    } else if (key == "TEL-AV") {
      add_phone(c, value, PhoneType::mobile);
    } else if (key == "EMAIL") {
      c.emails.push_back(to_lower(value));
    } else if (key == "URL") {
      c.websites.push_back(value);
    } else if (key == "ORG") {
      c.company = value;
    } else if (key == "TITLE") {
      c.title = value;
    } else if (key == "ADR") {
      auto parts = split_escaped(value, ',');
      if (parts.size() >= 7) {
        set_address(c, parts);
      } else {
        c.address = value;
      }
    }
  }
  return c;
}

}  // namespace

std::optional<Contact> parse_qr_payload(std::string_view payload) {
  const std::string head = upper_ascii(std::string(trim(payload.substr(0, std::min<std::size_t>(payload.size(), 64)))));
  if (head.rfind("BEGIN:VCARD", 0) == 0) return parse_vcard(payload);
  if (head.rfind("MECARD:", 0) == 0) return parse_mecard(trim(payload));
  return std::nullopt;
}

Contact merge_qr(Contact ocr, const Contact& qr, std::string_view printed_text) {
  auto take = [&](std::string& field, const std::string& value, std::optional<double>& confidence) {
    if (value.empty()) return;
    field = value;
    confidence = 1.0;
  };
  // A firm's own vCard (its FN the name in its ORG) names no person.
  const bool firm_card = !qr.company.empty() && normalise_for_compare(qr.name) == normalise_for_compare(qr.company);
  if (!qr.name.empty() && !firm_card) {
    ocr.name = qr.name;
    ocr.prefix = qr.prefix;
    ocr.given = qr.given;
    ocr.middle = qr.middle;
    ocr.family = qr.family;
    ocr.suffix = qr.suffix;
    ocr.confidence.name = 1.0;
  }
  take(ocr.title, qr.title, ocr.confidence.title);
  take(ocr.company, qr.company, ocr.confidence.company);
  take(ocr.department, qr.department, ocr.confidence.department);
  if (!qr.address.empty()) {
    // The address reads as the card prints it: the QR's country and region
    // (state, province) appear only when the card prints them ("Mumbai
    // 400001" on a card whose vCard adds Maharashtra), except a North
    // American state, which every address there carries.
    const PostalAddress& parts = qr.address_parts;
    const bool country_printed = printed_as_word(printed_text, parts.country);
    PostalAddress shown = parts;
    // A city the street already ends with ("100 High Street, MANCHESTER")
    // is not printed twice.
    if (!parts.city.empty() && ends_with_word(parts.street, parts.city)) shown.city.clear();
    // A region counts as printed only outside the city's own name ("Delhi"
    // in "New Delhi" is not the state printed).
    std::string without_city = to_lower(printed_text);
    if (const std::string city = to_lower(trim(parts.city)); !city.empty()) {
      for (auto at = without_city.find(city); at != std::string::npos; at = without_city.find(city, at))
        without_city.replace(at, city.size(), " ");
    }
    if (!parts.region.empty() && !is_north_american(parts.country) && !printed_as_word(without_city, parts.region))
      shown.region.clear();
    const bool structured = !parts.city.empty() || !parts.postcode.empty();
    // A printed address OCR read as the vCard says it keeps its printed
    // form ("D-80331 München" where the vCard has 80331).
    if (!(structured && printed_as_qr_says(ocr.address, parts)))
      ocr.address = structured ? format_address(shown, country_printed) : qr.address;
    ocr.address_parts = qr.address_parts;
    ocr.confidence.address = 1.0;
  }
  if (!qr.emails.empty()) {
    // QR emails first; OCR emails that the QR lacks are kept behind them.
    std::vector<std::string> emails = qr.emails;
    for (const auto& e : ocr.emails) {
      if (std::find(emails.begin(), emails.end(), e) == emails.end()) emails.push_back(e);
    }
    ocr.emails = emails;
    ocr.confidence.emails = 1.0;
  }
  if (!qr.phones.empty()) {
    std::vector<Phone> phones = qr.phones;
    auto digits_of = [](const std::string& s) {
      std::string d;
      for (char ch : s) {
        if (std::isdigit(static_cast<unsigned char>(ch))) d += ch;
      }
      return d;
    };
    for (const auto& p : ocr.phones) {
      // An OCR number is the QR's own when its printed digits are part of a
      // QR number (OCR may have lost a country or area code), or hold the
      // QR number's last kSameNumberDigits (OCR read an icon as a digit:
      // "t4 0221 4710 559").
      constexpr std::size_t kSameNumberDigits = 8;
      const std::string pd = digits_of(p.text);
      const bool known = std::any_of(phones.begin(), phones.end(), [&](const Phone& q) {
        const std::string qd = digits_of(q.e164);
        return (!p.e164.empty() && q.e164 == p.e164) || (pd.size() >= 6 && qd.find(pd) != std::string::npos) ||
               (pd.size() >= 6 && digits_of(q.text).find(pd) != std::string::npos) ||
               (qd.size() >= kSameNumberDigits &&
                pd.find(qd.substr(qd.size() - kSameNumberDigits)) != std::string::npos);
      });
      if (!known) phones.push_back(p);
    }
    ocr.phones = phones;
    ocr.confidence.phones = 1.0;
  }
  if (!qr.websites.empty()) {
    std::vector<std::string> sites = qr.websites;
    for (const auto& w : ocr.websites) {
      if (std::find(sites.begin(), sites.end(), w) == sites.end()) sites.push_back(w);
    }
    ocr.websites = sites;
    ocr.confidence.website = 1.0;
  }
  drop_sites_read_from_emails(ocr);
  if (ocr.websites.empty()) ocr.confidence.website.reset();
  for (const auto& s : qr.social) {
    const bool known =
        std::any_of(ocr.social.begin(), ocr.social.end(), [&](const SocialHandle& h) { return h.handle == s.handle; });
    if (!known) ocr.social.push_back(s);
  }
  return ocr;
}

}  // namespace cardscan::parse
