// The store subcommands through the real `cardscan` binary: contacts,
// followups, stats and export. Refusals exit non-zero and change nothing;
// split export stays inside its folder; an empty export writes nothing.

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_test_support.hpp"
#include "store/store.hpp"

namespace store_commands_test {

namespace fs = std::filesystem;
using namespace cardscan;  // parse::, store::

using test::Run;
using test::TempDir;

Run run_cardscan(const std::string& db, const std::vector<std::string>& args) { return test::run_cardscan(db, args); }

parse::Contact someone(const std::string& name, const std::string& company, const std::string& email) {
  parse::Contact c;
  c.name = name;
  c.company = company;
  c.emails = {email};
  return c;
}

// A store with Jane (#1, event Expo) and Bob (#2), each with an open follow-up.
std::string seeded_db(const TempDir& dir) {
  std::string path = (dir.path() / "cards.db").string();
  auto db = store::Store::open(path);
  REQUIRE(db);
  auto now = std::chrono::system_clock::now() - std::chrono::hours(48);  // follow-ups already overdue
  REQUIRE(
      db->add_scan({"/p/a.jpg", "sha-a", "Expo", {{someone("Jane Doe", "Acme", "jane@acme.example"), "", {}}}}, now));
  REQUIRE(
      db->add_scan({"/p/b.jpg", "sha-b", "", {{someone("Bob Roe", "Initech", "bob@initech.example"), "", {}}}}, now));
  return path;
}

std::string everything(const std::string& db) {
  return run_cardscan(db, {"contacts", "list", "--json"}).output +
         run_cardscan(db, {"followups", "--include-done", "--json"}).output;
}

}  // namespace store_commands_test

using namespace store_commands_test;

TEST_CASE("contacts list, show and edit work on a stored contact", "[tools][store-commands]") {
  TempDir dir;
  std::string db = seeded_db(dir);
  Run list = run_cardscan(db, {"contacts"});
  CHECK(list.status == 0);
  CHECK_THAT(list.output, Catch::Contains("#1  Jane Doe"));
  CHECK_THAT(list.output, Catch::Contains("#2  Bob Roe"));
  Run edit = run_cardscan(db, {"contacts", "edit", "1", "--title", "CTO", "--phone", "mobile:+1 415 555 0199"});
  CHECK(edit.status == 0);
  Run show = run_cardscan(db, {"contacts", "show", "1"});
  CHECK(show.status == 0);
  CHECK_THAT(show.output, Catch::Contains("title: CTO"));
  CHECK_THAT(show.output, Catch::Contains("phone (mobile): +14155550199"));
  CHECK_THAT(show.output, Catch::Contains("event: Expo"));
}

TEST_CASE("unknown IDs and bad values give a clear error, exit non-zero, change nothing", "[tools][store-commands]") {
  TempDir dir;
  std::string db = seeded_db(dir);
  std::string before = everything(db);
  const std::vector<std::pair<std::vector<std::string>, std::string>> refused = {
      {{"contacts", "show", "99"}, "no contact with id 99"},
      {{"contacts", "edit", "99", "--title", "CEO"}, "no contact with id 99"},
      {{"contacts", "edit", "1", "--email", "not-an-email"}, "not-an-email"},
      {{"contacts", "edit", "1", "--title", "CEO", "--phone", "pager:+14155550123"}, "phone type"},
      {{"contacts", "edit", "1", "--phone", "4155550123"}, "E.164"},
      {{"contacts", "edit", "abc", "--title", "CEO"}, "bad contact ID 'abc'"},
      {{"contacts", "edit", "1"}, "nothing to change"},
      {{"contacts", "merge", "1", "99"}, "no contact with id 99"},
      {{"contacts", "merge", "1", "1"}, "itself"},
      {{"contacts", "delete", "99"}, "no contact with id 99"},
      {{"contacts", "delete", "-1"}, "bad contact ID"},
      {{"followups", "done", "99"}, "no follow-up with id 99"},
      {{"followups", "snooze", "1", "--until", "2024-02-30"}, "no such day"},
      {{"followups", "snooze", "1", "--until", "2001-01-01"}, "not in the future"},
      {{"followups", "snooze", "99", "--until", "2099-01-01"}, "no follow-up with id 99"},
      {{"export", "--vcard", (dir.path() / "x.vcf").string(), "--ids", "1,99"}, "no contact with id 99"},
      {{"export", "--vcard", (dir.path() / "x.vcf").string(), "--since", "yesterday"}, "bad date"},
  };
  for (const auto& [args, message] : refused) {
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    INFO(joined);
    Run run = run_cardscan(db, args);
    CHECK(run.status != 0);
    CHECK_THAT(run.output, Catch::Contains(message));
  }
  CHECK(everything(db) == before);
  CHECK_FALSE(fs::exists(dir.path() / "x.vcf"));
}

