#pragma once
// Edge evidence: the colour gradient of the reduced picture, and how well a
// segment of an outline runs along a real boundary in it. Internal to
// capture/ (proposals, refinement and scoring read it; tests build it).

#include <cmath>

#include <opencv2/core.hpp>

namespace cardscan::capture {

struct Gradient {
  cv::Mat gx, gy;        // CV_32F, strongest of the L, a, b gradients
  double threshold = 0;  // magnitude that counts as an edge in this image
  cv::Mat lab;           // smoothed Lab image, for colour steps across a side
};

// The gradient of `lab_sharp` (a lightly smoothed Lab copy: the hairline rim
// of a white card on a white bed survives), strongest channel per pixel,
// with this picture's edge threshold; `lab` (smoothed more) is kept for
// colour steps.
[[nodiscard]] Gradient colour_gradient(const cv::Mat& lab_sharp, const cv::Mat& lab);

// Strength of the edge across direction `normal` at (x, y): the gradient's
// component along the normal; `aligned` is how well the gradient lines up
// with it (1 = exactly).
[[nodiscard]] inline double edge_across(const Gradient& g, int x, int y, cv::Point2f normal, double& aligned) {
  const float gx = g.gx.at<float>(y, x), gy = g.gy.at<float>(y, x);
  const double along = std::abs(gx * normal.x + gy * normal.y);
  const double mag = std::hypot(gx, gy);
  aligned = mag > 1e-6 ? along / mag : 0;
  return along;
}

// How well side a-b is marked out as a boundary, in [0,1]: its edge support
// less the texture parallel to it, or the colour step across it when that
// says more. Sides on the frame count as fully supported.
[[nodiscard]] double side_evidence(const Gradient& g, cv::Point2f a, cv::Point2f b);

}  // namespace cardscan::capture
