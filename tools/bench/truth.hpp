#pragma once
// Ground-truth files (../shared/cards/*/truth.json, samples/truth.json) and
// the scoring of pipeline output against them.

#include <array>
#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parse/contact.hpp"

namespace cardscan::tools {

struct TruthPhone {
  std::optional<parse::PhoneType> type;  // none when the truth names no type: no reading matches it
  std::string text, e164;
};

struct TruthCard {
  std::string name, given, family, title, company, website, address;
  std::vector<std::string> emails;
  std::vector<TruthPhone> phones;
  bool qr = false;
  std::array<std::array<double, 2>, 4> quad{};  // TL, TR, BR, BL of the card as read, displayed pixels
};

struct TruthImage {
  std::string file, kind;
  int exif_orientation = 0;
  std::vector<TruthCard> cards;
};

// Reads a truth.json; the error names what is wrong with it.
[[nodiscard]] std::expected<std::vector<TruthImage>, std::string> load_truth(const std::filesystem::path& path);

// Normalisations the scores use.
[[nodiscard]] std::string norm_text(const std::string& s);     // case and punctuation ignored
[[nodiscard]] std::string norm_website(const std::string& s);  // scheme, www. and trailing slash dropped

}  // namespace cardscan::tools
