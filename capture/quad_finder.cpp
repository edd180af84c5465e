#include "capture/quad_finder.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/card_selection.hpp"
#include "capture/edge_evidence.hpp"
#include "capture/quad_geometry.hpp"
#include "capture/quad_proposals.hpp"
#include "capture/quad_scoring.hpp"
#include "capture/quad_tuning.hpp"
#include "capture/sheet_gaps.hpp"

// How cards are found, a file each (shared geometry in quad_geometry.cpp,
// the edge measurements every step reads in edge_evidence.cpp, the tuning
// constants in quad_tuning.hpp):
//  1. proposals (quad_proposals.cpp): several segmentations of a reduced
//     copy (lightness and colour splits, distance from the border's colour,
//     regions closed by edges at three sensitivities), each region reduced
//     to the quadrilateral that encloses its convex hull;
//  2. refinement (quad_scoring.cpp): each side is snapped to the strongest
//     straight edge near it (robust line fit), so rounded corners, shadows
//     and small occlusions (a pen across a corner) do not bend the outline;
//  3. scoring (quad_scoring.cpp): how much of each side runs along a real
//     edge, plus priors on shape (a card under moderate perspective:
//     aspect, corner angles);
//  4. selection (card_selection.cpp): duplicates merged, containers (a
//     paper sheet or tray holding cards) and contents (a logo box, a colour
//     band) rejected, and cards of one shot kept only when of similar size;
//  5. gaps (sheet_gaps.cpp): on a sheet of two or more cards, print no
//     outline covers, of about a card's size, is one more card.
// No step depends on a particular background: each proposal source fails on
// some ground, and the edge score decides among whatever they produced.

namespace cardscan::capture {

using namespace tuning;

std::vector<QuadCandidate> find_card_quads(const cv::Mat& image, const CaptureOptions& options) {
  if (image.empty()) return {};
  const double scale = std::min(1.0, static_cast<double>(options.detect_max_side) / std::max(image.cols, image.rows));
  cv::Mat small;
  if (scale < 1.0) {
    // Integer-factor area averaging first (a fast path), then the rest.
    const int k = static_cast<int>(1.0 / scale);
    cv::Mat half = image;
    if (k >= 2) cv::resize(image, half, cv::Size(image.cols / k, image.rows / k), 0, 0, cv::INTER_AREA);
    cv::resize(half, small, cv::Size(cvRound(image.cols * scale), cvRound(image.rows * scale)), 0, 0, cv::INTER_AREA);
  } else if (image.channels() == 3) {
    small = image;
  }
  if (image.channels() == 1) cv::cvtColor(scale < 1.0 ? small : image, small, cv::COLOR_GRAY2BGR);
  if (image.channels() == 4) cv::cvtColor(small, small, cv::COLOR_BGRA2BGR);

  // Gradients come from a lightly smoothed copy, so the hairline rim of a
  // white card on a white bed survives; segmentation uses a smoother one.
  cv::Mat lab_sharp, lab;
  cv::GaussianBlur(small, lab_sharp, cv::Size(3, 3), 0);
  cv::cvtColor(lab_sharp, lab_sharp, cv::COLOR_BGR2Lab);
  cv::GaussianBlur(lab_sharp, lab, cv::Size(5, 5), 0);
  const Gradient grad = colour_gradient(lab_sharp, lab);

  // 1. Proposals.
  const double image_area = static_cast<double>(small.total());
  const double min_area = options.min_card_area * image_area;
  const double min_side = min_card_side(min_area);
  Proposals proposals = propose_quads(lab, lab_sharp, grad, min_area);

  // 2, 3. Refinement and scoring; 4. selection by geometry.
  const double reach = std::max(kMinSnapReach, std::max(small.cols, small.rows) / kSnapReachDivisor);
  std::vector<Scored> kept = select_cards(refine_and_score(grad, proposals.regions, options, image_area, reach));
  // 4a. What the print says about the regions' outlines, first: a logo box
  // or photo printed on a card explains nothing of the picture, so it must
  // neither stand for the card nor keep the card's straight-edge outline out.
  // But regions that were all printed parts may mean a close-up of a card.
  const bool had_regions = !kept.empty();
  kept = keep_cards_by_print(image, scale, std::move(kept), options);
  const bool regions_were_parts = had_regions && kept.empty();

  // Outlines made of straight edges only where no region explained the
  // picture: they find white cards on white beds, but also combine the
  // edges of neighbouring cards or a text baseline into false outlines.
  {
    std::vector<Quad> pairs;
    if (kept.empty() && !proposals.line_edges.empty()) {
      auto ls = straight_edges(proposals.line_edges, min_side * 0.5, kStraightEdgesKept);
      if (proposals.lines.empty()) add_line_quads(ls, min_side, small.size(), proposals.lines);
      add_edge_pairs(ls, min_side, pairs);
    }
    std::vector<Scored> extra = refine_and_score(grad, proposals.lines, options, image_area, reach);
    if (extra.empty()) {
      // Last: two long sides alone, where no outline of four was seen.
      for (const auto& q : pairs) {
        double aspect = 0;
        if (!convex_and_card_like(q, options, aspect)) continue;
        if (auto sc = score_edge_pair(grad, q, options, image_area)) extra.push_back(*sc);
      }
    }
    std::erase_if(extra, [&](const Scored& e) {
      for (const auto& k : kept) {
        if (overlap_area(e.quad, k.quad) > kExtraOverlap * std::min(e.area, k.area)) return true;
      }
      return false;
    });
    if (!extra.empty()) {
      extra = select_cards(std::move(extra));
      if (regions_were_parts) extra = keep_on_plain_ground(image, scale, std::move(extra));
      for (auto& e : extra) kept.push_back(e);
      // 4b. And about the straight-edge outlines, beside the regions' cards.
      kept = keep_cards_by_print(image, scale, std::move(kept), options);
    }
  }
  if (kept.empty()) {
    // Last of all, rather than the whole picture: a region whose two
    // opposite sides are clearly marked while a third is faint and the
    // fourth lost (a white card on a light ground, lit from one side), the
    // region's own outline placing the sides no edge marks.
    std::vector<Scored> pairs =
        select_cards(refine_and_score_pairs(grad, proposals.regions, options, image_area, reach));
    if (regions_were_parts) pairs = keep_on_plain_ground(image, scale, std::move(pairs));
    kept = keep_cards_by_print(image, scale, std::move(pairs), options);
  }

  // 5. On a sheet, print no outline covers is a card with no visible edge.
  for (auto& gap : uncovered_print(small, kept)) {
    if (kept.size() >= static_cast<std::size_t>(options.max_cards)) break;
    kept.push_back(gap);
  }

  std::vector<QuadCandidate> out;
  for (const auto& k : kept) {
    QuadCandidate c;
    for (std::size_t i = 0; i < 4; ++i) c.quad[i] = k.quad[i] * static_cast<float>(1.0 / scale);
    c.score = k.score;
    c.area = k.area / (scale * scale);
    c.from_print = k.from_print;
    out.push_back(c);
  }
  return out;
}

}  // namespace cardscan::capture
