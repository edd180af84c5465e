#pragma once
// Turning a rectified card upright (0/90/180/270) from its text.

#include <optional>

#include <opencv2/core.hpp>

#include "ocr/engine.hpp"

namespace cardscan::ocr {

// What the shape of the printed text alone says about a card's orientation.
struct LayoutOrientation {
  int degrees = 0;             // clockwise turn that makes the text upright (0/90/180/270)
  bool lines_decided = false;  // whether text lines were clearly horizontal or vertical
  bool decided = false;        // whether the turn is certain enough to act on without OCR
  int line_votes = 0;          // letter neighbours along / across the chosen line direction
  int across_votes = 0;
  int ascenders = 0;  // letters reaching above / below the x-height band, text upright
  int descenders = 0;
};

// Reads the card's text layout without recognising it: letters' nearest
// neighbours give the line direction (horizontal or vertical), and in Latin
// script ascenders and capitals (above the x-height band) outnumber
// descenders (below the baseline), which tells upright from upside down.
// A few milliseconds; undecided for scripts without that asymmetry (CJK)
// or cards with too little text.
[[nodiscard]] LayoutOrientation orientation_from_layout(const cv::Mat& card);

// Reading a few lines of the card both ways up.
struct UpsideDownProbe {
  bool read = false;   // false: too little text to read
  double as_is = 0;    // letters read with confidence, the card turned by `degrees`
  double flipped = 0;  // the same, turned a further half turn
};

// Turns `card` clockwise by `degrees`, picks its densest line of letters
// and reads just that (at most some twenty letters of it) with `engine`,
// upright and upside down; a second and third line only while the two
// readings are not clearly apart. Text read the right way up gives
// confident words; upside down, Tesseract reads low-confidence scraps.
// Some tens of milliseconds.
[[nodiscard]] UpsideDownProbe probe_upside_down(Engine& engine, const cv::Mat& card, int degrees);

// Whether one reading of the probe clearly beats the other.
[[nodiscard]] bool probe_clear(const UpsideDownProbe& probe);

// Which way up a card is, decided from the printed text itself. EXIF tags
// are not trusted here: the line direction from its layout, upright against
// upside down from a line read both ways up (probe_upside_down) when that
// reading is clear, else from the layout when that is clear, else from
// Tesseract's orientation detection.
enum class OrientedBy {
  layout,   // the shape of the print
  reading,  // a line read both ways up
  osd,      // Tesseract's orientation detection
  nothing,  // no text to go by: left as it was
};
struct OrientationDecision {
  int degrees = 0;  // clockwise turn that makes the text read left to right, top to bottom (0/90/180/270)
  OrientedBy by = OrientedBy::nothing;
};

// Decides the turn for `card` (8-bit BGR or gray, as rectified). A whole
// picture kept as the card (`whole_image`) also holds the ground's clutter
// and needs clearer layout evidence. It does not turn anything: the caller
// applies `degrees` (the pipeline turns the card image).
[[nodiscard]] OrientationDecision decide_orientation(Engine& engine, const cv::Mat& card, bool whole_image);

}  // namespace cardscan::ocr
