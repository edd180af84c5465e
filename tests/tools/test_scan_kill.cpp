// A scan killed with SIGKILL in the middle of a batch leaves the store
// consistent, and running the batch again completes it with no duplicates.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli_test_support.hpp"
#include "store/store.hpp"
#include "synthetic_cards.hpp"

namespace fs = std::filesystem;
using namespace cardscan::test;

namespace {

pid_t start_scan(const std::string& db, const fs::path& folder) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(CARDSCAN_BINARY, CARDSCAN_BINARY, "--db", db.c_str(), "scan", "-j", "2", folder.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

std::size_t stored_contacts(const std::string& db) {
  auto store = cardscan::store::Store::open(db);
  return store ? store->contacts().size() : 0;
}

}  // namespace

TEST_CASE("a scan killed mid-batch and run again stores every card exactly once", "[tools][scan][kill]") {
  TempDir dir;
  const fs::path inbox = dir.path() / "inbox";
  fs::create_directories(inbox);
  constexpr std::size_t cards = 30;
  for (std::size_t i = 0; i < cards; ++i) {
    const std::string bytes = render_card(i);
    std::ofstream(inbox / card_name(i), std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  const std::string db = (dir.path() / "cards.db").string();

  const pid_t pid = start_scan(db, inbox);
  REQUIRE(pid > 0);
  // Kill it once some cards are stored and many are not.
  const bool some_stored = wait_until([&] { return stored_contacts(db) >= 4; });
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(some_stored);
  REQUIRE(WIFSIGNALED(status));

  {
    auto store = cardscan::store::Store::open(db);
    REQUIRE(store);
    const auto contacts = store->contacts();
    CHECK(contacts.size() < cards);
    CHECK(store->open_followups().size() == contacts.size());  // no contact without its follow-up, none twice
  }

  const auto rerun = run_cardscan(db, {"scan", inbox.string()});
  REQUIRE(rerun.status == 0);
  CHECK(rerun.output.find("already scanned") != std::string::npos);

  auto store = cardscan::store::Store::open(db);
  REQUIRE(store);
  const auto contacts = store->contacts();
  REQUIRE(contacts.size() == cards);
  std::set<std::string> emails;
  for (const auto& c : contacts) {
    REQUIRE(c.contact.emails.size() == 1);
    emails.insert(c.contact.emails.front());
  }
  std::set<std::string> expected;
  for (std::size_t i = 0; i < cards; ++i) expected.insert(email_of(i));
  CHECK(emails == expected);
  const auto followups = store->open_followups();
  CHECK(followups.size() == cards);
  std::set<std::int64_t> with_followup;
  for (const auto& f : followups) with_followup.insert(f.contact_id);
  CHECK(with_followup.size() == cards);
}
