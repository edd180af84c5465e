#include "parse/confidences.hpp"

#include <algorithm>

#include "parse/field_finders.hpp"

namespace cardscan::parse {
namespace {

double clamp01(double v) { return std::max(0.0, std::min(1.0, v)); }

void set_raw_confidences(Contact& contact, const FieldEvidence& evidence);

// A role's probability from the fitted model (which weighs OCR doubt as a
// feature already).
double role_confidence(double probability, double /*ocr*/) { return clamp01(probability); }

// The most a field's confidence may say, measured on the train cards: where
// even its best-scored values were right less than 97% of the time (bench
// calibration, fields given >= 0.9: name 0.95, title 0.86, company 0.94,
// address 0.78), its confidences are scaled under 0.9 so that "0.9 and
// over" keeps meaning "all but certainly right"; the order within a field,
// which the review page's "doubtful first" uses, is kept.
struct FieldCeilings {
  double name = 0.89, title = 0.85, company = 0.88, address = 0.8;
};

}  // namespace

void set_confidences(Contact& contact, const FieldEvidence& evidence) {
  set_raw_confidences(contact, evidence);
  const FieldCeilings ceiling;
  FieldConfidences& c = contact.confidence;
  if (c.name) *c.name *= ceiling.name;
  if (c.title) *c.title *= ceiling.title;
  if (c.company) *c.company *= ceiling.company;
  if (c.address) *c.address *= ceiling.address;
}

namespace {

void set_raw_confidences(Contact& contact, const FieldEvidence& evidence) {
  const RoleEvidence& roles = evidence.roles;
  if (!contact.name.empty()) contact.confidence.name = role_confidence(roles.name, roles.name_ocr);
  if (!contact.company.empty()) contact.confidence.company = role_confidence(roles.company, roles.company_ocr);
  if (!contact.title.empty()) contact.confidence.title = role_confidence(roles.title, roles.title_ocr);
  if (!contact.department.empty()) contact.confidence.department = roles.department;
  if (!contact.address.empty()) {
    // Street and postcode evidence together make an address; OCR doubt discounts it.
    const double found = clamp01(0.3 + 0.35 * std::min(evidence.address.score, 2.0));
    contact.confidence.address = clamp01(found * (0.5 + 0.5 * evidence.address.ocr_confidence));
  }

  if (!contact.phones.empty()) {
    double sum = 0;
    for (const auto& p : contact.phones) sum += p.confidence;
    contact.confidence.phones = sum / static_cast<double>(contact.phones.size());
  }
  // Emails and websites vouch for each other when their domains agree; a
  // repaired address or doubtful OCR lowers the confidence. The field's
  // confidence is that of its weakest value.
  const auto& email_hits = evidence.shape.email_hits;
  std::vector<std::string> hosts;
  for (const auto& w : contact.websites) hosts.push_back(url_host(w));
  if (!contact.emails.empty()) {
    double weakest = 1.0;
    for (const auto& e : contact.emails) {
      const auto hit =
          std::find_if(email_hits.begin(), email_hits.end(), [&](const EmailHit& h) { return h.address == e; });
      const double ocr = hit != email_hits.end() ? hit->ocr_confidence : 0.9;
      const std::string domain = e.substr(e.find('@') + 1);
      const bool vouched = std::find(hosts.begin(), hosts.end(), domain) != hosts.end() ||
                           std::count_if(contact.emails.begin(), contact.emails.end(), [&](const std::string& o) {
                             return o != e && o.substr(o.find('@') + 1) == domain;
                           }) > 0;
      const bool names_match = email_name_match(contact.name, {e}) > 0.5;
      double c = 0.5 + 0.35 * ocr + (vouched ? 0.1 : 0) + (names_match ? 0.05 : 0);
      if ((hit != email_hits.end() && hit->repaired) || evidence.repaired_emails.count(e)) c -= 0.2;
      weakest = std::min(weakest, clamp01(c));
    }
    contact.confidence.emails = weakest;
  }
  if (!contact.websites.empty()) {
    const std::string host = hosts.front();
    const bool vouched = std::any_of(contact.emails.begin(), contact.emails.end(),
                                     [&](const std::string& e) { return e.substr(e.find('@') + 1) == host; });
    contact.confidence.website = clamp01(0.5 + 0.35 * evidence.shape.website_ocr_confidence + (vouched ? 0.12 : 0));
  }
}

}  // namespace

}  // namespace cardscan::parse
