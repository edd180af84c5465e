#include "capture/quad_proposals.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "capture/quad_geometry.hpp"
#include "capture/quad_tuning.hpp"

namespace cardscan::capture {

using namespace tuning;

namespace {

// Quadrilaterals enclosing the filled regions of `mask`.
void add_regions(const cv::Mat& mask, double min_area, std::vector<Quad>& out, bool components_of_background = false) {
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, components_of_background ? cv::RETR_CCOMP : cv::RETR_EXTERNAL,
                   cv::CHAIN_APPROX_SIMPLE);
  const double image_area = static_cast<double>(mask.total());
  for (const auto& contour : contours) {
    const double area = cv::contourArea(contour);
    if (area < min_area || area > image_area * kMaxRegionOfImage) continue;
    std::vector<cv::Point> hull;
    cv::convexHull(contour, hull);
    std::vector<cv::Point> simple;
    cv::approxPolyDP(hull, simple, kHullSimplify, true);
    if (simple.size() < 4) continue;
    const Poly quad = enclosing_quad(Poly(simple.begin(), simple.end()));
    if (quad.empty()) continue;
    const double qa = polygon_area(quad);
    // A region much smaller than its enclosing quad is not a filled card
    // (a leak around an object, a pen, a diagonal stripe).
    if (qa <= 0 || area / qa < kMinRegionFill) continue;
    out.push_back(to_quad(quad));
  }
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

}  // namespace

double min_card_side(double min_area) { return std::sqrt(min_area / kSquattestCard); }

// Long straight edges of `edges` (a binary edge map), collinear pieces merged.
std::vector<EdgeLine> straight_edges(const cv::Mat& edges, double min_length, std::size_t keep) {
  std::vector<cv::Vec4i> segs;
  cv::HoughLinesP(edges, segs, 1, CV_PI / 180, std::max(kMinHoughVotes, static_cast<int>(min_length / 2)), min_length,
                  kHoughGap);
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
      if (std::abs(cross(l.dir, d)) >
          std::sin((len < kShortPiece ? kShortPieceAngleDeg : kLongPieceAngleDeg) * CV_PI / 180))
        continue;
      if (std::abs(cross(l.dir, p - l.origin)) > kCollinear || std::abs(cross(l.dir, q - l.origin)) > kCollinear)
        continue;
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
      if (!merged.empty() && sp.first <= merged.back().second + kSpanGap) {
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
      if (std::abs(cross(lines[i].dir, lines[j].dir)) > std::sin(kParallelDeg * CV_PI / 180)) continue;
      if (std::abs(cross(lines[i].dir, lines[j].origin - lines[i].origin)) < min_side) continue;
      pairs.push_back({i, j, lines[i].dir});
    }
  }
  std::vector<std::pair<double, Quad>> found;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    for (std::size_t r = p + 1; r < pairs.size(); ++r) {
      if (std::abs(cross(pairs[p].dir, pairs[r].dir)) < std::sin(kAcrossDeg * CV_PI / 180)) continue;
      const EdgeLine* l[4] = {&lines[pairs[p].a], &lines[pairs[r].a], &lines[pairs[p].b], &lines[pairs[r].b]};
      cv::Point2d c[4];
      bool ok = true;
      for (int k = 0; k < 4 && ok; ++k) {
        const EdgeLine& u = *l[k];
        const EdgeLine& v = *l[(k + 1) % 4];
        ok = intersect(u.origin, u.origin + u.dir, v.origin, v.origin + v.dir, c[k]);
        if (ok)
          ok = c[k].x > -kCornerOutside * size.width && c[k].y > -kCornerOutside * size.height &&
               c[k].x < (1 + kCornerOutside) * size.width && c[k].y < (1 + kCornerOutside) * size.height;
      }
      if (!ok) continue;
      // Side k lies on line l[k] between corners c[k-1] and c[k].
      double worst = 1, sum = 0;
      for (int k = 0; k < 4; ++k) {
        const double cov = coverage(*l[k], c[(k + 3) % 4], c[k]);
        worst = std::min(worst, cov);
        sum += cov;
      }
      if (worst < kMinSideCover || sum < kMinCoverSum) continue;
      std::vector<cv::Point2f> pts;
      for (const auto& x : c) pts.emplace_back(static_cast<float>(x.x), static_cast<float>(x.y));
      found.emplace_back(sum + worst, order_corners(pts));
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < found.size() && i < kLineQuadsKept; ++i) out.push_back(found[i].second);
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
    return l.length >= kMostlyCovered * (extent.second - extent.first) ? extent : best;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto si = main_span(lines[i]);
    const double li = si.second - si.first;
    if (li < 2 * min_side) continue;
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      const EdgeLine &a = lines[i], &b = lines[j];
      if (std::abs(cross(a.dir, b.dir)) > std::sin(kEdgePairDeg * CV_PI / 180)) continue;
      const double gap = std::abs(cross(a.dir, b.origin - a.origin));
      if (gap < min_side) continue;
      const auto sj = main_span(b);
      // b's stretch in a's terms.
      const cv::Point2d b0 = b.origin + b.dir * sj.first, b1 = b.origin + b.dir * sj.second;
      double t0 = (b0 - a.origin).dot(a.dir), t1 = (b1 - a.origin).dot(a.dir);
      if (t0 > t1) std::swap(t0, t1);
      const double lj = t1 - t0;
      if (std::min(li, lj) < kEdgePairLengths * std::max(li, lj)) continue;
      const double tol = kEdgePairEnds * li;
      if (std::abs(t0 - si.first) > tol || std::abs(t1 - si.second) > tol) continue;
      const cv::Point2d a0 = a.origin + a.dir * si.first, a1 = a.origin + a.dir * si.second;
      const bool same_way = (b1 - b0).dot(a.dir) > 0;
      std::vector<cv::Point2f> pts = {cv::Point2f(a0), cv::Point2f(a1), cv::Point2f(same_way ? b1 : b0),
                                      cv::Point2f(same_way ? b0 : b1)};
      out.push_back(order_corners(pts));
    }
  }
}
Proposals propose_quads(const cv::Mat& lab, const cv::Mat& lab_sharp, const Gradient& grad, double min_area) {
  Proposals out;
  std::vector<cv::Mat> channels;
  cv::split(lab, channels);
  const cv::Mat& lightness = channels[0];
  cv::Mat magnitude;
  cv::magnitude(grad.gx, grad.gy, magnitude);
  const double min_side = min_card_side(min_area);
  const cv::Mat k5 = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5));
  const cv::Mat k3 = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3));
  auto split_both = [&](const cv::Mat& channel) {
    cv::Mat fg;
    cv::threshold(channel, fg, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(fg, fg, cv::MORPH_OPEN, k5);
    add_regions(fg, min_area * kSegmentMinArea, out.regions);
    cv::bitwise_not(fg, fg);
    cv::morphologyEx(fg, fg, cv::MORPH_OPEN, k5);
    add_regions(fg, min_area * kSegmentMinArea, out.regions);
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
    if (hi - lo > kMinChromaSpread) {
      cv::Mat c8;
      chroma.convertTo(c8, CV_8U, 255.0 / (hi - lo), -lo * 255.0 / (hi - lo));
      split_both(c8);
    }
  }
  double ground_noise = 255;  // spread of the ground's colour along the frame
  // 2. Distance from the colour of the ground, sampled along the frame.
  {
    const int band = std::max(kMinGroundBand, std::min(lab.cols, lab.rows) / kGroundBandDivisor);
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
    add_regions(fg, min_area * kSegmentMinArea, out.regions);

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
    if (noise < kQuietGround) {  // only a quiet ground lets faint marks through
      cv::Mat marks = sdist > std::max(kMinMark, kMarkOverNoise * noise);
      const int k = std::max(3, (std::min(lab.cols, lab.rows) / kMarkCloseDivisor) | 1);
      cv::morphologyEx(marks, marks, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
      add_regions(marks, min_area * kSegmentMinArea, out.regions);
    }
  }
  // 3. Regions closed by edges, at three sensitivities: white cards on white
  //    beds, where only a faint rim or shadow separates card from ground,
  //    and cards touching each other or a sheet of paper of the same colour.
  {
    cv::Mat mag8;
    magnitude.convertTo(mag8, CV_8U, kMagnitudeTo8Bit);
    bool lines_done = false;
    for (const double f : kEdgeSensitivities) {
      const double t = grad.threshold * kMagnitudeTo8Bit * f;
      cv::Mat edges;
      cv::Canny(mag8, edges, t, 2 * t);  // hysteresis on the colour gradient magnitude
      cv::Mat strong = mag8 > 2 * t;
      edges |= strong;
      cv::Mat thin = edges.clone();
      cv::dilate(edges, edges, k3);
      cv::Mat regions;
      cv::bitwise_not(edges, regions);
      add_regions(regions, min_area * kEdgeRegionMinArea, out.regions, true);
      if (!lines_done && (cv::countNonZero(thin) < kMaxEdgeCover * static_cast<double>(thin.total()) ||
                          f == kEdgeSensitivities.back())) {
        // 4. Quadrilaterals of long straight edges, for outlines too faint
        //    or broken to close a region (hairline rims, cards touching),
        //    from the most sensitive edge map that is not mostly texture.
        //    Made at once on a plain ground, where a long straight edge is
        //    an object's; elsewhere (wood or ruled paper, whose grain makes
        //    outlines, or a ground under uneven light) only if the regions
        //    explain nothing.
        lines_done = true;
        out.line_edges = thin;
        if (ground_noise < kQuietGround) {
          auto ls = straight_edges(thin, min_side * 0.5, kStraightEdgesKept);
          add_line_quads(ls, min_side, lab.size(), out.lines);
        }
      }
    }
  }

  // Cards printed in two panels (a colour band beside a white field) split
  // into two regions in every segmentation: propose the union of any two
  // regions that together fill their common outline.
  {
    std::vector<Quad> parts = out.regions;
    std::sort(parts.begin(), parts.end(), [](const Quad& a, const Quad& b) { return quad_area(a) > quad_area(b); });
    if (parts.size() > kPanelParts) parts.resize(kPanelParts);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const double ai = quad_area(parts[i]);
      for (std::size_t j = i + 1; j < parts.size(); ++j) {
        const double aj = quad_area(parts[j]);
        if (ai + aj < min_area) continue;
        const double inter = overlap_area(parts[i], parts[j]);
        if (inter > kPanelOverlap * aj) continue;  // the same region found twice
        std::vector<cv::Point2f> pts(parts[i].begin(), parts[i].end());
        pts.insert(pts.end(), parts[j].begin(), parts[j].end());
        std::vector<cv::Point2f> hull;
        cv::convexHull(pts, hull);
        Poly hp(hull.begin(), hull.end());
        const double ha = polygon_area(hp);
        if (ha <= 0 || (ai + aj - inter) / ha < kPanelHullFill) continue;
        const Poly quad = enclosing_quad(hp);
        if (quad.empty() || (ai + aj - inter) / polygon_area(quad) < kPanelQuadFill) continue;
        out.regions.push_back(to_quad(quad));
      }
    }
  }
  return out;
}

}  // namespace cardscan::capture
