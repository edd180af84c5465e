// Telling cards from things that are not cards by their print: parts
// printed on a card that fills the picture (a logo box, a photo), and paper
// pages, which are shaped much like squat cards.

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/print_context.hpp"

using namespace cardscan::capture;

namespace {

// A desk: dark grey with fine noise.
cv::Mat ground(cv::Size size) {
  cv::Mat g(size, CV_8UC3, cv::Scalar(70, 75, 80));
  cv::Mat noise(size, CV_8UC3);
  cv::RNG rng(11);
  rng.fill(noise, cv::RNG::NORMAL, 0, 6);
  cv::add(g, noise, g);
  return g;
}

void text_lines(cv::Mat& img, cv::Rect area, double scale, int count, int gap) {
  const char* words[] = {"Marketing Director", "+44 20 7946 0958",      "sales@northwind.example",
                         "12 Harbour Road",    "www.northwind.example", "Northwind Traders Ltd"};
  for (int i = 0; i < count; ++i) {
    const int y = area.y + gap * (i + 1);
    if (y > area.y + area.height) break;
    cv::putText(img, words[i % 6], {area.x, y}, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(40, 40, 40),
                std::max(1, static_cast<int>(scale * 2)), cv::LINE_AA);
  }
}

// A page: white paper of A4 shape covered with small print.
cv::Mat page(cv::Size size) {
  cv::Mat p(size, CV_8UC3, cv::Scalar(245, 245, 245));
  const double scale = size.width / 1800.0;
  for (int y = static_cast<int>(size.height * 0.08); y < size.height * 0.92;
       y += static_cast<int>(size.width * 0.026)) {
    for (int x = static_cast<int>(size.width * 0.08); x < size.width * 0.8; x += static_cast<int>(size.width * 0.3)) {
      cv::putText(p, "lorem ipsum dolor", {x, y}, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(50, 50, 50), 1,
                  cv::LINE_AA);
    }
  }
  return p;
}

}  // namespace

TEST_CASE("a logo box on a card that fills the picture is not cut out as the card", "[capture][print]") {
  // The card runs past every edge of the picture; its logo is a dark box
  // with crisp edges, card-shaped, and the card's text lies all around it.
  cv::Mat scene(900, 1400, CV_8UC3, cv::Scalar(240, 242, 245));
  const cv::Rect logo(120, 90, 330, 200);
  cv::rectangle(scene, logo, cv::Scalar(90, 40, 20), cv::FILLED);
  cv::putText(scene, "ACME", {170, 215}, cv::FONT_HERSHEY_DUPLEX, 2.2, cv::Scalar(255, 255, 255), 4, cv::LINE_AA);
  text_lines(scene, {560, 60, 800, 300}, 1.2, 4, 60);
  text_lines(scene, {120, 380, 1200, 480}, 1.2, 7, 62);
  const auto cards = find_cards(scene);
  for (const auto& c : cards) {
    // Whatever is returned holds more than the logo box.
    const double area = cv::contourArea(std::vector<cv::Point2f>(c.quad.begin(), c.quad.end()));
    CHECK(area > 3.0 * logo.area());
  }
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].whole_image);
}

TEST_CASE("text around an outline outweighing its own marks it as a part", "[capture][print]") {
  PrintContext part;
  part.inside = 4;
  part.outside = 90;
  part.outside_marks = 200;
  CHECK(printed_part(part));
  // A card on a busy textured ground: runs of speckle around, but few
  // among many marks, and fewer than the card's own letters.
  PrintContext card;
  card.inside = 120;
  card.outside = 150;
  card.outside_marks = 4000;
  CHECK_FALSE(printed_part(card));
  // A card with no text around at all.
  PrintContext alone;
  alone.inside = 80;
  CHECK_FALSE(printed_part(alone));
}

TEST_CASE("a lone A4 page is not a card, a card beside it is", "[capture][print]") {
  cv::Mat scene = ground({1600, 1200});
  // A4: 210 x 297, aspect 1.41, inside the range of card aspects.
  const cv::Mat paper = page({700, 990});
  paper.copyTo(scene(cv::Rect(150, 100, 700, 990)));
  SECTION("alone") {
    const auto cards = find_cards(scene);
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].whole_image);
  }
  SECTION("with a card") {
    cv::Mat face(340, 560, CV_8UC3, cv::Scalar(250, 250, 250));
    text_lines(face, {30, 20, 500, 300}, 1.0, 4, 65);
    face.copyTo(scene(cv::Rect(950, 400, 560, 340)));
    const auto cards = find_cards(scene);
    REQUIRE(cards.size() == 1);
    CHECK_FALSE(cards[0].whole_image);
    CHECK(cards[0].quad[0].x > 900);
  }
}

TEST_CASE("a card's print is card-sized, a page's is not", "[capture][print]") {
  cv::Mat scene(1400, 1200, CV_8UC3, cv::Scalar(128, 128, 128));
  page({700, 990}).copyTo(scene(cv::Rect(100, 100, 700, 990)));
  int letters = 0;
  const double page_height = letter_scale(
      scene, {cv::Point2f(100, 100), cv::Point2f(800, 100), cv::Point2f(800, 1090), cv::Point2f(100, 1090)}, &letters);
  INFO("page letters " << letters << " height " << page_height);
  CHECK(page_print(letters, page_height));
  cv::Mat card(1200, 1400, CV_8UC3, cv::Scalar(128, 128, 128));
  cv::Mat face(400, 660, CV_8UC3, cv::Scalar(250, 250, 250));
  text_lines(face, {30, 20, 600, 380}, 1.0, 5, 70);
  face.copyTo(card(cv::Rect(100, 100, 660, 400)));
  const double card_height = letter_scale(
      card, {cv::Point2f(100, 100), cv::Point2f(760, 100), cv::Point2f(760, 500), cv::Point2f(100, 500)}, &letters);
  CHECK(letters > 20);
  CHECK_FALSE(page_print(letters, card_height));
}
