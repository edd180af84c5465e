#pragma once
// Contacts as CSV for address books that import spreadsheets: Google
// Contacts' import columns, or Outlook's. RFC 4180 quoting, CRLF rows, UTF-8.

#include <string>
#include <vector>

#include "store/store.hpp"

namespace cardscan::store {

enum class CsvFormat {
  google,   // "Name, Given Name, ... E-mail 1 - Type, E-mail 1 - Value, ..."; as many numbered columns as needed
  outlook,  // Outlook's fixed columns; values beyond its slots go to Notes; starts with a UTF-8 BOM, which Outlook
            // needs
};

// A header row and one row per contact (header only for an empty list).
[[nodiscard]] std::string to_csv(const std::vector<StoredContact>& contacts, CsvFormat format);

// One CSV field, quoted when it holds a comma, quote, line break or edge space.
[[nodiscard]] std::string csv_field(const std::string& value);

}  // namespace cardscan::store
