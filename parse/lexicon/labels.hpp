#pragma once
// Lexicon: the labels printed in front of a field ("Tel.", "M", "E-mail:",
// "Web") and the words that mark a number as something other than a phone
// ("VAT", "IBAN", "HRB"). One table; the phone finder, the email finder
// and the line cleaner all read it.

#include <span>
#include <string_view>

namespace cardscan::parse::lexicon {

// not_phone: a tax, bank or registration number ("VAT", "IBAN", "License
// No."): a line it opens is neither a phone nor an address. postal: a word
// of the address that precedes a number ("Box", "ZIP", "CEP"): not a phone,
// but the address keeps it. address: the label of an address line
// ("Address:", "Adresse"), dropped from the address.
enum class LabelKind { none, work, mobile, fax, other, not_phone, postal, address, email, web, social };

struct Label {
  std::string_view word;  // lower case, without the trailing '.' or ':'
  LabelKind kind;
};

// Every label, in no particular order.
[[nodiscard]] std::span<const Label> labels();

// The kind of a label word ("Tel." -> work, "e-mail:" -> email), or none.
// Case and a trailing '.', ':' or '-' are ignored.
[[nodiscard]] LabelKind label_kind(std::string_view word);

// Words naming which of a firm's offices an address is ("Head", "Branch",
// "Office", "HQ", "Siège"), printed before the address and no part of it.
[[nodiscard]] std::span<const std::string_view> office_words();
[[nodiscard]] bool is_office_word(std::string_view word);

// True for the label of a phone number (work, mobile, fax or other).
[[nodiscard]] constexpr bool is_phone_label(LabelKind k) {
  return k == LabelKind::work || k == LabelKind::mobile || k == LabelKind::fax || k == LabelKind::other;
}

// True for a word that marks the number after it as no phone (not_phone or postal).
[[nodiscard]] constexpr bool is_not_phone_label(LabelKind k) {
  return k == LabelKind::not_phone || k == LabelKind::postal;
}

}  // namespace cardscan::parse::lexicon
