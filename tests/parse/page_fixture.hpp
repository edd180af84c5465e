#pragma once
// Builds OCR pages by hand: text with plausible word boxes, so parse can be
// tested on layouts without images.

#include <string>
#include <vector>

#include "ocr/page.hpp"
#include "parse/text.hpp"

namespace cardscan::test {

struct PageBuilder {
  ocr::Page page{1400, 800, {}};

  // One line of words starting at (x, y) with letter height h; each
  // character takes 0.55 h, words are 0.35 h apart.
  PageBuilder& line(const std::string& text, int x, int y, int h, int block = 0, float confidence = 95) {
    ocr::Line l;
    l.block = block;
    int cursor = x;
    for (const auto& word : parse::split_words(text)) {
      const int width = static_cast<int>(static_cast<double>(parse::utf8_length(word)) * 0.55 * h);
      l.words.push_back({word, {cursor, y, width, h}, confidence});
      cursor += width + static_cast<int>(0.35 * h);
    }
    l.text = text;
    l.box = {x, y, cursor - x, h};
    l.confidence = confidence;
    l.text_height = static_cast<float>(h);
    page.lines.push_back(l);
    return *this;
  }
};

}  // namespace cardscan::test
