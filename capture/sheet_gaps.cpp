#include "capture/sheet_gaps.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "capture/quad_finder.hpp"
#include "capture/quad_geometry.hpp"
#include "capture/quad_tuning.hpp"

namespace cardscan::capture {

using namespace tuning;

std::vector<Scored> uncovered_print(const cv::Mat& small, const std::vector<Scored>& cards) {
  if (cards.size() < 2 || small.empty()) return {};
  std::vector<double> areas, short_sides;
  for (const auto& c : cards) {
    areas.push_back(c.area);
    const cv::RotatedRect r = cv::minAreaRect(std::vector<cv::Point2f>(c.quad.begin(), c.quad.end()));
    short_sides.push_back(std::min(r.size.width, r.size.height));
  }
  std::nth_element(areas.begin(), areas.begin() + static_cast<long>(areas.size() / 2), areas.end());
  std::nth_element(short_sides.begin(), short_sides.begin() + static_cast<long>(short_sides.size() / 2),
                   short_sides.end());
  const double card_area = areas[areas.size() / 2];
  const double card_short = short_sides[short_sides.size() / 2];

  // Print: what differs clearly from the bed's colour (the median of the
  // picture, mostly bed on a sheet), in lightness or in colour.
  cv::Mat gray, hsv;
  cv::cvtColor(small, gray, cv::COLOR_BGR2GRAY);
  cv::cvtColor(small, hsv, cv::COLOR_BGR2HSV);
  std::vector<uchar> values(gray.begin<uchar>(), gray.end<uchar>());
  std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2), values.end());
  const int bed = values[values.size() / 2];
  cv::Mat print = gray < std::max(0, bed - kPrintContrast);
  std::vector<cv::Mat> channels;
  cv::split(hsv, channels);
  print |= channels[1] > kPrintSaturation;

  // Blank out the cards found, with a margin for the rim and its shadow.
  const auto margin = static_cast<int>(std::ceil(card_short * kFoundCardMargin));
  for (const auto& c : cards) {
    std::vector<cv::Point> pts;
    for (const auto& p : c.quad) pts.emplace_back(cvRound(p.x), cvRound(p.y));
    cv::fillConvexPoly(print, pts, 0);
    cv::polylines(print, pts, true, 0, 2 * margin + 1);
  }
  // Gather a card's words and marks into one patch.
  const int reach = std::max(3, static_cast<int>(card_short * kPrintGatherReach));
  cv::morphologyEx(print, print, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {reach, reach}));

  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(print, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<Scored> out;
  for (const auto& contour : contours) {
    cv::RotatedRect r = cv::minAreaRect(contour);
    const double patch = static_cast<double>(r.size.width) * r.size.height;
    if (patch < kMinPatchOfCard * card_area || patch > kMaxPatchOfCard * card_area) continue;
    r.size.width += static_cast<float>(2 * card_short * kPatchMargin);
    r.size.height += static_cast<float>(2 * card_short * kPatchMargin);
    cv::Point2f corners[4];
    r.points(corners);
    Scored s;
    s.quad = order_corners(std::vector<cv::Point2f>(corners, corners + 4));
    s.area = static_cast<double>(r.size.width) * r.size.height;
    s.score = 0;  // found by its print, not by its edges
    s.from_print = true;
    const bool clashes = std::any_of(cards.begin(), cards.end(), [&](const Scored& c) {
      return overlap_area(s.quad, c.quad) > kClash * std::min(s.area, c.area);
    });
    if (!clashes) out.push_back(s);
  }
  return out;
}

}  // namespace cardscan::capture
