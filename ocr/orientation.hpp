#pragma once
// Turning a rectified card upright (0/90/180/270) from its text.

#include "capture/card_image.hpp"
#include "ocr/engine.hpp"

namespace cardscan::ocr {

// Decides which way up `card` is and turns it (capture::rotate_card) so its
// text reads left to right, top to bottom. EXIF tags are not trusted here:
// the decision comes from the printed text itself.
void orient_card(Engine& engine, capture::CardImage& card);

}  // namespace cardscan::ocr
