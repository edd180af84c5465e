#include "store/vcard.hpp"

#include "store/content_line.hpp"
#include "store/local_time.hpp"

namespace cardscan::store {

namespace {

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
  std::string note = c.note;
  auto add_line = [&](const std::string& line) {
    if (!note.empty()) note += '\n';
    note += line;
  };
  if (!c.events.empty()) {
    std::string events;
    for (const auto& e : c.events) events += (events.empty() ? "" : ", ") + e;
    add_line("Met at: " + events);
  }
  const FollowUp* latest = nullptr;
  for (const auto& f : c.followups)
    if (!latest || f.status == "open" || latest->status != "open") latest = &f;
  if (latest) {
    if (latest->status == "open") {
      add_line("Follow-up due " + (latest->snoozed_until.empty() ? latest->due : latest->snoozed_until));
    } else {
      add_line("Follow-up done " + latest->done_at);
    }
    if (!latest->note.empty()) add_line("Follow-up note: " + latest->note);
  }
  return note;
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
  line("UID:" + escape_text(stored.uid));
  line("FN:" + escape_text(display_name(c)));
  NameParts n = name_parts(c);
  line("N:" + join_escaped({&n.family, &n.given, &n.middle, &n.prefix, &n.suffix}, ';'));
  if (!c.department.empty())
    line("ORG:" + join_escaped({&c.company, &c.department}, ';'));
  else if (!c.company.empty())
    line("ORG:" + escape_text(c.company));
  if (!c.title.empty()) line("TITLE:" + escape_text(c.title));
  for (const auto& email : c.emails) line((v4 ? "EMAIL;TYPE=work:" : "EMAIL;TYPE=INTERNET,WORK:") + escape_text(email));
  for (const auto& phone : c.phones) {
    std::string type;
    if (phone.type == "mobile")
      type = v4 ? "cell" : "CELL";
    else if (phone.type == "fax")
      type = v4 ? "work,fax" : "WORK,FAX";
    else if (phone.type == "work")
      type = v4 ? "work,voice" : "WORK,VOICE";
    else
      type = v4 ? "voice" : "VOICE";
    if (v4 && !phone.e164.empty()) {
      std::string uri = "tel:" + phone.e164 + (phone.extension.empty() ? "" : ";ext=" + phone.extension);
      line("TEL;VALUE=uri;TYPE=" + type + ":" + uri);
    } else {
      std::string value = phone.e164.empty() ? phone.text : phone.e164;
      if (!phone.extension.empty() && !phone.e164.empty()) value += " ext. " + phone.extension;
      line("TEL;TYPE=" + type + ":" + escape_text(value));
    }
  }
  for (const auto& url : c.websites) line("URL:" + escape_text(url));
  const parse::PostalAddress& a = c.address_parts;
  bool structured =
      !a.street.empty() || !a.city.empty() || !a.region.empty() || !a.postcode.empty() || !a.country.empty();
  if (structured || !c.address.empty()) {
    const std::string empty;
    const std::string& street = structured ? a.street : c.address;
    line(std::string(v4 ? "ADR;TYPE=work:" : "ADR;TYPE=WORK:") +
         join_escaped({&empty, &empty, &street, &a.city, &a.region, &a.postcode, &a.country}, ';'));
  }
  for (const auto& social : c.social) {
    std::string service;
    for (char ch : social.service)
      if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-') service += ch;
    line("X-SOCIALPROFILE" + (service.empty() ? std::string() : ";TYPE=" + service) + ":" + escape_text(social.handle));
  }
  if (std::string note = export_note(stored); !note.empty()) line("NOTE:" + escape_text(note));
  if (!stored.events.empty()) {
    std::string categories;
    for (const auto& e : stored.events) categories += (categories.empty() ? "" : ",") + escape_text(e);
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
