#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "ocr/engine.hpp"
#include "ocr/prepare.hpp"
#include "ocr/vertical_text.hpp"

using namespace cardscan::ocr;

namespace {

// A card with two lines across and, when `turned` is given, that text
// printed down the right edge (turned a quarter clockwise, as cards print
// a firm's name along their edge), dark on the paper or light on a band.
cv::Mat card_with_edge_text(const std::string& turned, bool on_band) {
  const cv::Scalar paper(245, 245, 240), ink(30, 30, 30), band(60, 40, 30);
  cv::Mat card(800, 1400, CV_8UC3, paper);
  cv::putText(card, "Amelia Hart", cv::Point(90, 160), cv::FONT_HERSHEY_DUPLEX, 2.0, ink, 3, cv::LINE_AA);
  cv::putText(card, "amelia@northwind.com", cv::Point(90, 620), cv::FONT_HERSHEY_DUPLEX, 1.2, ink, 2, cv::LINE_AA);
  if (turned.empty()) return card;
  cv::Mat strip(90, 640, CV_8UC3, on_band ? band : paper);
  cv::putText(strip, turned, cv::Point(20, 62), cv::FONT_HERSHEY_DUPLEX, 1.5, on_band ? paper : ink, 2, cv::LINE_AA);
  cv::Mat down;
  cv::rotate(strip, down, cv::ROTATE_90_CLOCKWISE);
  down.copyTo(card(cv::Rect(1260, 80, down.cols, down.rows)));
  return card;
}

}  // namespace

TEST_CASE("a line printed down the card's edge is found and read turned", "[ocr][turned]") {
  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  for (const bool on_band : {false, true}) {
    INFO((on_band ? "light on a dark band" : "dark on the paper"));
    const cv::Mat prepared = prepare_for_ocr(card_with_edge_text("SABLE LAW GROUP", on_band));
    const Page page = engine->read_prepared(prepared);
    const auto strips = find_turned_text(prepared, page);

    REQUIRE(strips.size() == 1);
    CHECK(strips[0].box.x >= 1250);
    CHECK(strips[0].box.height > 3 * strips[0].box.width);
    const auto line = engine->read_turned_strip(prepared, strips[0].box, strips[0].light_on_dark);
    REQUIRE(line.has_value());
    CHECK(line->text == "SABLE LAW GROUP");
    // In its reading frame: as tall as the type, not as long as the line.
    CHECK(line->text_height < 0.5 * strips[0].box.height);
  }
}

TEST_CASE("a card with no turned text has no turned strips", "[ocr][turned]") {
  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  const cv::Mat prepared = prepare_for_ocr(card_with_edge_text("", false));
  CHECK(find_turned_text(prepared, engine->read_prepared(prepared)).empty());
  // Nor does a blank card, or a card's read lines.
  const cv::Mat blank(800, 1400, CV_8UC1, cv::Scalar(250));
  CHECK(find_turned_text(blank, {}).empty());
}
