// `cardscan watch` on a drop folder: files count only once completely
// written, each content is stored once, bad files are reported once, a
// restart picks up what arrived meanwhile and redoes nothing, SIGTERM stops
// cleanly. The end-to-end cases run the real binary on synthetic cards
// (30 distinct people rendered with OpenCV); FolderWatcher's rules are also
// checked directly, without OCR.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_test_support.hpp"
#include "store/store.hpp"
#include "synthetic_cards.hpp"
#include "tools/watch/folder_watcher.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using cardscan::test::card_name;
using cardscan::test::email_of;
using cardscan::test::render_card;
using cardscan::test::run_cardscan;
using cardscan::test::TempDir;
using cardscan::test::wait_until;
using cardscan::watch::FolderWatcher;
using cardscan::watch::FolderWatchOptions;
using cardscan::watch::ReadyFile;

// --- files -------------------------------------------------------------------

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Writes `bytes` in two halves with a pause in between, closing only at the
// end: a watcher that reads a file before it is closed sees half a JPEG.
bool write_slowly(const fs::path& path, const std::string& bytes, std::chrono::milliseconds pause) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  const std::size_t half = bytes.size() / 2;
  bool ok = write_all(fd, bytes.data(), half);
  std::this_thread::sleep_for(pause);
  ok = ok && write_all(fd, bytes.data() + half, bytes.size() - half);
  return ::close(fd) == 0 && ok;
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  REQUIRE(out.good());
}

// write_file for the tests' own threads, where Catch2 cannot assert: false if the write failed.
bool write_file_from_thread(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  out.close();
  return !out.fail();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) ++n;
  return n;
}

// Lines of `text` containing `needle`.
std::size_t lines_with(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) n += line.find(needle) != std::string::npos;
  return n;
}

// --- the watcher as a child process -----------------------------------------

