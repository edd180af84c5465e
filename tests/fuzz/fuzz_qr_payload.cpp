// libFuzzer: QR payload text (vCard 2.1/3.0/4.0, MECARD) -> parse_qr_payload,
// then the merge into an OCR contact and the address formatting.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parse/qr_payload.hpp"

using namespace cardscan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  const auto qr = parse::parse_qr_payload(payload);
  if (!qr) return 0;
  parse::Contact ocr;
  ocr.name = "Jane Doe";
  ocr.emails.push_back("jane@acme.example");
  const parse::Contact merged = parse::merge_qr(ocr, *qr, payload);
  (void)parse::format_address(qr->address_parts, true);
  (void)parse::format_address(qr->address_parts, false);
  for (const auto& [field, member] : parse::kConfidenceFields) {
    const auto& value = merged.confidence.*member;
    if (value && !(*value >= 0.0 && *value <= 1.0)) __builtin_trap();
  }
  return 0;
}
