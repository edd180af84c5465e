#pragma once
// Plain OCR result types: what the ocr stage hands to parse. No Tesseract or
// OpenCV types here, so parse can be built and tested on text fixtures alone.

#include <string>
#include <vector>

namespace cardscan::ocr {

struct Box {
  int x = 0, y = 0, width = 0, height = 0;
  [[nodiscard]] int right() const { return x + width; }
  [[nodiscard]] int bottom() const { return y + height; }
};

struct Word {
  std::string text;  // UTF-8
  Box box;
  float confidence = 0;  // 0..100, as Tesseract reports
};

struct Line {
  std::string text;  // words joined by single spaces, UTF-8
  Box box;
  float confidence = 0;   // mean word confidence, 0..100
  float text_height = 0;  // typical height of the line's capitals/ascenders, in pixels
  int block = 0;          // index of the layout block the line belongs to
  std::vector<Word> words;
};

struct Page {
  int width = 0, height = 0;  // of the card image that was read
  std::vector<Line> lines;    // in reading order

  // All lines joined with '\n'.
  [[nodiscard]] std::string text() const {
    std::string out;
    for (const auto& line : lines) {
      if (!out.empty()) out += '\n';
      out += line.text;
    }
    return out;
  }
};

}  // namespace cardscan::ocr
