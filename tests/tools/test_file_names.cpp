// File names a user (or a sync client) can create: control characters in a
// name never split an output line or reach the terminal as escapes.

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "cli_test_support.hpp"
#include "tools/cli/scan_report.hpp"

using namespace cardscan::test;
using cardscan::cli::printable;
namespace fs = std::filesystem;

TEST_CASE("control characters in a name are printed escaped, everything else as it is", "[tools][names]") {
  CHECK(printable("a\nb\tc\rd") == "a\\nb\\tc\\rd");
  CHECK(printable("x\x1b[31my") == "x\\x1b[31my");
  CHECK(printable(std::string("nul\0!", 5)) == "nul\\x00!");
  CHECK(printable("del\x7f") == "del\\x7f");
  CHECK(printable("csi\xc2\x9b"
                  "2J") == "csi\\u009b2J");
  CHECK(printable("José Ñúñez/карта.jpg") == "José Ñúñez/карта.jpg");
}

TEST_CASE("a file whose name holds a newline, a tab or ESC is one line of scan output", "[tools][names]") {
  TempDir dir;
  const fs::path sample = fs::path(CARDSCAN_SAMPLES_DIR) / "img_001.jpg";
  const fs::path good = dir.path() / "card\nnew\tline\x1b[2J.jpg";
  const fs::path bad = dir.path() / "broken\n.jpg";
  fs::copy_file(sample, good);
  {
    std::FILE* f = std::fopen(bad.c_str(), "wb");
    REQUIRE(f);
    std::fputs("not an image", f);
    std::fclose(f);
  }
  const auto run = run_cardscan("", {"scan", "--no-store", good.string(), bad.string()}, true);
  CHECK(run.status == 1);
  INFO(run.output << run.errors);
  CHECK(run.output.find('\x1b') == std::string::npos);
  CHECK(run.errors.find('\x1b') == std::string::npos);
  // stdout: every line starts with a file's (escaped) name; the card's is one line.
  std::istringstream lines(run.output);
  int card_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    CHECK(line.starts_with(dir.path().string() + "/"));
    if (line.starts_with((dir.path() / "card\\nnew\\tline\\x1b[2J.jpg: ").string())) ++card_lines;
  }
  CHECK(card_lines == 1);
  // stderr: the failing file's line, and the summary, name it escaped as well.
  CHECK(run.errors.find("cardscan: " + (dir.path() / "broken\\n.jpg").string() + ": not an image") !=
        std::string::npos);
  CHECK(run.errors.find("\n.jpg") == std::string::npos);
}

TEST_CASE("watch prints a name holding a newline, a tab or ESC escaped, as scan does", "[tools][names][watch]") {
  TempDir dir;
  const fs::path inbox = dir.path() / "in\tbox";
  fs::create_directories(inbox);
  const fs::path sample = fs::path(CARDSCAN_SAMPLES_DIR) / "img_001.jpg";
  fs::copy_file(sample, inbox / "card\nnew\tline\x1b[2J.jpg");
  {
    std::FILE* f = std::fopen((inbox / "broken\n.jpg").c_str(), "wb");
    REQUIRE(f);
    std::fputs("not an image", f);
    std::fclose(f);
  }
  const std::string db = (dir.path() / "cards.db").string();
  const auto run = run_cardscan(db, {"watch", "--once", "--workers", "1", inbox.string()}, true);
  INFO(run.output << run.errors);
  CHECK(run.status == 1);
  CHECK(run.output.find('\x1b') == std::string::npos);
  CHECK(run.errors.find('\x1b') == std::string::npos);
  CHECK(run.errors.find('\t') == std::string::npos);
  const std::string shown = dir.path().string() + "/in\\tbox/";
  std::istringstream lines(run.output);
  int card_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    CHECK(line.starts_with(shown));
    if (line.starts_with(shown + "card\\nnew\\tline\\x1b[2J.jpg: ")) ++card_lines;
  }
  CHECK(card_lines == 1);
  CHECK(run.errors.find("watching " + shown.substr(0, shown.size() - 1) + " with") != std::string::npos);
  // The failure's own line and the summary's both name it escaped.
  CHECK(run.errors.find("cardscan: " + shown + "broken\\n.jpg: not an image") != std::string::npos);
  CHECK(run.errors.find("failed: " + shown + "broken\\n.jpg: not an image") != std::string::npos);
  CHECK(run.errors.find("\n.jpg") == std::string::npos);
}

TEST_CASE("an error text holding the --db path prints its newline and ESC escaped, in scan and watch",
          "[tools][names][watch]") {
  TempDir dir;
  // A plain file where the database's folder should be: the store cannot be
  // opened, and the message names the path the user gave.
  const fs::path blocker = dir.path() / "plain\nfile\x1b[2J";
  {
    std::FILE* f = std::fopen(blocker.c_str(), "wb");
    REQUIRE(f);
    std::fputs("not a folder", f);
    std::fclose(f);
  }
  const std::string db = (blocker / "cards.db").string();
  const std::string shown = (dir.path() / "plain\\nfile\\x1b[2J" / "cards.db").string();
  const fs::path inbox = dir.path() / "inbox";
  fs::create_directories(inbox);
  for (const auto& args : {std::vector<std::string>{"scan", CARDSCAN_SAMPLES_DIR},
                           std::vector<std::string>{"watch", "--once", "--workers", "1", inbox.string()}}) {
    const auto run = run_cardscan(db, args, true);
    INFO(args.front() << ": " << run.errors);
    CHECK(run.status == 3);
    CHECK(run.errors.find("cannot open database " + shown) != std::string::npos);
    CHECK(run.errors.find('\x1b') == std::string::npos);
    CHECK(run.errors.find("plain\nfile") == std::string::npos);
  }
}
