#include "capture/quad_finder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"

namespace cardscan::capture {
namespace {

double cross(cv::Point2d a, cv::Point2d b) { return a.x * b.y - a.y * b.x; }

double polygon_area(const std::vector<cv::Point2d>& p) {
  double a = 0;
  for (std::size_t i = 0; i < p.size(); ++i) a += cross(p[i], p[(i + 1) % p.size()]);
  return std::abs(a) / 2;
}

// Intersection of the infinite lines through (a0,a1) and (b0,b1).
bool intersect(cv::Point2d a0, cv::Point2d a1, cv::Point2d b0, cv::Point2d b1, cv::Point2d& out) {
  const cv::Point2d r = a1 - a0, s = b1 - b0;
  const double d = cross(r, s);
  if (std::abs(d) < 1e-9) return false;
  const double t = cross(b0 - a0, s) / d;
  out = a0 + t * r;
  return true;
}

// Reduces a convex polygon to the four-sided polygon that encloses it with the
// least added area: each step drops the edge whose neighbours, extended,
// meet closest. Rounded card corners come out as their sharp intersections.
std::vector<cv::Point2d> enclosing_quad(std::vector<cv::Point2d> poly) {
  while (poly.size() > 4) {
    const std::size_t n = poly.size();
    double best_cost = std::numeric_limits<double>::infinity();
    std::size_t best = n;
    cv::Point2d best_point;
    for (std::size_t i = 0; i < n; ++i) {
      // Edge i runs from poly[i] to poly[i+1]; its neighbours are (i-1,i) and (i+1,i+2).
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
    std::vector<cv::Point2d> next_poly;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == best) {
        next_poly.push_back(best_point);
      } else if (i != (best + 1) % n) {
        next_poly.push_back(poly[i]);
      }
    }
    // Vertex best was replaced by the intersection and best+1 dropped.
    poly = std::move(next_poly);
  }
  return poly.size() == 4 ? poly : std::vector<cv::Point2d>{};
}

struct Scored {
  Quad quad;
  double score;
  double area;
};

double side_length(cv::Point2f a, cv::Point2f b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Fraction of each side of the quad that sits on an image edge running along
// it; sides on the image border count as supported (cards cut by the frame).
double edge_support(const Quad& q, const cv::Mat& gx, const cv::Mat& gy, double threshold, double& weakest) {
  const double border = 3.0;
  double total = 0;
  weakest = 1.0;
  for (int s = 0; s < 4; ++s) {
    const cv::Point2f a = q[s], b = q[(s + 1) % 4];
    const double len = side_length(a, b);
    if (len < 4) {
      weakest = 0;
      return 0;
    }
    const cv::Point2f dir((b.x - a.x) / len, (b.y - a.y) / len);
    const cv::Point2f normal(-dir.y, dir.x);
    const bool on_border = (a.x < border && b.x < border) || (a.y < border && b.y < border) ||
                           (a.x > gx.cols - 1 - border && b.x > gx.cols - 1 - border) ||
                           (a.y > gx.rows - 1 - border && b.y > gx.rows - 1 - border);
    double support = 0;
    if (on_border) {
      support = 1.0;
    } else {
      const int samples = 48;
      int hits = 0, counted = 0;
      for (int k = 0; k < samples; ++k) {
        const double t = 0.08 + 0.84 * (k + 0.5) / samples;
        const cv::Point2f p = a + (b - a) * t;
        double best = 0;
        bool inside = false;
        for (int off = -3; off <= 3; ++off) {
          const int x = cvRound(p.x + normal.x * off), y = cvRound(p.y + normal.y * off);
          if (x < 0 || y < 0 || x >= gx.cols || y >= gx.rows) continue;
          inside = true;
          const double g = std::abs(gx.at<float>(y, x) * normal.x + gy.at<float>(y, x) * normal.y);
          best = std::max(best, g);
        }
        if (!inside) continue;  // this part of the side is outside the frame
        ++counted;
        if (best > threshold) ++hits;
      }
      support = counted > 0 ? static_cast<double>(hits) / counted : 1.0;
    }
    weakest = std::min(weakest, support);
    total += support;
  }
  return total / 4;
}

void add_candidates(const cv::Mat& mask, const CaptureOptions& options, std::vector<std::vector<cv::Point2d>>& out) {
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
  const double image_area = static_cast<double>(mask.total());
  for (const auto& contour : contours) {
    const double area = cv::contourArea(contour);
    if (area < options.min_card_area * image_area * 0.7 || area > image_area * 0.995) continue;
    std::vector<cv::Point> hull;
    cv::convexHull(contour, hull);
    // Very detailed hulls reduce slowly; a light simplification keeps corners.
    std::vector<cv::Point> simple;
    cv::approxPolyDP(hull, simple, 1.5, true);
    if (simple.size() < 4) continue;
    std::vector<cv::Point2d> poly(simple.begin(), simple.end());
    auto quad = enclosing_quad(poly);
    if (quad.empty()) continue;
    const double quad_area = polygon_area(quad);
    if (quad_area <= 0 || area / quad_area < 0.80) continue;  // not a filled quadrilateral
    out.push_back(std::move(quad));
  }
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
  const double scale = std::min(1.0, static_cast<double>(options.detect_max_side) / std::max(image.cols, image.rows));
  cv::Mat small;
  if (scale < 1.0) {
    cv::resize(image, small, cv::Size(), scale, scale, cv::INTER_AREA);
  } else {
    small = image;
  }
  cv::Mat blurred;
  cv::GaussianBlur(small, blurred, cv::Size(5, 5), 0);
  cv::Mat lab;
  cv::cvtColor(blurred, lab, cv::COLOR_BGR2Lab);
  std::vector<cv::Mat> channels;
  cv::split(lab, channels);
  const cv::Mat& lightness = channels[0];

  // Colour gradient: the strongest of the L, a, b gradients at each pixel.
  cv::Mat gx, gy;
  {
    std::vector<cv::Mat> cgx(3), cgy(3);
    for (int c = 0; c < 3; ++c) {
      cv::Sobel(channels[c], cgx[c], CV_32F, 1, 0, 3, 1.0 / 4);
      cv::Sobel(channels[c], cgy[c], CV_32F, 0, 1, 3, 1.0 / 4);
    }
    gx = cgx[0].clone();
    gy = cgy[0].clone();
    for (int c = 1; c < 3; ++c) {
      cv::Mat mag_best, mag_c;
      cv::magnitude(gx, gy, mag_best);
      cv::magnitude(cgx[c], cgy[c], mag_c);
      const cv::Mat use_c = mag_c > mag_best;
      cgx[c].copyTo(gx, use_c);
      cgy[c].copyTo(gy, use_c);
    }
  }
  cv::Mat magnitude;
  cv::magnitude(gx, gy, magnitude);

  std::vector<std::vector<cv::Point2d>> proposals;
  const cv::Mat open_kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5));