class WatchProcess {
 public:
  // Runs `cardscan --db DB watch ARGS...` with stdout and stderr in files
  // named after `log` (LOG.out, LOG.err).
  WatchProcess(const std::string& db, const std::vector<std::string>& args, const fs::path& log)
      : out_(log.string() + ".out"), err_(log.string() + ".err") {
    std::vector<std::string> argv_strings = {CARDSCAN_BINARY, "--db", db, "watch"};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    const int rc = posix_spawn(&pid_, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    REQUIRE(rc == 0);
  }
  WatchProcess(const WatchProcess&) = delete;
  WatchProcess& operator=(const WatchProcess&) = delete;
  ~WatchProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  [[nodiscard]] std::string out() const { return read_file(out_); }
  [[nodiscard]] std::string err() const { return read_file(err_); }

  // Sends `signal` and waits for the exit; the exit status, or -1 if it
  // did not exit normally within the limit.
  int stop(int signal = SIGTERM, std::chrono::seconds limit = 60s) {
    REQUIRE(pid_ > 0);
    ::kill(pid_, signal);
    return wait_exit(limit);
  }

  // Waits for the process to exit on its own.
  int wait_exit(std::chrono::seconds limit = 60s) {
    int status = 0;
    const bool exited = wait_until([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, limit);
    if (!exited) return -1;
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  std::string out_, err_;
};

struct StoreCounts {
  int contacts = 0, files = 0, cards = 0, open_followups = 0;
  std::set<std::string> emails;
};

StoreCounts store_counts(const std::string& db_path) {
  auto db = cardscan::store::Store::open(db_path);
  REQUIRE(db);
  StoreCounts c;
  const auto stats = db->stats();
  c.contacts = stats.contacts;
  c.files = stats.files;
  c.cards = stats.cards;
  c.open_followups = static_cast<int>(db->open_followups().size());
  for (const auto& stored : db->contacts()) {
    for (const auto& e : stored.contact.emails) c.emails.insert(e);
  }
  return c;
}

}  // namespace

// -----------------------------------------------------------------------------

TEST_CASE(
    "watch stores 30 cards written in slow chunks once each, reports bad files once, and redoes nothing after a "
    "restart",
    "[tools][watch]") {
  TempDir tmp;
  const fs::path inbox = tmp.path() / "inbox";
  fs::create_directories(inbox);
  const std::string db = (tmp.path() / "cards.db").string();
  std::vector<std::string> cards;
  for (std::size_t i = 0; i < 32; ++i) cards.push_back(render_card(i));
  // --settle 0.5 while each file pauses 1 s half-written: only the close may trigger.
  const std::vector<std::string> args = {inbox.string(), "--workers", "2", "--settle", "0.5"};

  // Session 1: 28 cards arrive while the watcher runs, 4 writers at a time.
  auto first = std::make_unique<WatchProcess>(db, args, tmp.path() / "run1");
  REQUIRE(wait_until([&] { return first->err().find("cardscan: watching") != std::string::npos; }, 60s));
  std::atomic<bool> written{true};
  {
    std::vector<std::thread> writers;
    for (std::size_t w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        for (std::size_t i = w; i < 27; i += 4) {
          if (!write_slowly(inbox / card_name(i), cards[i], 1000ms)) written = false;
        }
      });
    }
    // The way sync clients and browsers do it: a temporary name, renamed when complete.
    if (!write_slowly(inbox / (card_name(27) + ".part"), cards[27], 1000ms)) written = false;
    fs::rename(inbox / (card_name(27) + ".part"), inbox / card_name(27));
    // Never scanned: hidden, and a download that never completes (two more people).
    write_file(inbox / ".card_31.jpg", cards[30]);
    write_file(inbox / "card_32.jpg.crdownload", cards[31]);
    // Bad files: text named .jpg, and a JPEG cut off half-way.
    write_file(inbox / "notes.jpg", "Call Alice about the demo on Tuesday.\n");
    write_file(inbox / "broken.jpg", cards[0].substr(0, cards[0].size() * 6 / 10));
    for (auto& t : writers) t.join();
  }
  REQUIRE(written);
  const bool all_seen = wait_until([&] {
    const auto err = first->err();
    return lines_with(first->out(), "(new contact #") >= 28 && err.find("notes.jpg") != std::string::npos &&
           err.find("broken.jpg") != std::string::npos;
  });
  INFO("stdout:\n" << first->out() << "stderr:\n" << first->err());
  REQUIRE(all_seen);
  REQUIRE(first->stop(SIGTERM) == 0);
  const std::string out1 = first->out(), err1 = first->err();
  first.reset();

  CHECK(lines_with(out1, "(new contact #") == 28);
  for (std::size_t i = 0; i < 28; ++i) {
    INFO(card_name(i));
    CHECK(count(out1, "/" + card_name(i) + ": ") == 1);  // stored once
    CHECK(count(err1, "/" + card_name(i) + ": ") == 0);  // never read half-written
  }
  CHECK(count(err1, "cardscan: " + (inbox / "notes.jpg").string() + ": not an image") == 1);
  CHECK(count(err1, "cardscan: " + (inbox / "broken.jpg").string() + ": truncated JPEG") == 1);
  CHECK(out1.find("notes.jpg") == std::string::npos);
  CHECK(out1.find("card_31") == std::string::npos);
  CHECK(out1.find("card_32") == std::string::npos);
  CHECK(err1.find("card_31") == std::string::npos);
  CHECK(err1.find("card_32") == std::string::npos);
  CHECK_THAT(err1, Catch::Contains("28 new contacts") && Catch::Contains("2 failed"));

  // While it is stopped, two more cards arrive.
  write_file(inbox / card_name(28), cards[28]);
  write_file(inbox / card_name(29), cards[29]);

  // Session 2: picks up those two, redoes nothing else.
  auto second = std::make_unique<WatchProcess>(db, args, tmp.path() / "run2");
  const bool caught_up = wait_until([&] { return second->err().find("caught up") != std::string::npos; });
  INFO("stdout:\n" << second->out() << "stderr:\n" << second->err());
  REQUIRE(caught_up);
  // The same content again under another name: recognised, not stored again.
  write_file(inbox / "copy_of_card_05.jpg", cards[4]);
  REQUIRE(wait_until([&] { return second->out().find("copy_of_card_05.jpg: already scanned") != std::string::npos; }));
  REQUIRE(second->stop(SIGTERM) == 0);
  const std::string out2 = second->out(), err2 = second->err();
  second.reset();

