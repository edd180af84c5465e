#include <catch2/catch.hpp>

#include <algorithm>

#include "page_fixture.hpp"
#include "parse/reading_choice.hpp"

using cardscan::parse::choose_reading;
using cardscan::parse::doubtful_lines;
using cardscan::parse::reading_support;
using cardscan::test::PageBuilder;

namespace {

// Another reading of a line, as ocr::Engine::reread_line gives it.
cardscan::ocr::Line reading(const std::string& text, float confidence = 80) {
  PageBuilder b;
  b.line(text, 700, 560, 28, 2, confidence);
  return b.page.lines.front();
}

bool has(const std::vector<std::size_t>& v, std::size_t i) { return std::find(v.begin(), v.end(), i) != v.end(); }

}  // namespace

TEST_CASE("a contact line that almost gives an email, phone or web address is doubtful", "[parse][reading-choice]") {
  PageBuilder b;
  b.line("Amelia Hart", 80, 300, 60, 1)                 // 0: no contact
      .line("amelia.hart2northwind.example", 700, 560, 28, 2)  // 1: '@' read as '2'
      .line("www.northwind.example", 700, 610, 28, 2)      // 2: disagrees with line 1's domain
      .line("T (415) 555-0123", 700, 660, 28, 2)           // 3: fine
      .line("M 415 5S5 O1", 700, 710, 28, 2);              // 4: digits with letters, no valid number
  const auto doubtful = doubtful_lines(b.page, "US");
  CHECK_FALSE(has(doubtful, 0));
  CHECK(has(doubtful, 1));
  CHECK_FALSE(has(doubtful, 3));
  CHECK(has(doubtful, 4));
}

TEST_CASE("a contact line read with a low word confidence is doubtful even when it parses", "[parse][reading-choice]") {
  PageBuilder b;
  b.line("Amelia Hart", 80, 300, 60, 1).line("amelia.hart@northwind.example", 700, 560, 28, 2, 40);
  CHECK(has(doubtful_lines(b.page, "US"), 1));
}

TEST_CASE("the reading whose email domain the card's website confirms wins over the first", "[parse][reading-choice]") {
  PageBuilder b;
  b.line("Amelia Hart", 80, 300, 60, 1)
      .line("amelia.hart@northwlnd.examp1e", 700, 560, 28, 2, 60)
      .line("www.northwind.example", 700, 610, 28, 2);
  const std::vector<cardscan::ocr::Line> readings = {reading("amelia.hart@northwlnd.examp1e"),
                                                     reading("amelia.hart@northwind.example")};
  CHECK(choose_reading(b.page, 1, readings, "US") == 1);
  CHECK(reading_support(b.page, 1, "amelia.hart@northwind.example", "US") >
        reading_support(b.page, 1, "amelia.hart@northwlnd.examp1e", "US"));
}

TEST_CASE("the reading that gives a valid number for the card's region wins over digits OCR broke",
          "[parse][reading-choice]") {
  PageBuilder b;
  b.line("Amelia Hart", 80, 300, 60, 1).line("T (415) 5S5-O12", 700, 560, 28, 2, 50);
  const std::vector<cardscan::ocr::Line> readings = {reading("T (415) 555-0123")};
  CHECK(choose_reading(b.page, 1, readings, "US") == 0);
}

TEST_CASE("a reading no better supported than the first leaves the first reading standing", "[parse][reading-choice]") {
  PageBuilder b;
  b.line("Amelia Hart", 80, 300, 60, 1)
      .line("amelia.hart@northwind.example", 700, 560, 28, 2, 70)
      .line("www.northwind.example", 700, 610, 28, 2);
  // Equally well formed, but its domain is printed nowhere else on the card.
  const std::vector<cardscan::ocr::Line> readings = {reading("amelia.hart@northwinds.example", 95)};
  CHECK(choose_reading(b.page, 1, readings, "US") == -1);
  CHECK(choose_reading(b.page, 1, {}, "US") == -1);
}
