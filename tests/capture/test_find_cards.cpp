// Finding, flattening and ordering cards in synthetic scenes drawn here:
// textured and plain grounds, several cards on one sheet, clutter that is
// not a card.

#include <catch2/catch.hpp>

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/quad_finder.hpp"

using namespace cardscan::capture;

namespace {

// A flat card face: light ground, a few lines of dark text.
cv::Mat card_face(cv::Size size, cv::Scalar paper = {245, 245, 240}, cv::Scalar ink = {40, 30, 30}) {
  cv::Mat face(size, CV_8UC3, paper);
  const double s = size.width / 700.0;
  const char* lines[] = {"Jordan Example", "Head of Sales", "Phone 555 0142", "jordan@example.org"};
  for (int i = 0; i < 4; ++i) {
    cv::putText(face, lines[i], cv::Point(static_cast<int>(40 * s), static_cast<int>((90 + 70 * i) * s)),
                cv::FONT_HERSHEY_SIMPLEX, 1.3 * s, ink, std::max(1, static_cast<int>(2 * s)), cv::LINE_AA);
  }
  return face;
}

// Wood-like ground: brown with streaks and noise.
cv::Mat wood_ground(cv::Size size) {
  cv::Mat g(size, CV_8UC3, cv::Scalar(60, 100, 150));
  cv::RNG rng(7);
  for (int y = 0; y < size.height; y += 3 + rng.uniform(0, 9)) {
    const int shade = rng.uniform(-25, 25);
    cv::line(g, {0, y}, {size.width, y + rng.uniform(-20, 20)}, cv::Scalar(60 + shade, 100 + shade, 150 + shade),
             1 + rng.uniform(0, 3));
  }
  cv::Mat noise(size, CV_8UC3);
  rng.fill(noise, cv::RNG::NORMAL, 0, 6);
  cv::add(g, noise, g);
  return g;
}

// Pastes `face` onto `scene` so its corners land on `quad` (TL, TR, BR, BL).
void paste(cv::Mat& scene, const cv::Mat& face, const Quad& quad) {
  const std::array<cv::Point2f, 4> src = {cv::Point2f(0, 0), cv::Point2f(static_cast<float>(face.cols), 0),
                                          cv::Point2f(static_cast<float>(face.cols), static_cast<float>(face.rows)),
                                          cv::Point2f(0, static_cast<float>(face.rows))};
  const cv::Mat m = cv::getPerspectiveTransform(src.data(), quad.data());
  cv::Mat warped, mask;
  cv::warpPerspective(face, warped, m, scene.size(), cv::INTER_LINEAR);
  cv::warpPerspective(cv::Mat(face.size(), CV_8U, cv::Scalar(255)), mask, m, scene.size(), cv::INTER_NEAREST);
  warped.copyTo(scene, mask);
}

double corner_error(const Quad& found, const Quad& truth) {
  double worst = 0;
  for (std::size_t i = 0; i < 4; ++i)
    worst = std::max(worst, static_cast<double>(std::hypot(found[i].x - truth[i].x, found[i].y - truth[i].y)));
  return worst;
}

}  // namespace

TEST_CASE("a tilted card on a textured ground is found with its corners", "[capture][find]") {
  cv::Mat scene = wood_ground({1600, 1200});
  const Quad truth = {cv::Point2f(300, 260), cv::Point2f(1250, 300), cv::Point2f(1220, 860), cv::Point2f(280, 800)};
  paste(scene, card_face({700, 400}), truth);
  const auto cards = find_cards(scene);
  REQUIRE(cards.size() == 1);
  CHECK_FALSE(cards[0].whole_image);
  CHECK(corner_error(cards[0].quad, truth) < 12.0);
  // Rectified to the configured long side, landscape like the card.
  CHECK(std::max(cards[0].pixels.cols, cards[0].pixels.rows) == CaptureOptions{}.card_long_side);
  CHECK(cards[0].pixels.cols > cards[0].pixels.rows);
}

TEST_CASE("a white card on a white scanner bed is found by its faint rim", "[capture][find]") {
  cv::Mat scene(1100, 1500, CV_8UC3, cv::Scalar(250, 250, 250));
  const Quad truth = {cv::Point2f(200, 250), cv::Point2f(1250, 250), cv::Point2f(1250, 850), cv::Point2f(200, 850)};
  paste(scene, card_face({1050, 600}, {252, 252, 252}), truth);
  std::vector<cv::Point> rim;
  for (const auto& p : truth) rim.emplace_back(cvRound(p.x), cvRound(p.y));
  cv::polylines(scene, rim, true, cv::Scalar(215, 215, 215), 2);  // the card's shadowed edge
  const auto cards = find_cards(scene);
  REQUIRE(cards.size() == 1);
  CHECK_FALSE(cards[0].whole_image);
  CHECK(corner_error(cards[0].quad, truth) < 12.0);
}