  // 1. Lightness split by Otsu, both polarities: light cards on dark ground
  //    and dark cards on light ground.
  {
    cv::Mat bright;
    cv::threshold(lightness, bright, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(bright, bright, cv::MORPH_OPEN, open_kernel);
    add_candidates(bright, options, proposals);
    cv::Mat dark;
    cv::bitwise_not(bright, dark);
    add_candidates(dark, options, proposals);
  }
  // 2. Distance from the background colour seen along the image border.
  {
    const int band = std::max(2, std::min(small.cols, small.rows) / 30);
    std::vector<cv::Vec3b> samples;
    for (int y = 0; y < lab.rows; ++y) {
      for (int x = 0; x < lab.cols; ++x) {
        if (x < band || y < band || x >= lab.cols - band || y >= lab.rows - band) samples.push_back(lab.at<cv::Vec3b>(y, x));
      }
    }
    cv::Vec3f bg;
    for (int c = 0; c < 3; ++c) {
      std::vector<uchar> v(samples.size());
      for (std::size_t i = 0; i < samples.size(); ++i) v[i] = samples[i][c];
      std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
      bg[c] = v[v.size() / 2];
    }
    cv::Mat labf;
    lab.convertTo(labf, CV_32FC3);
    cv::Mat diff = labf - cv::Scalar(bg[0], bg[1], bg[2]);
    std::vector<cv::Mat> d;
    cv::split(diff, d);
    cv::Mat dist;
    cv::magnitude(d[0], d[1], dist);
    cv::magnitude(dist, d[2], dist);
    cv::Mat dist8;
    dist.convertTo(dist8, CV_8U);
    cv::Mat fg;
    cv::threshold(dist8, fg, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(fg, fg, cv::MORPH_OPEN, open_kernel);
    cv::morphologyEx(fg, fg, cv::MORPH_CLOSE, open_kernel);
    add_candidates(fg, options, proposals);
  }
  // 3. Closed regions bounded by edges: white cards on white scanner beds,
  //    where only a thin shadow or rim separates card from ground.
  {
    cv::Mat mag8;
    magnitude.convertTo(mag8, CV_8U, 4.0);
    cv::Mat edges;
    cv::threshold(mag8, edges, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::dilate(edges, edges, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    add_candidates(edges, options, proposals);
    cv::Mat regions;
    cv::bitwise_not(edges, regions);
    add_candidates(regions, options, proposals);
  }

  // Edge threshold relative to the image's own contrast.
  cv::Mat sorted_mag = magnitude.reshape(1, 1).clone();
  cv::Scalar mean_mag = cv::mean(magnitude);
  const double edge_threshold = std::max(3.0, 1.5 * mean_mag[0]);

  const double image_area = static_cast<double>(small.total());
  std::vector<Scored> scored;
  for (const auto& poly : proposals) {
    std::vector<cv::Point2f> pts;
    for (const auto& p : poly) pts.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
    const Quad q = order_corners(pts);
    const double w = (side_length(q[0], q[1]) + side_length(q[3], q[2])) / 2;
    const double h = (side_length(q[0], q[3]) + side_length(q[1], q[2])) / 2;
    if (w < 8 || h < 8) continue;
    const double aspect = std::max(w, h) / std::min(w, h);
    if (aspect < options.min_aspect || aspect > options.max_aspect) continue;
    const double area = polygon_area(poly);
    if (area < options.min_card_area * image_area || area > options.max_card_area * image_area) continue;
    // Quadrilaterals must be convex and not wildly distorted.
    bool convex = true;
    for (int i = 0; i < 4; ++i) {
      const cv::Point2f a = q[i], b = q[(i + 1) % 4], c = q[(i + 2) % 4];
      if (cross(cv::Point2d(b - a), cv::Point2d(c - b)) <= 0) convex = false;
    }
    if (!convex) continue;
    double weakest = 0;
    const double support = edge_support(q, gx, gy, edge_threshold, weakest);
    if (weakest < 0.35 || support < 0.6) continue;
    scored.push_back({q, support, area});
  }

  // Largest confident outlines first; smaller ones inside or overlapping an
  // accepted card are its own print (bands, logos, QR codes), not cards.
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.area > b.area; });
  std::vector<Scored> kept;
  for (const auto& s : scored) {
    std::vector<cv::Point2f> poly(s.quad.begin(), s.quad.end());
    bool clash = false;
    for (const auto& k : kept) {
      std::vector<cv::Point2f> kpoly(k.quad.begin(), k.quad.end()), inter;
      const double overlap = cv::intersectConvexConvex(poly, kpoly, inter, true);
      if (overlap > 0.25 * std::min(s.area, k.area)) {
        clash = true;
        break;
      }
    }
    if (clash) continue;
    if (!kept.empty() && s.area < 0.3 * kept.front().area) continue;  // cards in one shot are of similar size
    kept.push_back(s);
    if (static_cast<int>(kept.size()) >= options.max_cards) break;
  }

  std::vector<QuadCandidate> out;
  for (const auto& k : kept) {
    QuadCandidate c;
    for (int i = 0; i < 4; ++i) c.quad[i] = k.quad[i] * static_cast<float>(1.0 / scale);
    c.score = k.score;
    c.area = k.area / (scale * scale);
    out.push_back(c);
  }
  return out;
}

}  // namespace cardscan::capture
