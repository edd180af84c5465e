#include <catch2/catch.hpp>

#include "page_fixture.hpp"
#include "parse/card_lines.hpp"
#include "parse/extract.hpp"
#include "parse/name_parser.hpp"
#include "parse/text.hpp"

using namespace cardscan::parse;
using cardscan::test::PageBuilder;

TEST_CASE("a name splits into given, middle and family", "[parse][name]") {
  const auto n = split_name("Jane Q. Doe");
  CHECK(n.given == "Jane");
  CHECK(n.middle == "Q.");
  CHECK(n.family == "Doe");
  CHECK(n.full == "Jane Q. Doe");
}

TEST_CASE("prefixes leave the printed name, suffixes stay in it", "[parse][name]") {
  const auto n = split_name("Dr. Anna Schmidt, PhD");
  CHECK(n.prefix == "Dr.");
  CHECK(n.given == "Anna");
  CHECK(n.family == "Schmidt");
  CHECK(n.suffix == "PhD");
  CHECK(n.full == "Anna Schmidt, PhD");
  const auto j = split_name("Robert Miles Jr.");
  CHECK(j.suffix == "Jr.");
  CHECK(j.family == "Miles");
  CHECK(split_name("Chiara Ferrari III").suffix == "III");
}

TEST_CASE("Vietnamese degrees before a name are prefixes", "[parse][name]") {
  for (const std::string prefix : {"TS.", "ThS.", "PGS.", "GS.", "BS.", "KS."}) {
    const auto n = split_name(prefix + " Đỗ Chí Phi");
    INFO(prefix);
    CHECK(n.prefix == prefix);
    CHECK(n.full == "Đỗ Chí Phi");
  }
}

TEST_CASE("particles belong to the family name", "[parse][name]") {
  const auto n = split_name("Pieter van der Berg");
  CHECK(n.given == "Pieter");
  CHECK(n.family == "van der Berg");
  CHECK(n.middle.empty());
}

TEST_CASE("hyphens, apostrophes and accents survive", "[parse][name]") {
  const auto n = split_name("Siobhán O'Neil-Öztürk");
  CHECK(n.given == "Siobhán");
  CHECK(n.family == "O'Neil-Öztürk");
}

TEST_CASE("a capital I read as l before a y is repaired in words no list knows", "[parse][names]") {
  for (const char* name : {"Karim lyer", "Bhavana lyer, Sales"}) {
    INFO(name);
    PageBuilder b;
    b.line(name, 80, 100, 60, 0).line("Interior Designer", 80, 180, 30, 0).line("+44 20 7946 0958", 80, 400, 24, 1);
    CHECK(extract(b.page, {"GB"}).name.find("Iyer") != std::string::npos);
  }
  PageBuilder w;
  w.line("La Maison lyonnaise, Lyon", 80, 100, 40, 0);
  CHECK(read_card_lines(w.page).front().text == "La Maison lyonnaise, Lyon");
}

TEST_CASE("a lower-case l OCR read as a capital I after a word's initial is an l again", "[parse][text]") {
  PageBuilder b;
  b.line("Kensei Shinjuku BIdg.", 80, 100, 30, 0).line("Ewan McIntosh, IBM", 80, 140, 30, 0);
  const auto lines = read_card_lines(b.page);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == "Kensei Shinjuku Bldg.");
  CHECK(lines[1].text == "Ewan McIntosh, IBM");
  PageBuilder a;
  a.line("Tomoaki Higurashi", 80, 100, 60, 0)
      .line("Kensei Shinjuku BIdg.", 80, 400, 30, 1)
      .line("5-5-3 Shinjuku, Shinjuku-ku, Tokyo 160-0022, Japan", 80, 440, 30, 1);
  CHECK(extract(a.page, {"JP"}).address == "Kensei Shinjuku Bldg., 5-5-3 Shinjuku, Shinjuku-ku, Tokyo 160-0022, Japan");
}

TEST_CASE("accents OCR put on the words of an English line are dropped", "[parse][text]") {
  PageBuilder b;
  b.line(
       "F\xC3\xAD"
       "nanc\xC3\xAD"
       "al Adv\xC3\xAD"
       "sor",
       80, 100, 30, 0)
      .line(
          "Milica \xC4\x8C"
          "oli\xC4\x87",
          80, 140, 30, 0);
  const auto lines = read_card_lines(b.page);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == "Financial Advisor");
  CHECK(lines[1].text ==
        "Milica \xC4\x8C"
        "oli\xC4\x87");  // a name, not English, though "colic" is a word
}

