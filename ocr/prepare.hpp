#pragma once
// What Tesseract is given: a gray image where every printed line is dark on
// light, whatever its local ground (paper, a coloured band, a plate, a whole
// dark card), with uneven light flattened and printed codes blanked.

#include <array>
#include <vector>

#include <opencv2/core.hpp>

namespace cardscan::ocr {

// Corners of a region of the card image (any order around the region).
using Quad = std::array<cv::Point2f, 4>;

// The card's ground: decided from its tones (the darker side of the split
// between its two commonest tones holding most of the card means a dark
// card), or given, for a second reading when the decision read nothing.
enum class Ground { automatic, light, dark };

// Gray, contrast-normalised image ready for Tesseract: uneven light and glare
// flattened; every dark plate that carries light text (band, panel, badge,
// name plate, dark card) inverted in place so its text is dark on light; regions in
// `blank` (printed codes) painted as paper.
[[nodiscard]] cv::Mat prepare_for_ocr(const cv::Mat& card, const std::vector<Quad>& blank = {},
                                      Ground ground = Ground::automatic);

// What Ground::automatic decides for this card: light or dark.
[[nodiscard]] Ground decided_ground(const cv::Mat& card);

// Mask (8-bit, card size, 255 = inverted) of the regions prepare_for_ocr
// reads as light text on dark ground.
[[nodiscard]] cv::Mat light_text_plates(const cv::Mat& card);

}  // namespace cardscan::ocr
