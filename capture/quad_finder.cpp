#include "capture/quad_finder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/print_context.hpp"

// How cards are found:
//  1. proposals: several segmentations of a reduced copy (lightness and
//     colour splits, distance from the border's colour, regions closed by
//     edges at two sensitivities), each region reduced to the quadrilateral
//     that encloses its convex hull;
//  2. refinement: each side is snapped to the strongest straight edge near
//     it (robust line fit), so rounded corners, shadows and small
//     occlusions (a pen across a corner) do not bend the outline;
//  3. scoring: how much of each side runs along a real edge, plus priors on
//     shape (a card under moderate perspective: aspect, corner angles);
//  4. selection: duplicates merged, containers (a paper sheet or tray
//     holding cards) and contents (a logo box, a colour band) rejected, and
//     cards of one shot kept only when of similar size.
// No step depends on a particular background: each proposal source fails on
// some ground, and the edge score decides among whatever they produced.

namespace cardscan::capture {
namespace {

using Poly = std::vector<cv::Point2d>;

double cross(cv::Point2d a, cv::Point2d b) { return a.x * b.y - a.y * b.x; }

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

// Intersection of the infinite lines through (a0,a1) and (b0,b1).
bool intersect(cv::Point2d a0, cv::Point2d a1, cv::Point2d b0, cv::Point2d b1, cv::Point2d& out) {
  const cv::Point2d r = a1 - a0, s = b1 - b0;
  const double d = cross(r, s);
  if (std::abs(d) < 1e-9 * std::max(1.0, cv::norm(r) * cv::norm(s))) return false;
  const double t = cross(b0 - a0, s) / d;
  out = a0 + t * r;
  return true;
}

// Reduces a convex polygon to the four-sided polygon that encloses it with the
// least added area: each step drops the edge whose neighbours, extended,
// meet closest. Rounded card corners come out as their sharp intersections.
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

struct Gradient {
  cv::Mat gx, gy;        // CV_32F, strongest of the L, a, b gradients
  double threshold = 0;  // magnitude that counts as an edge in this image
  cv::Mat lab;           // smoothed Lab image, for colour steps across a side
};

// Fraction of a side across which the colour steps clearly (Lab L1
// distance between points `reach` pixels either side): a card edge that is
// soft or blurred, so its gradient is weak, still separates two colours.
double step_support(const Gradient& g, cv::Point2f a, cv::Point2f b, double reach) {
  const double len = side_length(a, b);
  if (len < 4) return 0;
  const cv::Point2f normal(-(b.y - a.y) / static_cast<float>(len), (b.x - a.x) / static_cast<float>(len));
  const int samples = 32;
  int hits = 0, counted = 0;
  for (int k = 0; k < samples; ++k) {
    const double t = 0.08 + 0.84 * (k + 0.5) / samples;
    const cv::Point2f p = a + (b - a) * static_cast<float>(t);
    const cv::Point2f q0 = p + normal * static_cast<float>(reach), q1 = p - normal * static_cast<float>(reach);
    const int x0 = cvRound(q0.x), y0 = cvRound(q0.y), x1 = cvRound(q1.x), y1 = cvRound(q1.y);
    if (std::min({x0, y0, x1, y1}) < 0 || std::max(x0, x1) >= g.lab.cols || std::max(y0, y1) >= g.lab.rows) continue;
    const cv::Vec3b c0 = g.lab.at<cv::Vec3b>(y0, x0), c1 = g.lab.at<cv::Vec3b>(y1, x1);
    const int d = std::abs(c0[0] - c1[0]) + std::abs(c0[1] - c1[1]) + std::abs(c0[2] - c1[2]);
    ++counted;
    if (d >= 12) ++hits;
  }
  return counted >= samples / 2 ? static_cast<double>(hits) / counted : 0;
}

// Strength of the edge across direction `normal` at p: the gradient's
// component along the normal, and how well the gradient is aligned with it.
inline double edge_across(const Gradient& g, int x, int y, cv::Point2f normal, double& aligned) {
  const float gx = g.gx.at<float>(y, x), gy = g.gy.at<float>(y, x);
  const double along = std::abs(gx * normal.x + gy * normal.y);
  const double mag = std::hypot(gx, gy);
  aligned = mag > 1e-6 ? along / mag : 0;
  return along;
}

// Whether side a-b lies along the image border (within `margin`, or 1% of
// the shorter image side when that is more).
bool on_frame(cv::Point2f a, cv::Point2f b, cv::Size size, double margin) {
  margin = std::max(margin, 0.01 * std::min(size.width, size.height));
  return (a.x < margin && b.x < margin) || (a.y < margin && b.y < margin) ||
         (a.x > size.width - 1 - margin && b.x > size.width - 1 - margin) ||
         (a.y > size.height - 1 - margin && b.y > size.height - 1 - margin);
}

// Fraction of a side that runs along an edge in its own direction, with the
// side moved `shift` pixels along its normal. Parts of the side outside the
// frame count as supported (the card goes on beyond the picture).
double support_at(const Gradient& g, cv::Point2f a, cv::Point2f b, double shift, double threshold,
                  double* typical = nullptr) {
  const cv::Size size = g.gx.size();
  const double len = side_length(a, b);
  if (len < 4) return 0;
  const cv::Point2f dir((b.x - a.x) / static_cast<float>(len), (b.y - a.y) / static_cast<float>(len));
  const cv::Point2f normal(-dir.y, dir.x);
  const cv::Point2f offset = normal * static_cast<float>(shift);
  const int samples = std::clamp(static_cast<int>(len / 3), 16, 64);
  int hits = 0, counted = 0;
  std::vector<double> strengths;
  for (int k = 0; k < samples; ++k) {
    const double t = 0.06 + 0.88 * (k + 0.5) / samples;
    const cv::Point2f p = a + (b - a) * static_cast<float>(t) + offset;
    bool inside = false;
    double best = 0;
    for (int off = -2; off <= 2; ++off) {
      const int x = cvRound(p.x + normal.x * static_cast<float>(off)),
                y = cvRound(p.y + normal.y * static_cast<float>(off));
      if (x < 1 || y < 1 || x >= size.width - 1 || y >= size.height - 1) continue;
      inside = true;
      double aligned = 0;
      const double e = edge_across(g, x, y, normal, aligned);
      if (aligned > 0.8) best = std::max(best, e);
    }
    ++counted;
    if (!inside || best > threshold) ++hits;
    if (inside && best > threshold) strengths.push_back(best);
  }
  if (typical != nullptr) {
    *typical = 0;
    if (!strengths.empty()) {
      std::nth_element(strengths.begin(), strengths.begin() + static_cast<long>(strengths.size() / 2), strengths.end());
      *typical = strengths[strengths.size() / 2];
    }
  }
  return counted > 0 ? static_cast<double>(hits) / counted : 0;
}

// How well a side is marked out as a boundary: its edge support, less what
// parallel lines a few pixels to either side typically get. A side along
// wood grain or ruled paper has texture of like strength all around and
// earns little; a card edge stands out from the card's margin and mostly
// from the ground. Only parallel edges of at least half the side's
// own strength count, so the blur and JPEG ringing of a strong edge do not.
// Sides on the frame count as fully supported.
double side_evidence(const Gradient& g, cv::Point2f a, cv::Point2f b) {
  if (on_frame(a, b, g.gx.size(), 2.5)) return 1.0;
  const double step = std::max(4.0, 0.025 * side_length(a, b));
  double typical = 0;
  const double on = support_at(g, a, b, 0, g.threshold, &typical);
  const double t = std::max(g.threshold, 0.5 * typical);
  // The median over several parallels: a printed rule inside the card and
  // the card's shadow outside each sit at one distance, texture at most.
  std::array<double, 6> beside{};
  for (int k = 0; k < 3; ++k) {
    beside[static_cast<std::size_t>(2 * k)] = support_at(g, a, b, (k + 1) * step, t);
    beside[static_cast<std::size_t>(2 * k + 1)] = support_at(g, a, b, -(k + 1) * step, t);
  }
  std::sort(beside.begin(), beside.end());
  const double edge = std::max(0.0, on - (beside[2] + beside[3]) / 2);
  return std::max(edge, 0.9 * step_support(g, a, b, 4.0));
}

// Moves each side of `q` onto the strongest nearby straight edge running in
// the same direction (robust line fit through the best edge point of each
// normal), and re-intersects the sides. Returns false if the result is not a
// sensible convex quadrilateral.
bool snap_to_edges(const Gradient& g, Quad& q, double reach) {
  const cv::Size size = g.gx.size();
  std::array<cv::Vec4f, 4> lines;
  for (int s = 0; s < 4; ++s) {
    const cv::Point2f a = q[static_cast<std::size_t>(s)], b = q[static_cast<std::size_t>((s + 1) % 4)];
    const double len = side_length(a, b);
    const cv::Point2f dir((b.x - a.x) / static_cast<float>(len), (b.y - a.y) / static_cast<float>(len));
    const cv::Point2f normal(-dir.y, dir.x);
    lines[static_cast<std::size_t>(s)] = cv::Vec4f(dir.x, dir.y, a.x, a.y);
    if (len < 8 || on_frame(a, b, size, 2.5)) continue;
    const int r = std::max(2, static_cast<int>(std::lround(reach)));
    const int samples = std::clamp(static_cast<int>(len / 4), 12, 48);
    std::vector<cv::Point2f> pts;
    for (int k = 0; k < samples; ++k) {
      const double t = 0.08 + 0.84 * (k + 0.5) / samples;
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
        const double e = edge_across(g, x, y, normal, aligned) * (1.0 - 0.3 * std::abs(off) / (r + 1.0));
        if (aligned > 0.85 && e > best) {
          best = e;
          best_p = c;
          found = true;
        }
      }
      if (found) pts.push_back(best_p);
    }
    if (static_cast<int>(pts.size()) < std::max(6, samples / 3)) continue;
    cv::Vec4f line;
    cv::fitLine(pts, line, cv::DIST_HUBER, 0, 0.01, 0.01);
    // Keep the fitted side only if it runs the same way as before.
    if (std::abs(line[0] * dir.x + line[1] * dir.y) < std::cos(8.0 * CV_PI / 180)) continue;
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
    if (cv::norm(x - cv::Point2d(q[static_cast<std::size_t>(i)])) > 3 * reach + 4) return false;
    out[static_cast<std::size_t>(i)] = cv::Point2f(static_cast<float>(x.x), static_cast<float>(x.y));
  }
  q = out;
  return true;
}

// Long side over short side (mean of opposite sides).
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
    // A card seen at up to ~40° of tilt keeps its corners within 35° of square.
    const cv::Point2d u = a - b, v = c - b;
    const double cosang = (u.x * v.x + u.y * v.y) / std::max(1e-9, cv::norm(u) * cv::norm(v));
    if (std::abs(cosang) > std::sin(35.0 * CV_PI / 180)) return false;
  }
  const double top = side_length(q[0], q[1]), bottom = side_length(q[3], q[2]);
  const double left = side_length(q[0], q[3]), right = side_length(q[1], q[2]);
  if (std::min(top, bottom) / std::max(top, bottom) < 0.6 || std::min(left, right) / std::max(left, right) < 0.6) {
    return false;
  }
  const double w = (top + bottom) / 2, h = (left + right) / 2;
  if (w < 8 || h < 8) return false;
  aspect = std::max(w, h) / std::min(w, h);
  return aspect >= options.min_aspect && aspect <= options.max_aspect;
}

