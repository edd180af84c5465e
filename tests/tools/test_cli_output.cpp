// What the command line prints: the progress bar fits the terminal, the
// summary counts in the singular and plural, each stored card's line,
// contacts list filters, and confidences rounded alike in every JSON output.

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <sstream>

#include "cli_test_support.hpp"
#include "store/store.hpp"
#include "tools/cli/contact_json.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/scan_report.hpp"

namespace cli_output_test {

namespace fs = std::filesystem;
using namespace cardscan;
using test::Run;
using test::run_cardscan;
using test::run_shell;
using test::shell_quote;
using test::TempDir;

parse::Contact someone(const std::string& name, const std::string& company, const std::string& email) {
  parse::Contact c;
  c.name = name;
  c.company = company;
  c.emails = {email};
  return c;
}

}  // namespace cli_output_test

using namespace cli_output_test;

TEST_CASE("the progress line is always shorter than the terminal is wide", "[tools][progress]") {
  for (std::size_t columns = 0; columns <= 200; ++columns) {
    const std::string line = cli::progress_line(7, 1234, 9, 12.5, columns);
    INFO("columns " << columns << ": " << line);
    CHECK(line.size() < std::max<std::size_t>(columns, 1));
  }
  CHECK_THAT(cli::progress_line(7, 1234, 9, 12.5, 80), Catch::StartsWith("[") && Catch::Contains("7/1234 files"));
  CHECK_THAT(cli::progress_line(7, 1234, 9, 12.5, 40), Catch::StartsWith("7/1234 files"));
  CHECK(cli::progress_line(7, 1234, 9, 12.5, 8) == "7/1234");
  const std::string wide = cli::progress_line(1234, 1234, 9, 12.5, 300);
  CHECK(wide.substr(0, cli::kMaxBarWidth + 2) == "[" + std::string(cli::kMaxBarWidth, '#') + "]");
}

TEST_CASE("on a 50-column terminal the progress bar never wraps", "[tools][progress]") {
  TempDir dir;
  const std::string scan = shell_quote(CARDSCAN_BINARY) + " --no-config --db " +
                           shell_quote((dir.path() / "cards.db").string()) + " scan -j 1 " +
                           shell_quote(CARDSCAN_SAMPLES_DIR) + " >/dev/null";
  // script(1) gives the command a terminal; stty sets how wide it is.
  const Run run = run_shell("script -qec " + shell_quote("stty cols 50 rows 24; " + scan) + " /dev/null");
  REQUIRE(run.status == 0);
  std::size_t bars = 0;
  std::string segment;
  std::istringstream in(std::regex_replace(run.output, std::regex("\x1b\\[K"), ""));
  while (std::getline(in, segment, '\r')) {
    if (const auto nl = segment.find('\n'); nl != std::string::npos) segment = segment.substr(0, nl);
    if (segment.empty() || (segment[0] != '[' && !std::isdigit(static_cast<unsigned char>(segment[0])))) continue;
    ++bars;
    INFO(segment);
    CHECK(segment.size() < 50);
  }
  CHECK(bars >= 5);
}

TEST_CASE("no progress bar is drawn when stderr is not a terminal", "[tools][progress]") {
  TempDir dir;
  const Run run = run_cardscan((dir.path() / "cards.db").string(),
                               {"scan", std::string(CARDSCAN_SAMPLES_DIR) + "/img_001.jpg"}, true);
  REQUIRE(run.status == 0);
  CHECK(run.errors.find('\r') == std::string::npos);
  CHECK(run.errors.find("files, ") == std::string::npos);
}

TEST_CASE("the summary says 1 new contact and 2 new contacts", "[tools][progress]") {
  cli::Summary summary;
  summary.files = summary.cards = summary.created = 1;
  summary.stored = true;
  std::ostringstream one;
  summary.print(one, 1.0);
  CHECK_THAT(one.str(), Catch::Contains("1 file in") && Catch::Contains("1 card,") &&
                            Catch::Contains("1 new contact, ") && !Catch::Contains("contacts"));
  summary.files = summary.cards = summary.created = 2;
  std::ostringstream two;
  summary.print(two, 1.0);
  CHECK_THAT(two.str(), Catch::Contains("2 files in") && Catch::Contains("2 new contacts, "));
}

