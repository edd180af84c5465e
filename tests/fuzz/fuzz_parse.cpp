// libFuzzer: an OCR page (text and geometry) made from the input -> parse::extract.
//
// Input: card text, lines separated by '\n' and words by ' '; optionally a
// NUL byte, then 4 geometry bytes per line (x, gap above, text height,
// confidence). Plain card text is a valid input, so a corpus of card texts
// seeds it; without geometry bytes lines are stacked as on a simple card.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/extract.hpp"

using namespace cardscan;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // The lexicon, role weights, libphonenumber and the suffix list load on
  // first use; one warm-up call here keeps that out of every run.
  ocr::Page page;
  page.width = 1000;
  page.height = 600;
  int y = 10;
  for (const char* text : {"Jane Q. Doe", "VP Sales", "Acme Corp", "+1 (415) 555-0123", "jane@acme.example",
                           "acme.example", "1 Main St, Springfield, IL 62701"}) {
    ocr::Line line;
    line.text = text;
    line.box = {10, y, 600, 30};
    line.text_height = 24;
    line.confidence = 90;
    page.lines.push_back(line);
    y += 40;
  }
  (void)parse::extract(page, {}, {"BEGIN:VCARD\nFN:Jane Doe\nEND:VCARD"});
  return 0;
}

// The longest page text of the 529 cards saved in pages17 is 542 bytes
// (55 lines at most, 177 bytes a line): a page of twice that is still a
// card, while longer ones only slow each run down (parse's regexes grow
// faster than the line). tools/fuzz.sh passes the same -max_len.
constexpr std::size_t kMaxInput = 1024;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), std::min(size, kMaxInput));
  std::string_view text = input, geometry;
  if (const auto nul = input.find('\0'); nul != std::string_view::npos) {
    text = input.substr(0, nul);
    geometry = input.substr(nul + 1);
  }
  auto geo = [&](std::size_t line, std::size_t k, int fallback) {
    const std::size_t at = line * 4 + k;
    return at < geometry.size() ? static_cast<int>(static_cast<unsigned char>(geometry[at])) : fallback;
  };

  ocr::Page page;
  page.width = 1000;
  page.height = 600;
  int y = 20;
  std::size_t index = 0;
  for (std::size_t pos = 0; pos <= text.size() && page.lines.size() < 64;) {
    auto eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view row = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (row.empty()) continue;
    const int x = 4 * geo(index, 0, 10);
    y += geo(index, 1, 12);
    const int height = 8 + geo(index, 2, 20) / 4;
    const float confidence = static_cast<float>(geo(index, 3, 230)) * 100.0f / 255.0f;
    ocr::Line line;
    line.text = std::string(row);
    line.text_height = static_cast<float>(height);
    line.confidence = confidence;
    line.block = static_cast<int>(index / 3);
    int wx = x;
    for (std::size_t w = 0; w <= row.size();) {
      auto space = row.find(' ', w);
      if (space == std::string_view::npos) space = row.size();
      if (space > w) {
        ocr::Word word;
        word.text = std::string(row.substr(w, space - w));
        const int width = static_cast<int>(word.text.size()) * height * 6 / 10;
        word.box = {wx, y, width, height};
        word.confidence = confidence;
        line.words.push_back(word);
        wx += width + height / 2;
      }
      w = space + 1;
    }
    line.box = {x, y, wx - x, height};
    page.lines.push_back(std::move(line));
    y += height + 6;
    ++index;
  }
  const parse::Contact contact = parse::extract(page);
  // Properties every contact keeps, whatever the page: confidences in [0,1].
  for (const auto& [field, member] : parse::kConfidenceFields) {
    const auto& value = contact.confidence.*member;
    if (value && !(*value >= 0.0 && *value <= 1.0)) __builtin_trap();
  }
  for (const auto& phone : contact.phones) {
    if (!(phone.confidence >= 0.0 && phone.confidence <= 1.0)) __builtin_trap();
  }
  return 0;
}
