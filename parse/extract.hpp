#pragma once
// parse: the one entry point that turns an OCR page (text plus geometry) and
// any QR payloads of the same card into a Contact.

#include <string>
#include <vector>

#include "ocr/page.hpp"
#include "parse/contact.hpp"

namespace cardscan::parse {

struct ParseOptions {
  std::string region = "US";  // region for phone numbers printed without a country code
};

// Reads every field off one card. QR payloads (vCard/MECARD text decoded by
// capture) are exact and win over OCR for the fields they carry. Never
// throws: a page it cannot read gives an empty contact.
//
// The phases, a file each: card_lines -> card_context -> shape_fields ->
// address_block -> roles -> repairs -> confidences, then the QR merge.
[[nodiscard]] Contact extract(const ocr::Page& page, const ParseOptions& options = {},
                              const std::vector<std::string>& qr_payloads = {}) noexcept;

// The OCR model that reads this card's script better than the general one
// (lexicon::Country::ocr_model: "vie" for a card whose evidence, the first
// region its TLDs, address, legal form or country codes point to, is
// Vietnam), or "" when the general reading stands. Never throws.
[[nodiscard]] std::string national_ocr_model(const ocr::Page& page, const ParseOptions& options = {}) noexcept;

}  // namespace cardscan::parse
