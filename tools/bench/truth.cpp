#include "tools/bench/truth.hpp"

#include <fstream>

#include "parse/text.hpp"

namespace cardscan::tools {
namespace {

std::string str(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return {};
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

}  // namespace

std::expected<std::vector<TruthImage>, std::string> load_truth(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return std::unexpected("cannot open " + path.string());
  nlohmann::json root;
  try {
    in >> root;
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(path.string() + " is not valid JSON: " + e.what());
  }
  if (!root.is_array()) return std::unexpected(path.string() + ": expected a list of images");
  std::vector<TruthImage> out;
  try {
    for (const auto& img : root) {
      TruthImage t;
      t.file = str(img, "file");
      t.kind = str(img, "kind");
      if (img.contains("exif_orientation") && img["exif_orientation"].is_number()) {
        t.exif_orientation = img["exif_orientation"].get<int>();
      }
      for (const auto& c : img.value("cards", nlohmann::json::array())) {
        TruthCard card;
        card.name = str(c, "name");
        card.given = str(c, "given");
        card.family = str(c, "family");
        card.title = str(c, "title");
        card.company = str(c, "company");
        card.website = str(c, "website");
        card.address = str(c, "address");
        card.qr = c.value("qr", false);
        for (const auto& e : c.value("emails", nlohmann::json::array()))
          card.emails.push_back(parse::to_lower(e.get<std::string>()));
        for (const auto& p : c.value("phones", nlohmann::json::array())) {
          card.phones.push_back({parse::parse_phone_type(str(p, "type")), str(p, "text"), str(p, "e164")});
        }
        if (c.contains("quad") && c["quad"].is_array() && c["quad"].size() == 4) {
          for (std::size_t i = 0; i < 4; ++i)
            card.quad[i] = {c["quad"][i][0].get<double>(), c["quad"][i][1].get<double>()};
        }
        t.cards.push_back(std::move(card));
      }
      if (t.file.empty()) return std::unexpected(path.string() + ": an image entry has no \"file\"");
      out.push_back(std::move(t));
    }
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(path.string() + ": unexpected shape: " + e.what());
  }
  return out;
}

std::string norm_text(const std::string& s) { return parse::normalise_for_compare(s); }

std::string norm_website(const std::string& s) {
  std::string w = parse::to_lower(parse::trim(s));
  for (const char* scheme : {"https://", "http://"}) {
    const std::string sc = scheme;
    if (w.rfind(sc, 0) == 0) w = w.substr(sc.size());
  }
  if (w.rfind("www.", 0) == 0) w = w.substr(4);
  while (!w.empty() && w.back() == '/') w.pop_back();
  return w;
}

}  // namespace cardscan::tools
