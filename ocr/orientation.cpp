#include "ocr/orientation.hpp"

#include "capture/capture.hpp"

namespace cardscan::ocr {

void orient_card(Engine& engine, capture::CardImage& card) {
  if (!engine.options().detect_orientation) return;
  const Orientation o = engine.detect_orientation(card.pixels);
  if (o.degrees != 0 && o.confidence >= 1.0f) capture::rotate_card(card, o.degrees);
}

}  // namespace cardscan::ocr
