#pragma once
// Proposals: candidate card outlines from several segmentations of the
// reduced picture (lightness and colour splits, distance from the ground's
// colour, regions closed by edges at three sensitivities), each region
// reduced to the quadrilateral enclosing its convex hull, and from long
// straight edges. Each source fails on some ground; scoring decides among
// what they produce. Internal to capture/.

#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "capture/edge_evidence.hpp"
#include "capture/quad_finder.hpp"

namespace cardscan::capture {

struct Proposals {
  std::vector<Quad> regions;  // from segmentations, and unions of two-panel cards' halves
  std::vector<Quad> lines;    // from straight edges, made at once only on a quiet ground
  cv::Mat line_edges;         // the edge map straight edges are taken from
};

// Every proposal for `lab` (smoothed Lab of the reduced picture) and
// `lab_sharp` (lightly smoothed), regions down to about `min_area` pixels.
[[nodiscard]] Proposals propose_quads(const cv::Mat& lab, const cv::Mat& lab_sharp, const Gradient& grad,
                                      double min_area);

// The short side of the smallest card, from its area in pixels.
[[nodiscard]] double min_card_side(double min_area);

// A straight edge: merged Hough segments along one line, with the stretches
// of it that edge pixels actually cover.
struct EdgeLine {
  cv::Point2d origin, dir;                       // a point on the line, unit direction
  std::vector<std::pair<double, double>> spans;  // covered stretches, as positions along dir
  double length = 0;                             // length covered by its pieces
  std::vector<cv::Point2f> ends;                 // ends of the pieces it was fitted to
};

// Long straight edges of `edges` (a binary edge map), collinear pieces
// merged, the `keep` longest (half along the main direction, half across).
[[nodiscard]] std::vector<EdgeLine> straight_edges(const cv::Mat& edges, double min_length, std::size_t keep);

// Quadrilaterals whose four sides lie on straight edges that cover most of
// each side: two roughly parallel pairs meeting at roughly right angles.
void add_line_quads(const std::vector<EdgeLine>& lines, double min_side, cv::Size size, std::vector<Quad>& out);

// Rectangles between two long parallel edges whose main stretches begin
// and end together: a card's long sides on a ground where its short sides
// vanish (white on white under strong light).
void add_edge_pairs(const std::vector<EdgeLine>& lines, double min_side, std::vector<Quad>& out);

}  // namespace cardscan::capture
