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

}  // namespace cardscan::parse
