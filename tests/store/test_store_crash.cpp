// A process killed with SIGKILL in the middle of a batch leaves the database
// consistent, and rerunning the batch completes it with no duplicates. Two
// processes storing the same file store it once.

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "store_test_support.hpp"

using namespace cardscan;
using namespace cardscan::store;
using namespace cardscan::store::testing;

namespace {

const auto kNow = std::chrono::system_clock::from_time_t(1'720'000'000);

// 30 files with one card each; cards 10 and 20 are the same person as card 0
// (another photo of them), so the batch has merges as well as new contacts.
std::vector<ScanRecord> batch_of_30() {
  std::vector<ScanRecord> batch;
  for (int i = 0; i < 30; ++i) {
    int person_index = (i % 10 == 0) ? 0 : i;
    auto c = person("Person " + std::to_string(person_index), "Company " + std::to_string(person_index),
                    "p" + std::to_string(person_index) + "@example.com", "+1415555" + std::to_string(1000 + i));
    batch.push_back(scan_of("file-" + std::to_string(i), {c}, "Expo"));
  }
  return batch;
}

int count(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
  int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
  std::string out = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

void check_batch_stored_once(const std::string& path) {
  CHECK(integrity(path) == "ok");
  CHECK(count(path, "SELECT count(*) FROM scans") == 30);
  CHECK(count(path, "SELECT count(DISTINCT sha256) FROM scans") == 30);
  CHECK(count(path, "SELECT count(*) FROM contacts") == 28);  // 30 cards, person 0 three times
  CHECK(count(path, "SELECT count(*) FROM followups WHERE status = 'open'") == 28);
  CHECK(count(path,
              "SELECT count(*) FROM contacts c WHERE (SELECT count(*) FROM followups f "
              "WHERE f.contact_id = c.id AND f.status = 'open') <> 1") == 0);
  CHECK(count(path, "SELECT count(*) FROM scans WHERE contact_id IS NULL") == 0);
}

}  // namespace

TEST_CASE("SIGKILL inside a file's transaction stores none of that file", "[store][crash]") {
  TempDir dir;
  std::string path = (dir.path() / "crash.db").string();
  auto batch = batch_of_30();
  ScanRecord three_cards = scan_of("three", {person("A One", "X", "a@x.example"), person("B Two", "X", "b@x.example"),
                                             person("C Three", "X", "c@x.example")});
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    StoreOptions options;
    options.on_card_written = [](std::size_t card) {
      if (card == 1) raise(SIGKILL);  // two of three cards written, not committed
    };
    auto store = Store::open(path, options);
    if (!store) _exit(3);
    for (int i = 0; i < 5; ++i)
      if (!store->add_scan(batch[static_cast<std::size_t>(i)], kNow)) _exit(4);
    (void)store->add_scan(three_cards, kNow);
    _exit(5);  // not reached
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  CHECK(integrity(path) == "ok");
  CHECK(count(path, "SELECT count(*) FROM scans") == 5);
  CHECK(count(path, "SELECT count(*) FROM scans WHERE sha256 = 'three'") == 0);
  CHECK(count(path, "SELECT count(*) FROM contacts WHERE name IN ('A One', 'B Two')") == 0);

  Store store = open_store(path);
  auto rerun = store.add_scan(three_cards, kNow);
  REQUIRE(rerun);
  CHECK(rerun->size() == 3);
  for (const auto& r : *rerun) CHECK(r.outcome == CardOutcome::created);
}

TEST_CASE("a 30-card batch killed midway and rerun stores every card exactly once", "[store][crash]") {
  TempDir dir;
  std::string path = (dir.path() / "batch.db").string();
  { Store create = open_store(path); }
  auto batch = batch_of_30();
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto store = Store::open(path);
    if (!store) _exit(3);
    for (const auto& scan : batch) {
      if (!store->has_scan(scan.sha256) && !store->add_scan(scan, kNow)) _exit(4);
      usleep(20'000);  // a real scan spends its time in OCR, between writes
    }
    _exit(0);
  }
  // Kill it once a third of the batch is in.
  for (int tries = 0; tries < 1000 && count(path, "SELECT count(*) FROM scans") < 10; ++tries) usleep(5'000);
  kill(child, SIGKILL);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  int stored_before_rerun = count(path, "SELECT count(*) FROM scans");
  CHECK(stored_before_rerun >= 10);
  CHECK(stored_before_rerun < 30);
  CHECK(integrity(path) == "ok");

  Store store = open_store(path);
  int already = 0;
  for (const auto& scan : batch) {
    auto results = store.add_scan(scan, kNow);
    INFO((results ? std::string() : results.error()));
    REQUIRE(results);
    already += (*results)[0].outcome == CardOutcome::already_scanned;
  }
  CHECK(already == stored_before_rerun);
  check_batch_stored_once(path);
  // And a third run adds nothing at all.
  for (const auto& scan : batch) {
    auto results = store.add_scan(scan, kNow);
    REQUIRE(results);
    CHECK((*results)[0].outcome == CardOutcome::already_scanned);
  }
  check_batch_stored_once(path);
}

TEST_CASE("two processes storing the same batch at once store it once", "[store][crash][concurrency]") {
  TempDir dir;
  std::string path = (dir.path() / "race.db").string();
  { Store create = open_store(path); }
  auto batch = batch_of_30();
  std::vector<pid_t> children;
  for (int k = 0; k < 2; ++k) {
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      auto store = Store::open(path);
      if (!store) _exit(3);
      for (const auto& scan : batch)
        if (!store->add_scan(scan, kNow)) _exit(4);
      _exit(0);
    }
    children.push_back(child);
  }
  for (pid_t child : children) {
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  check_batch_stored_once(path);
}
