// `cardscan bench` scores as ../shared/bench/score.py does (the scorer the
// held-out checks use): the same normalisation, the same matching of
// predicted contacts to truth cards and the same counting, so its figures
// and score.py's agree for the same output.

#include <catch2/catch.hpp>

#include "tools/bench/scoring.hpp"
#include "tools/bench/truth.hpp"

namespace {

using namespace cardscan;
using namespace cardscan::bench;
using cardscan::pipeline::CardReading;
using cardscan::pipeline::FileOutput;

CardReading reading(parse::Contact c) {
  CardReading r;
  r.contact = std::move(c);
  r.whole_image = true;
  return r;
}

TruthImage image(std::vector<TruthCard> cards, std::string kind = "photo") {
  TruthImage t;
  t.file = "x.jpg";
  t.kind = std::move(kind);
  t.cards = std::move(cards);
  return t;
}

FileOutput output(std::vector<CardReading> cards) {
  FileOutput out;
  out.path = "x.jpg";
  out.cards = std::move(cards);
  return out;
}

}  // namespace

TEST_CASE("scoring compares names without honorifics and text without case, accents form or punctuation") {
  CHECK(norm_name("Dr. Anna-Lena  O'Brien, PhD") == "anna lena obrien");
  CHECK(norm_text("ACME  GmbH & Co. KG") == "acme gmbh & co kg");
  CHECK(norm_text("Stra\xC3\x9F" "e") == "strasse");  // case folding spells out the sharp s
  CHECK(norm_email(" Mailto:Jane@Example.COM. ") == "jane@example.com");
  CHECK(norm_website("HTTPS://www2.Example.org/") == "example.org");
  CHECK(norm_phone_type("Mob.") == "mobile");
  CHECK(norm_phone_type("T") == "work");
  CHECK(norm_phone_type("") == "");
}

TEST_CASE("a truth number printed without a country code is read in the card's own country") {
  CHECK(phone_key("030 1234567", "", "DE") == "+49301234567");
  CHECK(phone_key("(415) 555-0123", "", "") == "+14155550123");  // no country: US
  CHECK(phone_key("whatever", "+44 20 7946 0000", "US") == "+442079460000");
  CHECK(phone_key("", "", "US") == std::nullopt);

  TruthCard t;
  t.name = "Jana Novak";
  t.country = "DE";
  t.phones = {{"work", "030 1234567", ""}};
  parse::Contact c;
  c.name = "Jana Novak";
  c.phones = {{parse::PhoneType::work, "+49301234567", "030 1234567", "", 0.9}};
  BenchReport report;
  report.add(image({t}), output({reading(c)}));
  CHECK(report.fields["phone"].tp == 1);
  CHECK(report.phone_types_correct == 1);
  CHECK(report.cards_fully_correct == 1);
}

TEST_CASE("a card printing no person's name is fully right when no name is given for it") {
  TruthCard t;
  t.company = "Harbour Bakery";
  t.emails = {"hello@harbourbakery.ie"};
  parse::Contact c;
  c.company = "Harbour Bakery";
  c.emails = {"hello@harbourbakery.ie"};
  BenchReport report;
  report.add(image({t}), output({reading(c)}));
  CHECK(report.cards_fully_correct == 1);
  CHECK(report.fields["name"].fp == 0);
  CHECK(report.fields["name"].fn == 0);
}

TEST_CASE("a bilingual title is right in either language, and a title may be given apart from its department") {
  TruthCard t;
  t.name = "Luc Martin";
  t.title = "Directeur commercial / Sales Director";
  TruthCard u;
  u.name = "Eva Weiss";
  u.title = "Head of Research Sales";
  parse::Contact c;
  c.name = "Luc Martin";
  c.title = "Sales Director";
  parse::Contact d;
  d.name = "Eva Weiss";
  d.title = "Head of";
  d.department = "Research Sales";
  BenchReport report;
  report.add(image({t, u}, "sheet"), output({reading(c), reading(d)}));
  CHECK(report.fields["title"].tp == 2);
  CHECK(report.fields["title"].fp == 0);
}

TEST_CASE("predicted contacts are matched to truth cards by the best total likeness, not greedily") {
  // Greedy pairing would give the first contact to the first card (most in
  // common) and leave the second card without a match; the assignment with
  // the best total pairs them crosswise.
  TruthCard first, second;
  first.emails = {"a@x.com", "b@x.com"};
  first.company = "Norden Tools";
  second.name = "Jan Kowalski";
  parse::Contact one, two;
  one.name = "Jan Kowalski";
  one.emails = {"a@x.com", "b@x.com"};
  two.emails = {"a@x.com"};
  two.company = "Norden Tools";
  BenchReport report;
  report.add(image({first, second}, "sheet"), output({reading(one), reading(two)}));
  CHECK(report.fields["name"].tp == 1);
  CHECK(report.fields["company"].tp == 1);
  CHECK(report.fields["email"].tp == 1);
  CHECK(report.fields["email"].fn == 1);
}

TEST_CASE("scoring only Latin-script cards leaves out images whose cards are all in another script") {
  TruthCard ja;
  ja.name = "Yamada Taro";
  ja.language = "ja";
  TruthCard en;
  en.name = "Ann Lee";
  en.language = "en";
  parse::Contact c;
  c.name = "Someone Else";
  BenchReport report;
  report.only_latin = true;
  report.add(image({ja}), output({reading(c)}));
  report.add(image({en}), output({reading(c)}));
  CHECK(report.images_skipped == 1);
  CHECK(report.images_scored == 1);
  CHECK(report.cards == 1);
  CHECK(report.fields["name"].fn == 1);
}
