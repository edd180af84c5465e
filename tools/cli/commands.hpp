#pragma once
// Subcommands of the `cardscan` tool. Each register_* adds one subcommand to
// the app; its callback sets `exit_code` in the shared options.

#include <string>

#include <CLI/CLI.hpp>

namespace cardscan::cli {

// Exit statuses of every command (documented in `cardscan --help`).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // an input failed, or a request was refused (nothing was changed)
inline constexpr int kExitUsage = 2;   // the command line (or the config file) is wrong
inline constexpr int kExitStore = 3;   // the database cannot be opened

struct GlobalOptions {
  std::string db_path;      // --db (or the config file's db); empty: store::default_db_path()
  std::string config_path;  // --config FILE; empty: the default config file, if there is one
  bool no_config = false;   // --no-config
  int exit_code = kExitOk;
};

// Path of the database to use: --db if given, else the default location.
[[nodiscard]] std::string resolve_db_path(const GlobalOptions& global);

void register_scan(CLI::App& app, GlobalOptions& global);
void register_contacts(CLI::App& app, GlobalOptions& global);
void register_followups(CLI::App& app, GlobalOptions& global);
void register_export(CLI::App& app, GlobalOptions& global);
void register_stats(CLI::App& app, GlobalOptions& global);  // cards per event, follow-ups on time/late/open

}  // namespace cardscan::cli