  CHECK(lines_with(out2, "(new contact #") == 2);
  CHECK(count(out2, "/" + card_name(28) + ": ") == 1);
  CHECK(count(out2, "/" + card_name(29) + ": ") == 1);
  for (std::size_t i = 0; i < 28; ++i) CHECK(count(out2, "/" + card_name(i) + ": ") == 0);
  // Failures are remembered for a session: a bad file still lying there is
  // reported once more after a restart, and only once.
  CHECK(count(err2, "cardscan: " + (inbox / "notes.jpg").string()) <= 1);
  CHECK(count(err2, "cardscan: " + (inbox / "broken.jpg").string()) <= 1);
  CHECK_THAT(err2, Catch::Contains("2 new contacts") && Catch::Contains("29 already scanned"));

  const StoreCounts stored = store_counts(db);
  CHECK(stored.contacts == 30);
  CHECK(stored.files == 30);
  CHECK(stored.cards == 30);
  CHECK(stored.open_followups == 30);
  std::set<std::string> expected;
  for (std::size_t i = 0; i < 30; ++i) expected.insert(email_of(i));
  CHECK(stored.emails == expected);
}

TEST_CASE("SIGTERM while cards are being read stores whole files only, and the next start scans the rest",
          "[tools][watch]") {
  TempDir tmp;
  const fs::path inbox = tmp.path() / "inbox";
  fs::create_directories(inbox);
  const std::string db = (tmp.path() / "cards.db").string();
  for (std::size_t i = 0; i < 6; ++i) write_file(inbox / card_name(i), render_card(i));
  const std::vector<std::string> args = {inbox.string(), "--workers", "1", "--settle", "0"};

  WatchProcess first(db, args, tmp.path() / "run1");
  REQUIRE(wait_until([&] { return lines_with(first.out(), "(new contact #") >= 1; }));
  REQUIRE(first.stop(SIGTERM) == 0);
  const auto out1 = first.out();
  INFO("stdout:\n" << out1 << "stderr:\n" << first.err());
  const auto stored_first = lines_with(out1, "(new contact #");
  CHECK(stored_first < 6);                                          // it did stop early
  CHECK(store_counts(db).files == static_cast<int>(stored_first));  // what it printed, and nothing half-way
  CHECK_THAT(first.err(), Catch::Contains("Scanned"));

  const auto rest = run_cardscan(db, {"watch", inbox.string(), "--once", "--settle", "0"}, true);
  CHECK(rest.status == 0);
  CHECK(lines_with(rest.output, "(new contact #") == 6 - stored_first);
  const auto stored = store_counts(db);
  CHECK(stored.contacts == 6);
  CHECK(stored.open_followups == 6);
}

TEST_CASE("watch --move-to moves stored files to processed/ and bad ones to failed/, never over an existing name",
          "[tools][watch]") {
  TempDir tmp;
  const fs::path inbox = tmp.path() / "inbox";
  const fs::path done = tmp.path() / "done";
  fs::create_directories(inbox / "monday");
  fs::create_directories(done / "processed");
  const std::string db = (tmp.path() / "cards.db").string();
  write_file(inbox / card_name(0), render_card(0));
  write_file(inbox / "monday" / card_name(1), render_card(1));
  write_file(inbox / "empty.jpg", "");
  write_file(done / "processed" / card_name(0), "an older file of the same name");

  const auto run =
      run_cardscan(db, {"watch", inbox.string(), "--once", "--settle", "0", "--move-to", done.string()}, true);
  INFO("stdout:\n" << run.output << "stderr:\n" << run.errors);
  CHECK(run.status == 1);  // --once says a file failed
  CHECK(lines_with(run.output, "(new contact #") == 2);
  CHECK(count(run.errors, "cardscan: " + (inbox / "empty.jpg").string() + ": empty file") == 1);
  CHECK(read_file(done / "processed" / card_name(0)) == "an older file of the same name");
  CHECK(fs::exists(done / "processed" / "card_01-1.jpg"));
  CHECK(fs::exists(done / "processed" / "monday" / card_name(1)));
  CHECK(fs::exists(done / "failed" / "empty.jpg"));
  CHECK(!fs::exists(inbox / card_name(0)));
  CHECK(!fs::exists(inbox / "monday" / card_name(1)));
  CHECK(!fs::exists(inbox / "empty.jpg"));
  CHECK(store_counts(db).contacts == 2);
}

