#pragma once
// Rebuilding lines and blocks from word boxes. Tesseract's sparse-text mode
// returns fragments (a label here, half a phone number there) and its other
// modes glue neighbouring columns together; cards need rows of words that
// sit together and blocks of lines that belong together. Pure geometry on
// plain types, so it is testable without images.

#include <vector>

#include "ocr/page.hpp"

namespace cardscan::ocr {

struct LayoutOptions {
  double max_word_gap = 2.5;     // words further apart than this many text heights start a new line segment
  double max_line_gap = 1.2;     // lines further apart vertically than this many heights start a new block
  double min_row_overlap = 0.5;  // vertical overlap, as a fraction of the smaller word, to share a row
};

// Fills a line's text, box, mean confidence and text height from its words
// (left to right).
void summarise_line(Line& line);

// Groups words into lines (left to right) and lines into blocks (blocks in
// reading order, lines within a block top to bottom). Lines get text, box,
// mean confidence, text height and block index.
[[nodiscard]] std::vector<Line> assemble_lines(std::vector<Word> words, const LayoutOptions& options = {});

}  // namespace cardscan::ocr
