#include "capture/capture.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "capture/qr_reader.hpp"
#include "capture/quad_finder.hpp"

namespace cardscan::capture {
namespace {

double dist(cv::Point2f a, cv::Point2f b) { return std::hypot(a.x - b.x, a.y - b.y); }

cv::Mat warp_card(const cv::Mat& image, const Quad& q, int long_side) {
  const double w = (dist(q[0], q[1]) + dist(q[3], q[2])) / 2;
  const double h = (dist(q[0], q[3]) + dist(q[1], q[2])) / 2;
  const double s = long_side / std::max(w, h);
  const int out_w = std::max(1, static_cast<int>(std::lround(w * s)));
  const int out_h = std::max(1, static_cast<int>(std::lround(h * s)));
  const std::array<cv::Point2f, 4> dst = {cv::Point2f(0, 0), cv::Point2f(static_cast<float>(out_w), 0),
                                          cv::Point2f(static_cast<float>(out_w), static_cast<float>(out_h)),
                                          cv::Point2f(0, static_cast<float>(out_h))};
  const cv::Mat m = cv::getPerspectiveTransform(q.data(), dst.data());
  cv::Mat out;
  // Shrinking benefits from area averaging; warpPerspective only
  // interpolates, so blur first when the card is reduced a lot.
  cv::warpPerspective(image, out, m, cv::Size(out_w, out_h), s < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC,
                      cv::BORDER_REPLICATE);
  return out;
}

cv::Mat resize_long_side(const cv::Mat& image, int long_side) {
  const double s = static_cast<double>(long_side) / std::max(image.cols, image.rows);
  cv::Mat out;
  cv::resize(image, out, cv::Size(), s, s, s < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  return out;
}

cv::Point2f centre(const CardImage& c) {
  cv::Point2f m(0, 0);
  for (const auto& p : c.quad) m += p;
  return m * 0.25f;
}

// Rows by centre height (a card starts a new row when its centre is below
// the row's first card by more than half that card's height), then left to
// right within each row.
void sort_reading_order(std::vector<CardImage>& cards) {
  std::sort(cards.begin(), cards.end(),
            [](const CardImage& a, const CardImage& b) { return centre(a).y < centre(b).y; });
  std::size_t row_start = 0;
  for (std::size_t i = 1; i <= cards.size(); ++i) {
    bool new_row = i == cards.size();
    if (!new_row) {
      const auto& first = cards[row_start];
      float min_y = first.quad[0].y, max_y = first.quad[0].y;
      for (const auto& p : first.quad) {
        min_y = std::min(min_y, p.y);
        max_y = std::max(max_y, p.y);
      }
      new_row = centre(cards[i]).y - centre(first).y > (max_y - min_y) * 0.5f;
    }
    if (new_row) {
      std::sort(cards.begin() + static_cast<long>(row_start), cards.begin() + static_cast<long>(i),
                [](const CardImage& a, const CardImage& b) { return centre(a).x < centre(b).x; });
      row_start = i;
    }
  }
}

}  // namespace

void rotate_card(CardImage& card, int degrees) {
  const int turns = ((degrees / 90) % 4 + 4) % 4;
  if (turns == 0) return;
  static constexpr cv::RotateFlags flags[] = {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_180, cv::ROTATE_90_COUNTERCLOCKWISE};
  cv::Mat turned;
  cv::rotate(card.pixels, turned, flags[turns - 1]);
  // Code corners follow the pixels: a clockwise quarter turn of an image
  // of height h sends (x, y) to (h - 1 - y, x).
  for (auto& code : card.code_quads) {
    for (auto& p : code) {
      for (int t = 0; t < turns; ++t) {
        const float h = static_cast<float>(t % 2 == 0 ? card.pixels.rows : card.pixels.cols);
        p = cv::Point2f(h - 1 - p.y, p.x);
      }
    }
  }
  card.pixels = turned;
  // The corner shown top-left after turning clockwise by one quarter was bottom-left.
  std::array<cv::Point2f, 4> q = card.quad;
  for (int i = 0; i < 4; ++i) card.quad[i] = q[(i - turns + 4) % 4];
  card.rotation = (card.rotation + turns * 90) % 360;
}

CardImage whole_image_card(const cv::Mat& image, const CaptureOptions& options) {
  CardImage card;
  const auto w = static_cast<float>(image.cols), h = static_cast<float>(image.rows);
  card.quad = {cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)};
  card.pixels = resize_long_side(image, options.card_long_side);
  card.whole_image = true;
  return card;
}

std::vector<CardImage> find_cards(const cv::Mat& image, const CaptureOptions& options) {
  std::vector<CardImage> cards;
  if (image.empty()) return cards;
  const auto quads = find_card_quads(image, options);
  for (const auto& candidate : quads) {
    CardImage card;
    card.quad = candidate.quad;
    card.outline_from_print = candidate.from_print;
    card.pixels = warp_card(image, candidate.quad, options.card_long_side);
    cards.push_back(std::move(card));
  }
  if (cards.empty()) cards.push_back(whole_image_card(image, options));
  sort_reading_order(cards);
  if (options.decode_qr) {
    for (auto& card : cards) {
      for (auto& code : read_printed_codes(card.pixels)) {
        if (code.qr && !code.payload.empty()) card.qr_payloads.push_back(std::move(code.payload));
        card.code_quads.push_back(code.corners);
      }
    }
  }
  return cards;
}

}  // namespace cardscan::capture
