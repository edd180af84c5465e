#pragma once
// Which OCR line a stored field was read from, found again after the fact:
// the store keeps each card's OCR text, not the parse's bookkeeping, so the
// review page matches each value against the card's lines. Good enough to
// show a person "this is what the card said" beside the value.

#include <string>
#include <string_view>
#include <vector>

namespace cardscan::serve {

// The lines of `ocr_text` (every card of the contact, joined) a field value
// most likely came from: the best-matching line for the value, or for each
// ", "-separated part of an address; empty when nothing matches well.
// Phones compare digits only.
[[nodiscard]] std::vector<std::string> source_lines(std::string_view value, const std::vector<std::string>& lines,
                                                    bool digits_only = false);

// Non-blank lines of an OCR text, trimmed.
[[nodiscard]] std::vector<std::string> ocr_lines(std::string_view ocr_text);

}  // namespace cardscan::serve
