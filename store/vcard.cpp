#include "store/vcard.hpp"

#include "store/content_line.hpp"
#include "store/local_time.hpp"
#include "store/social_profiles.hpp"

namespace cardscan::store {

namespace {

// A single-valued or list TEXT value: ';' is only special in compound
// values (N, ADR, ORG), so it is not escaped here (RFC 6350 3.4; vCard 3.0
// readers take it the same way).
std::string text(std::string_view value) { return escape_text(value, false); }

std::string join_escaped(std::initializer_list<const std::string*> parts, char separator) {
  std::string out;
  bool first = true;
  for (const std::string* part : parts) {
    if (!first) out += separator;
    first = false;
    out += escape_text(*part);
  }
  return out;
}

// A parameter value made of letters, digits, '-', '.' and spaces only, so
// it needs no quoting in any vCard version.
std::string param_value(const std::string& value) {
  std::string out;
  for (char ch : value)
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' ||
        ch == '_')
      out += ch;
  return out;
}

// vCard 4.0: RFC 9554 SOCIALPROFILE, a URI, or text with SERVICE-TYPE when
// no profile URL can be built. vCard 3.0: Apple's X-SOCIALPROFILE with the
// TYPE and X-USER Contacts reads.
std::string social_line(const parse::SocialHandle& social, bool v4) {
  const std::string url = social_profile_url(social);
  const std::string user = param_value(social_profile_user(social));
  if (v4) {
    const std::string service = param_value(social_service_label(social));
    std::string params = service.empty() ? std::string() : ";SERVICE-TYPE=" + service;
    if (!url.empty()) return "SOCIALPROFILE" + params + ":" + uri_value(url);
    if (service.empty()) params = ";SERVICE-TYPE=other";
    return "SOCIALPROFILE" + params + ";VALUE=text:" + text(social.handle);
  }
  const std::string type = apple_social_type(social);
  std::string params =
      (type.empty() ? std::string() : ";TYPE=" + type) + (user.empty() || url.empty() ? "" : ";X-USER=" + user);
  return "X-SOCIALPROFILE" + params + ":" + (url.empty() ? text(social.handle) : uri_value(url));
}

std::string rev_value(const StoredContact& c, int version) {
  auto epoch = parse_utc_iso(c.updated_at.empty() ? c.created_at : c.updated_at);
  if (!epoch) return {};
  return version == 4 ? format_utc_basic(*epoch) : format_utc_iso(*epoch);
}

}  // namespace

NameParts name_parts(const parse::Contact& c) {
  NameParts n{c.family, c.given, c.middle, c.prefix, c.suffix};
  if (n.family.empty() && n.given.empty() && !c.name.empty()) {
    // No parts from parse: last word is the family name, the rest given names.
    std::string name = c.name;
    while (!name.empty() && name.back() == ' ') name.pop_back();
    auto space = name.rfind(' ');
    if (space == std::string::npos) {
      n.given = name;
    } else {
      n.family = name.substr(space + 1);
      n.given = name.substr(0, space);
      while (!n.given.empty() && n.given.back() == ' ') n.given.pop_back();
    }
  }
  return n;
}

std::string export_note(const StoredContact& c) {
  // Only what stays true: the follow-up's state changes with done and snooze,
  // so it lives in the VTODO (export --ics), never in a NOTE snapshot.
  std::string note = c.note;
  if (!c.events.empty()) {
    std::string events;
    for (const auto& e : c.events) events += (events.empty() ? "" : ", ") + e;
    if (!note.empty()) note += '\n';
    note += "Met at: " + events;
  }
  return note;
}

std::string website_uri(const std::string& website) {
  std::string lower;
  for (char ch : website.substr(0, 8)) lower += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  bool has_scheme = lower.starts_with("http://") || lower.starts_with("https://");
  return uri_value(has_scheme ? website : "https://" + website);
}

std::string to_vcard(const StoredContact& stored, const VCardOptions& options) {
  const bool v4 = options.version == 4;
  const parse::Contact& c = stored.contact;
  std::string out;
  auto line = [&](const std::string& text) { out += fold_line(text); };

  line("BEGIN:VCARD");
  line(v4 ? "VERSION:4.0" : "VERSION:3.0");
  line("PRODID:-//cardscan//cardscan//EN");
  if (v4) line("KIND:individual");
  line("UID:" + uri_value(stored.uid));
  line("FN:" + text(display_name(c)));
  NameParts n = name_parts(c);
  line("N:" + join_escaped({&n.family, &n.given, &n.middle, &n.prefix, &n.suffix}, ';'));
  if (!c.department.empty())
    line("ORG:" + join_escaped({&c.company, &c.department}, ';'));
  else if (!c.company.empty())
    line("ORG:" + escape_text(c.company));
  if (!c.title.empty()) line("TITLE:" + text(c.title));
  for (const auto& email : c.emails) line((v4 ? "EMAIL;TYPE=work:" : "EMAIL;TYPE=INTERNET,WORK:") + text(email));
  for (const auto& phone : c.phones) {
    std::string type;
    switch (phone.type) {
      case parse::PhoneType::mobile:
        type = v4 ? "cell" : "CELL";
        break;
      case parse::PhoneType::fax:
        type = v4 ? "work,fax" : "WORK,FAX";
        break;
      case parse::PhoneType::work:
        type = v4 ? "work,voice" : "WORK,VOICE";
        break;
      case parse::PhoneType::other:
        type = v4 ? "voice" : "VOICE";
        break;
    }
    if (v4 && !phone.e164.empty()) {
      std::string uri = "tel:" + phone.e164 + (phone.extension.empty() ? "" : ";ext=" + phone.extension);
      line("TEL;VALUE=uri;TYPE=" + type + ":" + uri_value(uri));
    } else {
      std::string value = phone.e164.empty() ? phone.text : phone.e164;
      if (!phone.extension.empty() && !phone.e164.empty()) value += " ext. " + phone.extension;
      line("TEL;TYPE=" + type + ":" + text(value));
    }
  }
  for (const auto& url : c.websites) line("URL:" + website_uri(url));
  const parse::PostalAddress& a = c.address_parts;
  bool structured =
      !a.street.empty() || !a.city.empty() || !a.region.empty() || !a.postcode.empty() || !a.country.empty();
  if (structured || !c.address.empty()) {
    const std::string empty;
    const std::string& street = structured ? a.street : c.address;
    line(std::string(v4 ? "ADR;TYPE=work:" : "ADR;TYPE=WORK:") +
         join_escaped({&empty, &empty, &street, &a.city, &a.region, &a.postcode, &a.country}, ';'));
  }
  for (const auto& social : c.social) line(social_line(social, v4));
  if (std::string note = export_note(stored); !note.empty()) line("NOTE:" + text(note));
  if (!stored.events.empty()) {
    std::string categories;
    for (const auto& e : stored.events) categories += (categories.empty() ? "" : ",") + text(e);
    line("CATEGORIES:" + categories);
  }
  if (std::string rev = rev_value(stored, options.version); !rev.empty()) line("REV:" + rev);
  if (options.with_photo && !stored.photo_jpeg.empty()) {
    if (v4)
      line("PHOTO:data:image/jpeg;base64," + base64_encode(stored.photo_jpeg));
    else
      line("PHOTO;ENCODING=b;TYPE=JPEG:" + base64_encode(stored.photo_jpeg));
  }
  line("END:VCARD");
  return out;
}

std::string to_vcards(const std::vector<StoredContact>& contacts, const VCardOptions& options) {
  std::string out;
  for (const auto& c : contacts) out += to_vcard(c, options);
  return out;
}

}  // namespace cardscan::store
