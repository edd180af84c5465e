#pragma once
// Phase 7 of extract: one confidence in [0,1] per field, from the evidence
// each phase reported and the OCR confidence of the lines it read.

#include <set>
#include <string>

#include "parse/address_block.hpp"
#include "parse/contact.hpp"
#include "parse/roles.hpp"
#include "parse/shape_fields.hpp"

namespace cardscan::parse {

struct FieldEvidence {
  const ShapeEvidence& shape;
  const AddressBlockEvidence& address;
  const RoleEvidence& roles;
  const std::set<std::string>& repaired_emails;  // rewritten by the repairs phase
};

// Sets contact.confidence for every field the contact has.
void set_confidences(Contact& contact, const FieldEvidence& evidence);

}  // namespace cardscan::parse
