#include "capture/quad_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/quad_tuning.hpp"

namespace cardscan::capture {

using namespace tuning;

double polygon_area(const Poly& p) {
  double a = 0;
  for (std::size_t i = 0; i < p.size(); ++i) a += cross(p[i], p[(i + 1) % p.size()]);
  return std::abs(a) / 2;
}

double quad_area(const Quad& q) {
  double a = 0;
  for (int i = 0; i < 4; ++i) a += cross(q[static_cast<std::size_t>(i)], q[static_cast<std::size_t>((i + 1) % 4)]);
  return std::abs(a) / 2;
}

double side_length(cv::Point2f a, cv::Point2f b) { return std::hypot(a.x - b.x, a.y - b.y); }

bool intersect(cv::Point2d a0, cv::Point2d a1, cv::Point2d b0, cv::Point2d b1, cv::Point2d& out) {
  const cv::Point2d r = a1 - a0, s = b1 - b0;
  const double d = cross(r, s);
  if (std::abs(d) < 1e-9 * std::max(1.0, cv::norm(r) * cv::norm(s))) return false;
  const double t = cross(b0 - a0, s) / d;
  out = a0 + t * r;
  return true;
}

// Each step drops the edge whose neighbours, extended, meet closest.
Poly enclosing_quad(Poly poly) {
  while (poly.size() > 4) {
    const std::size_t n = poly.size();
    double best_cost = std::numeric_limits<double>::infinity();
    std::size_t best = n;
    cv::Point2d best_point;
    for (std::size_t i = 0; i < n; ++i) {
      const cv::Point2d prev = poly[(i + n - 1) % n], a = poly[i], b = poly[(i + 1) % n], next = poly[(i + 2) % n];
      cv::Point2d x;
      if (!intersect(prev, a, b, next, x)) continue;
      // The new vertex must lie beyond the dropped edge (outside), not behind it.
      if (cross(b - a, x - a) * cross(b - a, prev - a) > 0) continue;
      const double cost = polygon_area({a, x, b});
      if (cost < best_cost) {
        best_cost = cost;
        best = i;
        best_point = x;
      }
    }
    if (best == n) return {};
    Poly next_poly;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == best) {
        next_poly.push_back(best_point);
      } else if (i != (best + 1) % n) {
        next_poly.push_back(poly[i]);
      }
    }
    poly = std::move(next_poly);
  }
  return poly.size() == 4 ? poly : Poly{};
}

double quad_aspect(const Quad& q) {
  const double w = (side_length(q[0], q[1]) + side_length(q[3], q[2])) / 2;
  const double h = (side_length(q[0], q[3]) + side_length(q[1], q[2])) / 2;
  return std::max(w, h) / std::max(1e-9, std::min(w, h));
}

bool convex_and_card_like(const Quad& q, const CaptureOptions& options, double& aspect) {
  for (int i = 0; i < 4; ++i) {
    const cv::Point2d a = q[static_cast<std::size_t>(i)], b = q[static_cast<std::size_t>((i + 1) % 4)],
                      c = q[static_cast<std::size_t>((i + 2) % 4)];
    if (cross(b - a, c - b) <= 0) return false;
    const cv::Point2d u = a - b, v = c - b;
    const double cosang = (u.x * v.x + u.y * v.y) / std::max(1e-9, cv::norm(u) * cv::norm(v));
    if (std::abs(cosang) > std::sin(kMaxCornerSkewDeg * CV_PI / 180)) return false;
  }
  const double top = side_length(q[0], q[1]), bottom = side_length(q[3], q[2]);
  const double left = side_length(q[0], q[3]), right = side_length(q[1], q[2]);
  if (std::min(top, bottom) / std::max(top, bottom) < kMinOppositeSideRatio ||
      std::min(left, right) / std::max(left, right) < kMinOppositeSideRatio) {
    return false;
  }
  const double w = (top + bottom) / 2, h = (left + right) / 2;
  if (w < kMinQuadSide || h < kMinQuadSide) return false;
  aspect = std::max(w, h) / std::min(w, h);
  return aspect >= options.min_aspect && aspect <= options.max_aspect;
}

Quad to_quad(const Poly& poly) {
  std::vector<cv::Point2f> pts;
  for (const auto& p : poly) pts.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
  return order_corners(pts);
}

double overlap_area(const Quad& a, const Quad& b) {
  std::vector<cv::Point2f> pa(a.begin(), a.end()), pb(b.begin(), b.end()), inter;
  return cv::intersectConvexConvex(pa, pb, inter, true);
}

bool on_frame(cv::Point2f a, cv::Point2f b, cv::Size size, double margin) {
  margin = std::max(margin, kFrameMarginOfShortSide * std::min(size.width, size.height));
  return (a.x < margin && b.x < margin) || (a.y < margin && b.y < margin) ||
         (a.x > size.width - 1 - margin && b.x > size.width - 1 - margin) ||
         (a.y > size.height - 1 - margin && b.y > size.height - 1 - margin);
}

Quad order_corners(const std::vector<cv::Point2f>& pts) {
  // Sort around the centroid, then start from the corner nearest the top-left.
  cv::Point2f c(0, 0);
  for (const auto& p : pts) c += p;
  c *= 1.0f / static_cast<float>(pts.size());
  std::vector<cv::Point2f> sorted = pts;
  std::sort(sorted.begin(), sorted.end(), [&](cv::Point2f a, cv::Point2f b) {
    return std::atan2(a.y - c.y, a.x - c.x) < std::atan2(b.y - c.y, b.x - c.x);
  });
  // atan2 order with y down is clockwise on screen: TL(-135°) TR(-45°) BR(45°) BL(135°).
  std::size_t start = 0;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double v = sorted[i].x + sorted[i].y;
    if (v < best) {
      best = v;
      start = i;
    }
  }
  Quad q;
  for (std::size_t i = 0; i < 4; ++i) q[i] = sorted[(start + i) % sorted.size()];
  return q;
}

}  // namespace cardscan::capture
