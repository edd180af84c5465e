#pragma once
// OCR pages as JSON: `bench --save-pages` keeps what capture and OCR produced
// so parse can be re-measured alone (`bench --load-pages`), and parse tests
// can use real layouts as text-plus-geometry fixtures.

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ocr/page.hpp"
#include "tools/pipeline/pipeline.hpp"

namespace cardscan::bench {

[[nodiscard]] nlohmann::json page_to_json(const ocr::Page& page);
[[nodiscard]] ocr::Page page_from_json(const nlohmann::json& j);

// What the parse stage needs of one card, saved after capture and OCR.
struct SavedCard {
  ocr::Page page;
  std::vector<std::string> qr_payloads;
  pipeline::CardReading geometry;  // quad, rotation, whole_image, qr (contact left empty)
};

// Writes/reads the cards of one image file; the error names the file.
[[nodiscard]] std::expected<void, std::string> save_cards(const std::filesystem::path& file,
                                                          const std::vector<SavedCard>& cards);
[[nodiscard]] std::expected<std::vector<SavedCard>, std::string> load_cards(const std::filesystem::path& file);

}  // namespace cardscan::bench
