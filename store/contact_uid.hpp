#pragma once
// Stable identities for exported contacts.

#include <string>

namespace cardscan::store {

// A fresh random (version 4) UUID as a URN: "urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".
// Stored with the contact once, so every export gives it the same UID.
[[nodiscard]] std::string new_contact_uid();

// A fresh UID for a follow-up's VTODO: "<uuid>@cardscan" (RFC 5545 style).
[[nodiscard]] std::string new_followup_uid();

}  // namespace cardscan::store
