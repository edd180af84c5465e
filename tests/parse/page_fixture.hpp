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

  // More words on the last line, starting `gap` pixels after its box (which
  // ends a word space after its last word), set at (y, h) like line():
  // one OCR line holding what two columns, or two type sizes, print at one
  // height.
  PageBuilder& words_after(const std::string& text, int gap, int y, int h) {
    ocr::Line joined = page.lines.back();
    page.lines.pop_back();
    line(text, joined.box.right() + gap, y, h, joined.block);
    const ocr::Line more = page.lines.back();
    page.lines.pop_back();
    for (const auto& w : more.words) joined.words.push_back(w);
    joined.text += " " + more.text;
    joined.box.width = more.box.right() - joined.box.x;
    page.lines.push_back(joined);
    return *this;
  }
};

}  // namespace cardscan::test
