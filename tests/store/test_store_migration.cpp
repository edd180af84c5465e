// Schema versions: a fresh file is created at the latest version with WAL,
// foreign keys and a busy timeout; a version-1 file (the first skeleton's
// schema, frozen here as it shipped) is migrated with every row kept.

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "store_test_support.hpp"

using namespace cardscan::store;
using namespace cardscan::store::testing;

namespace {

// The version-1 schema exactly as the skeleton created it.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '',
  emails TEXT NOT NULL DEFAULT '',
  phones TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE TABLE scans (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  source_path TEXT NOT NULL,
  card_index INTEGER NOT NULL,
  contact_id INTEGER REFERENCES contacts(id),
  scanned_at TEXT NOT NULL,
  UNIQUE (sha256, card_index)
);
CREATE TABLE followups (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  due TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0
);
INSERT INTO contacts VALUES (7, 'Jane Doe', 'VP Sales', 'Acme Corp', 'jane@acme.example
jdoe@gmail.example', 'work	+14155550123	(415) 555-0123
mobile	+14155550999	415 555 0999', 'acme.example', '1 Main St, Springfield', '2024-05-01T10:00:00Z');
INSERT INTO contacts VALUES (9, 'Bob Roe', '', 'Initech', '', 'fax		+1 650 555 0100', '', '', '2024-05-02T10:00:00Z');
INSERT INTO scans VALUES (1, 'sha-v1-a', '/photos/a.jpg', 0, 7, '2024-05-01T10:00:00Z');
INSERT INTO scans VALUES (2, 'sha-v1-b', '/photos/b.jpg', 0, 9, '2024-05-02T10:00:00Z');
INSERT INTO followups VALUES (1, 7, '2024-05-02 09:00', 1);
INSERT INTO followups VALUES (2, 9, '2024-05-03 09:00', 0);
INSERT INTO followups VALUES (3, 9, '2024-05-04 09:00', 0);
PRAGMA user_version = 1;
)sql";

void run_sql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  INFO(message);
  REQUIRE(rc == SQLITE_OK);
}

std::string query_text(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("a new database file gets the latest schema, WAL, foreign keys", "[store][schema]") {
  TempDir dir;
  std::string path = (dir.path() / "new.db").string();
  {
    Store store = open_store(path);
    CHECK(store.schema_version() == kSchemaVersion);
  }
  CHECK(query_text(path, "PRAGMA user_version") == std::to_string(kSchemaVersion));
  CHECK(query_text(path, "PRAGMA journal_mode") == "wal");
  CHECK(query_text(path, "SELECT count(*) FROM sqlite_master WHERE name = 'followups_one_open'") == "1");
}

TEST_CASE("the store enforces foreign keys and one open follow-up per contact", "[store][schema]") {
  TempDir dir;
  std::string path = (dir.path() / "fk.db").string();
  Store store = open_store(path);
  REQUIRE(store.add_scan(scan_of("a", {person("Jane Doe", "Acme")}), std::chrono::system_clock::now()));
  // A second open follow-up for the same contact is rejected by the schema itself.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  int rc = sqlite3_exec(db,
                        "INSERT INTO followups (uid, contact_id, due_at, status, created_at) "
                        "SELECT 'x', contact_id, 0, 'open', '' FROM followups LIMIT 1",
                        nullptr, nullptr, nullptr);
  CHECK(rc == SQLITE_CONSTRAINT);
  sqlite3_close(db);
}

