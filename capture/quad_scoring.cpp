#include "capture/quad_scoring.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/quad_geometry.hpp"
#include "capture/quad_tuning.hpp"

namespace cardscan::capture {

using namespace tuning;

// A robust line fit through the best edge point of each normal.
bool snap_to_edges(const Gradient& g, Quad& q, double reach) {
  const cv::Size size = g.gx.size();
  std::array<cv::Vec4f, 4> lines;
  for (int s = 0; s < 4; ++s) {
    const cv::Point2f a = q[static_cast<std::size_t>(s)], b = q[static_cast<std::size_t>((s + 1) % 4)];
    const double len = side_length(a, b);
    const cv::Point2f dir((b.x - a.x) / static_cast<float>(len), (b.y - a.y) / static_cast<float>(len));
    const cv::Point2f normal(-dir.y, dir.x);
    lines[static_cast<std::size_t>(s)] = cv::Vec4f(dir.x, dir.y, a.x, a.y);
    if (len < kMinSnappedSide || on_frame(a, b, size, kFrameMargin)) continue;
    const int r = std::max(2, static_cast<int>(std::lround(reach)));
    const int samples = std::clamp(static_cast<int>(len / kSnapPixelsPerSample), kMinSnapSamples, kMaxSnapSamples);
    std::vector<cv::Point2f> pts;
    for (int k = 0; k < samples; ++k) {
      const double t = kStepEndSkip + (1 - 2 * kStepEndSkip) * (k + 0.5) / samples;
      const cv::Point2f p = a + (b - a) * static_cast<float>(t);
      double best = g.threshold;
      cv::Point2f best_p;
      bool found = false;
      for (int off = -r; off <= r; ++off) {
        const cv::Point2f c = p + normal * static_cast<float>(off);
        const int x = cvRound(c.x), y = cvRound(c.y);
        if (x < 1 || y < 1 || x >= size.width - 1 || y >= size.height - 1) continue;
        double aligned = 0;
        // Prefer edges close to the current side when strengths are alike.
        const double e =
            edge_across(g, x, y, normal, aligned) * (1.0 - kSnapDistancePenalty * std::abs(off) / (r + 1.0));
        if (aligned > kSnapAlignment && e > best) {
          best = e;
          best_p = c;
          found = true;
        }
      }
      if (found) pts.push_back(best_p);
    }
    if (static_cast<int>(pts.size()) < std::max(kMinSnapPoints, samples / 3)) continue;
    cv::Vec4f line;
    cv::fitLine(pts, line, cv::DIST_HUBER, 0, 0.01, 0.01);
    // Keep the fitted side only if it runs the same way as before.
    if (std::abs(line[0] * dir.x + line[1] * dir.y) < std::cos(kMaxSnapTurnDeg * CV_PI / 180)) continue;
    lines[static_cast<std::size_t>(s)] = line;
  }
  Quad out;
  for (int i = 0; i < 4; ++i) {
    const cv::Vec4f& l0 = lines[static_cast<std::size_t>((i + 3) % 4)];
    const cv::Vec4f& l1 = lines[static_cast<std::size_t>(i)];
    cv::Point2d x;
    if (!intersect({l0[2], l0[3]}, {l0[2] + l0[0], l0[3] + l0[1]}, {l1[2], l1[3]}, {l1[2] + l1[0], l1[3] + l1[1]}, x)) {
      return false;
    }
    if (cv::norm(x - cv::Point2d(q[static_cast<std::size_t>(i)])) > kSnapCornerReach * reach + kSnapCornerSlack) {
      return false;
    }
    out[static_cast<std::size_t>(i)] = cv::Point2f(static_cast<float>(x.x), static_cast<float>(x.y));
  }
  q = out;
  return true;
}

std::optional<Scored> score_quad(const Gradient& grad, const Quad& q, const CaptureOptions& options,
                                 double image_area) {
  const double area = quad_area(q);
  if (area < options.min_card_area * image_area || area > options.max_card_area * image_area) return std::nullopt;
  std::array<double, 4> evidence{};
  int frame_sides = 0;
  for (std::size_t s = 0; s < 4; ++s) {
    evidence[s] = side_evidence(grad, q[s], q[(s + 1) % 4]);
    if (on_frame(q[s], q[(s + 1) % 4], grad.gx.size(), kFrameMargin)) ++frame_sides;
  }
  const double support = (evidence[0] + evidence[1] + evidence[2] + evidence[3]) / 4;
  std::sort(evidence.begin(), evidence.end());
  // One side may vanish in glare or against a ground of the card's own
  // colour when the other three are clear.
  const double weakest = evidence[1] >= kClearSide ? std::max(evidence[0], kMinWeakest) : evidence[0];
  // Sides on the frame count as support, so the frame itself (or most of
  // it) would pass: at least two real edges are required.
  if (weakest < kMinWeakest || support < kMinSupport || frame_sides > kMaxFrameSides) return std::nullopt;
  return Scored{q, kSupportWeight * support + kWeakestWeight * weakest - kFrameSidePenalty * frame_sides, area,
                frame_sides};
}

std::optional<Scored> score_edge_pair(const Gradient& grad, const Quad& q, const CaptureOptions& options,
                                      double image_area) {
  const double area = quad_area(q);
  if (area < options.min_card_area * image_area || area > options.max_card_area * image_area) return std::nullopt;
  std::array<double, 4> evidence{};
  for (std::size_t s = 0; s < 4; ++s) {
    if (on_frame(q[s], q[(s + 1) % 4], grad.gx.size(), kFrameMargin)) return std::nullopt;
    evidence[s] = side_evidence(grad, q[s], q[(s + 1) % 4]);
  }
  const double pair0 = std::min(evidence[0], evidence[2]), pair1 = std::min(evidence[1], evidence[3]);
  const double strong = std::max(pair0, pair1);
  if (strong < kMinEdgePair) return std::nullopt;
  return Scored{q, kEdgePairWeight * strong, area, 0};
}

namespace {

// Each card-like quad of `quads` refined (twice, at `reach` then half of it,
// kept only if still card-like) and scored by `score`.
template <class Score>
std::vector<Scored> refine_then(const Gradient& grad, const std::vector<Quad>& quads, const CaptureOptions& options,
                                double reach, Score score) {
  std::vector<Scored> scored;
  for (Quad q : quads) {
    double aspect = 0;
    if (!convex_and_card_like(q, options, aspect)) continue;
    Quad refined = q;
    if (snap_to_edges(grad, refined, reach) && snap_to_edges(grad, refined, reach / 2) &&
        convex_and_card_like(refined, options, aspect)) {
      q = refined;
    }
    if (auto s = score(q)) scored.push_back(*s);
  }
  return scored;
}

}  // namespace

std::vector<Scored> refine_and_score(const Gradient& grad, const std::vector<Quad>& quads,
                                     const CaptureOptions& options, double image_area, double reach) {
  return refine_then(grad, quads, options, reach,
                     [&](const Quad& q) { return score_quad(grad, q, options, image_area); });
}

std::vector<Scored> refine_and_score_pairs(const Gradient& grad, const std::vector<Quad>& quads,
                                           const CaptureOptions& options, double image_area, double reach) {
  return refine_then(grad, quads, options, reach,
                     [&](const Quad& q) { return score_edge_pair(grad, q, options, image_area); });
}

}  // namespace cardscan::capture
