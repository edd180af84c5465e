#pragma once
// Step 5 of card finding: cards a sheet holds that no outline was found
// for. On a flatbed sheet of cards a white card on the white bed may show
// no edge at all, but its print is there. Print that no found card covers,
// gathered into a patch of about a card's size, becomes one more card: the
// patch's rectangle, widened by a margin. Internal to capture/.

#include <vector>

#include <opencv2/core.hpp>

#include "capture/quad_scoring.hpp"

namespace cardscan::capture {

// Outlines for the print on `small` (the reduced BGR copy outlines are
// searched in) that none of `cards` covers, when `cards` are two or more
// cards of a sheet: each a rectangle around one patch of print of about the
// cards' size. Empty when there are fewer than two cards.
[[nodiscard]] std::vector<Scored> uncovered_print(const cv::Mat& small, const std::vector<Scored>& cards);

}  // namespace cardscan::capture