Quad to_quad(const Poly& poly) {
  std::vector<cv::Point2f> pts;
  for (const auto& p : poly) pts.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
  return order_corners(pts);
}

// Quadrilaterals enclosing the filled regions of `mask`.
void add_regions(const cv::Mat& mask, double min_area, std::vector<Quad>& out, bool components_of_background = false) {
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, components_of_background ? cv::RETR_CCOMP : cv::RETR_EXTERNAL,
                   cv::CHAIN_APPROX_SIMPLE);
  const double image_area = static_cast<double>(mask.total());
  for (const auto& contour : contours) {
    const double area = cv::contourArea(contour);
    if (area < min_area || area > image_area * 0.995) continue;
    std::vector<cv::Point> hull;
    cv::convexHull(contour, hull);
    std::vector<cv::Point> simple;
    cv::approxPolyDP(hull, simple, 1.5, true);
    if (simple.size() < 4) continue;
    const Poly quad = enclosing_quad(Poly(simple.begin(), simple.end()));
    if (quad.empty()) continue;
    const double qa = polygon_area(quad);
    // A region much smaller than its enclosing quad is not a filled card
    // (a leak around an object, a pen, a diagonal stripe).
    if (qa <= 0 || area / qa < 0.75) continue;
    out.push_back(to_quad(quad));
  }
}