TEST_CASE("contacts list takes a search term, --event and --since", "[tools][store-commands]") {
  TempDir dir;
  const std::string db = (dir.path() / "cards.db").string();
  {
    auto store = store::Store::open(db);
    REQUIRE(store);
    REQUIRE(
        store->add_scan({"/p/a.jpg", "sha-a", "Expo", {{someone("Jane Doe", "Acme", "jane@acme.example"), "", {}}}}));
    REQUIRE(
        store->add_scan({"/p/b.jpg", "sha-b", "", {{someone("Bob Roe", "Initech", "bob@initech.example"), "", {}}}}));
  }
  const Run term = run_cardscan(db, {"contacts", "list", "initech"});
  CHECK(term.status == 0);
  CHECK_THAT(term.output, Catch::Contains("Bob Roe") && !Catch::Contains("Jane Doe") && Catch::Contains("1 contact\n"));
  const Run event = run_cardscan(db, {"contacts", "list", "--event", "Expo"});
  CHECK_THAT(event.output, Catch::Contains("Jane Doe") && !Catch::Contains("Bob Roe"));
  const Run both = run_cardscan(db, {"contacts", "list", "--since", "2000-01-01"});
  CHECK_THAT(both.output, Catch::Contains("Jane Doe") && Catch::Contains("Bob Roe"));
  const Run later = run_cardscan(db, {"contacts", "list", "--since", "2999-01-01"});
  CHECK(later.status == 0);
  CHECK_THAT(later.output, Catch::Contains("No contact matches") && !Catch::Contains("No contacts stored yet"));
  const Run json = run_cardscan(db, {"contacts", "list", "--json", "jane", "--event", "Expo"});
  CHECK(std::count(json.output.begin(), json.output.end(), '\n') == 1);
  CHECK(run_cardscan(db, {"contacts", "list", "--since", "yesterday"}).status == 1);
}

TEST_CASE("contacts --json rounds confidences as scan --json does", "[tools][store-commands]") {
  TempDir dir;
  const std::string db = (dir.path() / "cards.db").string();
  {
    auto store = store::Store::open(db);
    REQUIRE(store);
    parse::Contact jane = someone("Jane Doe", "Acme", "jane@acme.example");
    jane.confidence.name = 0.912345678;
    jane.confidence.company = 0.5;
    REQUIRE(store->add_scan({"/p/a.jpg", "sha-a", "", {{jane, "", {}}}}));
  }
  const Run list = run_cardscan(db, {"contacts", "list", "--json"});
  CHECK_THAT(list.output, Catch::Contains("\"name\":0.912") && !Catch::Contains("0.9123"));
  CHECK_THAT(run_cardscan(db, {"contacts", "show", "1", "--json"}).output, !Catch::Contains("0.9123"));
}

TEST_CASE("scan --json lists a website read twice once, in its first spelling", "[tools][json]") {
  parse::Contact c = someone("Jane Doe", "Acme", "jane@acme.example");
  c.websites = {"https://www.acme.example", "www.acme.example", "ACME.example/", "shop.acme.example"};
  const auto j = cli::contact_to_json(c);
  CHECK(j["website"] == "https://www.acme.example");
  CHECK(j["websites"] == nlohmann::json::array({"https://www.acme.example", "shop.acme.example"}));
}

TEST_CASE("a stored card's line says when its new follow-up is due, from the store's result alone", "[tools][scan]") {
  pipeline::FileOutput file;
  file.path = "sheet.jpg";
  file.cards.resize(2);
  file.cards[0].contact = someone("Jane Doe", "Acme", "jane@acme.example");
  file.cards[1].contact = someone("Bob Roe", "Initech", "bob@initech.example");
  std::vector<store::CardResult> stored(2);
  stored[0] = {store::CardOutcome::created, 3, 7, "2026-11-22 09:00"};
  stored[1] = {store::CardOutcome::merged, 1, std::nullopt, ""};
  std::ostringstream out;
  cli::print_card_lines(out, file, stored);
  const std::string text = out.str();
  CHECK(text.find("sheet.jpg [card 1/2]: Jane Doe") != std::string::npos);
  CHECK(text.find("(new contact #3, follow-up #7 due 2026-11-22 09:00)\n") != std::string::npos);
  CHECK(text.find("(merged into contact #1)\n") != std::string::npos);
}
