#pragma once
// Printed lines the card's OCR never returns: Tesseract thresholds the whole
// card once, at a level the darkest print sets, so a line printed light
// (grey contact lines under a black name) falls on the paper side and is not
// there at all, and so does light print on a dark plate the preparation
// left dark. This finds runs of glyphs darker (or lighter) than their
// surroundings that no read word covers; Engine::reread_line reads each on
// its own contrast.

#include <vector>

#include <opencv2/core.hpp>

#include "ocr/page.hpp"

namespace cardscan::ocr {

struct UnreadLine {
  Box box;                     // card coordinates, round the run's glyphs
  float text_height = 0;       // height of the run's glyphs, ascenders to descenders, in pixels
  bool light_on_dark = false;  // light glyphs on darker ground: read on the inverted card
};

// Runs of a card prepared by prepare_for_ocr that look like one line of text
// read across: at least four glyph-sized marks darker (or lighter) than their
// local ground, side by side in a row much wider than tall, outside the boxes of
// `page`'s words. None on most cards.
[[nodiscard]] std::vector<UnreadLine> find_unread_lines(const cv::Mat& prepared, const Page& page);

// What the runs of one polarity are read from: `prepared` (inverted for
// light runs) within each run's box, grown by a margin for accents, dots and
// commas too small to count as glyphs; paper (255) everywhere else, so that a
// plate's edge or a chip beside a run does not read as glyphs.
[[nodiscard]] cv::Mat unread_lines_image(const cv::Mat& prepared, const std::vector<UnreadLine>& runs,
                                         bool light_on_dark);

// Clears (sets to 0) the pixels of `ink` (a card-size mark mask) within the
// boxes of `page`'s words, grown by a margin for accents and a glyph left
// out at a word's end. Short words read with low confidence (debris OCR made
// of marks it could not read, "E", "AG") are left in.
void blank_read_words(cv::Mat& ink, const Page& page);

struct GlyphRun {
  Box box;         // round the run's pixels
  int glyphs = 0;  // how many glyphs fell into it
};

// The runs that the glyphs among `labels`' components (is_glyph[label] 255)
// make once closed by a `close`-sized rectangle ({gap, 1} joins along a
// row, {1, gap} down a column), each with the number of glyphs in it.
[[nodiscard]] std::vector<GlyphRun> glyph_runs(const cv::Mat& labels, const std::vector<unsigned char>& is_glyph,
                                               cv::Size close);

}  // namespace cardscan::ocr
