// The review state behind `cardscan serve`: reviewed marks, the review queue's
// order, search, stored card crops and the back-side suggestion.

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "store_test_support.hpp"

using namespace cardscan;
using namespace cardscan::store;
using namespace cardscan::store::testing;

namespace {

const auto kNow = std::chrono::system_clock::from_time_t(1'720'000'000);

parse::Contact with_confidence(parse::Contact c, double confidence) {
  c.confidence.name = 0.99;
  c.confidence.emails = confidence;
  return c;
}

std::vector<std::int64_t> ids_of(const std::vector<ReviewItem>& items) {
  std::vector<std::int64_t> ids;
  for (const auto& item : items) ids.push_back(item.contact.id);
  return ids;
}

}  // namespace

TEST_CASE("a reviewed contact leaves the unreviewed list and is counted in stats", "[store][review]") {
  Store store = open_store();
  auto a = store.add_scan(scan_of("a", {person("Jane Doe", "Acme", "jane@acme.example")}), kNow);
  auto b = store.add_scan(scan_of("b", {person("Bob Roe", "Initech", "bob@initech.example")}), kNow);
  REQUIRE(a);
  REQUIRE(b);
  std::int64_t jane = (*a)[0].contact_id;
  CHECK(store.stats(kNow).reviewed == 0);

  REQUIRE(store.set_reviewed(jane, true, kNow));
  ContactFilter unreviewed;
  unreviewed.unreviewed = true;
  auto left = store.contacts(unreviewed);
  REQUIRE(left.size() == 1);
  CHECK(left[0].contact.name == "Bob Roe");
  CHECK(store.stats(kNow).reviewed == 1);
  CHECK_FALSE(store.contact(jane)->reviewed_at.empty());

  REQUIRE(store.set_reviewed(jane, false, kNow));
  CHECK(store.contacts(unreviewed).size() == 2);
  CHECK_FALSE(store.set_reviewed(9999, true, kNow));
}

TEST_CASE("a card merged into a reviewed contact makes it unreviewed again", "[store][review]") {
  Store store = open_store();
  auto a = store.add_scan(scan_of("a", {person("Jane Doe", "Acme", "jane@acme.example")}), kNow);
  REQUIRE(a);
  REQUIRE(store.set_reviewed((*a)[0].contact_id, true, kNow));
  auto again = store.add_scan(scan_of("b", {person("Jane Doe", "Acme", "jane@acme.example", "+14155550123")}), kNow);
  REQUIRE(again);
  REQUIRE((*again)[0].outcome == CardOutcome::merged);
  CHECK(store.contact((*a)[0].contact_id)->reviewed_at.empty());
}

TEST_CASE("the review queue puts the latest session first and its most doubtful card first", "[store][review]") {
  Store store = open_store();
  auto old_sure =
      store.add_scan(scan_of("a", {with_confidence(person("Old Sure", "A", "o@a.example"), 0.95)}, "Fair 1"), kNow);
  auto old_doubt =
      store.add_scan(scan_of("b", {with_confidence(person("Old Doubt", "B", "o@b.example"), 0.2)}, "Fair 1"), kNow);
  auto new_sure =
      store.add_scan(scan_of("c", {with_confidence(person("New Sure", "C", "n@c.example"), 0.9)}, "Fair 2"), kNow);
  auto new_doubt =
      store.add_scan(scan_of("d", {with_confidence(person("New Doubt", "D", "n@d.example"), 0.4)}, "Fair 2"), kNow);
  REQUIRE((old_sure && old_doubt && new_sure && new_doubt));

  auto queue = store.review_queue({});
  REQUIRE(queue.size() == 4);
  CHECK(ids_of(queue) == std::vector<std::int64_t>{(*new_doubt)[0].contact_id, (*new_sure)[0].contact_id,
                                                   (*old_doubt)[0].contact_id, (*old_sure)[0].contact_id});
  CHECK(queue[0].lowest_confidence == Approx(0.4));
  CHECK(queue[0].session == "Fair 2");
}

TEST_CASE("a phone read with low confidence makes its contact doubtful", "[store][review]") {
  Store store = open_store();
  parse::Contact shaky = with_confidence(person("Shaky Phone", "E", "s@e.example"), 0.95);
  shaky.phones.push_back({parse::PhoneType::work, "+14155550199", "(415) 555-0199", "", 0.3});
  REQUIRE(store.add_scan(scan_of("a", {shaky}), kNow));
  auto queue = store.review_queue({});
  REQUIRE(queue.size() == 1);
  CHECK(queue[0].lowest_confidence == Approx(0.3));
}

TEST_CASE("search finds contacts by part of name, company, e-mail or event, ignoring case", "[store][review]") {
  Store store = open_store();
  REQUIRE(store.add_scan(scan_of("a", {person("Jane Doe", "Acme Corp", "jane@acme.example")}, "Expo Berlin"), kNow));
  REQUIRE(store.add_scan(scan_of("b", {person("Bob Roe", "Initech", "bob@initech.example")}), kNow));
  auto names = [&](const std::string& text) {
    ContactFilter filter;
    filter.search = text;
    std::vector<std::string> out;
    for (const auto& c : store.contacts(filter)) out.push_back(c.contact.name);
    return out;
  };
  CHECK(names("jane") == std::vector<std::string>{"Jane Doe"});
  CHECK(names("INITECH") == std::vector<std::string>{"Bob Roe"});
  CHECK(names("bob@") == std::vector<std::string>{"Bob Roe"});
  CHECK(names("berlin") == std::vector<std::string>{"Jane Doe"});
  CHECK(names("%").empty());  // LIKE wildcards are plain characters
  CHECK(names("o").size() == 2);
}

TEST_CASE("a stored card's crop and OCR text are read back per card", "[store][review]") {
  Store store = open_store();
  ScanRecord scan = scan_of("a", {person("Jane Doe", "Acme", "jane@acme.example")}, "Expo");
  scan.source_path = "/home/someone/photos/IMG_1.jpg";
  scan.cards[0].crop_jpeg = {0xFF, 0xD8, 0xFF, 0xD9};
  auto stored = store.add_scan(scan, kNow);
  REQUIRE(stored);
  auto cards = store.card_scans((*stored)[0].contact_id);
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].source_name == "IMG_1.jpg");  // no folders
  CHECK(cards[0].event == "Expo");
  CHECK(cards[0].ocr_text == "ocr text of a");
  CHECK(cards[0].has_crop);
  auto crop = store.card_crop(cards[0].id);
  REQUIRE(crop);
  CHECK(*crop == std::vector<unsigned char>{0xFF, 0xD8, 0xFF, 0xD9});
  CHECK_FALSE(store.card_crop(cards[0].id + 100));
}

