#pragma once
// The user's config file: defaults set once instead of on every call, read
// from $XDG_CONFIG_HOME/cardscan/config.toml (else ~/.config/cardscan/).
// A small subset of TOML, top-level `key = value` lines only:
//
//   # cardscan defaults; the command line wins
//   region = "DE"              # --region
//   followup_time = "08:30"    # --followup-time
//   skip_weekends = true       # --skip-weekends
//   event = "Expo 2026"        # --event of scan and watch
//   db = "~/cards/cardscan.db" # --db
//
// Strings are quoted ("..." with TOML's escapes, or '...'); booleans are
// true or false; `#` starts a comment. Keys may be spelt with - or _.

#include <expected>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "tools/cli/commands.hpp"

namespace cardscan::cli {

struct ConfigEntry {
  std::string value;  // a string's text, or "true" / "false"
  int line = 0;       // 1-based line it was read from
};

struct UserConfig {
  std::string file;                           // where it came from; empty when there was none
  std::map<std::string, ConfigEntry> values;  // by key as documented (underscores)
};

// Parses and checks a config file's text; errors read "FILE:LINE: what is wrong"
// (unknown key, bad syntax, a value of the wrong kind, a bad region or time).
[[nodiscard]] std::expected<UserConfig, std::string> parse_config(std::string_view text, const std::string& file);

// $XDG_CONFIG_HOME/cardscan/config.toml, else $HOME/.config/cardscan/config.toml;
// empty when neither variable is set.
[[nodiscard]] std::filesystem::path default_config_path();

// Reads `path`; when it does not exist that is an error if `must_exist`
// (--config FILE), else an empty config (the default file is optional).
[[nodiscard]] std::expected<UserConfig, std::string> load_config(const std::filesystem::path& path, bool must_exist);

// Gives every option of the command being run that the config sets, and the
// command line did not, the config's value (db to GlobalOptions::db_path,
// `~/` expanded). Only scan, watch and serve take region; only scan and watch
// take followup_time, skip_weekends and event.
void apply_config(const UserConfig& config, CLI::App& app, GlobalOptions& global);

// Thrown from the parse: the config file cannot be read or is wrong (exit kExitUsage).
class ConfigFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Adds --config FILE and --no-config to the app, and loads and applies the
// config once the command line is parsed (before any command runs); throws
// ConfigFileError from app.parse() when it is wrong.
void add_config_options(CLI::App& app, GlobalOptions& global);

}  // namespace cardscan::cli
