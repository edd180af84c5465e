#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/card_selection.hpp"
#include "capture/edge_evidence.hpp"
#include "capture/quad_geometry.hpp"
#include "capture/quad_scoring.hpp"
#include "capture/sheet_gaps.hpp"

using namespace cardscan::capture;

namespace {

Quad rect(float x, float y, float w, float h) {
  return {cv::Point2f(x, y), cv::Point2f(x + w, y), cv::Point2f(x + w, y + h), cv::Point2f(x, y + h)};
}

Scored scored(const Quad& q, double score, int frame_sides = 0) { return {q, score, quad_area(q), frame_sides}; }

// The gradient find_card_quads measures a reduced picture with.
Gradient gradient_of(const cv::Mat& bgr) {
  cv::Mat lab_sharp, lab;
  cv::GaussianBlur(bgr, lab_sharp, cv::Size(3, 3), 0);
  cv::cvtColor(lab_sharp, lab_sharp, cv::COLOR_BGR2Lab);
  cv::GaussianBlur(lab_sharp, lab, cv::Size(5, 5), 0);
  return colour_gradient(lab_sharp, lab);
}

}  // namespace

TEST_CASE("overlapping outlines of one card are one card, the larger kept when scores are close",
          "[capture][selection]") {
  const Quad card = rect(100, 100, 350, 200), with_rim = rect(96, 96, 358, 208), print_area = rect(104, 103, 342, 194);
  const auto cards = select_cards({scored(card, 0.90), scored(with_rim, 0.86), scored(print_area, 0.80)});
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].area == Approx(quad_area(with_rim)));
}

TEST_CASE("a logo box inside a card is not a card of its own, however clear its edges", "[capture][selection]") {
  const Quad card = rect(100, 100, 350, 200), logo = rect(130, 130, 80, 50);
  const auto cards = select_cards({scored(logo, 0.95), scored(card, 0.90)});
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].quad == card);
}

TEST_CASE("two cards side by side on a sheet are two cards, and the sheet is none", "[capture][selection]") {
  const Quad sheet = rect(50, 50, 800, 500), left = rect(100, 150, 350, 200), right = rect(480, 150, 350, 200);
  const auto cards = select_cards({scored(sheet, 0.80), scored(left, 0.85), scored(right, 0.84)});
  REQUIRE(cards.size() == 2);
  CHECK(cards[0].quad == left);
  CHECK(cards[1].quad == right);
}

TEST_CASE("of two outlines crossing each other only the better scored is kept", "[capture][selection]") {
  const Quad a = rect(100, 100, 350, 200), b = rect(250, 180, 350, 200);
  const auto cards = select_cards({scored(a, 0.80), scored(b, 0.90)});
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].quad == b);
}

TEST_CASE("an outline showing only a corner of something on two frame sides is no card", "[capture][selection]") {
  CHECK(select_cards({scored(rect(0, 0, 300, 180), 0.9, 2)}).empty());
}

TEST_CASE("an outline along a card's edges scores high, one on plain card or ground scores nothing",
          "[capture][selection]") {
  cv::Mat picture(400, 640, CV_8UC3, cv::Scalar(60, 60, 60));
  cv::rectangle(picture, cv::Rect(150, 100, 300, 180), cv::Scalar(245, 245, 245), cv::FILLED);
  const Gradient grad = gradient_of(picture);
  const CaptureOptions options;
  const double area = static_cast<double>(picture.total());

  const auto on_card = score_quad(grad, rect(150, 100, 300, 180), options, area);
  REQUIRE(on_card);
  CHECK(on_card->score > 0.9);
  CHECK(on_card->frame_sides == 0);
  CHECK_FALSE(score_quad(grad, rect(200, 140, 150, 90), options, area));  // inside the card, no edge under it
  CHECK_FALSE(score_quad(grad, rect(470, 300, 150, 90), options, area));  // on the ground
}

TEST_CASE("on a sheet, print no found card covers becomes one more card of the sheet's card size",
          "[capture][selection][sheet]") {
  // A reduced sheet: two cards found (drawn with rims), a third white card
  // on the white bed with no rim at all, only its print, and a small stamp.
  cv::Mat sheet(600, 640, CV_8UC3, cv::Scalar(245, 245, 245));
  const Quad found_a = rect(30, 30, 260, 150), found_b = rect(340, 30, 260, 150);
  for (const Quad& q : {found_a, found_b}) {
    cv::rectangle(sheet, q[0], q[2], cv::Scalar(120, 120, 120), 1);
    cv::putText(sheet, "Jane Doe", q[0] + cv::Point2f(20, 50), cv::FONT_HERSHEY_SIMPLEX, 0.8, cv::Scalar(20, 20, 20), 2);
  }
  // The rimless card spans (40..290, 250..390); its print sits inside that.
  cv::putText(sheet, "Maximilian Braun", {55, 290}, cv::FONT_HERSHEY_SIMPLEX, 0.7, cv::Scalar(30, 30, 30), 2);
  cv::line(sheet, {55, 305}, {270, 305}, cv::Scalar(90, 140, 60), 2);
  cv::putText(sheet, "+1 404 555 0127", {55, 350}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(30, 30, 30), 1);
  cv::putText(sheet, "office@upland.co", {160, 375}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(30, 30, 30), 1);
  cv::circle(sheet, {500, 520}, 6, cv::Scalar(40, 40, 200), -1);  // a stamp, far smaller than a card

  const std::vector<Scored> found = {scored(found_a, 0.9), scored(found_b, 0.9)};
  const auto gaps = uncovered_print(sheet, found);
  REQUIRE(gaps.size() == 1);
  CHECK(gaps[0].from_print);
  const Quad& q = gaps[0].quad;
  CHECK(cv::pointPolygonTest(std::vector<cv::Point2f>(q.begin(), q.end()), {160, 320}, false) > 0);
  CHECK(gaps[0].area > 0.4 * found[0].area);
  CHECK(gaps[0].area < 1.3 * found[0].area);
  for (const auto& f : found) CHECK(overlap_area(q, f.quad) < 0.05 * f.area);

  // One card found is a photo, not a sheet: nothing is added.
  CHECK(uncovered_print(sheet, {found[0]}).empty());
}

TEST_CASE("an outline with as much print around it as inside is no card on plain ground; a card on a desk is",
          "[capture][selection]") {
  // A close-up: print fills the picture in two columns. An outline round
  // the right column (a panel's edge and a rule make one) has the left
  // column's print around it; an outline round the whole print does not.
  cv::Mat picture(900, 1500, CV_8UC3, cv::Scalar(236, 238, 240));
  const char* words[] = {"Jordan Example", "Head of Sales", "12 Sample Street", "Phone 555 0142", "jordan@example.org"};
  for (int i = 0; i < 5; ++i) {
    for (int column : {60, 800}) {
      cv::putText(picture, words[i], {column, 150 + 150 * i}, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(40, 30, 30), 3,
                  cv::LINE_AA);
    }
  }
  const Quad half = rect(760, 60, 700, 740), all = rect(30, 60, 1440, 740);
  const auto kept = keep_on_plain_ground(picture, 1.0, {scored(half, 0.9)});
  CHECK(kept.empty());
  const auto whole = keep_on_plain_ground(picture, 1.0, {scored(all, 0.9)});
  REQUIRE(whole.size() == 1);
  CHECK(whole[0].quad == all);
}
