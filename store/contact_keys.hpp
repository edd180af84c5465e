#pragma once
// Normalised keys that decide when two cards are the same person, and when
// two values of one field are "the same value" during a merge.

#include <string>
#include <string_view>

namespace cardscan::store {

// Trimmed and lower-cased: "Jane@ACME.example " -> "jane@acme.example".
[[nodiscard]] std::string email_key(std::string_view email);

// Accents, case and punctuation removed, words single-spaced:
// "José  O'Neil-Díaz" -> "jose o neil diaz". Empty when there are no letters or digits.
[[nodiscard]] std::string name_key(std::string_view name);

// name_key without legal forms or a leading "the": "ACME Corp." and "Acme
// Corporation" -> "acme".
[[nodiscard]] std::string company_key(std::string_view company);

// Scheme, "www." and trailing slashes dropped, lower-cased: "https://www.Acme.example/" -> "acme.example".
[[nodiscard]] std::string website_key(std::string_view url);

}  // namespace cardscan::store
