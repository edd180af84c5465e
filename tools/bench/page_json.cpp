#include "tools/bench/page_json.hpp"

#include "ocr/layout.hpp"

#include <fstream>

namespace cardscan::bench {

nlohmann::json page_to_json(const ocr::Page& page) {
  nlohmann::json j = {{"width", page.width}, {"height", page.height}, {"lines", nlohmann::json::array()}};
  for (const auto& line : page.lines) {
    nlohmann::json words = nlohmann::json::array();
    for (const auto& w : line.words) {
      words.push_back(
          {{"text", w.text}, {"box", {w.box.x, w.box.y, w.box.width, w.box.height}}, {"conf", w.confidence}});
    }
    j["lines"].push_back({{"block", line.block}, {"words", words}});
  }
  return j;
}

ocr::Page page_from_json(const nlohmann::json& j) {
  ocr::Page page;
  page.width = j.value("width", 0);
  page.height = j.value("height", 0);
  for (const auto& lj : j.at("lines")) {
    ocr::Line line;
    line.block = lj.value("block", 0);
    for (const auto& wj : lj.at("words")) {
      const auto& box = wj.at("box");
      line.words.push_back({wj.at("text").get<std::string>(),
                            {box[0].get<int>(), box[1].get<int>(), box[2].get<int>(), box[3].get<int>()},
                            wj.value("conf", 0.0f)});
    }
    if (line.words.empty()) continue;
    ocr::summarise_line(line);
    page.lines.push_back(std::move(line));
  }
  return page;
}

std::expected<void, std::string> save_cards(const std::filesystem::path& file, const std::vector<SavedCard>& cards) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& c : cards) {
    j.push_back({{"page", page_to_json(c.page)},
                 {"qr_payloads", c.qr_payloads},
                 {"quad", c.geometry.quad},
                 {"rotation", c.geometry.rotation},
                 {"whole_image", c.geometry.whole_image}});
  }
  std::ofstream out(file);
  out << j.dump();
  if (!out) return std::unexpected("cannot write pages to " + file.string());
  return {};
}

std::expected<std::vector<SavedCard>, std::string> load_cards(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::unexpected("cannot open " + file.string());
  std::vector<SavedCard> cards;
  try {
    nlohmann::json j;
    in >> j;
    for (const auto& cj : j) {
      SavedCard c;
      c.page = page_from_json(cj.at("page"));
      c.qr_payloads = cj.value("qr_payloads", std::vector<std::string>{});
      c.geometry.quad = cj.at("quad").get<std::array<float, 8>>();
      c.geometry.rotation = cj.value("rotation", 0);
      c.geometry.whole_image = cj.value("whole_image", false);
      c.geometry.qr = !c.qr_payloads.empty();
      cards.push_back(std::move(c));
    }
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(file.string() + ": " + e.what());
  }
  return cards;
}

}  // namespace cardscan::bench
