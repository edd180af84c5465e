#include "capture/edge_evidence.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "capture/quad_geometry.hpp"
#include "capture/quad_tuning.hpp"

namespace cardscan::capture {

using namespace tuning;

namespace {

// Fraction of a side across which the colour steps clearly (Lab L1
// distance between points `reach` pixels either side): a card edge that is
// soft or blurred, so its gradient is weak, still separates two colours.
double step_support(const Gradient& g, cv::Point2f a, cv::Point2f b, double reach) {
  const double len = side_length(a, b);
  if (len < kMinSampledSide) return 0;
  const cv::Point2f normal(-(b.y - a.y) / static_cast<float>(len), (b.x - a.x) / static_cast<float>(len));
  const int samples = kStepSamples;
  int hits = 0, counted = 0;
  for (int k = 0; k < samples; ++k) {
    const double t = kStepEndSkip + (1 - 2 * kStepEndSkip) * (k + 0.5) / samples;
    const cv::Point2f p = a + (b - a) * static_cast<float>(t);
    const cv::Point2f q0 = p + normal * static_cast<float>(reach), q1 = p - normal * static_cast<float>(reach);
    const int x0 = cvRound(q0.x), y0 = cvRound(q0.y), x1 = cvRound(q1.x), y1 = cvRound(q1.y);
    if (std::min({x0, y0, x1, y1}) < 0 || std::max(x0, x1) >= g.lab.cols || std::max(y0, y1) >= g.lab.rows) continue;
    const cv::Vec3b c0 = g.lab.at<cv::Vec3b>(y0, x0), c1 = g.lab.at<cv::Vec3b>(y1, x1);
    const int d = std::abs(c0[0] - c1[0]) + std::abs(c0[1] - c1[1]) + std::abs(c0[2] - c1[2]);
    ++counted;
    if (d >= kMinColourStep) ++hits;
  }
  return counted >= samples / 2 ? static_cast<double>(hits) / counted : 0;
}

// Fraction of a side that runs along an edge in its own direction, with the
// side moved `shift` pixels along its normal. Parts of the side outside the
// frame count as supported (the card goes on beyond the picture).
double support_at(const Gradient& g, cv::Point2f a, cv::Point2f b, double shift, double threshold,
                  double* typical = nullptr) {
  const cv::Size size = g.gx.size();
  const double len = side_length(a, b);
  if (len < kMinSampledSide) return 0;
  const cv::Point2f dir((b.x - a.x) / static_cast<float>(len), (b.y - a.y) / static_cast<float>(len));
  const cv::Point2f normal(-dir.y, dir.x);
  const cv::Point2f offset = normal * static_cast<float>(shift);
  const int samples =
      std::clamp(static_cast<int>(len / kSupportPixelsPerSample), kMinSupportSamples, kMaxSupportSamples);
  int hits = 0, counted = 0;
  std::vector<double> strengths;
  for (int k = 0; k < samples; ++k) {
    const double t = kSupportEndSkip + (1 - 2 * kSupportEndSkip) * (k + 0.5) / samples;
    const cv::Point2f p = a + (b - a) * static_cast<float>(t) + offset;
    bool inside = false;
    double best = 0;
    for (int off = -kSupportSlack; off <= kSupportSlack; ++off) {
      const int x = cvRound(p.x + normal.x * static_cast<float>(off)),
                y = cvRound(p.y + normal.y * static_cast<float>(off));
      if (x < 1 || y < 1 || x >= size.width - 1 || y >= size.height - 1) continue;
      inside = true;
      double aligned = 0;
      const double e = edge_across(g, x, y, normal, aligned);
      if (aligned > kSupportAlignment) best = std::max(best, e);
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

}  // namespace

Gradient colour_gradient(const cv::Mat& lab_sharp, const cv::Mat& lab) {
  std::vector<cv::Mat> sharp;
  cv::split(lab_sharp, sharp);
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
  {
    cv::Mat m8;
    magnitude.convertTo(m8, CV_8U, kMagnitudeTo8Bit);
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
    grad.threshold = std::max(kMinEdge, kEdgeOverMedian * median / 4.0);
  }
  return grad;
}

// Its edge support, less what parallel lines a few pixels to either side
// typically get. A side along wood grain or ruled paper has texture of like
// strength all around and earns little; a card edge stands out from the
// card's margin and mostly from the ground. Only parallel edges of at least
// half the side's own strength count, so the blur and JPEG ringing of a
// strong edge do not.
double side_evidence(const Gradient& g, cv::Point2f a, cv::Point2f b) {
  if (on_frame(a, b, g.gx.size(), kFrameMargin)) return 1.0;
  const double step = std::max(kMinParallelStep, kParallelStep * side_length(a, b));
  double typical = 0;
  const double on = support_at(g, a, b, 0, g.threshold, &typical);
  const double t = std::max(g.threshold, kParallelStrength * typical);
  // The median over several parallels: a printed rule inside the card and
  // the card's shadow outside each sit at one distance, texture at most.
  std::array<double, 6> beside{};
  for (int k = 0; k < 3; ++k) {
    beside[static_cast<std::size_t>(2 * k)] = support_at(g, a, b, (k + 1) * step, t);
    beside[static_cast<std::size_t>(2 * k + 1)] = support_at(g, a, b, -(k + 1) * step, t);
  }
  std::sort(beside.begin(), beside.end());
  const double edge = std::max(0.0, on - (beside[2] + beside[3]) / 2);
  return std::max(edge, kStepWeight * step_support(g, a, b, kStepReach));
}

}  // namespace cardscan::capture
