#pragma once
// Plane geometry of card outlines: areas, intersections, the quadrilateral
// enclosing a region, and the shape test every outline passes. Internal to
// capture/ (the card finder's steps share it; tests call it).

#include <vector>

#include <opencv2/core.hpp>

#include "capture/quad_finder.hpp"

namespace cardscan::capture {

using Poly = std::vector<cv::Point2d>;

[[nodiscard]] inline double cross(cv::Point2d a, cv::Point2d b) { return a.x * b.y - a.y * b.x; }

// Area of a simple polygon (either winding).
[[nodiscard]] double polygon_area(const Poly& p);
[[nodiscard]] double quad_area(const Quad& q);
[[nodiscard]] double side_length(cv::Point2f a, cv::Point2f b);

// Intersection of the infinite lines through (a0,a1) and (b0,b1); false
// when they are parallel.
[[nodiscard]] bool intersect(cv::Point2d a0, cv::Point2d a1, cv::Point2d b0, cv::Point2d b1, cv::Point2d& out);

// The four-sided polygon enclosing a convex polygon with the least added
// area (rounded corners come out sharp); empty when there is none.
[[nodiscard]] Poly enclosing_quad(Poly poly);

// Long side over short side (mean of opposite sides).
[[nodiscard]] double quad_aspect(const Quad& q);

// Whether `q` is convex and shaped like a card under moderate perspective
// (corners near square, opposite sides alike, aspect within the options);
// `aspect` is set when the corners pass.
[[nodiscard]] bool convex_and_card_like(const Quad& q, const CaptureOptions& options, double& aspect);

// A four-point polygon as a Quad in TL, TR, BR, BL order.
[[nodiscard]] Quad to_quad(const Poly& poly);

// Area shared by two convex quads.
[[nodiscard]] double overlap_area(const Quad& a, const Quad& b);

// Whether side a-b lies along the border of a picture of `size` (within
// `margin`, or a small fraction of the shorter image side when that is more).
[[nodiscard]] bool on_frame(cv::Point2f a, cv::Point2f b, cv::Size size, double margin);

}  // namespace cardscan::capture
