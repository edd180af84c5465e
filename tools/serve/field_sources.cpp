#include "tools/serve/field_sources.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace cardscan::serve {

namespace {

// A line is shown as a value's source from this similarity up: below it the
// "source" would mislead more than it helps (tuned by eye on the samples).
constexpr double kMinSimilarity = 0.55;

// Lower-case letters and digits (UTF-8 bytes above ASCII kept as they are).
std::string fold(std::string_view text, bool digits_only) {
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isdigit(c) || (!digits_only && (std::isalpha(c) || c >= 0x80))) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// Dice coefficient over character bigrams: robust to the odd misread letter.
double similarity(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return 0;
  if (b.find(a) != std::string::npos) return 1.0 - 0.2 * (1.0 - double(a.size()) / double(b.size()));
  if (a.size() < 2 || b.size() < 2) return 0;
  std::multiset<std::string> grams;
  for (std::size_t i = 0; i + 1 < a.size(); ++i) grams.insert(a.substr(i, 2));
  int shared = 0;
  for (std::size_t i = 0; i + 1 < b.size(); ++i) {
    auto it = grams.find(b.substr(i, 2));
    if (it != grams.end()) {
      ++shared;
      grams.erase(it);
    }
  }
  return 2.0 * shared / double(a.size() - 1 + b.size() - 1);
}

}  // namespace

std::vector<std::string> ocr_lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    while (!line.empty() && static_cast<unsigned char>(line.front()) <= ' ') line.remove_prefix(1);
    while (!line.empty() && static_cast<unsigned char>(line.back()) <= ' ') line.remove_suffix(1);
    if (!line.empty()) out.emplace_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<std::string> source_lines(std::string_view value, const std::vector<std::string>& lines, bool digits_only) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start < value.size()) {
    std::size_t comma = value.find(", ", start);
    parts.push_back(value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 2;
  }
  std::vector<std::string> out;
  for (auto part : parts) {
    std::string want = fold(part, digits_only);
    if (want.empty()) continue;
    double best = kMinSimilarity;
    const std::string* found = nullptr;
    for (const auto& line : lines) {
      double score = similarity(want, fold(line, digits_only));
      if (score > best) {
        best = score;
        found = &line;
      }
    }
    if (found && std::find(out.begin(), out.end(), *found) == out.end()) out.push_back(*found);
  }
  return out;
}

}  // namespace cardscan::serve
