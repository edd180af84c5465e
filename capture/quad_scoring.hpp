#pragma once
// Refinement and scoring of proposed card outlines: each side snapped onto
// the straight edge it was meant to follow, then the outline scored by how
// much of it runs along real boundaries. Internal to capture/ (the card
// finder's steps; tests call it).

#include <optional>
#include <vector>

#include "capture/edge_evidence.hpp"
#include "capture/quad_finder.hpp"

namespace cardscan::capture {

// An outline with its score, in the reduced picture's pixels.
struct Scored {
  Quad quad;
  double score = 0;     // higher is more card-like
  double area = 0;      // in pixels of the reduced picture
  int frame_sides = 0;  // sides lying on the image border
  bool from_print = false;  // drawn around print where no edge was seen (sheet_gaps.cpp)
};

// Moves each side of `q` onto the strongest nearby straight edge (within
// `reach` pixels) running the same way, and re-intersects the sides. False,
// with `q` unchanged, when the result is not a sensible quadrilateral.
[[nodiscard]] bool snap_to_edges(const Gradient& g, Quad& q, double reach);

// Scores an outline by how well its sides are marked out as boundaries;
// nothing when it is too small or too large for a card, or no boundary.
[[nodiscard]] std::optional<Scored> score_quad(const Gradient& grad, const Quad& q, const CaptureOptions& options,
                                               double image_area);

// Scores an outline of which only two opposite sides need be marked out,
// both clearly; nothing otherwise. It scores below any outline with more
// sides seen.
[[nodiscard]] std::optional<Scored> score_edge_pair(const Gradient& grad, const Quad& q, const CaptureOptions& options,
                                                    double image_area);

// The card-like outlines among `quads`, each refined (twice, at `reach` then
// half of it, kept only if still card-like) and scored.
[[nodiscard]] std::vector<Scored> refine_and_score(const Gradient& grad, const std::vector<Quad>& quads,
                                                   const CaptureOptions& options, double image_area, double reach);

// The same refinement, each outline then scored as an edge pair
// (score_edge_pair): outlines whose third and fourth sides are faint or lost.
[[nodiscard]] std::vector<Scored> refine_and_score_pairs(const Gradient& grad, const std::vector<Quad>& quads,
                                                         const CaptureOptions& options, double image_area,
                                                         double reach);

}  // namespace cardscan::capture
