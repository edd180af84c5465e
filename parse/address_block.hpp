#pragma once
// Phase 4 of extract: the postal address, assembled from the run of adjacent
// lines of one block that read as street, locality and country lines.

#include <vector>

#include "parse/card_lines.hpp"
#include "parse/contact.hpp"

namespace cardscan::parse {

struct AddressBlockEvidence {
  double score = 0;           // street + locality evidence summed over the block's lines; 0 when none
  double ocr_confidence = 0;  // mean OCR confidence of the block's lines, 0..1
};

// Sets the contact's address and its parts, and marks the block's lines
// `in_address` so the role finders pass them over.
[[nodiscard]] AddressBlockEvidence read_address_block(std::vector<CardLine>& lines, Contact& contact);

}  // namespace cardscan::parse