TEST_CASE("watch --help explains readiness, --move-to, --once and stopping", "[tools][watch]") {
  const auto run = run_cardscan("", {"watch", "--help"});
  CHECK(run.status == 0);
  CHECK_THAT(run.output, Catch::Contains("completely") && Catch::Contains("--move-to") && Catch::Contains("--once") &&
                             Catch::Contains("--settle") && Catch::Contains("SIGTERM") && Catch::Contains("--event") &&
                             Catch::Contains("--workers"));
}

TEST_CASE("watch refuses a folder that does not exist", "[tools][watch]") {
  TempDir tmp;
  const auto run = run_cardscan((tmp.path() / "cards.db").string(), {"watch", (tmp.path() / "nope").string()}, true);
  CHECK(run.status == 2);
  CHECK_THAT(run.errors, Catch::Contains("not a folder"));
}

// The stress case behind issue 15: `watch` once shared its store connection
// between the workers' skip checks and the main thread's printing, which
// crashed or livelocked about one run in five with 25 files. Many files
// arriving at once, while two `scan`s write the same database (one of them
// the very contents the watch is reading), keep both kinds of store use busy
// at the same time. Run under ThreadSanitizer too (tools/run-tests.sh).
TEST_CASE("watch with 34 files arriving while two scans write the same database stores each card once with one "
          "follow-up and stops cleanly",
          "[tools][watch][stress]") {
  TempDir tmp;
  const fs::path inbox = tmp.path() / "inbox", other = tmp.path() / "other", again = tmp.path() / "again";
  for (const auto& d : {inbox, other, again}) fs::create_directories(d);
  const std::string db = (tmp.path() / "cards.db").string();
  const fs::path samples = CARDSCAN_SAMPLES_DIR;
  // Slower machines and sanitizer builds get more time: every file is read once, however slowly.
  const auto limit = std::chrono::seconds(std::getenv("CARDSCAN_SLOW_TESTS") != nullptr ? 1800 : 300);

  // What the sample images alone give, in a store of their own.
  const std::string reference_db = (tmp.path() / "reference.db").string();
  REQUIRE(run_cardscan(reference_db, {"scan", samples.string()}).status == 0);
  const StoreCounts reference = store_counts(reference_db);
  REQUIRE(reference.contacts > 0);

  // Each sample twice more under new names with bytes after the JPEG's end:
  // new content (a new scan), the same pixels (the same people, merged).
  std::vector<std::pair<std::string, std::string>> inbox_files;  // name, bytes
  for (const auto& entry : fs::directory_iterator(samples)) {
    if (entry.path().extension() != ".jpg") continue;
    const std::string bytes = read_file(entry.path());
    for (int v = 1; v <= 2; ++v) {
      inbox_files.emplace_back("sample_" + entry.path().stem().string() + "_v" + std::to_string(v) + ".jpg",
                               bytes + "\nvariant " + std::to_string(v));
    }
  }
  const std::size_t sample_variants = inbox_files.size();
  std::vector<std::string> cards;
  for (std::size_t i = 0; i < 32; ++i) cards.push_back(render_card(i));
  for (std::size_t i = 0; i < 24; ++i) inbox_files.emplace_back(card_name(i), cards[i]);
  // The other scans' folders: 8 more people, and copies of what the watch reads.
  for (std::size_t i = 24; i < 32; ++i) write_file(other / card_name(i), cards[i]);
  for (std::size_t i = 0; i < inbox_files.size(); i += 2) write_file(again / inbox_files[i].first, inbox_files[i].second);

  WatchProcess watch(db, {inbox.string(), "--workers", "2", "--settle", "0.3"}, tmp.path() / "watch");
  REQUIRE(wait_until([&] { return watch.err().find("cardscan: watching") != std::string::npos; }, 60s));
  std::atomic<bool> written{true};
  cardscan::test::Run scan_other, scan_again;
  {
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < 3; ++w) {
      threads.emplace_back([&, w] {
        for (std::size_t i = w; i < inbox_files.size(); i += 3) {
          const auto& [name, bytes] = inbox_files[i];
          const bool ok =
              i % 2 == 0 ? write_slowly(inbox / name, bytes, 100ms) : write_file_from_thread(inbox / name, bytes);
          if (!ok) written = false;
        }
      });
    }
    threads.emplace_back([&] { scan_other = run_cardscan(db, {"scan", other.string(), "-j", "1"}, true); });
    threads.emplace_back([&] { scan_again = run_cardscan(db, {"scan", again.string(), "-j", "1"}, true); });
    for (auto& t : threads) t.join();
  }
  REQUIRE(written);
  const bool all_seen = wait_until(
      [&] {
        const std::string out = watch.out();
        for (const auto& [name, bytes] : inbox_files) {
          if (out.find("/" + name) == std::string::npos) return false;
        }
        return true;
      },
      limit);
  INFO("watch stdout:\n" << watch.out() << "watch stderr:\n" << watch.err() << "scan other:\n"
                         << scan_other.output << scan_other.errors << "scan again:\n"
                         << scan_again.output << scan_again.errors);
  REQUIRE(all_seen);
  REQUIRE(watch.stop(SIGTERM) == 0);
  const std::string err = watch.err();
  CHECK(scan_other.status == 0);
  CHECK(scan_again.status == 0);
  for (const auto& text : {err, scan_other.errors, scan_again.errors}) {
    CHECK(text.find("locked") == std::string::npos);
    CHECK(text.find("not stored") == std::string::npos);
    CHECK(text.find("failed:") == std::string::npos);
  }
  CHECK_THAT(err, Catch::Contains("Scanned") && Catch::Contains(" 0 failed"));

  // Every content once, every person once, one open follow-up each.
  const StoreCounts stored = store_counts(db);
  CHECK(stored.files == static_cast<int>(32 + sample_variants));
  CHECK(stored.cards == 32 + 2 * reference.cards);
  CHECK(stored.contacts == 32 + reference.contacts);
  CHECK(stored.open_followups == stored.contacts);
  for (std::size_t i = 0; i < 32; ++i) CHECK(stored.emails.count(email_of(i)) == 1);
}