TEST_CASE("a card without a person's name stored next to a named one is offered as its back side", "[store][review]") {
  Store store = open_store();
  auto front = store.add_scan(scan_of("a", {person("Jane Doe", "Acme", "jane@acme.example")}), kNow);
  parse::Contact back;
  back.company = "Acme Logistics";
  back.phones.push_back({parse::PhoneType::work, "+14155550177", "415 555 0177", "", 0.9});
  auto rear = store.add_scan(scan_of("b", {back}), kNow);
  auto other = store.add_scan(scan_of("c", {person("Bob Roe", "Initech", "bob@initech.example")}), kNow);
  REQUIRE((front && rear && other));
  std::int64_t jane = (*front)[0].contact_id, nameless = (*rear)[0].contact_id, bob = (*other)[0].contact_id;
  CHECK(store.back_side_candidate(nameless) == jane);  // the named card before it comes first
  CHECK(store.back_side_candidate(jane) == nameless);
  CHECK(store.back_side_candidate(bob) == nameless);
  // Two named cards in a row are two people, not two sides.
  auto next = store.add_scan(scan_of("d", {person("Ann Poe", "Globex", "ann@globex.example")}), kNow);
  REQUIRE(next);
  CHECK(store.back_side_candidate((*next)[0].contact_id) == std::nullopt);
}

TEST_CASE("a version-3 database gains the reviewed state with every contact unreviewed", "[store][schema][review]") {
  TempDir dir;
  std::string path = (dir.path() / "v3.db").string();
  {
    Store store = open_store(path);
    REQUIRE(store.add_scan(scan_of("a", {person("Jane Doe", "Acme", "jane@acme.example")}), kNow));
  }
  // Take the file back to version 3 as an older cardscan left it.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "DROP INDEX contacts_unreviewed; ALTER TABLE contacts DROP COLUMN reviewed_at; "
                       "PRAGMA user_version = 3;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);

  Store store = open_store(path);
  CHECK(store.schema_version() == kSchemaVersion);
  ContactFilter unreviewed;
  unreviewed.unreviewed = true;
  REQUIRE(store.contacts(unreviewed).size() == 1);
  REQUIRE(store.set_reviewed(store.contacts()[0].id, true, kNow));
  CHECK(store.stats(kNow).reviewed == 1);
}
