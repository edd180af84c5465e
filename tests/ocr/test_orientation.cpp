// Turning cards upright from their text: the layout reading on drawn cards
// in every quarter turn, and the whole decision on the sample photos against
// their truth.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/image_loader.hpp"
#include "ocr/orientation.hpp"

using namespace cardscan;

namespace {

cv::Mat text_card() {
  cv::Mat face(500, 875, CV_8UC3, cv::Scalar(245, 245, 245));
  const char* lines[] = {"Dr. Hildegard Kowalsky",        "Chief Technology Officer", "Brightfield Labs, Inc.",
                         "hildegard@brightfield.example", "Mobile +1 415 555 0187",   "1 Market Street, Springfield"};
  for (int i = 0; i < 6; ++i) {
    cv::putText(face, lines[i], cv::Point(40, 80 + 70 * i), cv::FONT_HERSHEY_SIMPLEX, 1.1, cv::Scalar(30, 30, 30), 2,
                cv::LINE_AA);
  }
  return face;
}

// Capitals and digits only: no ascenders or descenders for the layout to
// count, so only reading the text tells which way is up.
cv::Mat capitals_card(cv::Size size = {875, 500}, double scale = 1.1) {
  cv::Mat face(size, CV_8UC3, cv::Scalar(245, 245, 245));
  const char* lines[] = {"HILDEGARD KOWALSKY",  "CHIEF TECHNOLOGY OFFICER", "BRIGHTFIELD LABS",
                         "MOBILE 415 555 0187", "1 MARKET STREET",          "SPRINGFIELD"};
  const double s = size.width / 875.0;
  for (int i = 0; i < 6; ++i) {
    cv::putText(face, lines[i], cv::Point(static_cast<int>(40 * s), static_cast<int>((80 + 70 * i) * s)),
                cv::FONT_HERSHEY_SIMPLEX, scale * s, cv::Scalar(30, 30, 30), std::max(2, static_cast<int>(2 * s)),
                cv::LINE_AA);
  }
  return face;
}

// Lower-case words rich in descenders (g p q y, commas) and with no
// ascender, capital or digit: upright, the shape of the print alone says
// upside down.
cv::Mat descenders_card() {
  cv::Mat face(500, 875, CV_8UC3, cv::Scalar(245, 245, 245));
  const char* lines[] = {"your agency survey grows",  "gregory moran, yoga program", "proper energy, prayer group",
                         "easy pay, summer camp",     "young grocery express",       "mango syrup or pepper gravy"};
  for (int i = 0; i < 6; ++i) {
    cv::putText(face, lines[i], cv::Point(40, 80 + 70 * i), cv::FONT_HERSHEY_SIMPLEX, 1.1, cv::Scalar(30, 30, 30), 2,
                cv::LINE_AA);
  }
  return face;
}

}  // namespace

TEST_CASE("text layout tells each quarter turn of a card", "[ocr][orientation]") {
  const cv::Mat upright = text_card();
  struct Turn {
    int shown;  // how the card is shown: turned clockwise by this much
    cv::RotateFlags flag;
  };
  CHECK(ocr::orientation_from_layout(upright).decided);
  CHECK(ocr::orientation_from_layout(upright).degrees == 0);
  for (const Turn t :
       {Turn{90, cv::ROTATE_90_CLOCKWISE}, Turn{180, cv::ROTATE_180}, Turn{270, cv::ROTATE_90_COUNTERCLOCKWISE}}) {
    INFO("shown turned by " << t.shown);
    cv::Mat shown;
    cv::rotate(upright, shown, t.flag);
    const auto o = ocr::orientation_from_layout(shown);
    CHECK(o.lines_decided);
    CHECK(o.decided);
    CHECK(o.degrees == (360 - t.shown) % 360);  // the turn that undoes it
  }
}

TEST_CASE("a card with no text is left undecided", "[ocr][orientation]") {
  const cv::Mat blank(500, 875, CV_8UC3, cv::Scalar(240, 240, 240));
  CHECK_FALSE(ocr::orientation_from_layout(blank).decided);
}

