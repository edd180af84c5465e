#pragma once
// Codes printed on cards (QR, Micro QR, Data Matrix, Aztec, PDF417), found
// with zxing-cpp: QR payloads decoded to their raw text, and every code's
// corners so OCR can leave the code out.

#include <array>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace cardscan::capture {

struct PrintedCode {
  std::string payload;                 // decoded raw text; empty when only detected
  bool qr = false;                     // a QR or Micro QR code (their payload is merged into the contact)
  std::array<cv::Point2f, 4> corners;  // in the image's pixels, in order around the symbol
};

// Every 2-D code found in `image` (BGR or gray), decoded or only detected.
[[nodiscard]] std::vector<PrintedCode> read_printed_codes(const cv::Mat& image);

// Raw payloads of every QR code found in `image` (BGR or gray).
[[nodiscard]] std::vector<std::string> read_qr_codes(const cv::Mat& image);

}  // namespace cardscan::capture