TEST_CASE("only credentials follow a name's comma, and no name ends in a lone I", "[parse][names]") {
  CHECK(split_name("Silke Haas, Logistics").full == "Silke Haas");
  CHECK(split_name("Jane Doe, PhD, MBA").full == "Jane Doe, PhD, MBA");
  CHECK(split_name("Gaurav Gupta, P.E.").full == "Gaurav Gupta, P.E.");
  CHECK(split_name("Zhiwei McAllister I").full == "Zhiwei McAllister");
  CHECK(split_name("John Smith III").full == "John Smith III");
}

TEST_CASE("a word OCR cut in two is one word where the English lists know it whole", "[parse][text]") {
  PageBuilder b;
  b.line("Log istics Coordinator", 80, 100, 30, 0)
      .line("RIVERBEND LAND SCAPING.", 80, 140, 30, 0)
      .line("Sales Force Partners", 80, 180, 30, 0)
      .line("Al Mond", 80, 220, 30, 0);
  const auto lines = read_card_lines(b.page);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].text == "Logistics Coordinator");
  CHECK(lines[1].text == "RIVERBEND LANDSCAPING.");
  CHECK(lines[2].text == "Sales Force Partners");  // two words, each known
  CHECK(lines[3].text == "Al Mond");               // a capitalised second word is a word of its own
}

TEST_CASE("an ampersand OCR glued to one of its words gets its space back", "[parse][text]") {
  PageBuilder b;
  b.line("Founder& CEO", 80, 100, 30, 0).line("Sales &Marketing", 80, 140, 30, 0).line("AT&T Partner", 80, 180, 30, 0);
  const auto lines = read_card_lines(b.page);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text == "Founder & CEO");
  CHECK(lines[1].text == "Sales & Marketing");
  CHECK(lines[2].text == "AT&T Partner");
}

TEST_CASE("text helpers fold case, accents and punctuation", "[parse][text]") {
  CHECK(title_case("TARIQ E. HADDADIN") == "Tariq E. Haddadin");
  CHECK(normalise_for_compare("Acme, Inc.") == "acme inc");
  CHECK(fold_letters("Zoë O'Neil-Smith") == "zoeoneilsmith");
  CHECK(strip_accents("ferrarí") == "ferrari");
  CHECK(repair_initial_l("lronwood Outfitters") == "Ironwood Outfitters");
  CHECK(repair_initial_l("la Maison lyonnaise") == "la Maison lyonnaise");
  CHECK(fuzzy_contains("nriverbendeneray", "riverbendenergy") > 0.85);
  CHECK(fuzzy_contains("somethingelse", "riverbendenergy") < 0.5);
}

TEST_CASE("digits OCR read as letters are digits again only inside numbers", "[parse][text]") {
  using cardscan::parse::repair_digit_lookalikes;
  CHECK(repair_digit_lookalikes("Cep Oll37-000") == "Cep 01137-000");
  CHECK(repair_digit_lookalikes("+1 415 555 O123") == "+1 415 555 0123");
  // The second group of a number printed in two, before a comma.
  CHECK(repair_digit_lookalikes("Bengaluru 560 oo1, Karnataka") == "Bengaluru 560 001, Karnataka");
  // Words stay words, also after a number.
  CHECK(repair_digit_lookalikes("Floor 12 Office") == "Floor 12 Office");
  CHECK(repair_digit_lookalikes("Suite 5 lobby, Lyon") == "Suite 5 lobby, Lyon");
  CHECK(repair_digit_lookalikes("Oslo 0150") == "Oslo 0150");
  // The bracketed trunk zero after a country code.
  CHECK(repair_digit_lookalikes("Mob : +33 (O) 6 74 97 16 92") == "Mob : +33 (0) 6 74 97 16 92");
  CHECK(repair_digit_lookalikes("Bureau (O) Paris") == "Bureau (O) Paris");
}

TEST_CASE("a given name set smaller beside the family name on its row completes the one-word name", "[parse][names]") {
  auto card = [](int gap) {
    PageBuilder b;
    b.line("MAKOTO", 300, 420, 50, 1);
    const int family_x = b.page.lines.back().words.back().box.right() + gap;
    b.line("TAKAHASHI", family_x, 400, 95, 0)
        .line("Sales Director", 300, 560, 30, 2)
        .line("+81 3 6250 1201", 300, 640, 28, 3)
        .line("makoto@kitemark-trading.jp", 300, 690, 28, 3);
    return extract(b.page, {"JP"});
  };
  CHECK(card(34).name == "Makoto Takahashi");
  CHECK(card(34).title == "Sales Director");
  // Words far apart on one row are not one name.
  const std::string apart = card(300).name;
  CHECK_FALSE(apart.empty());
  CHECK(split_words(apart).size() == 1);
}
