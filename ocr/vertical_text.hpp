#pragma once
// Text printed along a card's edge, turned on its side ("SABLE LAW GROUP"
// running down the right edge): the card's OCR reads lines across, so such
// a line comes back as nothing or as a few stray glyphs. This finds the
// strips of ink the page's lines leave unread that run down the card the
// way a turned line of text does; Engine::read_turned_strip reads them.

#include <vector>

#include <opencv2/core.hpp>

#include "ocr/page.hpp"

namespace cardscan::ocr {

struct TurnedStrip {
  Box box;                     // card coordinates
  bool light_on_dark = false;  // light glyphs on a dark band the preparation left dark
};

// Unread strips of a card prepared by prepare_for_ocr that look like one
// line of text turned by 90 degrees: glyph-sized marks, dark on light or
// light on a dark band, stacked in a narrow column much taller than wide.
// Marks inside the boxes of `page`'s words are left out. None on most cards.
[[nodiscard]] std::vector<TurnedStrip> find_turned_text(const cv::Mat& prepared, const Page& page);

}  // namespace cardscan::ocr
