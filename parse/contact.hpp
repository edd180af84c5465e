#pragma once
// The contact parse produces from one card: plain values, each field with a
// confidence in [0,1]. Empty strings and lists mean "not on the card".

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cardscan::parse {

// What a number is for. Only the JSON, vCard, CSV and SQL edges see it as a
// word, through to_string / parse_phone_type.
enum class PhoneType { work, mobile, fax, other };

// "work", "mobile", "fax" or "other": the word the output contract and the
// store's CHECK constraint use.
[[nodiscard]] constexpr std::string_view to_string(PhoneType type) {
  switch (type) {
    case PhoneType::work:
      return "work";
    case PhoneType::mobile:
      return "mobile";
    case PhoneType::fax:
      return "fax";
    case PhoneType::other:
      break;
  }
  return "other";
}

// The type a word names exactly ("work", "mobile", "fax", "other");
// nullopt for any other word, so each edge decides what a stray word means.
[[nodiscard]] constexpr std::optional<PhoneType> parse_phone_type(std::string_view word) {
  for (PhoneType t : {PhoneType::work, PhoneType::mobile, PhoneType::fax, PhoneType::other}) {
    if (word == to_string(t)) return t;
  }
  return std::nullopt;
}

struct Phone {
  PhoneType type = PhoneType::other;
  std::string e164;       // +14155550123; empty when the number could not be normalised
  std::string text;       // as printed (after OCR repair)
  std::string extension;  // digits only, empty if none
  double confidence = 0;
};

struct PostalAddress {
  std::string street, city, region, postcode, country;  // structured parts where clear
};

struct SocialHandle {
  std::string service;  // linkedin, x, instagram, facebook, github, ...
  std::string handle;   // as printed: "@jane" or "linkedin.com/in/jane"
};

// Per-field confidence in [0,1]; a field parse found nothing for has none.
struct FieldConfidences {
  std::optional<double> address, company, department, emails, name, phones, title, website;
};

// Each field with the name the JSON, SQL and review edges use for it, in
// name order (the order the review's "weakest field" ties are broken in).
inline constexpr std::array<std::pair<std::string_view, std::optional<double> FieldConfidences::*>, 8>
    kConfidenceFields = {{{"address", &FieldConfidences::address},
                          {"company", &FieldConfidences::company},
                          {"department", &FieldConfidences::department},
                          {"emails", &FieldConfidences::emails},
                          {"name", &FieldConfidences::name},
                          {"phones", &FieldConfidences::phones},
                          {"title", &FieldConfidences::title},
                          {"website", &FieldConfidences::website}}};

// The confidence a field's name stands for; nullptr for a name that is no field.
[[nodiscard]] constexpr std::optional<double>* confidence_named(FieldConfidences& c, std::string_view name) {
  for (const auto& [field, member] : kConfidenceFields) {
    if (field == name) return &(c.*member);
  }
  return nullptr;
}

struct Contact {
  std::string name;    // full name as printed, without prefix
  std::string prefix;  // Dr., Prof., Mr., ...
  std::string given;
  std::string middle;  // middle names or initials
  std::string family;
  std::string suffix;  // Jr., PhD, ...
  std::string title;
  std::string company;
  std::string department;
  std::vector<std::string> emails;
  std::vector<Phone> phones;
  std::vector<std::string> websites;
  std::string address;  // one line, printed lines joined with ", "
  PostalAddress address_parts;
  std::vector<SocialHandle> social;
  FieldConfidences confidence;  // phones also carry their own

  [[nodiscard]] bool empty() const {
    return name.empty() && company.empty() && emails.empty() && phones.empty() && websites.empty();
  }
};

}  // namespace cardscan::parse
