// cardscan: photos of business cards in, contacts with follow-ups out.

#include <malloc.h>
#include <unistd.h>
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "store/store.hpp"
#include "tools/cli/commands.hpp"
#include "tools/serve/cmd_serve.hpp"

namespace cardscan::tools {

std::string resolve_db_path(const GlobalOptions& global) {
  return global.db_path.empty() ? store::default_db_path() : global.db_path;
}

}  // namespace cardscan::tools

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

  using namespace cardscan::tools;
  CLI::App app{
      "cardscan: turns photos and scans of business cards into "
      "contacts, each with a follow-up\n"
      "task due the next day, stored locally and exportable as "
      "vCards. Nothing leaves this machine unless you `sync` it\n"
      "to your own CardDAV/CalDAV server."};
  app.require_subcommand(1);
  app.fallthrough();  // global options such as --db may follow the subcommand
  GlobalOptions global;
  app.add_option("--db", global.db_path,
                 "SQLite database (default: $XDG_DATA_HOME/cardscan/cardscan.db or "
                 "~/.local/share/cardscan/cardscan.db)");
  register_scan(app, global);
  register_watch(app, global);
  register_bench(app, global);
  register_bench_capture(app, global);
  register_contacts(app, global);
  register_followups(app, global);
  register_export(app, global);
  register_stats(app, global);
  register_bench_store(app, global);
  register_sync(app, global);
  cardscan::serve::register_serve(app, global);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return global.exit_code;
}
