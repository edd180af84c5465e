#pragma once
// Turning a rectified card upright (0/90/180/270) from its text.

#include <optional>

#include <opencv2/core.hpp>

#include "capture/card_image.hpp"
#include "ocr/engine.hpp"

namespace cardscan::ocr {

// What the shape of the printed text alone says about a card's orientation.
struct LayoutOrientation {
  int degrees = 0;           // clockwise turn that makes the text upright (0/90/180/270)
  bool lines_decided = false;  // whether text lines were clearly horizontal or vertical
  bool decided = false;        // whether the turn is certain enough to act on without OCR
  int line_votes = 0;          // letter neighbours along / across the chosen line direction
  int across_votes = 0;
  int ascenders = 0;           // letters reaching above / below the x-height band, text upright
  int descenders = 0;
};

// Reads the card's text layout without recognising it: letters' nearest
// neighbours give the line direction (horizontal or vertical), and in Latin
// script ascenders and capitals (above the x-height band) outnumber
// descenders (below the baseline), which tells upright from upside down.
// A few milliseconds; undecided for scripts without that asymmetry (CJK)
// or cards with too little text.
[[nodiscard]] LayoutOrientation orientation_from_layout(const cv::Mat& card);

// Decides which way up `card` is and turns it (capture::rotate_card) so its
// text reads left to right, top to bottom. EXIF tags are not trusted here:
// the decision comes from the printed text itself, from its layout when
// that is clear, else from Tesseract's orientation detection.
void orient_card(Engine& engine, capture::CardImage& card);

}  // namespace cardscan::ocr
