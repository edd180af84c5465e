#include <catch2/catch.hpp>

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "ocr/engine.hpp"
#include "ocr/prepare.hpp"
#include "ocr/unread_lines.hpp"

using namespace cardscan::ocr;

namespace {

const cv::Scalar kPaper(245, 245, 240);

// A card with a black name line and, under it, an email and a phone line
// printed in `contact_ink` (light grey: the whole-card threshold the black
// name sets leaves them on the paper side).
cv::Mat card_with_contact_lines(const cv::Scalar& contact_ink) {
  cv::Mat card(800, 1400, CV_8UC3, kPaper);
  cv::putText(card, "Amelia Hart", cv::Point(90, 180), cv::FONT_HERSHEY_DUPLEX, 2.4, cv::Scalar(20, 20, 20), 4,
              cv::LINE_AA);
  cv::putText(card, "amelia@northwind.com", cv::Point(90, 560), cv::FONT_HERSHEY_DUPLEX, 1.2, contact_ink, 2,
              cv::LINE_AA);
  cv::putText(card, "415 555 0123", cv::Point(90, 660), cv::FONT_HERSHEY_DUPLEX, 1.2, contact_ink, 2, cv::LINE_AA);
  return card;
}

bool has_text(const Page& page, const std::string& text) { return page.text().find(text) != std::string::npos; }

// The surest of a line's re-readings, as the pipeline takes it.
std::string surest_reading(Engine& engine, const cv::Mat& prepared, const UnreadLine& run) {
  Line line;
  line.box = run.box;
  line.text_height = run.text_height;
  std::string best;
  float best_confidence = -1;
  for (const Line& r : engine.reread_line(prepared, line)) {
    if (r.confidence > best_confidence) best = r.text, best_confidence = r.confidence;
  }
  return best;
}

}  // namespace

TEST_CASE("light grey lines the card's OCR leaves unread are found and read on their own contrast",
          "[ocr][unread-lines]") {
  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  const cv::Mat prepared = prepare_for_ocr(card_with_contact_lines(cv::Scalar(170, 170, 170)));
  const Page page = engine->read_prepared(prepared);
  INFO(page.text());
  // Without this step the grey lines are not there at all.
  REQUIRE(has_text(page, "Amelia Hart"));
  REQUIRE_FALSE(has_text(page, "northwind"));
  REQUIRE_FALSE(has_text(page, "555"));

  const std::vector<UnreadLine> runs = find_unread_lines(prepared, page);
  REQUIRE(runs.size() == 2);
  std::vector<std::string> read;
  for (const UnreadLine& run : runs) {
    CHECK(run.box.y > 450);  // not the name, which was read
    CHECK(run.box.width > 3 * run.box.height);
    CHECK(run.text_height > 15);
    read.push_back(surest_reading(*engine, prepared, run));
  }
  std::sort(read.begin(), read.end());
  CHECK(read[0] == "415 555 0123");
  CHECK(read[1] == "amelia@northwind.com");
}

TEST_CASE("lines the card's OCR read, blank ground and paper grain give no unread lines", "[ocr][unread-lines]") {
  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  SECTION("every line printed dark and read") {
    const cv::Mat prepared = prepare_for_ocr(card_with_contact_lines(cv::Scalar(30, 30, 30)));
    const Page page = engine->read_prepared(prepared);
    REQUIRE(has_text(page, "northwind"));
    CHECK(find_unread_lines(prepared, page).empty());
  }
  SECTION("blank paper") {
    const cv::Mat blank(800, 1400, CV_8UC1, cv::Scalar(250));
    CHECK(find_unread_lines(blank, {}).empty());
  }
  SECTION("paper grain and speckle") {
    cv::Mat grain(800, 1400, CV_8UC1);
    cv::RNG rng(11);
    rng.fill(grain, cv::RNG::NORMAL, 225, 14);
    cv::GaussianBlur(grain, grain, cv::Size(5, 5), 0);
    const cv::Mat prepared = prepare_for_ocr(grain);
    CHECK(find_unread_lines(prepared, engine->read_prepared(prepared)).empty());
  }
}

TEST_CASE("read words are blanked from a mark mask with a margin, debris is left in", "[ocr][unread-lines]") {
  cv::Mat ink(100, 300, CV_8UC1, cv::Scalar(255));
  Page page;
  Line line;
  line.words.push_back({"Hart", {20, 20, 60, 30}, 90});
  line.words.push_back({"E", {200, 20, 20, 30}, 30});  // debris
  page.lines.push_back(line);
  blank_read_words(ink, page);
  CHECK(ink.at<unsigned char>(35, 50) == 0);
  CHECK(ink.at<unsigned char>(15, 50) == 0);  // within the margin (0.3 x 30 px)
  CHECK(ink.at<unsigned char>(35, 150) == 255);
  CHECK(ink.at<unsigned char>(35, 210) == 255);
}
