#pragma once
// Recognising postal address lines and the region they imply.

#include <string>
#include <string_view>

#include "parse/contact.hpp"

namespace cardscan::parse {

struct AddressEvidence {
  double street = 0;     // 0..1: looks like a street line (number + street word, PO box, suite/floor)
  double locality = 0;   // 0..1: looks like a city line with a postcode
  bool country = false;  // the line is a country name
  std::string region;    // ISO region the line implies ("US" for "CA 94105"), or ""
};

// Evidence that one printed line is part of a postal address.
[[nodiscard]] AddressEvidence address_evidence(std::string_view line);

// Restores the space OCR lost between a unit word and its number:
// "Unit9" -> "Unit 9", "No.33" -> "No. 33".
[[nodiscard]] std::string space_unit_numbers(std::string_view line);

// "2510 Harbor Bivd" -> "2510 Harbor Blvd": on a line with a number, a
// word no list knows that is a street word once its i are l (OCR reads a
// thin l as i). Other lines as they are.
[[nodiscard]] std::string repair_street_word_l(std::string_view line);

// A line as the address reads it: digit look-alikes inside numbers repaired
// ("Cep Oll37-000" -> "Cep 01137-000"), street words OCR read with i for l
// put right and unit numbers spaced.
[[nodiscard]] std::string address_line_text(std::string_view line);

// A British postcode OCR misread in a letter-for-digit way the format
// rules out, put right: "NEI 5DL" and "NE1 50L" are NE1 5DL (an outward
// code's digit read as I, l or O; an inward code never holds O, so its 0
// is a D). Other text is returned as it is.
[[nodiscard]] std::string repair_uk_postcode(std::string_view line);

// A city line up to its US ZIP when words that are no country follow the
// ZIP: another field OCR read on the same line ("San Francisco, CA 94105
// Oakridge Robotics" -> "San Francisco, CA 94105"). Other lines unchanged.
[[nodiscard]] std::string without_text_after_zip(std::string_view line);

// Structured parts of a one-line address where they are clear.
[[nodiscard]] PostalAddress split_address(const std::vector<std::string>& lines);

}  // namespace cardscan::parse
