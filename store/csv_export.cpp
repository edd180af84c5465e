#include "store/csv_export.hpp"

#include <algorithm>

#include "store/social_profiles.hpp"
#include "store/vcard.hpp"

namespace cardscan::store {

namespace {

using Row = std::vector<std::string>;

std::string join_row(const Row& row, bool neutralise) {
  std::string line;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) line += ',';
    line += csv_field(neutralise ? neutralise_formula(row[i]) : row[i]);
  }
  return line + "\r\n";
}

bool has_structured_address(const parse::PostalAddress& a) {
  return !a.street.empty() || !a.city.empty() || !a.region.empty() || !a.postcode.empty() || !a.country.empty();
}

std::string google_phone_type(parse::PhoneType type) {
  switch (type) {
    case parse::PhoneType::mobile:
      return "Mobile";
    case parse::PhoneType::fax:
      return "Work Fax";
    case parse::PhoneType::work:
      return "Work";
    case parse::PhoneType::other:
      break;
  }
  return "Other";
}

// The profile URL, or the handle as printed when none can be built.
std::string social_value(const parse::SocialHandle& s) {
  std::string url = social_profile_url(s);
  return url.empty() ? s.handle : url;
}

std::string phone_value(const parse::Phone& p) {
  std::string value = p.e164.empty() ? p.text : p.e164;
  if (!p.extension.empty() && !p.e164.empty()) value += " ext. " + p.extension;
  return value;
}

// The layout Google Contacts exports today (and reads back by column name):
// "First Name", "Labels", "E-mail 1 - Label", ...; "* " marks the primary
// value, which is only ever the first e-mail.
std::string to_google_csv(const std::vector<StoredContact>& contacts, bool neutralise) {
  std::size_t emails = 1, phones = 1, websites = 1;
  for (const auto& c : contacts) {
    emails = std::max(emails, c.contact.emails.size());
    phones = std::max(phones, c.contact.phones.size());
    websites = std::max(websites, c.contact.websites.size() + c.contact.social.size());
  }
  Row header = {"First Name",
                "Middle Name",
                "Last Name",
                "Phonetic First Name",
                "Phonetic Middle Name",
                "Phonetic Last Name",
                "Name Prefix",
                "Name Suffix",
                "Nickname",
                "File As",
                "Organization Name",
                "Organization Title",
                "Organization Department",
                "Birthday",
                "Notes",
                "Photo",
                "Labels"};
  for (std::size_t i = 1; i <= emails; ++i) {
    header.push_back("E-mail " + std::to_string(i) + " - Label");
    header.push_back("E-mail " + std::to_string(i) + " - Value");
  }
  for (std::size_t i = 1; i <= phones; ++i) {
    header.push_back("Phone " + std::to_string(i) + " - Label");
    header.push_back("Phone " + std::to_string(i) + " - Value");
  }
  for (const char* column :
       {"Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City", "Address 1 - PO Box",
        "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country", "Address 1 - Extended Address"})
    header.push_back(column);
  for (std::size_t i = 1; i <= websites; ++i) {
    header.push_back("Website " + std::to_string(i) + " - Label");
    header.push_back("Website " + std::to_string(i) + " - Value");
  }

  std::string out = join_row(header, false);
  for (const auto& stored : contacts) {
    const parse::Contact& c = stored.contact;
    NameParts n = name_parts(c);
    std::string labels = "* myContacts";
    for (const auto& event : stored.events) labels += " ::: " + event;
    Row row = {n.given,   n.middle, n.family,     "", "",
               "",        n.prefix, n.suffix,     "", "",
               c.company, c.title,  c.department, "", export_note(stored),
               "",        labels};
    for (std::size_t i = 0; i < emails; ++i) {
      bool has = i < c.emails.size();
      row.push_back(has ? (i == 0 ? "* Work" : "Work") : "");
      row.push_back(has ? c.emails[i] : "");
    }
    for (std::size_t i = 0; i < phones; ++i) {
      bool has = i < c.phones.size();
      row.push_back(has ? google_phone_type(c.phones[i].type) : "");
      row.push_back(has ? phone_value(c.phones[i]) : "");
    }
    const auto& a = c.address_parts;
    bool structured = has_structured_address(a);
    bool any_address = structured || !c.address.empty();
    row.push_back(any_address ? "Work" : "");
    row.push_back(c.address);
    row.push_back(structured ? a.street : "");
    row.push_back(a.city);
    row.push_back("");
    row.push_back(a.region);
    row.push_back(a.postcode);
    row.push_back(a.country);
    row.push_back("");
    std::vector<std::pair<std::string, std::string>> sites;
    for (const auto& w : c.websites) sites.emplace_back("Work", w);
    for (const auto& s : c.social) sites.emplace_back(social_service_label(s), social_value(s));
    for (std::size_t i = 0; i < websites; ++i) {
      bool has = i < sites.size();
      row.push_back(has ? sites[i].first : "");
      row.push_back(has ? sites[i].second : "");
    }
    out += join_row(row, neutralise);
  }
  return out;
}

