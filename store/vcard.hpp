#pragma once
// vCard export. (Interface agreed with tools/; the store owner may extend it.)

#include <string>
#include <vector>

#include "store/store.hpp"

namespace cardscan::store {

struct VCardOptions {
  int version = 3;  // 3 (RFC 2426) or 4 (RFC 6350)
};

// One vCard per contact, concatenated; CRLF line ends, folded at 75 octets.
[[nodiscard]] std::string to_vcards(const std::vector<StoredContact>& contacts, const VCardOptions& options = {});

}  // namespace cardscan::store
