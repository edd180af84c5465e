#pragma once
// What the print inside and around an outline says about it: a card's
// outline has its text inside and plain ground (or other cards) around; the
// outline of a logo box, photo or finger on a card that fills the picture
// has the card's text all around it; a page of paper carries letters far
// smaller than its size.

#include <vector>

#include <opencv2/core.hpp>

#include "capture/quad_finder.hpp"

namespace cardscan::capture {

struct PrintContext {
  int inside = 0;         // letters (letter-like marks in runs along a row or column) inside the outline
  int outside = 0;        // letters elsewhere in the picture, off the other outlines
  int outside_marks = 0;  // every letter-sized mark there, in runs or not
};

// Counts letters inside `quad` and in the picture around it (up to three
// sides out), read square-on to the outline so the print of a card it lies
// on runs along its sides. `others` are other cards' outlines, whose print
// does not count. `picture` (gray or BGR) may be reduced, quads in its pixels.
[[nodiscard]] PrintContext read_print_context(const cv::Mat& picture, const Quad& quad,
                                              const std::vector<Quad>& others);

// Whether the outline missed the card whose print fills the picture: far
// more text around it than inside.
[[nodiscard]] bool printed_part(const PrintContext& context);

// Median height of the letters inside `quad` as a fraction of its short
// side (0 when none), and how many letters were read.
[[nodiscard]] double letter_scale(const cv::Mat& picture, const Quad& quad, int* letters = nullptr);

// Whether print of `letters` letters at `letter_height` (from letter_scale)
// is a page's: more letters than a card holds, smaller relative to the
// outline than a card's (a letter or A4 sheet).
[[nodiscard]] bool page_print(int letters, double letter_height);

}  // namespace cardscan::capture