TEST_CASE("a version-1 database migrates to version 2 keeping every row", "[store][schema][migration]") {
  ScopedTimeZone tz("America/Chicago");
  TempDir dir;
  std::string path = (dir.path() / "v1.db").string();
  run_sql(path, kVersion1);

  Store store = open_store(path);  // through version 2 on to the newest
  CHECK(store.schema_version() == kSchemaVersion);

  auto contacts = store.contacts();
  REQUIRE(contacts.size() == 2);
  const auto& jane = contacts[0];
  CHECK(jane.id == 7);
  CHECK(jane.contact.name == "Jane Doe");
  CHECK(jane.contact.title == "VP Sales");
  CHECK(jane.contact.company == "Acme Corp");
  CHECK(jane.contact.emails == std::vector<std::string>{"jane@acme.example", "jdoe@gmail.example"});
  REQUIRE(jane.contact.phones.size() == 2);
  CHECK(jane.contact.phones[0].type == cardscan::parse::PhoneType::work);
  CHECK(jane.contact.phones[0].e164 == "+14155550123");
  CHECK(jane.contact.phones[0].text == "(415) 555-0123");
  CHECK(jane.contact.phones[1].type == cardscan::parse::PhoneType::mobile);
  CHECK(jane.contact.websites == std::vector<std::string>{"acme.example"});
  CHECK(jane.contact.address == "1 Main St, Springfield");
  CHECK(jane.created_at == "2024-05-01T10:00:00Z");
  CHECK(jane.uid.starts_with("urn:uuid:"));
  const auto& bob = contacts[1];
  REQUIRE(bob.contact.phones.size() == 1);
  CHECK(bob.contact.phones[0].type == cardscan::parse::PhoneType::fax);
  CHECK(bob.contact.phones[0].e164.empty());
  CHECK(bob.contact.phones[0].text == "+1 650 555 0100");

  // Follow-ups: local due text became a time; the second open one for the
  // same contact was closed (version 2 allows one), with a note saying why.
  REQUIRE(jane.followups.size() == 1);
  CHECK(jane.followups[0].status == "done");
  CHECK(jane.followups[0].due == "2024-05-02 09:00");
  auto open = store.open_followups();
  REQUIRE(open.size() == 1);
  CHECK(open[0].contact_id == 9);
  CHECK(open[0].due == "2024-05-03 09:00");
  REQUIRE(bob.followups.size() == 2);
  CHECK(bob.followups[1].status == "done");
  CHECK_THAT(bob.followups[1].note, Catch::Contains("second open follow-up"));

  // Scans came along: idempotency still holds and the merge keys work on old rows.
  CHECK(store.has_scan("sha-v1-a"));
  auto again = store.add_scan(scan_of("sha-v1-a", {person("Jane Doe", "Acme Corp")}), std::chrono::system_clock::now());
  REQUIRE(again);
  CHECK((*again)[0].outcome == CardOutcome::already_scanned);
  CHECK((*again)[0].contact_id == 7);
  auto merged =
      store.add_scan(scan_of("new", {person("", "", "JDOE@gmail.example")}), std::chrono::system_clock::now());
  REQUIRE(merged);
  CHECK((*merged)[0].outcome == CardOutcome::merged);
  CHECK((*merged)[0].contact_id == 7);
  auto by_name =
      store.add_scan(scan_of("new2", {person("jane doe", "ACME Corporation")}), std::chrono::system_clock::now());
  REQUIRE(by_name);
  CHECK((*by_name)[0].contact_id == 7);
  CHECK(query_text(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v1'") == "0");
}

TEST_CASE("a database from a newer cardscan is refused and left alone", "[store][schema][migration]") {
  TempDir dir;
  std::string path = (dir.path() / "future.db").string();
  run_sql(path, "CREATE TABLE future_things (id INTEGER); PRAGMA user_version = 99;");
  auto store = Store::open(path);
  REQUIRE_FALSE(store);
  CHECK_THAT(store.error(), Catch::Contains("newer"));
  CHECK(query_text(path, "PRAGMA user_version") == "99");
  CHECK(query_text(path, "SELECT count(*) FROM sqlite_master WHERE name = 'contacts'") == "0");
}

TEST_CASE("a file that is not a database is reported, not overwritten", "[store][schema]") {
  TempDir dir;
  auto path = dir.path() / "notes.db";
  {
    std::ofstream out(path);
    out << "these are my notes, not a database\n";
  }
  auto store = Store::open(path.string());
  REQUIRE_FALSE(store);
  CHECK_THAT(store.error(), Catch::Contains("notes.db"));
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  CHECK(first == "these are my notes, not a database");
}