// --- FolderWatcher rules, without OCR -----------------------------------------

namespace {

// Runs the watcher's event loop until `limit` passes or `enough` holds,
// collecting what it hands out.
std::vector<ReadyFile> pump(FolderWatcher& watcher, std::chrono::milliseconds limit,
                            const std::function<bool(const std::vector<ReadyFile>&)>& enough = {}) {
  std::vector<ReadyFile> ready;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    for (auto& r : watcher.take_ready()) ready.push_back(r);
    if (enough && enough(ready)) break;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    const int t = watcher.timeout_ms();
    pollfd fd{watcher.fd(), POLLIN, 0};
    ::poll(&fd, 1, t < 0 ? static_cast<int>(left.count()) : std::min(t, static_cast<int>(left.count())));
    watcher.read_events();
  }
  return ready;
}

std::vector<std::string> names(const std::vector<ReadyFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.path.filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a file still open for writing is never ready, however long it stays unchanged, and closing makes it ready",
          "[tools][watch][folder-watcher]") {
  TempDir tmp;
  FolderWatchOptions options;
  options.settle = 100ms;
  auto watcher = FolderWatcher::open(tmp.path(), options);
  REQUIRE(watcher);
  const int fd = ::open((tmp.path() / "a.jpg").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write_all(fd, "half", 4));
  CHECK(pump(*watcher, 600ms).empty());  // six settle periods without a change, but still open
  CHECK(watcher->waiting() == 1);
  REQUIRE(write_all(fd, " and the rest", 13));
  ::close(fd);
  const auto ready = pump(*watcher, 5000ms, [](const auto& r) { return !r.empty(); });
  REQUIRE(names(ready) == std::vector<std::string>{"a.jpg"});
  CHECK(!ready[0].found);
  CHECK(watcher->waiting() == 0);
}

