// Command-line conventions of the real `cardscan` binary: --version, exit
// statuses (0 ok, 1 failed or refused, 2 usage error, 3 database cannot be
// opened), usage errors with a usage line, options checked as they are
// parsed, and read-only databases that can still be listed and exported.

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_test_support.hpp"
#include "store/store.hpp"

namespace cli_conventions_test {

namespace fs = std::filesystem;
using namespace cardscan;  // parse::, store::

using test::Run;
using test::run_cardscan;
using test::run_shell;
using test::shell_quote;
using test::TempDir;

// Root reads and writes any file whatever its mode, so as root the command
// runs as the unprivileged user "nobody" (uid 65534).
std::string as_unprivileged_user() {
  return geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
}

std::string seeded_db(const fs::path& dir) {
  const std::string path = (dir / "cards.db").string();
  auto db = store::Store::open(path);
  REQUIRE(db);
  parse::Contact jane;
  jane.name = "Jane Doe";
  jane.company = "Acme";
  jane.emails = {"jane@acme.example"};
  REQUIRE(db->add_scan({"/p/a.jpg", "sha-a", "Expo", {{jane, "", {}}}}));
  return path;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace cli_conventions_test

using namespace cli_conventions_test;

TEST_CASE("cardscan --version prints the project's version and exits 0", "[tools][cli]") {
  const Run run = run_cardscan("", {"--version"});
  CHECK(run.status == 0);
  CHECK_THAT(run.output, Catch::StartsWith(std::string("cardscan ") + CARDSCAN_VERSION + "\n"));
  CHECK_THAT(run.output, Catch::Contains("OCR model: "));
}

TEST_CASE("usage errors exit 2 with the error and one usage line", "[tools][cli]") {
  const Run no_path = run_cardscan("", {"scan"}, true);
  CHECK(no_path.status == 2);
  CHECK_THAT(no_path.errors, Catch::Contains("paths is required"));
  CHECK_THAT(no_path.errors, Catch::Contains("Usage: cardscan scan [OPTIONS] paths..."));
  CHECK(std::count(no_path.errors.begin(), no_path.errors.end(), '\n') == 2);

  const Run nothing = run_cardscan("", {}, true);
  CHECK(nothing.status == 2);
  CHECK_THAT(nothing.errors, Catch::Contains("Usage: cardscan"));

  const Run unknown = run_cardscan("", {"contacts", "list", "--bogus"}, true);
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.errors, Catch::Contains("--bogus") && Catch::Contains("Usage: cardscan contacts list"));

  const Run bad_choice = run_cardscan("", {"followups", "--due", "soon"}, true);
  CHECK(bad_choice.status == 2);
}

TEST_CASE("the help documents the exit statuses", "[tools][cli]") {
  const Run run = run_cardscan("", {"--help"});
  CHECK(run.status == 0);
  CHECK_THAT(run.output, Catch::Contains("Exit status: 0") && Catch::Contains("2 usage error") &&
                             Catch::Contains("3 the database cannot be opened"));
}

TEST_CASE("a follow-up time of 25:00 is a usage error before anything is read or stored", "[tools][cli]") {
  TempDir dir;
  const std::string db = (dir.path() / "cards.db").string();
  for (const char* command : {"scan", "watch"}) {
    const Run run = run_cardscan(db, {command, "--followup-time", "25:00", dir.path().string()}, true);
    CHECK(run.status == 2);
    CHECK_THAT(run.errors, Catch::Contains("25:00") && Catch::Contains("HH:MM") && Catch::Contains("Usage: cardscan"));
  }
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("the region option takes only regions libphonenumber knows, in either case", "[tools][cli]") {
  TempDir dir;
  const Run unknown = run_cardscan("", {"scan", "--no-store", "--region", "ZZ", dir.path().string()}, true);
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.errors, Catch::Contains("'ZZ' is not a region"));
  // Known regions pass the check: the run then fails only for want of images (1).
  CHECK(run_cardscan("", {"scan", "--no-store", "--region", "GB", dir.path().string()}).status == 1);
  CHECK(run_cardscan("", {"scan", "--no-store", "--region", "de", dir.path().string()}).status == 1);
}

TEST_CASE("a database in a folder that does not exist is an error (3) and nothing is created", "[tools][cli]") {
  TempDir dir;
  const fs::path missing = dir.path() / "nonexistent" / "dir";
  const std::string db = (missing / "x.db").string();
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"contacts"}, {"contacts", "show", "1"}, {"followups"}, {"stats"}, {"export", "--vcard", "-"}}) {
    const Run run = run_cardscan(db, args, true);
    CHECK(run.status == 3);
    CHECK_THAT(run.errors, Catch::Contains("cannot open the database") && Catch::Contains(missing.string()) &&
                               Catch::Contains("does not exist"));
    CHECK_THAT(run.output, !Catch::Contains("No contacts stored yet"));
  }
  CHECK_FALSE(fs::exists(dir.path() / "nonexistent"));
}

TEST_CASE("a --db file that cannot be opened for writing exits 3", "[tools][cli]") {
  TempDir dir;
  std::ofstream(dir.path() / "plain-file") << "not a folder";
  const std::string db = (dir.path() / "plain-file" / "cards.db").string();
  const Run edit = run_cardscan(db, {"contacts", "delete", "1"}, true);
  CHECK(edit.status == 3);
  CHECK_THAT(edit.errors, Catch::Contains("cannot open"));
  const Run scan = run_cardscan(db, {"scan", CARDSCAN_SAMPLES_DIR}, true);
  CHECK(scan.status == 3);
  CHECK_THAT(scan.errors, Catch::Contains("cannot open database"));
}

TEST_CASE("a read-only database can still be listed and exported", "[tools][cli]") {
  TempDir dir;
  const fs::path store_dir = dir.path() / "ro";
  fs::create_directories(store_dir);
  const std::string db = seeded_db(store_dir);
  const fs::path out = dir.path() / "out";
  fs::create_directories(out);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(out, fs::perms::all);
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);  // 0444
  const std::string bin = shell_quote(CARDSCAN_BINARY) + " --db " + shell_quote(db) + " ";

  SECTION("file 0444 in a writable folder") { fs::permissions(store_dir, fs::perms::all); }
  SECTION("file 0444 in a read-only folder") {
    fs::permissions(store_dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  }

  const std::string user = as_unprivileged_user();
  const Run list = run_shell(user + bin + "contacts list");
  CHECK(list.status == 0);
  CHECK_THAT(list.output, Catch::Contains("Jane Doe"));
  CHECK(run_shell(user + bin + "stats").status == 0);
  CHECK(run_shell(user + bin + "followups").status == 0);
  const Run exported = run_shell(user + bin + "export --vcard " + shell_quote((out / "all.vcf").string()));
  CHECK(exported.status == 0);
  CHECK_THAT(read_text(out / "all.vcf"), Catch::Contains("FN:Jane Doe"));

  // A command that writes says the database cannot be opened for it.
  const Run remove = run_shell(user + bin + "contacts delete 1");
  CHECK(remove.status == 3);
  fs::permissions(store_dir, fs::perms::owner_all);
  fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write);
  auto still = store::Store::open(db);
  REQUIRE(still);
  CHECK(still->contacts().size() == 1);
}
