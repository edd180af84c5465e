#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "ocr/engine.hpp"

using namespace cardscan::ocr;

namespace {

// A card-sized image with large printed lines (Hershey fonts are plain
// strokes Tesseract reads reliably at this size).
cv::Mat render_card(const std::vector<std::string>& lines, bool dark = false) {
  const cv::Scalar paper = dark ? cv::Scalar(60, 30, 20) : cv::Scalar(245, 245, 240);
  const cv::Scalar ink = dark ? cv::Scalar(235, 235, 235) : cv::Scalar(30, 30, 30);
  cv::Mat card(800, 1400, CV_8UC3, paper);
  int y = 160;
  for (const auto& text : lines) {
    cv::putText(card, text, cv::Point(90, y), cv::FONT_HERSHEY_DUPLEX, 2.0, ink, 3, cv::LINE_AA);
    y += 150;
  }
  return card;
}

std::string all_text(const Page& page) { return page.text(); }

}  // namespace

TEST_CASE("the engine reads printed lines with boxes and confidences", "[ocr][engine]") {
  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  const Page page = engine->read(render_card({"Amelia Hart", "amelia@northwind.com", "415 555 0123"}));
  const std::string text = all_text(page);
  INFO(text);
  CHECK(text.find("Amelia Hart") != std::string::npos);
  CHECK(text.find("amelia@northwind.com") != std::string::npos);
  CHECK(text.find("415 555") != std::string::npos);  // Hershey strokes make some digits ambiguous
  REQUIRE(page.lines.size() >= 3);
  for (const auto& line : page.lines) {
    CHECK(line.confidence > 50);
    CHECK(line.box.width > 0);
    CHECK(line.text_height > 20);
  }
  CHECK(page.width == 1400);
}

TEST_CASE("light text on a dark card is read after inversion", "[ocr][engine]") {
  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  const Page page = engine->read(render_card({"Theo Boateng", "theo@ironwood.com"}, true));
  CHECK(all_text(page).find("Theo Boateng") != std::string::npos);
  const cv::Mat prepared = prepare_for_ocr(render_card({"Theo"}, true));
  // After preparation the paper is light: most pixels are bright.
  CHECK(cv::mean(prepared)[0] > 150);
}

TEST_CASE("missing language data is a clear error", "[ocr][engine]") {
  OcrOptions options;
  options.languages = "xyz_no_such_language";
  const auto engine = Engine::create(options);
  REQUIRE_FALSE(engine.has_value());
  CHECK(engine.error().find("xyz_no_such_language") != std::string::npos);
}

TEST_CASE("a national model is loaded once beside the general one, and a missing one is no engine", "[ocr][engine]") {
  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  Engine* vie = engine->with_model("vie");
  REQUIRE(vie != nullptr);
  CHECK(vie != &*engine);
  CHECK(vie->options().languages == engine->options().languages + "+vie");
  CHECK(engine->with_model("vie") == vie);
  CHECK(engine->with_model("") == &*engine);
  CHECK(engine->with_model("xyz_no_such_language") == nullptr);
  // It reads what the general model reads.
  const Page page = vie->read(render_card({"Amelia Hart", "amelia@northwind.com"}));
  INFO(all_text(page));
  CHECK(all_text(page).find("amelia@northwind.com") != std::string::npos);
}

TEST_CASE("a line read again comes back in card coordinates with its words", "[ocr][engine]") {
  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  const cv::Mat prepared = prepare_for_ocr(render_card({"Amelia Hart", "amelia@northwind.com"}));
  const Page page = engine->read_prepared(prepared);
  const auto line = std::find_if(page.lines.begin(), page.lines.end(),
                                 [](const Line& l) { return l.text.find("northwind") != std::string::npos; });
  REQUIRE(line != page.lines.end());
  const std::vector<Line> readings = engine->reread_line(prepared, *line);
  REQUIRE_FALSE(readings.empty());
  for (const auto& r : readings) {
    INFO(r.text);
    CHECK(r.text.find("northwind") != std::string::npos);
    REQUIRE_FALSE(r.words.empty());
    // The reading lies where the line does, not at the crop's origin.
    CHECK(std::abs(r.box.y - line->box.y) < line->box.height);
    CHECK(std::abs(r.box.x - line->box.x) < line->box.height);
    CHECK(std::abs(r.text_height - line->text_height) < 0.5 * line->text_height);
    CHECK(r.block == line->block);
  }
  // The engine reads whole cards as before afterwards.
  CHECK(engine->read_prepared(prepared).lines.size() == page.lines.size());
}