TEST_CASE("files already there are ready at once when old, after the settle period when just written",
          "[tools][watch][folder-watcher]") {
  TempDir tmp;
  write_file(tmp.path() / "old.jpg", "x");
  fs::last_write_time(tmp.path() / "old.jpg", fs::file_time_type::clock::now() - std::chrono::hours(1));
  write_file(tmp.path() / "fresh.png", "x");
  FolderWatchOptions options;
  options.settle = 300ms;
  const auto start = std::chrono::steady_clock::now();
  auto watcher = FolderWatcher::open(tmp.path(), options);
  REQUIRE(watcher);
  const auto at_once = watcher->take_ready();
  REQUIRE(names(at_once) == std::vector<std::string>{"old.jpg"});
  CHECK(at_once[0].found);
  const auto later = pump(*watcher, 5000ms, [](const auto& r) { return !r.empty(); });
  CHECK(std::chrono::steady_clock::now() - start >= 300ms);
  REQUIRE(names(later) == std::vector<std::string>{"fresh.png"});
  CHECK(later[0].found);
}

TEST_CASE("hidden, temporary and non-image names are ignored, and a rename to an image name makes it ready",
          "[tools][watch][folder-watcher]") {
  TempDir tmp;
  fs::create_directories(tmp.path() / ".thumbnails");
  write_file(tmp.path() / ".thumbnails" / "t.jpg", "x");
  FolderWatchOptions options;
  options.settle = 50ms;
  options.exclude = {tmp.path() / "processed"};
  auto watcher = FolderWatcher::open(tmp.path(), options);
  REQUIRE(watcher);
  fs::create_directories(tmp.path() / "processed");
  fs::create_directories(tmp.path() / "sub");
  for (const char* name : {".hidden.jpg", "b.jpg~", "c.jpg.part", "d.crdownload", "e.tmp", "notes.txt"}) {
    write_file(tmp.path() / name, "x");
  }
  write_file(tmp.path() / "processed" / "done.jpg", "x");
  write_file(tmp.path() / "sub" / "f.jpeg", "x");
  fs::rename(tmp.path() / "c.jpg.part", tmp.path() / "c.jpg");
  const auto ready = pump(*watcher, 1000ms);
  CHECK(names(ready) == std::vector<std::string>{"c.jpg", "f.jpeg"});
  CHECK(cardscan::watch::is_watchable_image_name("IMG_0001.JPG"));
  CHECK(cardscan::watch::is_watchable_image_name("scan.heic"));
  CHECK(!cardscan::watch::is_watchable_image_name("IMG_0001.JPG.crdownload"));
  CHECK(!cardscan::watch::is_watchable_image_name("._IMG_0001.JPG"));
}

TEST_CASE("an empty file waits out the settle period, and is not ready if a writer reopens it meanwhile",
          "[tools][watch][folder-watcher]") {
  TempDir tmp;
  FolderWatchOptions options;
  options.settle = 300ms;
  auto watcher = FolderWatcher::open(tmp.path(), options);
  REQUIRE(watcher);
  write_file(tmp.path() / "a.jpg", "");  // created and closed empty, as some writers do first
  const int fd = ::open((tmp.path() / "a.jpg").c_str(), O_WRONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  CHECK(pump(*watcher, 700ms).empty());
  REQUIRE(write_all(fd, "data", 4));
  ::close(fd);
  CHECK(names(pump(*watcher, 5000ms, [](const auto& r) { return !r.empty(); })) == std::vector<std::string>{"a.jpg"});
  write_file(tmp.path() / "b.jpg", "");
  const auto written = std::chrono::steady_clock::now();
  CHECK(names(pump(*watcher, 5000ms, [](const auto& r) { return !r.empty(); })) == std::vector<std::string>{"b.jpg"});
  CHECK(std::chrono::steady_clock::now() - written >= 250ms);
}
