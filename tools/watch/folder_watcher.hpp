#pragma once
// A drop folder watched with inotify: tells which card images in it are
// completely written, so `cardscan watch` never reads a file a phone sync
// client or a copy is still writing.
//
// A file counts as complete when
// - it was closed after writing (IN_CLOSE_WRITE) or moved in (IN_MOVED_TO), or
// - nobody has it open and its size and modification time stayed unchanged
//   for the settle period (files that were already there when the watch
//   started, files in folders moved in, files written with no close event
//   seen, e.g. a writer that opened them before the watch began).
// An empty file also has to stay empty for the settle period: some writers
// create it, close it and reopen it to write.
//
// The watcher never blocks: the caller polls fd() and calls read_events().

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace cardscan::watch {

struct FolderWatchOptions {
  // Quiet time after which a file nobody has open counts as written.
  std::chrono::milliseconds settle{2000};
  // Folders neither watched nor scanned, with everything below them
  // (e.g. where processed files are moved to).
  std::vector<std::filesystem::path> exclude;
};

// True for a name watch would process: an image extension (JPEG, PNG, TIFF,
// WebP, BMP, HEIC/HEIF), and not hidden (leading dot), an editor backup
// (trailing ~) or a download in progress (.part, .crdownload, .tmp, ...).
[[nodiscard]] bool is_watchable_image_name(const std::filesystem::path& path);

// A file found complete. `found` is set when it was found by looking through
// the folder (at start, in a folder moved in, after lost events) rather
// than by an event for the file itself: most such files are old news.
struct ReadyFile {
  std::filesystem::path path;
  bool found = false;
};

class FolderWatcher {
 public:
  using Clock = std::chrono::steady_clock;

  // Starts watching `dir` and its subfolders, then takes in the images
  // already there (after the watch is in place, so nothing arriving in
  // between is missed). Error if `dir` is not a folder or inotify fails.
  [[nodiscard]] static std::expected<FolderWatcher, std::string> open(const std::filesystem::path& dir,
                                                                      FolderWatchOptions options = {});
  FolderWatcher(FolderWatcher&& other) noexcept;
  FolderWatcher& operator=(FolderWatcher&& other) noexcept;
  FolderWatcher(const FolderWatcher&) = delete;
  FolderWatcher& operator=(const FolderWatcher&) = delete;
  ~FolderWatcher();

  // Readable (for poll) when events are waiting.
  [[nodiscard]] int fd() const { return fd_; }

  // Reads every waiting event without blocking.
  void read_events();

  // Files complete as of `now`, sorted by path. Each arrival is handed out
  // once; a file written again later is handed out again.
  [[nodiscard]] std::vector<ReadyFile> take_ready(Clock::time_point now = Clock::now());

  // Milliseconds poll() may sleep before a waiting file needs another look;
  // -1 when no file is waiting on the settle period.
  [[nodiscard]] int timeout_ms(Clock::time_point now = Clock::now()) const;

  // Files seen but not yet complete (being written or settling).
  [[nodiscard]] std::size_t waiting() const { return pending_.size(); }

  // Problems since the last call, one line each: a subfolder that could not
  // be watched, events lost to a queue overflow (the folder is rescanned).
  [[nodiscard]] std::vector<std::string> take_warnings();

  // False once the watched folder itself was deleted or moved away.
  [[nodiscard]] bool alive() const { return alive_; }

 private:
  struct Pending {
    std::int64_t size = 0;
    std::int64_t mtime_ns = 0;
    Clock::time_point last_change{};  // when size or mtime last changed, as far as we know
    bool closed = false;              // closed after writing or moved in: complete unless empty
    bool found = false;               // see ReadyFile::found
  };

  FolderWatcher(int fd, std::filesystem::path root, FolderWatchOptions options);
  [[nodiscard]] bool excluded(const std::filesystem::path& dir) const;
  // Watches `dir` and its subfolders and takes in the images already there.
  void add_tree(const std::filesystem::path& dir, Clock::time_point now);
  void add_watch(const std::filesystem::path& dir);
  void forget_tree(const std::filesystem::path& dir);
  // Starts or restarts waiting for `path`; false if it is not a regular file.
  bool track(const std::filesystem::path& path, bool closed, bool found, Clock::time_point now);
  [[nodiscard]] bool busy(const std::filesystem::path& path) const;
  void handle_event(int wd, std::uint32_t mask, const std::string& name, Clock::time_point now);

  int fd_ = -1;
  std::filesystem::path root_;
  FolderWatchOptions options_;
  std::vector<std::filesystem::path> excluded_;          // canonical forms of options_.exclude
  std::unordered_map<int, std::filesystem::path> dirs_;  // watch descriptor -> folder
  std::map<std::filesystem::path, Pending> pending_;
  // Opens minus closes seen per file: a file someone still has open is not
  // judged by its size, however long it stays unchanged.
  std::map<std::filesystem::path, int> open_count_;
  std::vector<std::string> warnings_;
  bool alive_ = true;
};

}  // namespace cardscan::watch
