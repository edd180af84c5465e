#pragma once
// capture: the one entry point that turns a source image into flat card
// images. Finding outlines, rectifying and QR decoding live in their own
// files; this header is what the rest of the pipeline needs.

#include <string>
#include <vector>

#include "capture/card_image.hpp"

namespace cardscan::capture {

struct CaptureOptions {
  int detect_max_side = 640;     // longest side of the copy that outlines are searched in
  int card_long_side = 1400;     // longest side of a rectified card, in pixels
  double min_card_area = 0.008;  // smallest card, as a fraction of the image area
  double max_card_area = 0.97;   // above this the "card" is the whole frame
  double min_aspect = 1.30;      // long side / short side of an accepted outline
  double max_aspect = 2.20;
  int max_cards = 12;  // a sheet never holds more
  bool decode_qr = true;
};

// Finds every card in `image` (BGR, as displayed), warps each flat to
// `card_long_side` and decodes QR codes on it. Cards come in reading order
// (top to bottom, left to right). When no outline is found the whole image
// becomes one card with whole_image set, so nothing the user gave is dropped.
[[nodiscard]] std::vector<CardImage> find_cards(const cv::Mat& image, const CaptureOptions& options = {});

// The whole of `image` as one card (whole_image set), scaled to
// `card_long_side`: what is read when no outline is found, or when the
// one outline found reads as nothing (a cup's ring on the desk taken for a
// card that blends into its ground). No QR decoding.
[[nodiscard]] CardImage whole_image_card(const cv::Mat& image, const CaptureOptions& options = {});

// Turns a card clockwise by `degrees` (a multiple of 90), keeping its quad
// corners in reading order.
void rotate_card(CardImage& card, int degrees);

}  // namespace cardscan::capture