TEST_CASE("sample cards come out upright as their truth says", "[ocr][orientation]") {
  const std::filesystem::path dir(CARDSCAN_SAMPLES_DIR);
  std::ifstream in(dir / "truth.json");
  REQUIRE(in);
  const auto truth = nlohmann::json::parse(in);
  auto engine = ocr::Engine::create();
  REQUIRE(engine);
  int located = 0, upright = 0;
  for (const auto& image : truth) {
    auto loaded = capture::load_image(dir / image["file"].get<std::string>());
    REQUIRE(loaded);
    auto cards = capture::find_cards(loaded->pixels);
    for (auto& card : cards) {
      if (card.whole_image) continue;
      capture::rotate_card(card, ocr::decide_orientation(*engine, card.pixels, card.whole_image).degrees);
      // The truth card this one lies on, and whether our top-left is its top-left.
      const cv::Point2f c = (card.quad[0] + card.quad[1] + card.quad[2] + card.quad[3]) * 0.25f;
      for (const auto& t : image["cards"]) {
        std::vector<cv::Point2f> poly;
        for (const auto& p : t["quad"]) poly.emplace_back(p[0].get<float>(), p[1].get<float>());
        if (cv::pointPolygonTest(poly, c, false) < 0) continue;
        ++located;
        std::size_t nearest = 0;
        double best = 1e18;
        for (std::size_t k = 0; k < 4; ++k) {
          const double d = std::hypot(card.quad[0].x - poly[k].x, card.quad[0].y - poly[k].y);
          if (d < best) {
            best = d;
            nearest = k;
          }
        }
        if (nearest == 0) ++upright;
      }
    }
  }
  std::size_t total = 0;
  for (const auto& image : truth) total += image["cards"].size();
  CHECK(located == static_cast<int>(total));
  CHECK(upright >= 0.98 * located);
}

TEST_CASE("reading a line both ways up turns a card the layout cannot", "[ocr][orientation]") {
  ocr::OcrOptions options;
  options.detect_orientation = false;  // no OSD: the reading alone must do it
  auto engine = ocr::Engine::create(options);
  REQUIRE(engine);
  const cv::Mat upright = capitals_card();
  cv::Mat shown;
  cv::rotate(upright, shown, cv::ROTATE_180);
  const auto layout = ocr::orientation_from_layout(shown);
  REQUIRE(layout.lines_decided);
  REQUIRE_FALSE(layout.decided);

  const auto probe = ocr::probe_upside_down(*engine, shown, 0);
  CHECK(probe.read);
  CHECK(probe.flipped > probe.as_is);
  CHECK(ocr::probe_clear(probe));
  // Read the right way up in the first place, the probe says so too.
  const auto same = ocr::probe_upside_down(*engine, upright, 0);
  CHECK(same.as_is > same.flipped);

  const auto decision = ocr::decide_orientation(*engine, shown, false);
  CHECK(decision.by == ocr::OrientedBy::reading);
  CHECK(decision.degrees == 180);
}

TEST_CASE("a close-up kept whole is turned upright too", "[ocr][orientation]") {
  // The card fills the picture past its edges: no outline, the whole
  // picture is the card, and it is upside down.
  const cv::Mat face = capitals_card({1400, 800}, 1.1);
  cv::Mat shown;
  cv::rotate(face(cv::Rect(20, 20, 1300, 740)), shown, cv::ROTATE_180);
  auto cards = capture::find_cards(shown);
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].whole_image);
  ocr::OcrOptions options;
  options.detect_orientation = false;
  auto engine = ocr::Engine::create(options);
  REQUIRE(engine);
  CHECK(ocr::decide_orientation(*engine, cards[0].pixels, cards[0].whole_image).degrees == 180);
}

TEST_CASE("a line read both ways up overrules a layout that misleads", "[ocr][orientation]") {
  ocr::OcrOptions options;
  options.detect_orientation = false;
  auto engine = ocr::Engine::create(options);
  REQUIRE(engine);
  const cv::Mat upright = descenders_card();
  // The fixture does what it is for: the shape alone is sure, and wrong.
  const auto layout = ocr::orientation_from_layout(upright);
  REQUIRE(layout.decided);
  REQUIRE(layout.degrees == 180);

  const auto decision = ocr::decide_orientation(*engine, upright, false);
  CHECK(decision.by == ocr::OrientedBy::reading);
  CHECK(decision.degrees == 0);
  cv::Mat shown;
  cv::rotate(upright, shown, cv::ROTATE_180);
  CHECK(ocr::decide_orientation(*engine, shown, false).degrees == 180);
}
