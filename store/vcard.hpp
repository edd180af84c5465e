#pragma once
// vCard export: 3.0 (RFC 2426, the default: what every address book imports)
// or 4.0 (RFC 6350). UTF-8 without BOM, CRLF line ends, lines folded at 75
// octets (never inside a UTF-8 character), TEXT values escaped, so a value
// holding "\r\nEND:VCARD" stays data inside its own card; URI values (UID,
// URL, social profiles) written as URIs, not escaped.

#include <string>
#include <vector>

#include "store/store.hpp"

namespace cardscan::store {

struct VCardOptions {
  int version = 3;          // 3 (RFC 2426) or 4 (RFC 6350)
  bool with_photo = false;  // PHOTO from the stored card crop, when the contact carries one
};

// One vCard per contact, concatenated; CRLF line ends, folded at 75 octets.
// Empty input gives an empty string (a valid, empty vCard stream).
[[nodiscard]] std::string to_vcards(const std::vector<StoredContact>& contacts, const VCardOptions& options = {});

// The vCard of one contact.
[[nodiscard]] std::string to_vcard(const StoredContact& contact, const VCardOptions& options = {});

// The contact's NOTE text: its own note and the events it was met at
// (shared by the vCard and CSV exporters). The follow-up is not in it: its
// state changes, so it goes to the VTODO (to_icalendar).
[[nodiscard]] std::string export_note(const StoredContact& contact);

// A website as a URI value: https:// added when printed without a scheme.
[[nodiscard]] std::string website_uri(const std::string& website);

// The name parts for N / CSV columns: the stored parts, or when none are
// stored, the printed name split into given names and a family name.
struct NameParts {
  std::string family, given, middle, prefix, suffix;
};
[[nodiscard]] NameParts name_parts(const parse::Contact& contact);

}  // namespace cardscan::store
