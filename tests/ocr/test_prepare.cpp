#include <catch2/catch.hpp>

#include <cmath>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <opencv2/imgproc.hpp>

#include "capture/qr_reader.hpp"
#include "ocr/engine.hpp"
#include "ocr/prepare.hpp"

using namespace cardscan;
using namespace cardscan::ocr;

namespace {

const cv::Scalar kPaper(240, 242, 238);
const cv::Scalar kInk(35, 30, 30);

void print(cv::Mat& card, const std::string& text, cv::Point at, const cv::Scalar& ink, double scale = 1.6) {
  cv::putText(card, text, at, cv::FONT_HERSHEY_DUPLEX, scale, ink, 2, cv::LINE_AA);
}

bool has(const Page& page, const std::string& text) { return page.text().find(text) != std::string::npos; }

// A printed QR code of `side` pixels, black modules on white.
cv::Mat qr_code(const std::string& payload, int side) {
  const auto matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(0).encode(payload, side, side);
  cv::Mat code(matrix.height(), matrix.width(), CV_8UC3);
  for (int y = 0; y < matrix.height(); ++y)
    for (int x = 0; x < matrix.width(); ++x)
      code.at<cv::Vec3b>(y, x) = matrix.get(x, y) ? cv::Vec3b(20, 20, 20) : cv::Vec3b(240, 242, 238);
  return code;
}

}  // namespace

TEST_CASE("light text in a dark band reads right while the paper's dark text stays dark", "[ocr][prepare]") {
  // The band covers a third of the card: the card as a whole is light, so
  // only a local decision can turn the band's text dark on light.
  cv::Mat card(800, 1400, CV_8UC3, kPaper);
  cv::rectangle(card, cv::Rect(0, 0, 1400, 280), cv::Scalar(120, 60, 25), cv::FILLED);
  const cv::Scalar light(245, 245, 245);
  print(card, "Office +1 415 555 0142", cv::Point(80, 110), light);
  print(card, "mia@harbourline.com", cv::Point(80, 210), light);
  print(card, "Mia Larsen", cv::Point(80, 520), kInk, 2.0);

  const cv::Mat plates = light_text_plates(card);
  CHECK(cv::mean(plates(cv::Rect(60, 60, 600, 170)))[0] > 200);       // the band's text area is inverted
  CHECK(cv::countNonZero(plates(cv::Rect(0, 400, 1400, 400))) == 0);  // the paper is not

  const cv::Mat prepared = prepare_for_ocr(card);
  // Band and paper both come out light: the text is the only dark.
  CHECK(cv::mean(prepared(cv::Rect(700, 20, 600, 240)))[0] > 200);
  CHECK(cv::mean(prepared(cv::Rect(700, 420, 600, 300)))[0] > 200);

  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  const Page page = engine->read(card);
  INFO(page.text());
  CHECK(has(page, "mia@harbourline.com"));
  CHECK(has(page, "415 555"));
  CHECK(has(page, "Mia Larsen"));
}

TEST_CASE("a mid-grey card with dark text is not inverted", "[ocr][prepare]") {
  // Dark enough that a whole-card brightness rule would take it for a dark
  // card; its text is still darker than its ground.
  cv::Mat card(800, 1400, CV_8UC3, cv::Scalar(100, 100, 100));
  print(card, "Jonas Weber", cv::Point(90, 200), cv::Scalar(10, 10, 10), 2.0);
  print(card, "jonas@kestrelworks.de", cv::Point(90, 400), cv::Scalar(10, 10, 10));

  CHECK(cv::countNonZero(light_text_plates(card)) == 0);
  const cv::Mat prepared = prepare_for_ocr(card);
  CHECK(cv::mean(prepared)[0] > 200);  // ground light, text dark
  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  const Page page = engine->read(card);
  INFO(page.text());
  CHECK(has(page, "Jonas Weber"));
  CHECK(has(page, "jonas@kestrelworks.de"));
}

