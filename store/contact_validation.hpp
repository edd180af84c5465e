#pragma once
// Checks on values a user types (contacts edit): each returns a message that
// names the bad value and says what is expected.

#include <expected>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace cardscan::store {

// True for well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view text);

// local@domain.tld with no spaces or control characters.
[[nodiscard]] std::expected<void, std::string> validate_email(std::string_view email);

// "+" then 7 to 15 digits, the first not 0 (ITU-T E.164).
[[nodiscard]] std::expected<void, std::string> validate_e164(std::string_view number);

// A phone a user typed: an E.164 number (or, when e164 is empty, printed
// text holding at least 5 digits). Its type is a PhoneType, valid by construction.
[[nodiscard]] std::expected<void, std::string> validate_phone(const parse::Phone& phone);

// Every value of the edit; the first problem found.
[[nodiscard]] std::expected<void, std::string> validate_edit(const ContactEdit& edit);

}  // namespace cardscan::store
