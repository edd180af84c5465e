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
// capture) are exact and win over OCR for the fields they carry.
[[nodiscard]] Contact extract(const ocr::Page& page, const ParseOptions& options = {},
                              const std::vector<std::string>& qr_payloads = {});

}  // namespace cardscan::parse
