#include "tools/cli/contact_json.hpp"

#include <cmath>
#include <set>

#include "store/contact_keys.hpp"

namespace cardscan::cli {
namespace {

nlohmann::json or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

// Three decimals say all a confidence can tell; more is noise in the output.
constexpr double kConfidenceScale = 1000;

}  // namespace

double round_confidence(double value) { return std::round(value * kConfidenceScale) / kConfidenceScale; }

nlohmann::json contact_to_json(const parse::Contact& c) {
  nlohmann::json j;
  j["name"] = or_null(c.name);
  j["prefix"] = or_null(c.prefix);
  j["given"] = or_null(c.given);
  j["middle"] = or_null(c.middle);
  j["family"] = or_null(c.family);
  j["suffix"] = or_null(c.suffix);
  j["title"] = or_null(c.title);
  j["company"] = or_null(c.company);
  j["department"] = or_null(c.department);
  j["emails"] = c.emails;
  j["phones"] = nlohmann::json::array();
  for (const auto& p : c.phones) {
    nlohmann::json pj = {{"type", parse::to_string(p.type)},
                         {"e164", or_null(p.e164)},
                         {"text", p.text},
                         {"confidence", round_confidence(p.confidence)}};
    if (!p.extension.empty()) pj["extension"] = p.extension;
    j["phones"].push_back(pj);
  }
  // One site read twice (the QR code's https://www.x.io and the printed
  // www.x.io) is listed once, as it is stored: the first spelling stays.
  std::vector<std::string> websites;
  std::set<std::string> seen;
  for (const auto& w : c.websites)
    if (seen.insert(store::website_key(w)).second) websites.push_back(w);
  j["website"] = websites.empty() ? nlohmann::json(nullptr) : nlohmann::json(websites.front());
  j["websites"] = websites;
  j["address"] = or_null(c.address);
  const auto& a = c.address_parts;
  if (!a.street.empty() || !a.city.empty() || !a.postcode.empty() || !a.region.empty() || !a.country.empty()) {
    j["address_parts"] = {{"street", or_null(a.street)},
                          {"city", or_null(a.city)},
                          {"region", or_null(a.region)},
                          {"postcode", or_null(a.postcode)},
                          {"country", or_null(a.country)}};
  } else {
    j["address_parts"] = nullptr;
  }
  j["social"] = nlohmann::json::array();
  for (const auto& s : c.social) j["social"].push_back({{"service", s.service}, {"handle", s.handle}});
  j["confidence"] = nlohmann::json::object();
  for (const auto& [field, member] : parse::kConfidenceFields) {
    if (const auto& value = c.confidence.*member) j["confidence"][std::string(field)] = round_confidence(*value);
  }
  return j;
}

nlohmann::json file_to_json(const pipeline::FileOutput& file, bool with_ocr_text) {
  nlohmann::json j;
  j["file"] = file.path.string();
  j["contacts"] = nlohmann::json::array();
  for (const auto& card : file.cards) {
    j["contacts"].push_back(contact_to_json(card.contact));
    if (with_ocr_text) j["contacts"].back()["ocr_text"] = card.ocr_text;
  }
  j["error"] = file.error ? nlohmann::json(*file.error) : nlohmann::json(nullptr);
  j["notes"] = file.notes;
  return j;
}

}  // namespace cardscan::cli
