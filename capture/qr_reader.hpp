#pragma once
// QR codes printed on cards, decoded with zxing-cpp to their raw text.

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace cardscan::capture {

// Raw payloads of every QR code found in `image` (BGR or gray).
[[nodiscard]] std::vector<std::string> read_qr_codes(const cv::Mat& image);

}  // namespace cardscan::capture
