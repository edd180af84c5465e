#pragma once
// Phase 2 of extract: what the whole card says, gathered once before any
// field is read: the regions its numbers most likely belong to, the domains
// it prints (their stems name the company) and its text joined.

#include <string>
#include <vector>

#include "parse/address_finder.hpp"
#include "parse/card_lines.hpp"
#include "parse/field_finders.hpp"

namespace cardscan::parse {

struct CardContext {
  std::string joined;                // every line's raw text, each ending in '\n'
  PhoneContext phones;               // --region plus the regions the card points to, most likely first
  std::vector<std::string> domains;  // email domains, then website hosts, lower case, as found
  std::vector<std::string> stems;    // registrable names of `domains` ("acme" for mail.acme.co.uk)

  // What the finders read on each line (lines[i]), kept for
  // read_shape_fields, which reads the same lines again (std::regex and
  // the postcode shapes are parse's slowest parts).
  struct LineReading {
    std::string raw, text;          // the line's texts they were read from
    std::vector<EmailHit> emails;   // find_emails(raw)
    AddressEvidence address;        // address_evidence(text)
  };
  std::vector<LineReading> lines;
};

// Regions from ccTLDs, address lines, legal forms, printed country codes and
// the plan national numbers fit; domains and their stems.
[[nodiscard]] CardContext build_card_context(const std::vector<CardLine>& lines, const std::string& default_region);

// The values of `v` in first-seen order without repeats.
[[nodiscard]] std::vector<std::string> unique(std::vector<std::string> v);

}  // namespace cardscan::parse
