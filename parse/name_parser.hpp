#pragma once
// Splitting a printed personal name into its vCard parts.

#include <string>
#include <string_view>

#include "parse/contact.hpp"

namespace cardscan::parse {

struct NameParts {
  std::string full;    // as printed, prefix removed, suffix kept ("Jane Q. Doe, PhD")
  std::string prefix;  // "Dr."
  std::string given;
  std::string middle;
  std::string family;  // with particles: "van der Berg"
  std::string suffix;  // "PhD", "Jr."
};

// Splits a name line. Honorific prefixes (Dr., Prof., Mr., ...) go to
// `prefix` and leave `full`; generational and academic suffixes go to
// `suffix`; particles (van, von, de, ...) join the family name.
[[nodiscard]] NameParts split_name(std::string_view printed);

// Sets the contact's name and its parts from a printed name (split_name).
void set_contact_name(Contact& contact, std::string_view printed);

// True for particles that belong to a family name ("van", "della", "ter", "bin").
[[nodiscard]] bool is_name_particle(std::string_view word);

// True for words that are honorific prefixes or name suffixes.
[[nodiscard]] bool is_name_prefix(std::string_view word);
[[nodiscard]] bool is_name_suffix(std::string_view word);

}  // namespace cardscan::parse