struct Scored {
  Quad quad;
  double score = 0;
  double area = 0;
  int frame_sides = 0;  // sides lying on the image border
};

double overlap_area(const Quad& a, const Quad& b) {
  std::vector<cv::Point2f> pa(a.begin(), a.end()), pb(b.begin(), b.end()), inter;
  return cv::intersectConvexConvex(pa, pb, inter, true);
}

// A straight edge: merged Hough segments along one line, with the stretches
// of it that edge pixels actually cover.
struct EdgeLine {
  cv::Point2d origin, dir;                       // a point on the line, unit direction
  std::vector<std::pair<double, double>> spans;  // covered stretches, as positions along dir
  double length = 0;                             // length covered by its pieces
  std::vector<cv::Point2f> ends;                 // ends of the pieces it was fitted to
};

// Long straight edges of `edges` (a binary edge map), collinear pieces merged.
std::vector<EdgeLine> straight_edges(const cv::Mat& edges, double min_length, std::size_t keep) {
  std::vector<cv::Vec4i> segs;
  cv::HoughLinesP(edges, segs, 1, CV_PI / 180, std::max(20, static_cast<int>(min_length / 2)), min_length, 6);
  std::sort(segs.begin(), segs.end(), [](const cv::Vec4i& a, const cv::Vec4i& b) {
    return std::hypot(a[2] - a[0], a[3] - a[1]) > std::hypot(b[2] - b[0], b[3] - b[1]);
  });
  std::vector<EdgeLine> lines;
  for (const auto& sgm : segs) {
    const cv::Point2d p(sgm[0], sgm[1]), q(sgm[2], sgm[3]);
    const double len = cv::norm(q - p);
    if (len < 1) continue;
    const cv::Point2d d = (q - p) / len;
    bool merged = false;
    for (auto& l : lines) {
      // Short pieces (the dashes of a broken rim) have uncertain angles:
      // for them, both ends lying on the line is enough. The line is
      // refitted as pieces join, so a long, slightly slanted edge that
      // the transform found as level pieces at stepped heights still
      // comes out as one.
      if (std::abs(cross(l.dir, d)) > std::sin((len < 60 ? 10.0 : 2.5) * CV_PI / 180)) continue;
      if (std::abs(cross(l.dir, p - l.origin)) > 3 || std::abs(cross(l.dir, q - l.origin)) > 3) continue;
      l.ends.emplace_back(p);
      l.ends.emplace_back(q);
      l.length += len;
      cv::Vec4f fit;
      cv::fitLine(l.ends, fit, cv::DIST_L2, 0, 0.01, 0.01);
      l.dir = cv::Point2d(fit[0], fit[1]);
      l.origin = cv::Point2d(fit[2], fit[3]);
      merged = true;
      break;
    }
    if (!merged) {
      EdgeLine l;
      l.origin = p;
      l.dir = d;
      l.ends = {cv::Point2f(p), cv::Point2f(q)};
      l.length = len;
      lines.push_back(std::move(l));
    }
  }
  // Covered stretches along each line's final fit.
  for (auto& l : lines) {
    for (std::size_t i = 0; i + 1 < l.ends.size(); i += 2) {
      double t0 = (cv::Point2d(l.ends[i]) - l.origin).dot(l.dir),
             t1 = (cv::Point2d(l.ends[i + 1]) - l.origin).dot(l.dir);
      if (t0 > t1) std::swap(t0, t1);
      l.spans.emplace_back(t0, t1);
    }
  }
  // Covered stretches merged; a line's length is what they cover (the
  // transform finds one edge as many overlapping pieces).
  for (auto& l : lines) {
    std::sort(l.spans.begin(), l.spans.end());
    std::vector<std::pair<double, double>> merged;
    for (const auto& sp : l.spans) {
      if (!merged.empty() && sp.first <= merged.back().second + 8) {
        merged.back().second = std::max(merged.back().second, sp.second);
      } else {
        merged.push_back(sp);
      }
    }
    l.spans = std::move(merged);
    l.length = 0;
    for (const auto& sp : l.spans) l.length += sp.second - sp.first;
  }
  std::sort(lines.begin(), lines.end(), [](const EdgeLine& a, const EdgeLine& b) { return a.length > b.length; });
  // The longest, but as many across the main direction as along it: the
  // baselines of a card's text lines are long too, and must not crowd out
  // the card's short sides.
  if (lines.size() > keep && !lines.empty()) {
    const cv::Point2d main = lines.front().dir;
    std::vector<EdgeLine> along, across;
    for (auto& l : lines) {
      auto& group = std::abs(cross(main, l.dir)) < std::sin(45 * CV_PI / 180) ? along : across;
      if (group.size() < keep / 2) group.push_back(std::move(l));
    }
    lines = std::move(along);
    for (auto& l : across) lines.push_back(std::move(l));
  }
  return lines;
}

