#include "parse/extract.hpp"

#include <exception>
#include <set>

#include "parse/address_block.hpp"
#include "parse/card_context.hpp"
#include "parse/card_lines.hpp"
#include "parse/confidences.hpp"
#include "parse/lexicon/countries.hpp"
#include "parse/qr_payload.hpp"
#include "parse/repairs.hpp"
#include "parse/roles.hpp"
#include "parse/shape_fields.hpp"

namespace cardscan::parse {
namespace {

Contact read_printed(const ocr::Page& page, const ParseOptions& options, const std::vector<std::string>& qr_payloads) {
  Contact contact;
  const ocr::Page columns = lay_out_lines(page);
  std::vector<CardLine> lines = read_card_lines(columns);
  const CardContext context = build_card_context(lines, options.region);
  const ShapeEvidence shape = read_shape_fields(lines, context, contact);
  const AddressBlockEvidence address = read_address_block(lines, contact);
  const RoleEvidence roles = read_roles(lines, context, contact);
  const std::set<std::string> repaired = repair_from_card(contact, shape);
  set_confidences(contact, {shape, address, roles, repaired});
  for (const auto& payload : qr_payloads) {
    if (auto qr = parse_qr_payload(payload)) contact = merge_qr(std::move(contact), *qr, context.joined);
  }
  return contact;
}

}  // namespace

Contact extract(const ocr::Page& page, const ParseOptions& options,
                const std::vector<std::string>& qr_payloads) noexcept {
  // A card parse cannot make sense of (or a library that throws on odd
  // input, as ICU and libphonenumber's wrappers may on allocation) gives an
  // empty contact, never an exception through the batch.
  try {
    return read_printed(page, options, qr_payloads);
  } catch (const std::exception&) {
    return {};
  }
}

std::string national_ocr_model(const ocr::Page& page, const ParseOptions& options) noexcept {
  try {
    const std::vector<CardLine> lines = read_card_lines(lay_out_lines(page));
    const CardContext context = build_card_context(lines, options.region);
    if (context.phones.regions.empty()) return {};
    const auto country = lexicon::country_of_region(context.phones.regions.front());
    return country ? std::string(country->ocr_model) : std::string();
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace cardscan::parse
