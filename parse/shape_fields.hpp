#pragma once
// Phase 3 of extract: the fields with a recognisable shape (emails, phones,
// websites, social handles), line by line, and what each line has left for
// the role finders once they are taken out.

#include <string>
#include <utility>
#include <vector>

#include "parse/card_context.hpp"
#include "parse/contact.hpp"

namespace cardscan::parse {

// What later phases need to know about how the shape fields were read.
struct ShapeEvidence {
  std::vector<EmailHit> email_hits;                      // every email as found, with its line's OCR confidence
  std::vector<std::pair<std::string, double>> web_hits;  // url and OCR confidence of its line
  double website_ocr_confidence = 0.9;                   // of the line the first website came from
};

// Fills the contact's emails, phones, websites and social handles, and each
// line's `contact`, `rest` and `address` evidence.
[[nodiscard]] ShapeEvidence read_shape_fields(std::vector<CardLine>& lines, const CardContext& context,
                                              Contact& contact);

}  // namespace cardscan::parse