// Fraction of the stretch between a and b (both on line l) that l covers.
double coverage(const EdgeLine& l, cv::Point2d a, cv::Point2d b) {
  double t0 = (a - l.origin).dot(l.dir), t1 = (b - l.origin).dot(l.dir);
  if (t0 > t1) std::swap(t0, t1);
  if (t1 - t0 < 1) return 0;
  double covered = 0;
  for (const auto& sp : l.spans) covered += std::max(0.0, std::min(t1, sp.second) - std::max(t0, sp.first));
  return covered / (t1 - t0);
}

// Quadrilaterals whose four sides lie on straight edges that cover most of
// each side: two roughly parallel pairs meeting at roughly right angles.
void add_line_quads(const std::vector<EdgeLine>& lines, double min_side, cv::Size size, std::vector<Quad>& out) {
  struct Pair {
    std::size_t a, b;
    cv::Point2d dir;
  };
  std::vector<Pair> pairs;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      if (std::abs(cross(lines[i].dir, lines[j].dir)) > std::sin(20 * CV_PI / 180)) continue;
      if (std::abs(cross(lines[i].dir, lines[j].origin - lines[i].origin)) < min_side) continue;
      pairs.push_back({i, j, lines[i].dir});
    }
  }
  std::vector<std::pair<double, Quad>> found;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    for (std::size_t r = p + 1; r < pairs.size(); ++r) {
      if (std::abs(cross(pairs[p].dir, pairs[r].dir)) < std::sin(55 * CV_PI / 180)) continue;
      const EdgeLine* l[4] = {&lines[pairs[p].a], &lines[pairs[r].a], &lines[pairs[p].b], &lines[pairs[r].b]};
      cv::Point2d c[4];
      bool ok = true;
      for (int k = 0; k < 4 && ok; ++k) {
        const EdgeLine& u = *l[k];
        const EdgeLine& v = *l[(k + 1) % 4];
        ok = intersect(u.origin, u.origin + u.dir, v.origin, v.origin + v.dir, c[k]);
        if (ok)
          ok = c[k].x > -0.05 * size.width && c[k].y > -0.05 * size.height && c[k].x < 1.05 * size.width &&
               c[k].y < 1.05 * size.height;
      }
      if (!ok) continue;
      // Side k lies on line l[k] between corners c[k-1] and c[k].
      double worst = 1, sum = 0;
      for (int k = 0; k < 4; ++k) {
        const double cov = coverage(*l[k], c[(k + 3) % 4], c[k]);
        worst = std::min(worst, cov);
        sum += cov;
      }
      if (worst < 0.4 || sum < 2.6) continue;
      std::vector<cv::Point2f> pts;
      for (const auto& x : c) pts.emplace_back(static_cast<float>(x.x), static_cast<float>(x.y));
      found.emplace_back(sum + worst, order_corners(pts));
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < found.size() && i < 60; ++i) out.push_back(found[i].second);
}