TEST_CASE("every card of a sheet is found, in reading order", "[capture][find]") {
  cv::Mat scene(2000, 1700, CV_8UC3, cv::Scalar(205, 205, 200));
  std::vector<Quad> truths;
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 2; ++col) {
      const float x = 120.0f + col * 800.0f, y = 150.0f + row * 600.0f, w = 700, h = 400;
      const float d = (row + col) % 2 == 0 ? 12.0f : -12.0f;  // each lies a little crooked
      truths.push_back({cv::Point2f(x, y + d), cv::Point2f(x + w, y - d), cv::Point2f(x + w + d, y + h - d),
                        cv::Point2f(x + d, y + h + d)});
      paste(scene, card_face({700, 400}), truths.back());
    }
  }
  const auto cards = find_cards(scene);
  REQUIRE(cards.size() == truths.size());
  for (std::size_t i = 0; i < cards.size(); ++i) {
    INFO("card " << i);
    CHECK(corner_error(cards[i].quad, truths[i]) < 15.0);
  }
}

TEST_CASE("a sticky note and a pen are not cards", "[capture][find]") {
  cv::Mat scene = wood_ground({1600, 1200});
  const Quad card = {cv::Point2f(150, 500), cv::Point2f(850, 500), cv::Point2f(850, 900), cv::Point2f(150, 900)};
  paste(scene, card_face({700, 400}), card);
  // A square yellow note and a long thin pen.
  cv::rectangle(scene, cv::Rect(1050, 150, 380, 380), cv::Scalar(80, 230, 250), cv::FILLED);
  cv::line(scene, {950, 1000}, {1550, 700}, cv::Scalar(30, 30, 200), 22);
  const auto cards = find_cards(scene);
  REQUIRE(cards.size() == 1);
  CHECK(corner_error(cards[0].quad, card) < 12.0);
}

TEST_CASE("a picture with no card outline is kept whole", "[capture][find]") {
  cv::Mat scene = wood_ground({800, 600});
  const auto cards = find_cards(scene);
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].whole_image);
  CHECK_FALSE(cards[0].pixels.empty());
}

TEST_CASE("turning a card keeps its pixels and corners in step", "[capture][rotate]") {
  CardImage card;
  card.pixels = cv::Mat(100, 200, CV_8UC3, cv::Scalar(255, 255, 255));
  card.pixels(cv::Rect(0, 0, 10, 10)).setTo(cv::Scalar(0, 0, 0));  // a mark at the top-left
  card.quad = {cv::Point2f(0, 0), cv::Point2f(200, 0), cv::Point2f(200, 100), cv::Point2f(0, 100)};
  card.code_quads.push_back({cv::Point2f(2, 2), cv::Point2f(8, 2), cv::Point2f(8, 8), cv::Point2f(2, 8)});
  rotate_card(card, 90);
  CHECK(card.rotation == 90);
  CHECK(card.pixels.cols == 100);
  CHECK(card.pixels.rows == 200);
  // The mark is now at the top-right; the corner read as top-left was bottom-left.
  CHECK(card.pixels.at<cv::Vec3b>(5, 95)[0] == 0);
  CHECK(card.quad[0] == cv::Point2f(0, 100));
  for (const auto& p : card.code_quads[0]) {  // a printed code's corners go with the mark
    CHECK(p.x > 89);
    CHECK(p.y < 10);
  }
  rotate_card(card, 270);
  CHECK(card.rotation == 0);
  CHECK(card.quad[0] == cv::Point2f(0, 0));
  CHECK(card.code_quads[0][0] == cv::Point2f(2, 2));
}

TEST_CASE("a white card on a light ground under uneven light is found by its straight edges", "[capture][find]") {
  // Strong light falls across the ground and the card alike (bright on the
  // left, a sharp shadow line, dim on the right); the card is barely
  // lighter than the ground, its edges faint but straight.
  cv::Mat scene(1200, 900, CV_8UC3);
  const cv::Rect card(80, 380, 720, 430);
  for (int y = 0; y < scene.rows; ++y) {
    for (int x = 0; x < scene.cols; ++x) {
      const int v = 160 + (x + y < 900 ? 70 : 0) - x / 20 + (card.contains({x, y}) ? 8 : 0);
      scene.at<cv::Vec3b>(y, x) =
          cv::Vec3b(static_cast<uchar>(v), static_cast<uchar>(v + 2), static_cast<uchar>(v + 4));
    }
  }
  const char* lines[] = {"Jordan Example", "Head of Sales", "Phone 555 0142", "jordan@example.org"};
  for (int i = 0; i < 4; ++i) {
    cv::putText(scene, lines[i], {card.x + 40, card.y + 90 + 80 * i}, cv::FONT_HERSHEY_SIMPLEX, 1.3,
                cv::Scalar(40, 30, 30), 2, cv::LINE_AA);
  }
  cv::Mat noise(scene.size(), CV_8UC3);
  cv::RNG rng(5);
  rng.fill(noise, cv::RNG::NORMAL, 0, 3);
  cv::add(scene, noise, scene);
  const Quad truth = {cv::Point2f(80, 380), cv::Point2f(800, 380), cv::Point2f(800, 810), cv::Point2f(80, 810)};
  const auto cards = find_cards(scene);
  REQUIRE(cards.size() == 1);
  CHECK_FALSE(cards[0].whole_image);
  CHECK(corner_error(cards[0].quad, truth) < 15.0);
}