std::string to_outlook_csv(const std::vector<StoredContact>& contacts, bool neutralise) {
  const Row header = {"First Name",
                      "Middle Name",
                      "Last Name",
                      "Title",
                      "Suffix",
                      "Company",
                      "Department",
                      "Job Title",
                      "Business Street",
                      "Business City",
                      "Business State",
                      "Business Postal Code",
                      "Business Country/Region",
                      "Business Phone",
                      "Business Phone 2",
                      "Mobile Phone",
                      "Business Fax",
                      "Other Phone",
                      "E-mail Address",
                      "E-mail 2 Address",
                      "E-mail 3 Address",
                      "Web Page",
                      "Notes",
                      "Categories"};
  std::string out = "\xEF\xBB\xBF" + join_row(header, false);
  for (const auto& stored : contacts) {
    const parse::Contact& c = stored.contact;
    NameParts n = name_parts(c);
    std::vector<std::string> extra;  // values Outlook has no column left for
    std::string business, business2, mobile, fax, other;
    for (const auto& p : c.phones) {
      std::string value = phone_value(p);
      std::string* slot = nullptr;
      if (p.type == parse::PhoneType::work)
        slot = business.empty() ? &business : (business2.empty() ? &business2 : nullptr);
      else if (p.type == parse::PhoneType::mobile)
        slot = mobile.empty() ? &mobile : nullptr;
      else if (p.type == parse::PhoneType::fax)
        slot = fax.empty() ? &fax : nullptr;
      if (!slot) slot = other.empty() ? &other : nullptr;
      if (slot)
        *slot = value;
      else
        extra.push_back("Phone (" + std::string(parse::to_string(p.type)) + "): " + value);
    }
    std::string email[3];
    for (std::size_t i = 0; i < c.emails.size(); ++i) {
      if (i < 3)
        email[i] = c.emails[i];
      else
        extra.push_back("E-mail: " + c.emails[i]);
    }
    for (std::size_t i = 1; i < c.websites.size(); ++i) extra.push_back("Website: " + c.websites[i]);
    for (const auto& social : c.social) extra.push_back(social_service_label(social) + ": " + social_value(social));
    std::string notes = export_note(stored);
    for (const auto& e : extra) notes += (notes.empty() ? "" : "\n") + e;
    const auto& a = c.address_parts;
    bool structured = has_structured_address(a);
    std::string categories;
    for (const auto& event : stored.events) categories += (categories.empty() ? "" : ";") + event;
    Row row = {n.given,
               n.middle,
               n.family,
               n.prefix,
               n.suffix,
               c.company,
               c.department,
               c.title,
               structured ? a.street : c.address,
               a.city,
               a.region,
               a.postcode,
               a.country,
               business,
               business2,
               mobile,
               fax,
               other,
               email[0],
               email[1],
               email[2],
               c.websites.empty() ? "" : c.websites.front(),
               notes,
               categories};
    out += join_row(row, neutralise);
  }
  return out;
}

}  // namespace

std::string csv_field(const std::string& value) {
  bool quote = value.find_first_of(",\"\r\n") != std::string::npos ||
               (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Only digits, spaces and + - ( ) . / and "ext.": a spreadsheet may read it as
// arithmetic, but it cannot call a function or reach another cell.
bool plain_phone_number(const std::string& value) {
  std::string rest = value;
  if (auto ext = rest.find(" ext. "); ext != std::string::npos) rest.erase(ext, 6);
  if (rest.empty()) return false;
  for (char c : rest)
    if (!((c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')' || c == '.' || c == '/'))
      return false;
  return true;
}

std::string neutralise_formula(const std::string& value) {
  if (value.empty()) return value;
  char first = value.front();
  bool risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
  if (!risky || plain_phone_number(value)) return value;
  return "'" + value;
}

std::string to_csv(const std::vector<StoredContact>& contacts, CsvFormat format, const CsvOptions& options) {
  return format == CsvFormat::outlook ? to_outlook_csv(contacts, options.neutralise_formulas)
                                      : to_google_csv(contacts, options.neutralise_formulas);
}

}  // namespace cardscan::store