TEST_CASE("merge, delete and follow-up done through the command line", "[tools][store-commands]") {
  TempDir dir;
  std::string db = seeded_db(dir);
  CHECK(run_cardscan(db, {"contacts", "merge", "1", "2"}).status == 0);
  Run list = run_cardscan(db, {"contacts"});
  CHECK_THAT(list.output, Catch::Contains("1 contact\n"));
  Run open = run_cardscan(db, {"followups"});
  CHECK(open.status == 0);
  CHECK_THAT(open.output, Catch::Contains("Follow up with Jane Doe (Acme)"));
  CHECK_THAT(open.output, Catch::Contains("(overdue)"));
  std::string id = open.output.substr(1, open.output.find(' ') - 1);
  CHECK(run_cardscan(db, {"followups", "done", id}).status == 0);
  CHECK_THAT(run_cardscan(db, {"followups"}).output, Catch::Contains("No open follow-ups."));
  Run again = run_cardscan(db, {"followups", "done", id});
  CHECK(again.status != 0);
  CHECK_THAT(again.output, Catch::Contains("already done"));
  CHECK(run_cardscan(db, {"contacts", "delete", "1"}).status == 0);
  CHECK_THAT(run_cardscan(db, {"contacts"}).output, Catch::Contains("No contacts stored yet"));
}

TEST_CASE("followups --due filters and snooze", "[tools][store-commands]") {
  TempDir dir;
  std::string db = seeded_db(dir);
  CHECK_THAT(run_cardscan(db, {"followups", "--due", "overdue"}).output, Catch::Contains("Jane Doe"));
  CHECK_THAT(run_cardscan(db, {"followups", "--due", "today"}).output,
             Catch::Contains("No open follow-ups due today."));
  CHECK(run_cardscan(db, {"followups", "--due", "soon"}).status != 0);
  CHECK(run_cardscan(db, {"followups", "snooze", "1", "--until", "2099-05-01"}).status == 0);
  Run list = run_cardscan(db, {"followups"});
  CHECK_THAT(list.output, Catch::Contains("due 2099-05-01 09:00"));
  CHECK_THAT(run_cardscan(db, {"followups", "--due", "overdue"}).output, !Catch::Contains("Jane Doe"));
}

TEST_CASE("stats prints cards per event and follow-up outcomes", "[tools][store-commands]") {
  TempDir dir;
  std::string db = seeded_db(dir);
  Run stats = run_cardscan(db, {"stats"});
  CHECK(stats.status == 0);
  CHECK_THAT(stats.output, Catch::Contains("2 contacts from 2 cards in 2 scanned files"));
  CHECK_THAT(stats.output, Catch::Contains("Expo"));
  CHECK_THAT(stats.output, Catch::Contains("(no event)"));
  CHECK_THAT(stats.output, Catch::Contains("2 still open (2 overdue)"));
}

TEST_CASE("split export of a contact named ../../etc/passwd stays inside the folder", "[tools][store-commands]") {
  TempDir dir;
  std::string db = (dir.path() / "cards.db").string();
  {
    auto store = store::Store::open(db);
    REQUIRE(store);
    REQUIRE(store->add_scan(
        {"/p/evil.jpg", "sha-evil", "", {{someone("../../etc/passwd", "", "evil@example.com"), "", {}}}},
        std::chrono::system_clock::now()));
    REQUIRE(store->add_scan(
        {"/p/twin.jpg",
         "sha-twin",
         "",
         {{someone("Jane Doe", "A", "j1@example.com"), "", {}}, {someone("Jane Doe", "B", "j2@example.com"), "", {}}}},
        std::chrono::system_clock::now()));
  }
  fs::path out = dir.path() / "a" / "b" / "split";
  Run run = run_cardscan(db, {"export", "--split", out.string()});
  CHECK(run.status == 0);
  auto stored = store::Store::open(db)->contacts();
  std::vector<std::string> names, expected;
  for (const auto& entry : fs::directory_iterator(out)) names.push_back(entry.path().filename().string());
  for (const auto& c : stored) expected.push_back(c.uid.substr(std::string("urn:uuid:").size()) + ".vcf");
  std::sort(names.begin(), names.end());
  std::sort(expected.begin(), expected.end());
  CHECK(names == expected);  // one file per UID: a vdir
  CHECK_FALSE(fs::exists(dir.path() / "etc"));
  CHECK_FALSE(fs::exists(dir.path() / "a" / "etc"));
  std::ifstream in(out / (stored[0].uid.substr(9) + ".vcf"));
  std::stringstream content;
  content << in.rdbuf();
  CHECK_THAT(content.str(), Catch::Contains("\r\nUID:" + stored[0].uid + "\r\n"));
}

