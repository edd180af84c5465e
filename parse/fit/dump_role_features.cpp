// Dumps the role candidates of saved pages (bench --save-pages) with their
// features, one JSON object per card, for parse/fit/fit_roles.py to label
// against the truth and fit the role weights on. Not part of cardscan.
//
// usage: dump_role_features PAGES_DIR [REGION] > features.jsonl

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "parse/address_block.hpp"
#include "parse/card_context.hpp"
#include "parse/card_lines.hpp"
#include "parse/roles.hpp"
#include "parse/shape_fields.hpp"
#include "tools/bench/page_json.hpp"

namespace fs = std::filesystem;
using namespace cardscan;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: dump_role_features PAGES_DIR [REGION]\n";
    return 2;
  }
  const std::string region = argc > 2 ? argv[2] : "US";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(argv[1])) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  nlohmann::json names = nlohmann::json::array();
  for (auto n : parse::kRoleFeatureNames) names.push_back(std::string(n));
  std::cout << nlohmann::json{{"features", names}}.dump() << "\n";
  for (const auto& file : files) {
    const auto cards = bench::load_cards(file);
    if (!cards) {
      std::cerr << file << ": " << cards.error() << "\n";
      continue;
    }
    for (std::size_t k = 0; k < cards->size(); ++k) {
      const ocr::Page& page = (*cards)[k].page;
      parse::Contact contact;
      const ocr::Page columns = parse::lay_out_lines(page);
      auto lines = parse::read_card_lines(columns);
      const auto context = parse::build_card_context(lines, region);
      (void)parse::read_shape_fields(lines, context, contact);
      (void)parse::read_address_block(lines, contact);
      nlohmann::json cands = nlohmann::json::array();
      for (const auto& c : parse::role_candidates(lines, context, contact)) {
        cands.push_back({{"line", c.line}, {"text", c.text}, {"x", c.features}});
      }
      std::cout << nlohmann::json{{"file", file.stem().string()},
                                  {"card", k},
                                  {"emails", contact.emails},
                                  {"address", contact.address},
                                  {"candidates", cands}}
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n";
    }
  }
  return 0;
}
