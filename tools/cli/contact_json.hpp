#pragma once
// The machine-readable output contract of DESIGN.md (JSON Lines).

#include <nlohmann/json.hpp>

#include "parse/contact.hpp"
#include "tools/pipeline/pipeline.hpp"

namespace cardscan::cli {

// Confidences as every JSON output prints them: three decimals (0.885).
[[nodiscard]] double round_confidence(double value);

// One contact in the contract's shape; absent fields are null; a website
// spelt twice (with and without https://www.) is listed once.
[[nodiscard]] nlohmann::json contact_to_json(const parse::Contact& contact);

// One line of `scan --json`: {"file", "contacts", "error"}; with
// `with_ocr_text` each contact also carries the OCR text it was read from.
[[nodiscard]] nlohmann::json file_to_json(const pipeline::FileOutput& file, bool with_ocr_text = false);

}  // namespace cardscan::cli
