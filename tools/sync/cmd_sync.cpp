// `cardscan sync`: contacts to a CardDAV address book, follow-ups to a CalDAV
// calendar, and back what a phone changed.

#include "tools/sync/cmd_sync.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "store/store.hpp"
#include "tools/sync/dav.hpp"
#include "tools/sync/http_client.hpp"
#include "tools/sync/sync.hpp"

namespace cardscan::sync {

namespace {

using cli::GlobalOptions;
using cli::kExitFailed;
using cli::kExitStore;
using cli::kExitUsage;
using cli::resolve_db_path;

// Exit statuses: kExitUsage for nothing to sync with or no password, kExitStore
// for a database that cannot be opened, and:
constexpr int kExitServer = kExitFailed;  // refused, unreachable, collection missing: run again once fixed

struct SyncArgs {
  std::string server, carddav, caldav, user, password_file, ca_file;
  bool create = false, pull = false;
  int vcard_version = 3;
};

int fail(const std::string& message, int code) {
  std::cerr << "cardscan: sync: " << message << "\n";
  return code;
}

// The password: --password-file's first line, else $CARDSCAN_PASSWORD, else
// asked on the terminal without echo. Never from the command line, where
// every user of the machine could read it in the process list.
std::expected<std::string, std::string> read_password(const SyncArgs& args) {
  if (!args.password_file.empty()) {
    std::ifstream in(args.password_file);
    if (!in) return std::unexpected("cannot read the password file " + args.password_file);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (const char* env = std::getenv("CARDSCAN_PASSWORD")) return std::string(env);
  if (!isatty(STDIN_FILENO))
    return std::unexpected("no password for '" + args.user +
                           "': use --password-file FILE, $CARDSCAN_PASSWORD, or run on a terminal");
  std::cerr << "Password for " << args.user << ": " << std::flush;
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  std::cerr << "\n";
  return line;
}

void print_counts(const char* what, const SyncCounts& c) {
  std::cout << what << c.created << " new, " << c.updated << " updated, " << c.removed << " removed, " << c.unchanged
            << " unchanged";
  if (c.taken) std::cout << ", " << c.taken << " taken from the server";
  std::cout << "\n";
}

int run(GlobalOptions& global, const SyncArgs& args) {
  SyncOptions options;
  options.carddav_url = args.carddav.empty() ? args.server : args.carddav;
  options.caldav_url = args.caldav.empty() ? args.server : args.caldav;
  options.create = args.create;
  options.pull = args.pull;
  options.vcard_version = args.vcard_version;
  if (options.carddav_url.empty() && options.caldav_url.empty())
    return fail("nothing to sync with: give --server URL, or --carddav URL and/or --caldav URL", kExitUsage);

  Credentials credentials;
  credentials.user = args.user;
  if (!args.user.empty()) {
    auto password = read_password(args);
    if (!password) return fail(password.error(), kExitUsage);
    credentials.password = std::move(*password);
  }
  auto db = store::Store::open(resolve_db_path(global));
  if (!db) return fail(db.error(), kExitStore);

  HttpOptions http_options;
  http_options.ca_file = args.ca_file;
  HttpClient http(std::move(credentials), http_options);
  DavClient dav(http, args.user);
  SyncReport report;
  auto done = run_sync(*db, dav, options, report);

  if (!report.addressbook.empty()) std::cout << "Address book: " << report.addressbook << "\n";
  if (!report.calendar.empty()) std::cout << "Calendar:     " << report.calendar << "\n";
  if (!report.addressbook.empty()) print_counts("Contacts:   ", report.contacts);
  if (!report.calendar.empty()) print_counts("Follow-ups: ", report.followups);
  for (const auto& n : report.notices) std::cout << "  " << n << "\n";
  if (!done) {
    const auto& c = report.contacts;
    const auto& f = report.followups;
    int written = c.created + c.updated + c.removed + f.created + f.updated + f.removed;
    std::string tail = written ? " (" + std::to_string(written) +
                                     " changes were written before it stopped; run `cardscan sync` again to go on)"
                               : "";
    return fail(done.error() + tail, kExitServer);
  }
  if (report.conflicts)
    std::cout << report.conflicts << " change" << (report.conflicts == 1 ? "" : "s")
              << " made on the server left as they are (see above).\n";
  return 0;
}

}  // namespace

void register_sync(CLI::App& app, cli::GlobalOptions& global) {
  auto args = std::make_shared<SyncArgs>();
  auto* sync = app.add_subcommand(
      "sync",
      "Sync with a CardDAV/CalDAV server (Radicale, Nextcloud, Baikal, iCloud, Fastmail, ...): every contact\n"
      "as a vCard in an address book, every follow-up as a task (VTODO) in a calendar, so phones see them.\n"
      "Only what changed is sent; contacts merged or deleted here are removed there. Nothing edited on the\n"
      "server is overwritten: it is reported, and --pull takes it. Tasks completed on the phone come back done.\n"
      "The password comes from --password-file, $CARDSCAN_PASSWORD, or a prompt; never from the command line.\n"
      "Exit status: 0 synced (server-side changes left alone are listed), 1 the server refused, failed or\n"
      "could not be reached (what was sent is remembered: run again), 2 usage error or no password,\n"
      "3 database cannot be opened.");
  sync->add_option("--server", args->server,
                   "Base URL of the server, for both: discovery by .well-known, principal and home set");
  sync->add_option("--carddav", args->carddav, "Address book URL, or a base URL to find it from (default: --server)");
  sync->add_option("--caldav", args->caldav,
                   "Calendar URL (it must take tasks), or a base URL to find it from (default: --server)");
  sync->add_option("--user", args->user, "User name on the server");
  sync->add_option("--password-file", args->password_file, "File whose first line is the password")
      ->check(CLI::ExistingFile);
  sync->add_option("--ca-file", args->ca_file, "Also trust this CA certificate (a self-signed server)")
      ->check(CLI::ExistingFile);
  sync->add_flag("--create", args->create,
                 "Create the address book and calendar when missing (cardscan-contacts and cardscan-followups in\n"
                 "the user's home, or the URLs given)");
  sync->add_flag("--pull", args->pull, "Take contacts edited on the server into the store");
  sync->add_option("--vcard-version", args->vcard_version, "vCard version sent: 3 (default) or 4")
      ->check(CLI::IsMember({3, 4}));
  sync->callback([&global, args] { global.exit_code = run(global, *args); });
}

}  // namespace cardscan::sync