// Rectangles between two long parallel edges whose main stretches begin
// and end together: a card's long sides on a ground where its short sides
// vanish (white on white under strong light). The ends of the edges are
// the card's corners.
void add_edge_pairs(const std::vector<EdgeLine>& lines, double min_side, std::vector<Quad>& out) {
  // A line's extent, first covered point to last, if mostly covered (a rim
  // broken by glare or dashes); else its longest stretch.
  auto main_span = [](const EdgeLine& l) {
    std::pair<double, double> best{0, 0};
    if (l.spans.empty()) return best;
    for (const auto& sp : l.spans) {
      if (sp.second - sp.first > best.second - best.first) best = sp;
    }
    const std::pair<double, double> extent{l.spans.front().first, l.spans.back().second};
    return l.length >= 0.7 * (extent.second - extent.first) ? extent : best;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto si = main_span(lines[i]);
    const double li = si.second - si.first;
    if (li < 2 * min_side) continue;
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      const EdgeLine &a = lines[i], &b = lines[j];
      if (std::abs(cross(a.dir, b.dir)) > std::sin(3 * CV_PI / 180)) continue;
      const double gap = std::abs(cross(a.dir, b.origin - a.origin));
      if (gap < min_side) continue;
      const auto sj = main_span(b);
      // b's stretch in a's terms.
      const cv::Point2d b0 = b.origin + b.dir * sj.first, b1 = b.origin + b.dir * sj.second;
      double t0 = (b0 - a.origin).dot(a.dir), t1 = (b1 - a.origin).dot(a.dir);
      if (t0 > t1) std::swap(t0, t1);
      const double lj = t1 - t0;
      if (std::min(li, lj) < 0.9 * std::max(li, lj)) continue;
      const double tol = 0.04 * li;
      if (std::abs(t0 - si.first) > tol || std::abs(t1 - si.second) > tol) continue;
      const cv::Point2d a0 = a.origin + a.dir * si.first, a1 = a.origin + a.dir * si.second;
      const bool same_way = (b1 - b0).dot(a.dir) > 0;
      std::vector<cv::Point2f> pts = {cv::Point2f(a0), cv::Point2f(a1), cv::Point2f(same_way ? b1 : b0),
                                      cv::Point2f(same_way ? b0 : b1)};
      out.push_back(order_corners(pts));
    }
  }
}

// Scores a refined outline by how well its sides are marked out as
// boundaries; nothing if it is too small, too large, or not a boundary.
std::optional<Scored> score_quad(const Gradient& grad, const Quad& q, const CaptureOptions& options,
                                 double image_area) {
  const double area = quad_area(q);
  if (area < options.min_card_area * image_area || area > options.max_card_area * image_area) return std::nullopt;
  std::array<double, 4> evidence{};
  int frame_sides = 0;
  for (std::size_t s = 0; s < 4; ++s) {
    evidence[s] = side_evidence(grad, q[s], q[(s + 1) % 4]);
    if (on_frame(q[s], q[(s + 1) % 4], grad.gx.size(), 2.5)) ++frame_sides;
  }
  const double support = (evidence[0] + evidence[1] + evidence[2] + evidence[3]) / 4;
  std::sort(evidence.begin(), evidence.end());
  // One side may vanish in glare or against a ground of the card's own
  // colour when the other three are clear.
  const double weakest = evidence[1] >= 0.75 ? std::max(evidence[0], 0.35) : evidence[0];
  // Sides on the frame count as support, so the frame itself (or most of
  // it) would pass: at least two real edges are required.
  if (weakest < 0.35 || support < 0.6 || frame_sides > 2) return std::nullopt;
  return Scored{q, 0.75 * support + 0.25 * weakest - 0.05 * frame_sides, area, frame_sides};
}

// Scores an outline of which only two opposite sides need be marked out
// (add_edge_pairs), both clearly; nothing otherwise. Scored below any
// outline with more sides seen.
std::optional<Scored> score_edge_pair(const Gradient& grad, const Quad& q, const CaptureOptions& options,
                                      double image_area) {
  const double area = quad_area(q);
  if (area < options.min_card_area * image_area || area > options.max_card_area * image_area) return std::nullopt;
  std::array<double, 4> evidence{};
  for (std::size_t s = 0; s < 4; ++s) {
    if (on_frame(q[s], q[(s + 1) % 4], grad.gx.size(), 2.5)) return std::nullopt;
    evidence[s] = side_evidence(grad, q[s], q[(s + 1) % 4]);
  }
  const double pair0 = std::min(evidence[0], evidence[2]), pair1 = std::min(evidence[1], evidence[3]);
  const double strong = std::max(pair0, pair1);
  if (strong < 0.75) return std::nullopt;
  return Scored{q, 0.5 * strong, area, 0};
}

// From scored outlines, the set that are cards: duplicates merged,
// containers and printed parts dropped, partial overlaps resolved.
std::vector<Scored> select_cards(std::vector<Scored> scored) {
  // Outlines of one object (the card, the card and its rim, the printed
  // area inside a thin margin) keep the best, preferring the larger when
  // scores are close.
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  std::vector<Scored> objects;
  for (const auto& s : scored) {
    bool merged = false;
    for (auto& o : objects) {
      const double inter = overlap_area(s.quad, o.quad);
      const double small_a = std::min(s.area, o.area), large_a = std::max(s.area, o.area);
      if (inter > 0.85 * small_a && small_a > 0.6 * large_a) {
        if (s.area > o.area && s.score > o.score - 0.08) o = s;
        merged = true;
        break;
      }
    }
    if (!merged) objects.push_back(s);
  }

  // Containment: an outline holding other card-like outlines is either a
  // card with printed parts (a colour band or panel lies along the card's
  // own sides; a logo box floats inside) or a sheet, tray or page holding
  // cards, or two cards side by side seen as one.
  std::vector<bool> drop(objects.size(), false);
  for (std::size_t i = 0; i < objects.size(); ++i) {
    std::vector<std::size_t> inside;
    for (std::size_t j = 0; j < objects.size(); ++j) {
      if (i == j || objects[j].area >= objects[i].area) continue;
      if (overlap_area(objects[j].quad, objects[i].quad) > 0.85 * objects[j].area) inside.push_back(j);
    }
    bool container = false;
    for (auto j : inside) {
      // Resting on the frame around something that is not: ground or a
      // sheet cut by the frame.
      container = container || objects[j].frame_sides < objects[i].frame_sides;
    }
    for (std::size_t a = 0; a < inside.size() && !container; ++a) {
      for (std::size_t b = a + 1; b < inside.size() && !container; ++b) {
        // Two disjoint card-like outlines of similar size inside: no card
        // has such parts (a band or panel is far smaller or not card-shaped).
        const Scored &oa = objects[inside[a]], &ob = objects[inside[b]];
        if (std::min(oa.area, ob.area) > 0.5 * std::max(oa.area, ob.area) &&
            overlap_area(oa.quad, ob.quad) < 0.1 * std::min(oa.area, ob.area) &&
            std::min(oa.score, ob.score) > objects[i].score - 0.1) {
          container = true;
        }
      }
    }
    if (container) {
      drop[i] = true;
    } else {
      for (auto j : inside) drop[j] = true;
    }
  }
  std::vector<Scored> cards;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (!drop[i]) cards.push_back(objects[i]);
  }

  // Two sides on the frame: only a corner of something is in view, too
  // little to tell a card from a sheet, a plank or a strip of ground.
  std::erase_if(cards, [](const Scored& c) { return c.frame_sides >= 2; });

  // Partial overlaps (a card lying on another, a shadow region): best first.
  std::sort(cards.begin(), cards.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  std::vector<Scored> kept;
  for (const auto& s : cards) {
    bool clash = false;
    for (const auto& k : kept) {
      if (overlap_area(s.quad, k.quad) > 0.15 * std::min(s.area, k.area)) {
        clash = true;
        break;
      }
    }
    if (!clash) kept.push_back(s);
  }
  return kept;
}

