// cardscan watch: a drop folder whose card photos become contacts as they
// arrive. Threads: the caller's thread owns the folder watcher, the store
// writes and all output; the WorkerPool's workers read files and run OCR, and
// ask skip() (a store read, under db_mutex_) before the expensive stages.

#include "tools/watch/cmd_watch.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "store/store.hpp"
#include "tools/cli/pipeline_cli.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/scan_report.hpp"
#include "tools/cli/scan_store.hpp"
#include "tools/pipeline/pipeline.hpp"
#include "tools/pipeline/worker_pool.hpp"
#include "tools/watch/folder_watcher.hpp"

namespace cardscan::watch {
namespace {
namespace fs = std::filesystem;

// The pipeline wing reads the files; the CLI wing stores and prints them.
using cli::add_pipeline_options;
using cli::add_scan_store_options;
using cli::count_stored;
using cli::GlobalOptions;
using cli::open_scan_store;
using cli::print_card_lines;
using cli::print_notes;
using cli::printable;
using cli::printable_path;
using cli::ScanStoreOptions;
using cli::Summary;
using cli::to_scan_record;
using pipeline::FileOutput;
using pipeline::PipelineOptions;
using pipeline::worker_count;
using pipeline::WorkerPool;

struct WatchOptions {
  std::string dir;
  std::string move_to;
  ScanStoreOptions store;
  bool once = false;
  double settle_seconds = 2.0;
  PipelineOptions pipeline;
};

// SIGINT and SIGTERM, blocked in every thread (the mask is set before any
// worker starts and is inherited) and read from a descriptor by the main
// loop, so a signal never interrupts a store write half-way.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
    fd_ = signalfd(-1, &set_, SFD_NONBLOCK | SFD_CLOEXEC);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  ~StopSignals() {
    if (fd_ >= 0) ::close(fd_);
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  [[nodiscard]] int fd() const { return fd_; }
  // Name of the signal that arrived ("" if none was waiting).
  [[nodiscard]] std::string take() const {
    signalfd_siginfo info{};
    if (::read(fd_, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) return {};
    return info.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM";
  }

 private:
  sigset_t set_{}, old_{};
  int fd_ = -1;
};

// Finished files on their way from the pool's workers to the main loop,
// which an eventfd wakes from poll().
class Mailbox {
 public:
  Mailbox() : fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}
  Mailbox(const Mailbox&) = delete;
  Mailbox& operator=(const Mailbox&) = delete;
  ~Mailbox() {
    if (fd_ >= 0) ::close(fd_);
  }
  // Readable (for poll) while results are waiting; < 0 if no eventfd could be made.
  [[nodiscard]] int fd() const { return fd_; }
  // Any thread.
  void post(FileOutput&& file) {
    {
      std::lock_guard lock(mutex_);
      results_.push_back(std::move(file));
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(fd_, &one, sizeof one);
  }
  // The results posted so far, in the order they finished.
  [[nodiscard]] std::vector<FileOutput> take() {
    std::uint64_t count = 0;
    [[maybe_unused]] const ssize_t n = ::read(fd_, &count, sizeof count);  // resets the counter
    std::lock_guard lock(mutex_);
    return std::exchange(results_, {});
  }

 private:
  int fd_ = -1;
  std::mutex mutex_;
  std::vector<FileOutput> results_;
};

// Moves `file` (somewhere below `root`) to the same relative place below
// `dest`, adding -1, -2, ... before the extension when the name is taken.
// Never replaces a file already there.
std::expected<fs::path, std::string> move_unique(const fs::path& file, const fs::path& root, const fs::path& dest) {
  fs::path relative = file.lexically_relative(root);
  if (relative.empty() || *relative.begin() == "..") relative = file.filename();
  const fs::path folder = (dest / relative).parent_path();
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return std::unexpected("cannot create " + folder.string() + ": " + ec.message());
  const std::string stem = relative.stem().string();
  const std::string ext = relative.extension().string();
  for (int n = 0; n < 10000; ++n) {
    const fs::path target = folder / (n == 0 ? relative.filename().string() : stem + "-" + std::to_string(n) + ext);
    if (renameat2(AT_FDCWD, file.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) return target;
    if (errno == EEXIST) continue;
    if (errno == EINVAL || errno == ENOSYS) {  // file system without RENAME_NOREPLACE: link fails on a taken name too
      if (::link(file.c_str(), target.c_str()) == 0) {
        ::unlink(file.c_str());
        return target;
      }
      if (errno == EEXIST) continue;
    }
    if (errno == EXDEV) {  // another file system: copy, then remove the original
      fs::copy_file(file, target, fs::copy_options::none, ec);
      if (ec == std::errc::file_exists) continue;
      if (ec) return std::unexpected("cannot copy to " + target.string() + ": " + ec.message());
      fs::remove(file, ec);
      return target;
    }
    return std::unexpected("cannot move to " + target.string() + ": " + std::strerror(errno));
  }
  return std::unexpected("no free name for " + relative.string() + " in " + folder.string());
}

class Watch {
 public:
  Watch(WatchOptions& opt, store::Store& db) : opt_(opt), db_(db) {
    if (!opt_.move_to.empty()) {
      processed_dir_ = fs::path(opt_.move_to) / "processed";
      failed_dir_ = fs::path(opt_.move_to) / "failed";
    }
  }

  int run();

 private:
  struct Flight {
    bool found = false;  // found by looking through the folder, not by an event
    bool again = false;  // written again while being processed
  };

  // Called on worker threads before OCR: content stored before, or content
  // that failed this session, is not read again.
  bool skip(const std::string& sha256) {
    std::lock_guard lock(db_mutex_);
    if (failed_content_.count(sha256)) return true;
    try {
      return db_.has_scan(sha256);
    } catch (const std::exception&) {
      return false;  // add_scan will report what is wrong with the database
    }
  }

  void dispatch(WorkerPool& pool, const ReadyFile& file);
  void finish(WorkerPool& pool, FileOutput&& file);
  void fail(const FileOutput& file, const std::string& reason);
  void move(const fs::path& file, const fs::path& dest);
  void store(FileOutput& file, const Flight& flight);

  WatchOptions& opt_;
  store::Store& db_;
  std::mutex db_mutex_;                                  // db_ and failed_content_, shared with skip() on workers
  std::map<std::string, std::string> failed_content_;    // sha256 -> why it failed, this session
  std::set<std::pair<fs::path, std::string>> reported_;  // (file, sha256) failures already reported
  std::map<fs::path, Flight> in_flight_;
  fs::path processed_dir_, failed_dir_;
  bool stopping_ = false;
  Mailbox mailbox_;
  Summary summary_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

void Watch::dispatch(WorkerPool& pool, const ReadyFile& file) {
  auto [it, inserted] = in_flight_.try_emplace(file.path, Flight{file.found, false});
  if (!inserted) {
    it->second.again = true;  // look at it again once the current run is done
    return;
  }
  pool.submit(file.path, [this](FileOutput&& out) { mailbox_.post(std::move(out)); });
}

void Watch::fail(const FileOutput& file, const std::string& reason) {
  summary_.failures.push_back(printable_path(file.path) + ": " + printable(reason));
  if (reported_.insert({file.path, file.sha256}).second) {
    std::cerr << "cardscan: " << printable_path(file.path) << ": " << printable(reason) << "\n";
    print_notes(std::cerr, file, "cardscan: ");
  }
}

void Watch::move(const fs::path& file, const fs::path& dest) {
  if (dest.empty()) return;
  auto moved = move_unique(file, opt_.dir, dest);
  if (!moved) std::cerr << "cardscan: " << printable_path(file) << ": " << printable(moved.error()) << "\n";
}

void Watch::store(FileOutput& file, const Flight& flight) {
  const store::ScanRecord record = to_scan_record(file, fs::absolute(file.path).string(), opt_.store.event);
  std::expected<std::vector<store::CardResult>, std::string> result;
  {
    std::lock_guard lock(db_mutex_);
    try {
      result = db_.add_scan(record);
    } catch (const std::exception& e) {
      result = std::unexpected(std::string(e.what()));
    }
  }
  if (!result) {
    // The database's fault, not the file's: leave the file where it is so a restart retries it.
    summary_.failures.push_back(printable_path(file.path) + ": not stored: " + printable(result.error()));
    std::cerr << "cardscan: " << printable_path(file.path) << ": not stored: " << printable(result.error()) << "\n";
    return;
  }
  const auto& stored = *result;
  print_card_lines(std::cout, file, stored);  // from the results alone: no query on db_
  count_stored(summary_, file, stored);
  if (!flight.again) move(file.path, processed_dir_);
}

void Watch::finish(WorkerPool& pool, FileOutput&& file) {
  auto node = in_flight_.extract(file.path);
  const Flight flight = node.empty() ? Flight{} : node.mapped();
  std::error_code ec;
  if (file.error && file.sha256.empty() && !fs::exists(file.path, ec)) {
    return;  // deleted or moved away before its turn: nothing to scan, nothing to report
  }
  ++summary_.files;
  if (file.error) {
    if (!file.sha256.empty()) {
      std::lock_guard lock(db_mutex_);
      failed_content_.emplace(file.sha256, *file.error);
    }
    fail(file, *file.error);
    if (!flight.again && !file.sha256.empty()) move(file.path, failed_dir_);
  } else if (file.skipped) {
    std::optional<std::string> failed_before;
    {
      std::lock_guard lock(db_mutex_);
      auto it = failed_content_.find(file.sha256);
      if (it != failed_content_.end()) failed_before = it->second;
    }
    if (failed_before) {
      fail(file, *failed_before + " (same content as a file that failed before)");
      if (!flight.again) move(file.path, failed_dir_);
    } else {
      ++summary_.skipped;
      // Files lying in the folder since an earlier run are expected; a new arrival is news.
      if (!flight.found) std::cout << printable_path(file.path) << ": already scanned, nothing new\n" << std::flush;
      if (!flight.again) move(file.path, processed_dir_);
    }
  } else {
    store(file, flight);
  }
  if (flight.again && !stopping_) {
    in_flight_[file.path] = Flight{};
    pool.submit(file.path, [this](FileOutput&& out) { mailbox_.post(std::move(out)); });
  }
}

int Watch::run() {
  const fs::path dir = opt_.dir;
  if (!processed_dir_.empty()) {
    for (const auto& d : {processed_dir_, failed_dir_}) {
      std::error_code ec;
      fs::create_directories(d, ec);
      if (ec) {
        std::cerr << "cardscan: cannot create " << printable_path(d) << ": " << ec.message() << "\n";
        return 2;
      }
    }
  }
  FolderWatchOptions watch_options;
  watch_options.settle = std::chrono::milliseconds(static_cast<long>(opt_.settle_seconds * 1000));
  if (!processed_dir_.empty()) watch_options.exclude = {processed_dir_, failed_dir_};

  // Before any thread starts, so every worker inherits the blocked mask.
  const StopSignals signals;
  if (signals.fd() < 0) {
    std::cerr << "cardscan: cannot watch for SIGINT/SIGTERM: " << std::strerror(errno) << "\n";
    return 2;
  }
  if (mailbox_.fd() < 0) {
    std::cerr << "cardscan: cannot create eventfd: " << std::strerror(errno) << "\n";
    return 2;
  }
  auto watcher = FolderWatcher::open(dir, watch_options);
  if (!watcher) {
    std::cerr << "cardscan: " << printable(watcher.error()) << "\n";
    return 2;
  }
  opt_.pipeline.keep_crops = true;
  const int workers = worker_count(opt_.pipeline);
  WorkerPool pool(opt_.pipeline, workers, [this](const std::string& sha) { return skip(sha); });
  if (auto started = pool.start(); !started) {
    std::cerr << "cardscan: " << printable(started.error()) << "\n";
    return 2;
  }
  std::cerr << "cardscan: watching " << printable_path(dir) << " with " << workers << (workers == 1 ? " worker" : " workers")
            << (opt_.once ? "" : " (Ctrl-C to stop)") << "\n";

  bool caught_up = false;
  bool folder_gone = false;
  for (;;) {
    const auto now = FolderWatcher::Clock::now();
    if (!stopping_) {
      for (const auto& file : watcher->take_ready(now)) dispatch(pool, file);
    }
    for (const auto& w : watcher->take_warnings()) std::cerr << "cardscan: " << printable(w) << "\n";
    if (!watcher->alive() && !stopping_) {
      std::cerr << "cardscan: " << printable_path(dir) << " was removed or moved away; stopping\n";
      folder_gone = stopping_ = true;
    }
    const bool idle = in_flight_.empty() && watcher->waiting() == 0;
    if (stopping_ && in_flight_.empty()) break;
    if (opt_.once && idle) break;
    if (idle && !caught_up) {
      caught_up = true;
      std::cerr << "cardscan: caught up (" << summary_.files << (summary_.files == 1 ? " file" : " files")
                << " looked at); waiting for new files\n";
    }

    pollfd fds[3] = {{signals.fd(), POLLIN, 0}, {watcher->fd(), POLLIN, 0}, {mailbox_.fd(), POLLIN, 0}};
    const int timeout = stopping_ ? -1 : watcher->timeout_ms(now);
    if (::poll(fds, 3, timeout) < 0) {
      if (errno == EINTR) continue;
      std::cerr << "cardscan: poll failed: " << std::strerror(errno) << "\n";
      return 2;
    }
    if (fds[0].revents & POLLIN) {
      const std::string name = signals.take();
      if (!stopping_) {
        stopping_ = true;
        for (const auto& p : pool.cancel_queued()) in_flight_.erase(p);  // picked up again on the next start
        if (!in_flight_.empty()) {
          std::cerr << "cardscan: " << name << ": finishing " << in_flight_.size()
                    << (in_flight_.size() == 1 ? " file" : " files") << " in progress (send it again to abandon "
                    << (in_flight_.size() == 1 ? "it" : "them") << ")\n";
        }
      } else {
        // Nothing is being written to the store here (writes happen on this
        // thread, between polls), so leaving now cannot half-store a file.
        std::cerr << "cardscan: " << name << ": abandoning " << in_flight_.size()
                  << " files in progress; they are scanned on the next start\n";
        summary_.stored = true;
        summary_.print(std::cerr, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
        std::cout.flush();
        std::cerr.flush();
        std::_Exit(0);
      }
    }
    if (fds[1].revents & POLLIN) watcher->read_events();
    if (fds[2].revents & POLLIN) {
      for (auto& file : mailbox_.take()) finish(pool, std::move(file));
    }
  }
  pool.stop();
  summary_.stored = true;
  summary_.print(std::cerr, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  if (folder_gone) return 1;
  if (opt_.once) return summary_.failures.empty() ? 0 : 1;
  return 0;  // stopped by a signal, as asked
}

int run_watch(WatchOptions& opt, GlobalOptions& global) {
  std::error_code ec;
  if (!fs::is_directory(opt.dir, ec)) {
    std::cerr << "cardscan: " << printable(opt.dir) << ": not a folder\n";
    return 2;
  }
  auto db = open_scan_store(global, opt.store);
  if (!db) {
    std::cerr << "cardscan: " << printable(db.error().message) << "\n";
    return db.error().exit_code;
  }
  Watch watch(opt, *db);
  return watch.run();
}

}  // namespace

void register_watch(CLI::App& app, cli::GlobalOptions& global) {
  auto opt = std::make_shared<WatchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "watch",
      "Watch a folder (and its subfolders) and scan each card photo that lands in it, e.g. the folder your phone\n"
      "syncs into. Images already there are scanned first; then each new one as soon as it is completely\n"
      "written: closed by the program writing it, moved in, or unchanged for --settle seconds. Hidden and\n"
      "temporary files (.name, name~, .part, .crdownload, .tmp) are ignored. Content already stored is never\n"
      "scanned twice, so restarting picks up whatever arrived meanwhile and nothing else. Files that are not\n"
      "readable images are reported once and not retried while it runs (after a restart once more, unless\n"
      "--move-to put them in failed/). Ctrl-C (SIGINT) or SIGTERM stops after the files in progress are\n"
      "stored (a second one abandons them) and prints a summary.");
  cmd->add_option("folder", opt->dir, "Folder to watch")->required();
  cmd->add_option("--move-to", opt->move_to,
                  "Move scanned files into FOLDER/processed and unreadable ones into FOLDER/failed (a name already\n"
                  "taken gets -1, -2, ...). Default: leave files in place; the store remembers what was scanned")
      ->type_name("FOLDER");
  cmd->add_flag("--once", opt->once, "Scan what is in the folder now, then exit (status 1 if a file failed)");
  cmd->add_option("--settle", opt->settle_seconds,
                  "Seconds a file nobody has open must stay unchanged before it counts as written (for files\n"
                  "that arrive without a close event)")
      ->default_val(2.0)
      ->check(CLI::Range(0.0, 3600.0));
  add_scan_store_options(*cmd, opt->store);
  add_pipeline_options(*cmd, opt->pipeline);
  cmd->callback([opt, &global]() { global.exit_code = run_watch(*opt, global); });
}

}  // namespace cardscan::watch