TEST_CASE("a card whose short sides vanish into the ground is outlined by its long sides", "[capture][find]") {
  // White on white under strong light: only the card's long sides show
  // (a shadowed rim below, a bright rim above), ending at its corners.
  cv::Mat scene(1000, 1400, CV_8UC3, cv::Scalar(214, 216, 218));
  const Quad truth = {cv::Point2f(250, 250), cv::Point2f(1150, 250), cv::Point2f(1150, 780), cv::Point2f(250, 780)};
  cv::line(scene, {250, 250}, {1150, 250}, cv::Scalar(175, 177, 179), 3, cv::LINE_AA);
  cv::line(scene, {250, 780}, {1150, 780}, cv::Scalar(160, 162, 164), 4, cv::LINE_AA);
  const char* lines[] = {"Jordan Example", "Head of Sales", "Phone 555 0142", "jordan@example.org"};
  for (int i = 0; i < 4; ++i) {
    cv::putText(scene, lines[i], {320, 360 + 100 * i}, cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(40, 30, 30), 3,
                cv::LINE_AA);
  }
  const auto cards = find_cards(scene);
  REQUIRE(cards.size() == 1);
  CHECK_FALSE(cards[0].whole_image);
  CHECK(corner_error(cards[0].quad, truth) < 15.0);
}

TEST_CASE("a card on a desk is outlined although the only region found was a logo box printed on it",
          "[capture][find]") {
  // A white card on a light grey desk: its sides are barely lighter than
  // the desk's mottled grey, too faint for the edge score, while a bright
  // rim marks the top and a shadow line the bottom. A logo box on the card
  // has clear edges of its own, but the print around it makes it a part of
  // the card, not a card.
  cv::Mat scene(1000, 1400, CV_8UC3);
  const cv::Rect card(250, 250, 900, 530);
  cv::Mat mottle(scene.rows / 20, scene.cols / 20, CV_8U);
  cv::RNG rng(11);
  rng.fill(mottle, cv::RNG::UNIFORM, 0, 10);
  cv::resize(mottle, mottle, scene.size(), 0, 0, cv::INTER_LINEAR);
  for (int y = 0; y < scene.rows; ++y) {
    for (int x = 0; x < scene.cols; ++x) {
      const int v = card.contains({x, y}) ? 167 : 158 + mottle.at<uchar>(y, x);
      scene.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(v), static_cast<uchar>(v), static_cast<uchar>(v + 2));
    }
  }
  cv::line(scene, {card.x, card.y}, {card.x + card.width, card.y}, cv::Scalar(228, 228, 228), 2);
  cv::line(scene, {card.x, card.y + card.height}, {card.x + card.width, card.y + card.height}, cv::Scalar(40, 40, 40),
           3);
  cv::rectangle(scene, {card.x + 50, card.y + 50, 200, 125}, cv::Scalar(60, 40, 40), 8);
  const char* lines[] = {"Jordan Example", "Head of Sales", "Phone 555 0142", "jordan@example.org",
                         "12 Sample Street"};
  for (int i = 0; i < 5; ++i) {
    cv::putText(scene, lines[i], {card.x + 300, card.y + 80 + 95 * i}, cv::FONT_HERSHEY_SIMPLEX, 1.4,
                cv::Scalar(40, 30, 30), 3, cv::LINE_AA);
  }
  cv::Mat noise(scene.size(), CV_8UC3);
  rng.fill(noise, cv::RNG::NORMAL, 0, 2);
  cv::add(scene, noise, scene);
  const Quad truth = {cv::Point2f(250, 250), cv::Point2f(1150, 250), cv::Point2f(1150, 780), cv::Point2f(250, 780)};
  const auto cards = find_cards(scene);
  REQUIRE(cards.size() == 1);
  CHECK_FALSE(cards[0].whole_image);
  CHECK(corner_error(cards[0].quad, truth) < 20.0);
}
