// cardscan: photos of business cards in, contacts with follow-ups out.

#include <malloc.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "tools/bench/cmd_bench.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/config_file.hpp"
#include "tools/serve/cmd_serve.hpp"
#include "tools/sync/cmd_sync.hpp"
#include "tools/watch/cmd_watch.hpp"

namespace cardscan::cli {
namespace {

namespace fs = std::filesystem;

// The model of an installed cardscan: PREFIX/share/cardscan/tessdata beside
// PREFIX/bin/cardscan. Handed to the OCR engine through $CARDSCAN_TESSDATA
// (the user's own setting wins), which it tries before the build's folder.
void use_model_installed_beside_binary() {
  if (const char* env = std::getenv("CARDSCAN_TESSDATA"); env != nullptr && *env != '\0') return;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return;
  const fs::path installed = exe.parent_path().parent_path() / "share" / "cardscan" / "tessdata";
  if (fs::exists(installed / "Latin.traineddata", ec)) setenv("CARDSCAN_TESSDATA", installed.c_str(), 1);
}

// Which folder the default model (Latin) is read from, as the engine decides.
std::string model_folder() {
  std::error_code ec;
  if (const char* env = std::getenv("CARDSCAN_TESSDATA");
      env != nullptr && *env != '\0' && fs::exists(fs::path(env) / "Latin.traineddata", ec))
    return env;
  if (fs::exists(fs::path(CARDSCAN_BUILD_TESSDATA) / "Latin.traineddata", ec)) return CARDSCAN_BUILD_TESSDATA;
  return "Tesseract's default folder";
}

std::string version_text() { return std::string("cardscan ") + CARDSCAN_VERSION + "\nOCR model: " + model_folder(); }

// "cardscan contacts list" for the deepest subcommand the parse reached.
const CLI::App* deepest_subcommand(const CLI::App& app, std::string& name) {
  const CLI::App* at = &app;
  name = app.get_name();
  for (;;) {
    const auto subs = at->get_subcommands();
    if (subs.empty()) return at;
    at = subs.front();
    name += " " + at->get_name();
  }
}

// A CLI11 parse error as the user sees it: what is wrong, one usage line, exit 2.
int report_usage_error(const CLI::App& app, const CLI::ParseError& error) {
  std::string name;
  const CLI::App* command = deepest_subcommand(app, name);
  std::string usage = CLI::Formatter().make_usage(command, name);
  while (!usage.empty() && (usage.back() == '\n' || usage.back() == ' ')) usage.pop_back();
  std::cerr << "cardscan: " << error.what() << "\n" << usage << "   (" << name << " --help for more)\n";
  return cardscan::cli::kExitUsage;
}

constexpr const char* kFooter =
    "Exit status: 0 done; 1 something failed or was refused (an unreadable image, an unknown ID: the\n"
    "rest of a batch goes on, nothing is half-stored); 2 usage error (an unknown option, a bad value,\n"
    "a wrong config file); 3 the database cannot be opened.\n"
    "Defaults for region, followup_time, skip_weekends, event and db are read from\n"
    "$XDG_CONFIG_HOME/cardscan/config.toml (else ~/.config/cardscan/config.toml), one key = \"value\" per\n"
    "line (skip_weekends = true); the command line wins.\n";

}  // namespace

}  // namespace cardscan::cli

int main(int argc, char** argv) {
  // One Tesseract engine per worker; Tesseract's own OpenMP threads would
  // only fight the worker pool for cores (measured: they spin on futexes and
  // cost twice the CPU of the recognition itself). libgomp reads
  // OMP_THREAD_LIMIT when the program loads, before main, so the variable is
  // set and the program started again once.
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    setenv("CARDSCAN_SET_OMP_THREAD_LIMIT", "1",
           1);  // so child tools can be run with the user's own setting
    execv("/proc/self/exe", argv);
    // exec failed (no /proc): carry on with OpenMP's own threads.
  }
  // Image buffers above 4 MB come from mmap and go back to the system when
  // freed, so a large photo does not raise a worker's heap for good; the heap
  // itself is trimmed only past 64 MB of free space. (A 1 MB threshold with the
  // default 128 kB trim threshold made every file fault its buffers in afresh:
  // 1.4 million page faults and a quarter of the run time on the dev set.)
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);

  using namespace cardscan::cli;
  use_model_installed_beside_binary();
  CLI::App app{
      "cardscan: turns photos and scans of business cards into "
      "contacts, each with a follow-up\n"
      "task due the next day, stored locally and exportable as "
      "vCards. Nothing leaves this machine unless you `sync` it\n"
      "to your own CardDAV/CalDAV server.",
      "cardscan"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text, "Print the version and the OCR model folder, and exit");
  app.footer(kFooter);
  app.fallthrough();  // global options such as --db may follow the subcommand
  GlobalOptions global;
  app.add_option("--db", global.db_path,
                 "SQLite database (default: $XDG_DATA_HOME/cardscan/cardscan.db or "
                 "~/.local/share/cardscan/cardscan.db)");
  add_config_options(app, global);
  register_scan(app, global);
  cardscan::watch::register_watch(app, global);
  cardscan::bench::register_bench(app, global);
  cardscan::bench::register_bench_capture(app, global);
  register_contacts(app, global);
  register_followups(app, global);
  register_export(app, global);
  register_stats(app, global);
  cardscan::bench::register_bench_store(app, global);
  cardscan::sync::register_sync(app, global);
  cardscan::serve::register_serve(app, global);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return report_usage_error(app, e);
  } catch (const ConfigFileError& e) {
    std::cerr << "cardscan: " << e.what() << "\n";
    return kExitUsage;
  }
  return global.exit_code;
}
