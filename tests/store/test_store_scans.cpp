// add_scan: idempotency by file hash, merging the same person, and the one
// open follow-up per person. Each runs on an in-memory and an on-disk store.

#include <catch2/catch.hpp>

#include "store/vcard.hpp"
#include "store_test_support.hpp"

using namespace cardscan;
using namespace cardscan::store;
using namespace cardscan::store::testing;

namespace {

std::string db_path_for(const std::string& kind, const TempDir& dir) {
  return kind == "memory" ? ":memory:" : (dir.path() / "cards.db").string();
}

const auto kNow = std::chrono::system_clock::from_time_t(1'700'000'000);  // 2023-11-14 22:13 UTC

}  // namespace

TEST_CASE("a new card creates one contact with one open follow-up", "[store][scan]") {
  TempDir dir;
  std::string kind = GENERATE(as<std::string>{}, "memory", "disk");
  Store store = open_store(db_path_for(kind, dir));
  auto results =
      store.add_scan(scan_of("aaa", {person("Jane Doe", "Acme", "jane@acme.example", "+14155550123")}), kNow);
  REQUIRE(results);
  REQUIRE(results->size() == 1);
  CHECK((*results)[0].outcome == CardOutcome::created);
  CHECK((*results)[0].followup_id.has_value());
  auto contacts = store.contacts();
  REQUIRE(contacts.size() == 1);
  CHECK(contacts[0].contact.name == "Jane Doe");
  CHECK(contacts[0].contact.emails == std::vector<std::string>{"jane@acme.example"});
  REQUIRE(contacts[0].contact.phones.size() == 1);
  CHECK(contacts[0].contact.phones[0].e164 == "+14155550123");
  CHECK(contacts[0].uid.starts_with("urn:uuid:"));
  CHECK(store.open_followups().size() == 1);
  CHECK(store.has_scan("aaa"));
  CHECK_FALSE(store.has_scan("bbb"));
}

TEST_CASE("the same file content scanned again stores nothing", "[store][scan][idempotency]") {
  TempDir dir;
  std::string kind = GENERATE(as<std::string>{}, "memory", "disk");
  Store store = open_store(db_path_for(kind, dir));
  auto scan = scan_of("same-hash", {person("Jane Doe", "Acme", "jane@acme.example"), person("Bob Roe", "Initech")});
  auto first = store.add_scan(scan, kNow);
  REQUIRE(first);
  scan.source_path = "/elsewhere/copy-of-it.jpg";  // same bytes, other name
  auto second = store.add_scan(scan, kNow + std::chrono::hours(30));
  REQUIRE(second);
  REQUIRE(second->size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK((*second)[i].outcome == CardOutcome::already_scanned);
    CHECK((*second)[i].contact_id == (*first)[i].contact_id);
    CHECK_FALSE((*second)[i].followup_id);
  }
  CHECK(store.contacts().size() == 2);
  CHECK(store.open_followups().size() == 2);
  CHECK(store.stats(kNow).cards == 2);
}

TEST_CASE("a scan without a hash is refused", "[store][scan]") {
  Store store = open_store();
  auto result = store.add_scan(scan_of("", {person("Jane Doe", "Acme")}), kNow);
  REQUIRE_FALSE(result);
  CHECK_THAT(result.error(), Catch::Contains("SHA-256"));
  CHECK(store.contacts().empty());
}

TEST_CASE("the same person merges by e-mail, E.164 phone, or name and company", "[store][scan][merge]") {
  TempDir dir;
  std::string kind = GENERATE(as<std::string>{}, "memory", "disk");
  Store store = open_store(db_path_for(kind, dir));
  REQUIRE(store.add_scan(scan_of("one", {person("Jane Doe", "Acme Corp", "jane@acme.example", "+14155550123")}), kNow));

  parse::Contact second;
  SECTION("same e-mail, differently cased") {
    second = person("J. Doe", "", "JANE@Acme.example ");
    second.emails.push_back("jdoe@gmail.example");
  }
  SECTION("same E.164 phone") {
    second = person("Jane Doe-Smith", "Acme Corporation", "jdoe@gmail.example", "+14155550123");
  }
  SECTION("same name and company, normalised (case, accents, punctuation, legal form)") {
    second = person("JANE  DOE.", "ACME, Inc.", "jdoe@gmail.example", "+442079460000");
  }
  auto merged = store.add_scan(scan_of("two", {second}), kNow + std::chrono::hours(1));
  REQUIRE(merged);
  CHECK((*merged)[0].outcome == CardOutcome::merged);
  auto contacts = store.contacts();
  REQUIRE(contacts.size() == 1);
  const auto& emails = contacts[0].contact.emails;
  CHECK(std::find(emails.begin(), emails.end(), "jane@acme.example") != emails.end());
  CHECK(std::find(emails.begin(), emails.end(), "jdoe@gmail.example") != emails.end());
  CHECK(emails.size() == 2);  // "JANE@Acme.example " is the same address, not a second one
  CHECK(contacts[0].scan_count == 2);
  CHECK(store.open_followups().size() == 1);
  CHECK_FALSE((*merged)[0].followup_id);
  CHECK((*merged)[0].followup_due.empty());
}

TEST_CASE("a new follow-up's due time comes back with the card's result, as open_followups gives it",
          "[store][scan][followup]") {
  Store store = open_store();
  auto results = store.add_scan(scan_of("aaa", {person("Jane Doe", "Acme", "jane@acme.example")}), kNow);
  REQUIRE(results);
  REQUIRE((*results)[0].followup_id);
  const auto open = store.open_followups();
  REQUIRE(open.size() == 1);
  CHECK(open[0].id == *(*results)[0].followup_id);
  CHECK_FALSE((*results)[0].followup_due.empty());
  CHECK((*results)[0].followup_due == open[0].due);
}

TEST_CASE("a name alone, or a company alone, does not merge people", "[store][scan][merge]") {
  Store store = open_store();
  REQUIRE(store.add_scan(scan_of("one", {person("Jane Doe", "Acme")}), kNow));
  REQUIRE(store.add_scan(scan_of("two", {person("Jane Doe", "Initech")}), kNow));
  REQUIRE(store.add_scan(scan_of("three", {person("Bob Roe", "Acme")}), kNow));
  REQUIRE(store.add_scan(scan_of("four", {person("Jane Doe", "")}), kNow));
  CHECK(store.contacts().size() == 4);
  CHECK(store.open_followups().size() == 4);
}

TEST_CASE("a merge keeps every distinct value", "[store][scan][merge]") {
  Store store = open_store();
  parse::Contact first = person("Jane Doe", "Acme", "jane@acme.example", "+14155550123");
  first.title = "VP Sales";
  first.websites = {"https://acme.example"};
  parse::Contact second = person("Jane Doe", "Acme", "jane@acme.example", "+14155550123");
  second.title = "Chief Revenue Officer";
  second.department = "Sales";
  second.phones.push_back({parse::PhoneType::mobile, "+14155550999", "(415) 555-0999", "", 0.8});
  second.phones.push_back(
      {parse::PhoneType::work, "+14155550123", "415.555.0123", "", 0.8});  // same number, printed differently
  second.websites = {"www.acme.example/", "acme.example/blog"};
  second.social = {{"linkedin", "linkedin.com/in/janedoe"}};
  REQUIRE(store.add_scan(scan_of("one", {first}), kNow));
  REQUIRE(store.add_scan(scan_of("two", {second}), kNow));
  auto contacts = store.contacts();
  REQUIRE(contacts.size() == 1);
  const auto& c = contacts[0];
  CHECK(c.contact.title == "VP Sales");  // first seen is kept ...
  CHECK(std::find(c.alternates.begin(), c.alternates.end(),
                  std::pair<std::string, std::string>{"title", "Chief Revenue Officer"}) !=
        c.alternates.end());  // ... and the other one too
  CHECK(c.contact.department == "Sales");
  REQUIRE(c.contact.phones.size() == 2);
  CHECK(c.contact.phones[1].e164 == "+14155550999");
  CHECK(c.contact.phones[1].type == parse::PhoneType::mobile);
  CHECK(c.contact.websites == std::vector<std::string>{"https://acme.example", "acme.example/blog"});
  REQUIRE(c.contact.social.size() == 1);
  CHECK(c.contact.social[0].handle == "linkedin.com/in/janedoe");
}

TEST_CASE("two cards of one person on the same photo make one contact", "[store][scan][merge]") {
  Store store = open_store();
  auto results = store.add_scan(scan_of("sheet", {person("Jane Doe", "Acme", "jane@acme.example"),
                                                  person("Jane Doe", "Acme", "jane@acme.example")}),
                                kNow);
  REQUIRE(results);
  CHECK((*results)[0].outcome == CardOutcome::created);
  CHECK((*results)[1].outcome == CardOutcome::merged);
  CHECK((*results)[1].contact_id == (*results)[0].contact_id);
  CHECK(store.contacts().size() == 1);
  CHECK(store.open_followups().size() == 1);
}

TEST_CASE("meeting a person again after the follow-up was done opens a new one", "[store][scan][followup]") {
  Store store = open_store();
  auto first = store.add_scan(scan_of("one", {person("Jane Doe", "Acme", "jane@acme.example")}), kNow);
  REQUIRE(first);
  REQUIRE(store.complete_followup(*(*first)[0].followup_id, kNow + std::chrono::hours(20)));
  CHECK(store.open_followups().empty());
  auto again = store.add_scan(scan_of("two", {person("Jane Doe", "Acme", "jane@acme.example")}, "Expo"),
                              kNow + std::chrono::days(30));
  REQUIRE(again);
  CHECK((*again)[0].outcome == CardOutcome::merged);
  REQUIRE((*again)[0].followup_id);
  auto open = store.open_followups();
  REQUIRE(open.size() == 1);
  CHECK(open[0].event == "Expo");
}

TEST_CASE("the event is recorded on the contact and on its follow-up", "[store][scan][event]") {
  Store store = open_store();
  REQUIRE(store.add_scan(scan_of("one", {person("Jane Doe", "Acme")}, "  RSA Conference 2025 "), kNow));
  auto contacts = store.contacts();
  REQUIRE(contacts.size() == 1);
  CHECK(contacts[0].event == "RSA Conference 2025");
  CHECK(contacts[0].events == std::vector<std::string>{"RSA Conference 2025"});
  auto open = store.open_followups();
  REQUIRE(open.size() == 1);
  CHECK(open[0].event == "RSA Conference 2025");
}

TEST_CASE("the scan keeps the card crop, served as the contact's photo", "[store][scan]") {
  Store store = open_store();
  ScanRecord scan = scan_of("crop", {person("Jane Doe", "Acme")});
  scan.cards[0].crop_jpeg = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0xFF, 0xD9};
  REQUIRE(store.add_scan(scan, kNow));
  auto contact = store.contact(store.contacts()[0].id);
  REQUIRE(contact);
  CHECK(contact->photo_jpeg == scan.cards[0].crop_jpeg);
  CHECK(contact->scan_count == 1);
}
