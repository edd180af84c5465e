#pragma once
// Phase 6 of extract: repairs of shape fields from what the rest of the card
// proves, once the name is known: an email's lost dot or misread letter
// against the holder's name, an email domain against the website's host.

#include <set>
#include <string>

#include "parse/contact.hpp"
#include "parse/shape_fields.hpp"

namespace cardscan::parse {

// Rewrites the contact's emails and websites where the card's own evidence
// proves a misreading; returns the emails it rewrote.
[[nodiscard]] std::set<std::string> repair_from_card(Contact& contact, const ShapeEvidence& shape);

// Drops the websites that are an email of the card with its '@' misread
// ("guptaedovetailco.in" beside serena.gupta@dovetailco.in): a host with
// neither scheme nor "www" that ends in an email's domain glued to more.
void drop_sites_read_from_emails(Contact& contact);

}  // namespace cardscan::parse