TEST_CASE("a QR code next to text is blanked and does not spoil the text", "[ocr][prepare]") {
  cv::Mat card(800, 1400, CV_8UC3, kPaper);
  print(card, "Lena Park", cv::Point(80, 200), kInk, 2.0);
  print(card, "+1 206 555 0187", cv::Point(80, 420), kInk);
  print(card, "lena@cobaltbay.com", cv::Point(80, 520), kInk);
  qr_code("BEGIN:VCARD\nVERSION:3.0\nFN:Lena Park\nTEL:+12065550187\nEMAIL:lena@cobaltbay.com\nEND:VCARD", 300)
      .copyTo(card(cv::Rect(900, 300, 300, 300)));

  const auto codes = capture::read_printed_codes(card);
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].qr);
  CHECK(codes[0].payload.find("lena@cobaltbay.com") != std::string::npos);
  std::vector<Quad> blank;
  for (const auto& code : codes) blank.push_back(code.corners);
  for (const auto& p : blank[0]) {  // corners where the code was drawn
    CHECK(p.x > 880);
    CHECK(p.y > 280);
    CHECK(p.x < 1220);
    CHECK(p.y < 620);
  }
  const cv::Mat prepared = prepare_for_ocr(card, blank);
  cv::Mat code_area = prepared(cv::Rect(905, 305, 290, 290));
  CHECK(cv::countNonZero(code_area < 200) == 0);  // painted as paper

  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  const Page page = engine->read(card, blank);
  INFO(page.text());
  CHECK(has(page, "Lena Park"));
  CHECK(has(page, "lena@cobaltbay.com"));
  CHECK(has(page, "206 555 0187"));
  for (const auto& line : page.lines) CHECK(line.box.right() < 900);  // nothing read from the code
}

TEST_CASE("the card's ground is decided from its tones unless it is given", "[ocr][prepare]") {
  cv::Mat paper(400, 700, CV_8UC3, kPaper);
  print(paper, "Amelia Hart", {40, 120}, kInk);
  cv::Mat dark(400, 700, CV_8UC3, cv::Scalar(50, 35, 25));
  print(dark, "Amelia Hart", {40, 120}, cv::Scalar(235, 235, 235));
  CHECK(decided_ground(paper) == Ground::light);
  CHECK(decided_ground(dark) == Ground::dark);
  CHECK(cv::norm(prepare_for_ocr(paper), prepare_for_ocr(paper, {}, Ground::light), cv::NORM_INF) == 0);
  CHECK(cv::norm(prepare_for_ocr(dark), prepare_for_ocr(dark, {}, Ground::dark), cv::NORM_INF) == 0);
}

TEST_CASE("a mid-tone card taken for dark reads on the light ground it has", "[ocr][prepare]") {
  // Dark print on a card whose mid-tone ground (wood, kraft) covers most
  // of it: the tone split calls the card dark, and the inverted print is
  // partly lost; read on a light ground, every line comes back.
  auto engine = Engine::create();
  REQUIRE(engine);
  cv::Mat card(500, 900, CV_8UC3, cv::Scalar(150, 165, 180));
  card(cv::Rect(0, 0, 630, 500)).setTo(cv::Scalar(70, 95, 120));
  print(card, "dfw@verizon.com", {40, 120}, cv::Scalar(20, 30, 40));
  print(card, "817-228-6401", {40, 220}, cv::Scalar(20, 30, 40));
  REQUIRE(decided_ground(card) == Ground::dark);
  CHECK(has(engine->read_prepared(prepare_for_ocr(card, {}, Ground::light)), "dfw@verizon.com"));
}

TEST_CASE("a top panel's light lines read right on both sides of the card, an icon among them", "[ocr][prepare]") {
  // The panel runs the card's width and carries two blocks of small print
  // far apart: each block is a plate of its own, and the right one (two
  // thin lines, no taller than a line of large type, the letters a small
  // share of it) is inverted like the left one.
  cv::Mat card(800, 1400, CV_8UC3, kPaper);
  cv::rectangle(card, cv::Rect(0, 0, 1400, 300), cv::Scalar(150, 30, 95), cv::FILLED);
  const cv::Scalar light(240, 240, 240);
  const auto small = [&](const std::string& text, cv::Point at) {
    cv::putText(card, text, at, cv::FONT_HERSHEY_SIMPLEX, 0.9, light, 1, cv::LINE_AA);
  };
  small("+44 161 496 0299", {60, 90});
  small("12 Deansgate, Manchester", {60, 135});
  // An envelope icon before the email: a light outline round dark ground.
  cv::rectangle(card, cv::Rect(800, 68, 30, 22), light, 2);
  small("noor.haddad@brightmoor.co.uk", {845, 90});
  small("www.brightmoor.co.uk", {845, 135});
  print(card, "Noor Haddad", {60, 520}, kInk, 2.0);

  const cv::Mat plates = light_text_plates(card);
  CHECK(cv::mean(plates(cv::Rect(60, 65, 300, 80)))[0] > 200);   // left block inverted
  CHECK(cv::mean(plates(cv::Rect(845, 65, 400, 80)))[0] > 200);  // and the right one
  CHECK(cv::countNonZero(plates(cv::Rect(0, 400, 1400, 400))) == 0);

  auto engine = Engine::create();
  REQUIRE(engine.has_value());
  const Page page = engine->read(card);
  INFO(page.text());
  CHECK(has(page, "noor.haddad@brightmoor.co.uk"));
  CHECK(has(page, "www.brightmoor.co.uk"));
  CHECK(has(page, "496 0299"));
}