// A gray copy of the picture for reading print: integer-factor area
// averaging (the fast path) to at most 1600 pixels on the long side, so a
// card's small print keeps a few pixels of height.
cv::Mat print_view(const cv::Mat& image) {
  const int k = std::max(1, (std::max(image.cols, image.rows) + 1599) / 1600);
  cv::Mat reduced = image;
  if (k >= 2) cv::resize(image, reduced, cv::Size(image.cols / k, image.rows / k), 0, 0, cv::INTER_AREA);
  cv::Mat gray;
  if (reduced.channels() == 3) {
    cv::cvtColor(reduced, gray, cv::COLOR_BGR2GRAY);
  } else if (reduced.channels() == 4) {
    cv::cvtColor(reduced, gray, cv::COLOR_BGRA2GRAY);
  } else {
    gray = reduced;
  }
  return gray;
}

}  // namespace

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
  std::vector<cv::Mat> channels, sharp;
  cv::split(lab, channels);
  cv::split(lab_sharp, sharp);
  const cv::Mat& lightness = channels[0];

  // Colour gradient: the strongest of the L, a, b gradients at each pixel.
  Gradient grad;
  {
    std::vector<cv::Mat> cgx(3), cgy(3), mags(3);
    for (int c = 0; c < 3; ++c) {
      cv::Sobel(sharp[static_cast<std::size_t>(c)], cgx[static_cast<std::size_t>(c)], CV_32F, 1, 0, 3, 1.0 / 4);
      cv::Sobel(sharp[static_cast<std::size_t>(c)], cgy[static_cast<std::size_t>(c)], CV_32F, 0, 1, 3, 1.0 / 4);
      cv::magnitude(cgx[static_cast<std::size_t>(c)], cgy[static_cast<std::size_t>(c)],
                    mags[static_cast<std::size_t>(c)]);
    }
    grad.gx = cgx[0].clone();
    grad.gy = cgy[0].clone();
    cv::Mat best = mags[0].clone();
    for (std::size_t c = 1; c < 3; ++c) {
      const cv::Mat use_c = mags[c] > best;
      cgx[c].copyTo(grad.gx, use_c);
      cgy[c].copyTo(grad.gy, use_c);
      mags[c].copyTo(best, use_c);
    }
  }
  grad.lab = lab;
  cv::Mat magnitude;
  cv::magnitude(grad.gx, grad.gy, magnitude);
  // An edge is a gradient well above this image's typical texture, but a
  // faint rim (a white card on a white scanner bed) must still count.
  {
    cv::Mat m8;
    magnitude.convertTo(m8, CV_8U, 4.0);
    int hist[256] = {0};
    for (int y = 0; y < m8.rows; ++y) {
      const uchar* row = m8.ptr<uchar>(y);
      for (int x = 0; x < m8.cols; ++x) ++hist[row[x]];
    }
    const long total = static_cast<long>(m8.total());
    long acc = 0;
    int median = 0;
    for (int i = 0; i < 256; ++i) {
      acc += hist[i];
      if (acc * 2 >= total) {
        median = i;
        break;
      }
    }
    grad.threshold = std::max(0.75, 3.0 * median / 4.0);
  }

  const double image_area = static_cast<double>(small.total());
  const double min_area = options.min_card_area * image_area;
  std::vector<Quad> proposals, line_proposals;
  cv::Mat line_edges;  // the edge map straight edges are taken from
  const double min_side = std::sqrt(min_area / 2.2);
  const cv::Mat k5 = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5));
  const cv::Mat k3 = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3));
  auto split_both = [&](const cv::Mat& channel) {
    cv::Mat fg;
    cv::threshold(channel, fg, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(fg, fg, cv::MORPH_OPEN, k5);
    add_regions(fg, min_area * 0.7, proposals);
    cv::bitwise_not(fg, fg);
    cv::morphologyEx(fg, fg, cv::MORPH_OPEN, k5);
    add_regions(fg, min_area * 0.7, proposals);
  };

  // 1. Lightness and chroma splits, both polarities.
  split_both(lightness);
  {
    cv::Mat a16, b16, chroma;
    channels[1].convertTo(a16, CV_32F, 1, -128);
    channels[2].convertTo(b16, CV_32F, 1, -128);
    cv::magnitude(a16, b16, chroma);
    double lo = 0, hi = 0;
    cv::minMaxLoc(chroma, &lo, &hi);
    if (hi - lo > 12) {
      cv::Mat c8;
      chroma.convertTo(c8, CV_8U, 255.0 / (hi - lo), -lo * 255.0 / (hi - lo));
      split_both(c8);
    }
  }
  double ground_noise = 255;  // spread of the ground's colour along the frame
  // 2. Distance from the colour of the ground, sampled along the frame.
  {
    const int band = std::max(2, std::min(small.cols, small.rows) / 40);
    std::vector<uchar> v[3];
    for (int y = 0; y < lab.rows; y += 2) {
      const bool edge_row = y < band || y >= lab.rows - band;
      for (int x = 0; x < lab.cols; x += edge_row ? 2 : 1) {
        if (!edge_row && x >= band && x < lab.cols - band) x = lab.cols - band;
        const cv::Vec3b px = lab.at<cv::Vec3b>(y, x);
        for (int c = 0; c < 3; ++c) v[c].push_back(px[c]);
      }
    }
    cv::Scalar bg;
    for (int c = 0; c < 3; ++c) {
      std::nth_element(v[c].begin(), v[c].begin() + static_cast<long>(v[c].size() / 2), v[c].end());
      bg[c] = v[c][v[c].size() / 2];
    }
    // Colour distance as the sum of per-channel differences (8-bit, fast).
    auto distance_to = [&](const cv::Mat& src) {
      cv::Mat d3;
      cv::absdiff(src, bg, d3);
      cv::Mat d;
      cv::transform(d3, d, cv::Matx13f(1, 1, 1));
      return d;
    };
    const cv::Mat dist8 = distance_to(lab);
    cv::Mat fg;
    cv::threshold(dist8, fg, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(fg, fg, cv::MORPH_OPEN, k5);
    cv::morphologyEx(fg, fg, cv::MORPH_CLOSE, k5);
    add_regions(fg, min_area * 0.7, proposals);

    // Every mark that stands out from the ground's own noise: on a clean
    // scanner bed the hairline rim, shadow and print of a white card,
    // merged into one blob whose outline is the card's.
    const cv::Mat sdist = distance_to(lab_sharp);
    std::vector<uchar> ground;
    for (int y = 0; y < sdist.rows; y += 2) {
      const bool edge_row = y < band || y >= sdist.rows - band;
      for (int x = 0; x < sdist.cols; x += 2) {
        if (!edge_row && x >= band && x < sdist.cols - band) x = sdist.cols - band;
        ground.push_back(sdist.at<uchar>(y, x));
      }
    }
    const auto p90 = ground.begin() + static_cast<long>(ground.size() * 9 / 10);
    std::nth_element(ground.begin(), p90, ground.end());
    const double noise = *p90;
    ground_noise = noise;
    if (noise < 8) {  // only a quiet ground lets faint marks through
      cv::Mat marks = sdist > std::max(3.0, 2.0 * noise);
      const int k = std::max(3, (std::min(small.cols, small.rows) / 100) | 1);
      cv::morphologyEx(marks, marks, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
      add_regions(marks, min_area * 0.7, proposals);
    }
  }
  // 3. Regions closed by edges, at two sensitivities: white cards on white
  //    beds, where only a faint rim or shadow separates card from ground,
  //    and cards touching each other or a sheet of paper of the same colour.
  {
    cv::Mat mag8;
    magnitude.convertTo(mag8, CV_8U, 4.0);
    bool lines_done = false;
    for (const double f : {1.0, 2.0, 4.0}) {
      const double t = grad.threshold * 4.0 * f;
      cv::Mat edges;
      cv::Canny(mag8, edges, t, 2 * t);  // hysteresis on the colour gradient magnitude
      cv::Mat strong = mag8 > 2 * t;
      edges |= strong;
      cv::Mat thin = edges.clone();
      cv::dilate(edges, edges, k3);
      cv::Mat regions;
      cv::bitwise_not(edges, regions);
      add_regions(regions, min_area * 0.6, proposals, true);
      if (!lines_done && (cv::countNonZero(thin) < 0.04 * static_cast<double>(thin.total()) || f == 4.0)) {
        // 4. Quadrilaterals of long straight edges, for outlines too faint
        //    or broken to close a region (hairline rims, cards touching),
        //    from the most sensitive edge map that is not mostly texture.
        //    Made at once on a plain ground, where a long straight edge is
        //    an object's; elsewhere (wood or ruled paper, whose grain makes
        //    outlines, or a ground under uneven light) only if the regions
        //    explain nothing.
        lines_done = true;
        line_edges = thin;
        if (ground_noise < 8) {
          auto ls = straight_edges(thin, min_side * 0.5, 30);
          add_line_quads(ls, min_side, small.size(), line_proposals);
        }
      }
    }
  }

  // Cards printed in two panels (a colour band beside a white field) split
  // into two regions in every segmentation: propose the union of any two
  // regions that together fill their common outline.
  {
    std::vector<Quad> parts = proposals;
    std::sort(parts.begin(), parts.end(), [](const Quad& a, const Quad& b) { return quad_area(a) > quad_area(b); });
    if (parts.size() > 40) parts.resize(40);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const double ai = quad_area(parts[i]);
      for (std::size_t j = i + 1; j < parts.size(); ++j) {
        const double aj = quad_area(parts[j]);
        if (ai + aj < min_area) continue;
        const double inter = overlap_area(parts[i], parts[j]);
        if (inter > 0.2 * aj) continue;  // the same region found twice
        std::vector<cv::Point2f> pts(parts[i].begin(), parts[i].end());
        pts.insert(pts.end(), parts[j].begin(), parts[j].end());
        std::vector<cv::Point2f> hull;
        cv::convexHull(pts, hull);
        Poly hp(hull.begin(), hull.end());
        const double ha = polygon_area(hp);
        if (ha <= 0 || (ai + aj - inter) / ha < 0.92) continue;
        const Poly quad = enclosing_quad(hp);
        if (quad.empty() || (ai + aj - inter) / polygon_area(quad) < 0.9) continue;
        proposals.push_back(to_quad(quad));
      }
    }
  }

  const double reach = std::max(3.0, std::max(small.cols, small.rows) / 150.0);
  auto score_all = [&](const std::vector<Quad>& quads) {
    std::vector<Scored> scored;
    for (Quad q : quads) {
      double aspect = 0;
      if (!convex_and_card_like(q, options, aspect)) continue;
      Quad refined = q;
      if (snap_to_edges(grad, refined, reach) && snap_to_edges(grad, refined, reach / 2) &&
          convex_and_card_like(refined, options, aspect)) {
        q = refined;
      }
      if (auto s = score_quad(grad, q, options, image_area)) {
        scored.push_back(*s);
      }
    }
    return scored;
  };
  std::vector<Scored> kept = select_cards(score_all(proposals));

  // Outlines made of straight edges only where no region explained the
  // picture: they find white cards on white beds, but also combine the
  // edges of neighbouring cards or a text baseline into false outlines.
  {
    std::vector<Quad> pairs;
    if (kept.empty() && !line_edges.empty()) {
      auto ls = straight_edges(line_edges, min_side * 0.5, 30);
      if (line_proposals.empty()) add_line_quads(ls, min_side, small.size(), line_proposals);
      add_edge_pairs(ls, min_side, pairs);
    }
    std::vector<Scored> extra = score_all(line_proposals);
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
        if (overlap_area(e.quad, k.quad) > 0.05 * std::min(e.area, k.area)) return true;
      }
      return false;
    });
    for (auto& e : select_cards(std::move(extra))) kept.push_back(e);
  }

  const cv::Mat gray = print_view(image);
  const double to_gray = static_cast<double>(gray.cols) / image.cols / scale;
  auto in_gray = [&](const Quad& q) {
    Quad g;
    for (std::size_t i = 0; i < 4; ++i) g[i] = q[i] * static_cast<float>(to_gray);
    return g;
  };
  // Paper sheets (A4 1.41, US letter 1.29) are shaped like squat cards
  // (ISO 1.59, US 1.75, the squattest common ones 1.5); a page's many
  // letters, smaller relative to it than a card's, tell them apart.
  std::vector<Quad> pages;
  std::erase_if(kept, [&](const Scored& s) {
    if (quad_aspect(s.quad) >= 1.5) return false;
    int letters = 0;
    const double height = letter_scale(gray, in_gray(s.quad), &letters);
    if (page_print(letters, height)) pages.push_back(in_gray(s.quad));
    return page_print(letters, height);
  });

  // Cards in one shot are of similar size: far smaller outlines are print,
  // stickers or other clutter.
  double largest = 0;
  for (const auto& k : kept) largest = std::max(largest, k.area);
  std::erase_if(kept, [&](const Scored& s) { return s.area < 0.3 * largest; });
  std::sort(kept.begin(), kept.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  if (static_cast<int>(kept.size()) > options.max_cards) kept.resize(static_cast<std::size_t>(options.max_cards));

  // An outline with far more text around it than inside is a logo box,
  // photo or panel printed on a card that fills the picture (or a finger
  // holding one). Several outlines of like size are a sheet or a table of
  // cards, not parts of one card: only one or two are checked.
  if (!kept.empty() && kept.size() <= 2) {
    std::vector<PrintContext> context(kept.size());
    bool part = false;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      std::vector<Quad> others = pages;  // a page's print is not a card's
      for (std::size_t j = 0; j < kept.size(); ++j) {
        if (j != i) others.push_back(in_gray(kept[j].quad));
      }
      context[i] = read_print_context(gray, in_gray(kept[i].quad), others);
      part = part || printed_part(context[i]);
    }
    // A part found means the picture is a close-up of a card: the other
    // outline, if it holds no text either, is a part too (a photo, a finger).
    std::vector<Scored> cards;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      if (!printed_part(context[i]) && !(part && context[i].inside < 10)) cards.push_back(kept[i]);
    }
    kept = std::move(cards);
  }

  std::vector<QuadCandidate> out;
  for (const auto& k : kept) {
    QuadCandidate c;
    for (std::size_t i = 0; i < 4; ++i) c.quad[i] = k.quad[i] * static_cast<float>(1.0 / scale);
    c.score = k.score;
    c.area = k.area / (scale * scale);
    out.push_back(c);
  }
  return out;
}

}  // namespace cardscan::capture
