#pragma once
// Locating card outlines (convex quadrilaterals) in a photo or scan.

#include <array>
#include <vector>

#include <opencv2/core.hpp>

namespace cardscan::capture {

struct CaptureOptions;

using Quad = std::array<cv::Point2f, 4>;  // TL, TR, BR, BL

struct QuadCandidate {
  Quad quad;
  double score = 0;  // higher is more card-like
  double area = 0;   // in source pixels
  bool from_print = false;  // no edge was seen: drawn around a sheet's uncovered print
};

// Card-shaped quadrilaterals in `image`, in source pixel coordinates, best
// first, overlapping duplicates removed.
[[nodiscard]] std::vector<QuadCandidate> find_card_quads(const cv::Mat& image, const CaptureOptions& options);

// Orders four corners as TL, TR, BR, BL (by position in the image).
[[nodiscard]] Quad order_corners(const std::vector<cv::Point2f>& pts);

}  // namespace cardscan::capture
