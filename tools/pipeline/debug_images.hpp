#pragma once
// --debug-dir: the pictures that show what capture and OCR worked on.

#include <filesystem>
#include <vector>

#include <opencv2/core.hpp>

#include "capture/card_image.hpp"

namespace cardscan::pipeline {

// Writes into `dir` (created if need be), named after `source`'s stem:
// STEM_cardN.jpg, each card crop as it was read; STEM_cardN_ocr.png, the
// exact image Tesseract was given; STEM_overlay.jpg, `image` with each card
// outline, its number and a dot at the corner read as top-left. Failures to
// write are ignored: debug images never fail a scan.
void write_debug_images(const std::filesystem::path& dir, const std::filesystem::path& source, const cv::Mat& image,
                        const std::vector<capture::CardImage>& cards);

}  // namespace cardscan::pipeline