TEST_CASE("split export after a rename, a merge and a delete leaves one file per stored contact",
          "[tools][store-commands]") {
  TempDir dir;
  std::string db = seeded_db(dir);
  {
    auto s = store::Store::open(db);
    REQUIRE(
        s->add_scan({"/p/c.jpg", "sha-c", "", {{someone("Carol Poe", "Umbrella", "carol@umbrella.example"), "", {}}}},
                    std::chrono::system_clock::now()));
  }
  fs::path out = dir.path() / "vdir";
  fs::create_directories(out);
  {
    std::ofstream foreign(out / "someone-else.vcf");  // another program's card: never touched
    foreign << "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//other//EN\r\nUID:urn:uuid:x\r\nFN:X\r\nEND:VCARD\r\n";
  }
  REQUIRE(run_cardscan(db, {"export", "--split", out.string()}).status == 0);
  auto count_vcf = [&] {
    int n = 0;
    for (const auto& entry : fs::directory_iterator(out)) n += entry.path().extension() == ".vcf";
    return n;
  };
  CHECK(count_vcf() == 4);
  REQUIRE(run_cardscan(db, {"contacts", "edit", "1", "--name", "Jane Q. Doe"}).status == 0);
  REQUIRE(run_cardscan(db, {"contacts", "merge", "1", "2"}).status == 0);
  REQUIRE(run_cardscan(db, {"contacts", "delete", "3"}).status == 0);
  Run again = run_cardscan(db, {"export", "--split", out.string()});
  CHECK(again.status == 0);
  CHECK_THAT(again.output, Catch::Contains("removed 2 files"));
  CHECK(count_vcf() == 2);  // Jane (renamed, merged with Bob) and the foreign file
  CHECK(fs::exists(out / "someone-else.vcf"));
  auto jane = store::Store::open(db)->contact(1);
  REQUIRE(jane);
  std::ifstream in(out / (jane->uid.substr(9) + ".vcf"));
  std::stringstream content;
  content << in.rdbuf();
  CHECK_THAT(content.str(), Catch::Contains("FN:Jane Q. Doe\r\n"));

  // A filtered export leaves the files of contacts outside the filter alone.
  REQUIRE(run_cardscan(db, {"export", "--split", out.string(), "--event", "Nowhere"}).status == 0);
  CHECK(count_vcf() == 2);
}

TEST_CASE("exporting an empty store or an unmatched filter says so and writes nothing", "[tools][store-commands]") {
  TempDir dir;
  fs::path vcf = dir.path() / "out.vcf", ics = dir.path() / "out.ics", csv = dir.path() / "out.csv";
  Run empty = run_cardscan((dir.path() / "empty.db").string(),
                           {"export", "--vcard", vcf.string(), "--ics", ics.string(), "--csv", csv.string()});
  CHECK(empty.status == 0);
  CHECK_THAT(empty.output, Catch::Contains("nothing to export: the store has no contacts"));
  CHECK_FALSE(fs::exists(vcf));
  CHECK_FALSE(fs::exists(ics));
  CHECK_FALSE(fs::exists(csv));

  std::string db = seeded_db(dir);
  Run unmatched = run_cardscan(db, {"export", "--vcard", vcf.string(), "--event", "Nowhere"});
  CHECK(unmatched.status == 0);
  CHECK_THAT(unmatched.output, Catch::Contains("no contact matches the filters"));
  CHECK_FALSE(fs::exists(vcf));

  Run matched = run_cardscan(db, {"export", "--vcard", vcf.string(), "--event", "Expo", "--ics", ics.string(), "--csv",
                                  csv.string(), "--format", "outlook-csv"});
  CHECK(matched.status == 0);
  CHECK_THAT(matched.output, Catch::Contains("Wrote 1 contact to"));
  CHECK(fs::exists(vcf));
  CHECK(fs::exists(ics));
  CHECK(fs::exists(csv));

  Run nothing_asked = run_cardscan(db, {"export"});
  CHECK(nothing_asked.status != 0);
  CHECK_THAT(nothing_asked.output, Catch::Contains("--vcard FILE"));
}

TEST_CASE("--help explains the store commands", "[tools][store-commands]") {
  TempDir dir;
  std::string db = (dir.path() / "cards.db").string();
  CHECK_THAT(run_cardscan(db, {"export", "--help"}).output, Catch::Contains("nothing is written"));
  CHECK_THAT(run_cardscan(db, {"contacts", "--help"}).output, Catch::Contains("Exit status"));
  CHECK_THAT(run_cardscan(db, {"contacts", "merge", "--help"}).output, Catch::Contains("B is deleted"));
  CHECK_THAT(run_cardscan(db, {"followups", "--help"}).output, Catch::Contains("09:00"));
  CHECK_THAT(run_cardscan(db, {"stats", "--help"}).output, Catch::Contains("done late"));
}
