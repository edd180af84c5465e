#pragma once
// Lexicon: countries as cards print them, one row per country: the ISO
// region, the names (English and the country's own, as printed on a
// country line or after the city: "Tokyo 100-6921, Japan", "Madrid, Spain")
// and the shape of its postcode where that shape alone is distinctive
// enough to mark a city line ("690-0826" in Japan, "01137-000" in Brazil),
// which of city and postcode comes first on the city line, and the OCR
// model that reads its script best.
// The address finder and split_address read it; adding a country is a row.

#include <optional>
#include <span>
#include <string_view>

namespace cardscan::parse::lexicon {

struct Country {
  std::string_view region;    // ISO 3166-1 alpha-2, as libphonenumber names regions
  std::string_view names;     // lower case, '|' between the names
  std::string_view postcode;  // ECMAScript regex of a postcode with its own shape, or "" (the generic 4-5 digits)
  bool city_first = false;    // the postcode follows the city ("Mumbai 400001"), not the reverse ("10115 Berlin")
  // Tesseract's model for the country's own script where the general Latin
  // one misreads it (installed by tools/install-deps.sh), or "".
  std::string_view ocr_model = {};
  // Where cards often print no postcode: the main cities, lower case, '|'
  // between them, as a line ends with them ("Hai Ba Trung, Ha Noi",
  // "Al Quoz, Dubai"); "" where the postcode marks the city line.
  std::string_view cities = {};
};

// Every row.
[[nodiscard]] std::span<const Country> countries();

// The row of an ISO region ("VN"), if the table has one.
[[nodiscard]] std::optional<Country> country_of_region(std::string_view region);

// The country a whole line names ("Japan", "the Netherlands", "U.A.E."),
// case, a leading "the" and trailing punctuation ignored.
[[nodiscard]] std::optional<Country> country_named(std::string_view line);

// The country whose main city a line ends with, after something else:
// "Hai Ba Trung, Ha Noi", "Tan Phu, TP.HCM". Never the whole line.
[[nodiscard]] std::optional<Country> country_of_city_at_end(std::string_view line);

// The country a line ends with after a city: "Madrid, Spain", "Beirut -
// Lebanon", "Shimane, 690-0826 Japan". Never the whole line.
[[nodiscard]] std::optional<Country> country_at_end(std::string_view line);

}  // namespace cardscan::parse::lexicon
