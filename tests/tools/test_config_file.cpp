// The user's config file (tools/cli/config_file.hpp): the TOML subset it
// reads, errors naming file and line, defaults applied only where the command
// line is silent, and the real binary reading it from $XDG_CONFIG_HOME.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli_test_support.hpp"
#include "tools/cli/config_file.hpp"

namespace config_file_test {

namespace fs = std::filesystem;
using namespace cardscan::cli;
using cardscan::test::Run;
using cardscan::test::run_shell;
using cardscan::test::shell_quote;
using cardscan::test::TempDir;

std::string error_of(const std::string& text) {
  auto parsed = parse_config(text, "/home/u/.config/cardscan/config.toml");
  REQUIRE_FALSE(parsed);
  return parsed.error();
}

// A scan-like command: the options the config may set, parsed from `args`
// after add_config_options (as main does).
struct FakeCommand {
  CLI::App app{"test", "cardscan"};
  GlobalOptions global;
  std::string region = "US", followup_time = "09:00", event;
  bool skip_weekends = false;
  std::string export_event;
  explicit FakeCommand(const std::string& config_file, std::vector<std::string> args) {
    app.fallthrough();
    app.add_option("--db", global.db_path);
    add_config_options(app, global);
    auto* scan = app.add_subcommand("scan");
    scan->add_option("--region", region);
    scan->add_option("--followup-time", followup_time);
    scan->add_flag("--skip-weekends", skip_weekends);
    scan->add_option("--event", event);
    app.add_subcommand("export")->add_option("--event", export_event);
    args.insert(args.begin(), {"--config", config_file});
    std::reverse(args.begin(), args.end());  // CLI11 takes them reversed
    app.parse(args);
  }
};

}  // namespace config_file_test

using namespace config_file_test;

TEST_CASE("the config file reads quoted strings, booleans and comments", "[tools][config]") {
  auto parsed = parse_config(
      "\xEF\xBB\xBF# cardscan defaults\n"
      "\n"
      "region = \"de\"          # upper-cased like --region\n"
      "followup-time = '08:30'\n"
      "  skip_weekends = true\n"
      "event = \"Salon \\u00e9t\\u00E9 \\\"26\\\" # not a comment\"\r\n"
      "db = \"~/cards/c.db\"\n",
      "c.toml");
  REQUIRE(parsed);
  const auto& v = parsed->values;
  CHECK(v.at("region").value == "DE");
  CHECK(v.at("followup_time").value == "08:30");
  CHECK(v.at("followup_time").line == 4);
  CHECK(v.at("skip_weekends").value == "true");
  CHECK(v.at("event").value == "Salon \xC3\xA9t\xC3\xA9 \"26\" # not a comment");
  CHECK(v.at("db").value == "~/cards/c.db");
}

TEST_CASE("a wrong config file is an error naming the file and the line", "[tools][config]") {
  const std::string file = "/home/u/.config/cardscan/config.toml";
  CHECK_THAT(error_of("region = \"DE\"\ncolour = \"red\"\n"),
             Catch::StartsWith(file + ":2: unknown key 'colour'") && Catch::Contains("followup_time"));
  CHECK_THAT(error_of("\n\nregion = \"ZZ\"\n"), Catch::StartsWith(file + ":3: region: 'ZZ' is not a region"));
  CHECK_THAT(error_of("followup_time = \"25:00\""), Catch::StartsWith(file + ":1: followup_time:"));
  CHECK_THAT(error_of("skip_weekends = yes"), Catch::StartsWith(file + ":1: skip_weekends takes true or false"));
  CHECK_THAT(error_of("skip_weekends = \"true\""), Catch::Contains("without quotes"));
  CHECK_THAT(error_of("region = DE"), Catch::Contains("takes a quoted string"));
  CHECK_THAT(error_of("event = \"Expo"), Catch::Contains(":1: event: the string has no closing \""));
  CHECK_THAT(error_of("event = \"a\\qb\""), Catch::Contains("unknown escape"));
  CHECK_THAT(error_of("event = \"a\" b"), Catch::Contains("unexpected 'b'"));
  CHECK_THAT(error_of("[scan]\nregion = \"DE\""), Catch::StartsWith(file + ":1: sections"));
  CHECK_THAT(error_of("region \"DE\""), Catch::Contains("expected '='"));
  CHECK_THAT(error_of("event = \"a\"\nevent = \"b\""), Catch::Contains(":2: event is set twice (first on line 1)"));
  CHECK_THAT(error_of("db = \"\""), Catch::Contains("db cannot be empty"));
}

