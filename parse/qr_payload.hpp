#pragma once
// Contact data printed as a QR code: vCard 2.1/3.0/4.0 and MECARD payloads.

#include <optional>
#include <string_view>

#include "parse/contact.hpp"

namespace cardscan::parse {

// Parses a QR payload; nullopt when it is neither a vCard nor a MECARD
// (e.g. a bare URL, which the caller may treat as a website).
[[nodiscard]] std::optional<Contact> parse_qr_payload(std::string_view payload);

// One-line address in the order cards of its country print it.
[[nodiscard]] std::string format_address(const PostalAddress& address, bool with_country);

// Merges exact QR data into an OCR contact: every field the QR carries wins
// (confidence 1.0), OCR values the QR lacks are kept. `printed_text` is the
// card's OCR text: the QR's address is written the way cards of its country
// print it, with the country only if the card prints it too.
[[nodiscard]] Contact merge_qr(Contact ocr, const Contact& qr, std::string_view printed_text = {});

}  // namespace cardscan::parse
