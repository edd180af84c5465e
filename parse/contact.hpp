#pragma once
// The contact parse produces from one card: plain values, each field with a
// confidence in [0,1]. Empty strings and lists mean "not on the card".

#include <map>
#include <string>
#include <vector>

namespace cardscan::parse {

struct Phone {
  std::string type = "other";  // work, mobile, fax or other
  std::string e164;            // +14155550123; empty when the number could not be normalised
  std::string text;            // as printed (after OCR repair)
  std::string extension;       // digits only, empty if none
  double confidence = 0;
};

struct PostalAddress {
  std::string street, city, region, postcode, country;  // structured parts where clear
};

struct SocialHandle {
  std::string service;  // linkedin, x, instagram, facebook, github, ...
  std::string handle;   // as printed: "@jane" or "linkedin.com/in/jane"
};

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
  // Per-field confidence in [0,1]: name, title, company, department, emails,
  // phones, website, address. Phones also carry their own.
  std::map<std::string, double> confidence;

  [[nodiscard]] bool empty() const {
    return name.empty() && company.empty() && emails.empty() && phones.empty() && websites.empty();
  }
};

}  // namespace cardscan::parse
