#pragma once
// Contacts as CSV for address books that import spreadsheets: the columns
// Google Contacts exports today, or Outlook's. RFC 4180 quoting, CRLF rows,
// UTF-8. Cells a spreadsheet would run as a formula are neutralised by
// default (OWASP "CSV injection").

#include <string>
#include <vector>

#include "store/store.hpp"

namespace cardscan::store {

enum class CsvFormat {
  google,   // "First Name, ... Labels, E-mail 1 - Label, E-mail 1 - Value, ..."; as many numbered columns as needed
  outlook,  // Outlook's fixed columns; values beyond its slots go to Notes; starts with a UTF-8 BOM, which Outlook
            // needs
};

struct CsvOptions {
  // Prefix "'" to cells starting with = + - @ tab or CR (but not to plain
  // phone numbers such as "+41 22 555 01 23"), so spreadsheets show them as text.
  bool neutralise_formulas = true;
};

// A header row and one row per contact (header only for an empty list).
[[nodiscard]] std::string to_csv(const std::vector<StoredContact>& contacts, CsvFormat format,
                                 const CsvOptions& options = {});

// The cell with "'" in front when it starts with = + - @ tab or CR and is
// not a plain phone number; otherwise unchanged.
[[nodiscard]] std::string neutralise_formula(const std::string& value);

// One CSV field, quoted when it holds a comma, quote, line break or edge space.
[[nodiscard]] std::string csv_field(const std::string& value);

}  // namespace cardscan::store
