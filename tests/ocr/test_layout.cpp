#include <catch2/catch.hpp>

#include <algorithm>

#include "ocr/layout.hpp"

using namespace cardscan::ocr;

namespace {
Word word(std::string text, int x, int y, int w, int h, float conf = 90) {
  return {std::move(text), {x, y, w, h}, conf};
}
}  // namespace

TEST_CASE("fragments on one baseline become one line, left to right", "[ocr][layout]") {
  const auto lines = assemble_lines(
      {word("555-0168", 300, 100, 120, 30), word("T", 200, 100, 20, 30), word("303-", 235, 100, 55, 30)});
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text == "T 303- 555-0168");
  CHECK(lines[0].box.x == 200);
  CHECK(lines[0].box.width == 220);
}

TEST_CASE("columns far apart stay separate lines", "[ocr][layout]") {
  const auto lines = assemble_lines({word("Jane", 50, 100, 80, 30), word("Doe", 140, 100, 60, 30),
                                     word("T", 700, 100, 20, 30), word("555-0123", 730, 100, 120, 30)});
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == "Jane Doe");
  CHECK(lines[1].text == "T 555-0123");
}

TEST_CASE("a large word next to small ones on another baseline is another line", "[ocr][layout]") {
  // A big name whose right end nearly touches a small address column.
  const auto lines = assemble_lines({word("Siobhan", 80, 570, 300, 70), word("Haddadin", 400, 566, 600, 74),
                                     word("Boston,", 1040, 560, 100, 28), word("MA", 1150, 560, 30, 24)});
  REQUIRE(lines.size() == 2);
  std::vector<std::string> texts = {lines[0].text, lines[1].text};
  std::sort(texts.begin(), texts.end());
  CHECK(texts == std::vector<std::string>{"Boston, MA", "Siobhan Haddadin"});
}

TEST_CASE("stacked aligned lines form a block, distant ones another", "[ocr][layout]") {
  const auto lines = assemble_lines({word("906", 700, 300, 50, 28), word("Market", 760, 300, 90, 28),
                                     word("Nashville,", 700, 340, 140, 28), word("TN", 850, 340, 30, 28),
                                     word("Ironwood", 80, 345, 120, 28), word("LLP", 210, 345, 50, 28)});
  REQUIRE(lines.size() == 3);
  const Line* street = nullptr;
  const Line* city = nullptr;
  const Line* company = nullptr;
  for (const auto& l : lines) {
    if (l.text == "906 Market") street = &l;
    if (l.text == "Nashville, TN") city = &l;
    if (l.text == "Ironwood LLP") company = &l;
  }
  REQUIRE(street);
  REQUIRE(city);
  REQUIRE(company);
  CHECK(street->block == city->block);
  CHECK(company->block != street->block);
}

TEST_CASE("line confidence and height summarise the words", "[ocr][layout]") {
  const auto lines = assemble_lines({word("Jane", 50, 100, 80, 30, 90), word("Doe", 140, 104, 60, 26, 70)});
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].confidence == Approx(80));
  CHECK(lines[0].text_height == 30);
}