TEST_CASE("config values fill only the options the command line leaves out", "[tools][config]") {
  TempDir dir;
  const fs::path file = dir.path() / "config.toml";
  std::ofstream(file) << "region = \"GB\"\nfollowup_time = \"07:15\"\nskip_weekends = true\nevent = \"Expo\"\n"
                         "db = \"/data/cards.db\"\n";

  FakeCommand plain(file.string(), {"scan"});
  CHECK(plain.region == "GB");
  CHECK(plain.followup_time == "07:15");
  CHECK(plain.skip_weekends);
  CHECK(plain.event == "Expo");
  CHECK(plain.global.db_path == "/data/cards.db");

  FakeCommand given(file.string(), {"scan", "--region", "FR", "--event", "Fair", "--db", "/tmp/x.db"});
  CHECK(given.region == "FR");
  CHECK(given.event == "Fair");
  CHECK(given.followup_time == "07:15");
  CHECK(given.global.db_path == "/tmp/x.db");

  // The config's event is where cards were met, not an export filter.
  FakeCommand exporting(file.string(), {"export"});
  CHECK(exporting.export_event.empty());
}

TEST_CASE("a missing --config file is an error, a missing default file is not", "[tools][config]") {
  TempDir dir;
  CHECK_FALSE(load_config(dir.path() / "nope.toml", true));
  auto none = load_config(dir.path() / "nope.toml", false);
  REQUIRE(none);
  CHECK(none->values.empty());
}

TEST_CASE("cardscan reads its config from XDG_CONFIG_HOME, and --no-config or the command line override it",
          "[tools][config]") {
  TempDir dir;
  const fs::path config_home = dir.path() / "config";
  fs::create_directories(config_home / "cardscan");
  const fs::path db = dir.path() / "from-config.db";
  std::ofstream(config_home / "cardscan" / "config.toml")
      << "# set once\ndb = \"" << db.string() << "\"\nfollowup_time = \"07:45\"\nevent = \"Expo 2026\"\n";
  const std::string env = "XDG_CONFIG_HOME=" + shell_quote(config_home.string()) + " ";
  const std::string bin = shell_quote(CARDSCAN_BINARY);
  const std::string sample = shell_quote(std::string(CARDSCAN_SAMPLES_DIR) + "/img_001.jpg");

  const Run scan = run_shell(env + bin + " scan " + sample);
  REQUIRE(scan.status == 0);
  CHECK(fs::exists(db));  // the config's db, not the default one
  const Run followups = run_shell(env + bin + " followups --json");
  CHECK_THAT(followups.output, Catch::Contains(" 07:45\"") && Catch::Contains("\"event\":\"Expo 2026\""));

  const fs::path other = dir.path() / "other.db";
  const Run overridden = run_shell(env + bin + " --db " + shell_quote(other.string()) + " scan --followup-time 10:30 " +
                                   "--event Fair " + sample);
  REQUIRE(overridden.status == 0);
  CHECK_THAT(run_shell(env + bin + " --db " + shell_quote(other.string()) + " followups --json").output,
             Catch::Contains(" 10:30\"") && Catch::Contains("\"event\":\"Fair\""));

  // A broken config stops every command with its file and line, unless --no-config.
  std::ofstream(config_home / "cardscan" / "config.toml", std::ios::app) << "colour = \"red\"\n";
  const Run broken = run_shell(env + bin + " stats");
  CHECK(broken.status == 2);
  CHECK_THAT(broken.output, Catch::Contains("config.toml:5: unknown key 'colour'"));
  CHECK(run_shell(env + bin + " --no-config --db " + shell_quote(other.string()) + " stats").status == 0);
  CHECK(run_shell(env + bin + " --config " + shell_quote((dir.path() / "missing.toml").string()) + " stats").status ==
        2);
}

TEST_CASE("without XDG_CONFIG_HOME the config is read from ~/.config/cardscan", "[tools][config]") {
  TempDir home;
  fs::create_directories(home.path() / ".config" / "cardscan");
  std::ofstream(home.path() / ".config" / "cardscan" / "config.toml") << "region = \"XX\"\n";
  const Run run = run_shell("env -u XDG_CONFIG_HOME HOME=" + shell_quote(home.path().string()) + " " +
                            shell_quote(CARDSCAN_BINARY) + " stats");
  CHECK(run.status == 2);
  CHECK_THAT(run.output, Catch::Contains(".config/cardscan/config.toml:1: region"));
}
