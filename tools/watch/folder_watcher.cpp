#include "tools/watch/folder_watcher.hpp"

#include "tools/pipeline/pipeline.hpp"

#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <optional>
#include <set>
#include <utility>

namespace cardscan::watch {
namespace fs = std::filesystem;
using pipeline::hidden_or_temporary;
using pipeline::is_image_file_name;

namespace {

constexpr std::uint32_t kDirMask = IN_CREATE | IN_MODIFY | IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE | IN_MOVED_FROM |
                                   IN_MOVED_TO | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR |
                                   IN_EXCL_UNLINK;

struct FileState {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
};

// Size and modification time of a regular file (following symlinks); none
// for anything else or a file that is gone.
std::optional<FileState> regular_file_state(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileState out;
  out.size = static_cast<std::int64_t>(st.st_size);
  out.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  return out;
}

std::int64_t wall_clock_ns() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// `path` equals `dir` or lies below it (both in the same form).
bool within(const fs::path& path, const fs::path& dir) {
  auto p = path.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++p) {
    if (d->empty()) continue;  // trailing separator
    if (p == path.end() || *p != *d) return false;
  }
  return true;
}

}  // namespace

bool is_watchable_image_name(const fs::path& path) { return is_image_file_name(path); }

std::expected<FolderWatcher, std::string> FolderWatcher::open(const fs::path& dir, FolderWatchOptions options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::unexpected(dir.string() + ": not a folder");
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return std::unexpected(std::string("cannot start inotify: ") + std::strerror(errno));
  FolderWatcher watcher(fd, dir, std::move(options));
  watcher.add_tree(dir, Clock::now());
  if (watcher.dirs_.empty()) {
    std::string why = watcher.warnings_.empty() ? "cannot watch " + dir.string() : watcher.warnings_.front();
    return std::unexpected(why);
  }
  return watcher;
}

FolderWatcher::FolderWatcher(int fd, fs::path root, FolderWatchOptions options)
    : fd_(fd), root_(std::move(root)), options_(std::move(options)) {
  for (const auto& e : options_.exclude) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(e, ec);
    excluded_.push_back(ec ? e : c);
  }
}

FolderWatcher::FolderWatcher(FolderWatcher&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      root_(std::move(other.root_)),
      options_(std::move(other.options_)),
      excluded_(std::move(other.excluded_)),
      dirs_(std::move(other.dirs_)),
      pending_(std::move(other.pending_)),
      open_count_(std::move(other.open_count_)),
      warnings_(std::move(other.warnings_)),
      alive_(other.alive_) {}

FolderWatcher& FolderWatcher::operator=(FolderWatcher&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    root_ = std::move(other.root_);
    options_ = std::move(other.options_);
    excluded_ = std::move(other.excluded_);
    dirs_ = std::move(other.dirs_);
    pending_ = std::move(other.pending_);
    open_count_ = std::move(other.open_count_);
    warnings_ = std::move(other.warnings_);
    alive_ = other.alive_;
  }
  return *this;
}

FolderWatcher::~FolderWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

bool FolderWatcher::excluded(const fs::path& dir) const {
  if (excluded_.empty()) return false;
  std::error_code ec;
  const fs::path c = fs::weakly_canonical(dir, ec);
  if (ec) return false;
  return std::any_of(excluded_.begin(), excluded_.end(), [&](const fs::path& e) { return within(c, e); });
}

void FolderWatcher::add_watch(const fs::path& dir) {
  const int wd = inotify_add_watch(fd_, dir.c_str(), kDirMask);
  if (wd < 0) {
    std::string why = std::strerror(errno);
    if (errno == ENOSPC) why += " (raise fs.inotify.max_user_watches)";
    warnings_.push_back("cannot watch " + dir.string() + ": " + why);
    return;
  }
  dirs_[wd] = dir;
}

void FolderWatcher::add_tree(const fs::path& dir, Clock::time_point now) {
  add_watch(dir);  // before listing, so a file arriving meanwhile is seen one way or the other
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    const fs::path& p = it->path();
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      if (!hidden_or_temporary(p.filename().string()) && !excluded(p) && !it->is_symlink(type_ec)) add_tree(p, now);
    } else if (is_watchable_image_name(p)) {
      track(p, false, true, now);
    }
  }
  if (ec) warnings_.push_back("cannot list " + dir.string() + ": " + ec.message());
}

void FolderWatcher::forget_tree(const fs::path& dir) {
  for (auto it = dirs_.begin(); it != dirs_.end();) {
    if (within(it->second, dir)) {
      inotify_rm_watch(fd_, it->first);
      it = dirs_.erase(it);
    } else {
      ++it;
    }
  }
  std::erase_if(pending_, [&](const auto& entry) { return within(entry.first, dir); });
  std::erase_if(open_count_, [&](const auto& entry) { return within(entry.first, dir); });
}

bool FolderWatcher::track(const fs::path& path, bool closed, bool found, Clock::time_point now) {
  const auto state = regular_file_state(path);
  if (!state) {
    pending_.erase(path);
    return false;
  }
  Pending& p = pending_[path];
  p.size = state->size;
  p.mtime_ns = state->mtime_ns;
  p.closed = closed;
  p.found = found;
  p.last_change = now;
  if (found) {
    // Not touched for the settle period already: no need to watch it for another.
    const auto age = std::chrono::nanoseconds(wall_clock_ns() - state->mtime_ns);
    if (age >= options_.settle) p.last_change = now - options_.settle;
  }
  return true;
}

bool FolderWatcher::busy(const fs::path& path) const {
  auto it = open_count_.find(path);
  return it != open_count_.end() && it->second > 0;
}

void FolderWatcher::read_events() {
  // Aligned as inotify(7) asks.
  alignas(struct inotify_event) std::array<char, 64 * 1024> buffer{};
  for (;;) {
    const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;  // EAGAIN: nothing more waiting
    }
    const auto now = Clock::now();
    for (ssize_t off = 0; off < n;) {
      inotify_event event{};
      std::memcpy(&event, buffer.data() + off, sizeof event);
      const char* name_start = buffer.data() + off + sizeof event;
      const std::string name(name_start, strnlen(name_start, event.len));
      handle_event(event.wd, event.mask, name, now);
      off += static_cast<ssize_t>(sizeof event + event.len);
    }
  }
}

void FolderWatcher::handle_event(int wd, std::uint32_t mask, const std::string& name, Clock::time_point now) {
  if (mask & IN_Q_OVERFLOW) {
    // Events were lost: what is open and what changed is unknown, so look at everything again.
    warnings_.push_back("too many changes at once in " + root_.string() + ": looking through the folder again");
    open_count_.clear();
    add_tree(root_, now);
    return;
  }
  auto dir_it = dirs_.find(wd);
  if (dir_it == dirs_.end()) return;  // a watch already forgotten
  const fs::path dir = dir_it->second;
  if (mask & IN_IGNORED) {
    dirs_.erase(dir_it);
    if (dir == root_) alive_ = false;
    return;
  }
  if ((mask & (IN_DELETE_SELF | IN_MOVE_SELF)) && dir == root_) {
    alive_ = false;
    return;
  }
  if (name.empty()) return;  // about the folder itself
  const fs::path path = dir / name;

  if (mask & IN_ISDIR) {
    if (mask & (IN_CREATE | IN_MOVED_TO)) {
      if (!hidden_or_temporary(name) && !excluded(path)) add_tree(path, now);
    } else if (mask & (IN_MOVED_FROM | IN_DELETE)) {
      forget_tree(path);
    }
    return;
  }
  if (!is_watchable_image_name(path)) return;

  if (mask & IN_OPEN) ++open_count_[path];
  if (mask & (IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)) {
    auto it = open_count_.find(path);
    if (it != open_count_.end() && --it->second <= 0) open_count_.erase(it);
  }
  if (mask & (IN_MOVED_FROM | IN_DELETE)) {
    pending_.erase(path);
    open_count_.erase(path);
  }
  if (mask & IN_MOVED_TO) {
    open_count_.erase(path);  // whatever was open under this name is another file now
    track(path, true, false, now);
  } else if (mask & IN_CLOSE_WRITE) {
    track(path, true, false, now);
  } else if (mask & (IN_CREATE | IN_MODIFY)) {
    track(path, false, false, now);
  }
}

std::vector<ReadyFile> FolderWatcher::take_ready(Clock::time_point now) {
  std::vector<ReadyFile> ready;
  for (auto it = pending_.begin(); it != pending_.end();) {
    Pending& p = it->second;
    const auto state = regular_file_state(it->first);
    if (!state) {
      it = pending_.erase(it);
      continue;
    }
    if (state->size != p.size || state->mtime_ns != p.mtime_ns) {
      // Changed without an event we have read yet: a writer is still at it.
      p.size = state->size;
      p.mtime_ns = state->mtime_ns;
      p.last_change = now;
      p.closed = false;
    }
    const bool quiet = !busy(it->first) && now - p.last_change >= options_.settle;
    if ((p.closed && p.size > 0) || quiet) {
      ready.push_back({it->first, p.found});
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  return ready;  // sorted: pending_ is a map by path
}

int FolderWatcher::timeout_ms(Clock::time_point now) const {
  std::chrono::milliseconds wait = std::chrono::milliseconds::max();
  for (const auto& [path, p] : pending_) {
    if (p.closed && p.size > 0) return 0;
    if (busy(path)) continue;  // an event will come when it is closed
    const auto due = p.last_change + options_.settle;
    const auto left =
        due <= now ? std::chrono::milliseconds(0) : std::chrono::ceil<std::chrono::milliseconds>(due - now);
    wait = std::min(wait, left);
  }
  if (wait == std::chrono::milliseconds::max()) return -1;
  return static_cast<int>(std::min<std::chrono::milliseconds::rep>(wait.count(), 60'000));
}

std::vector<std::string> FolderWatcher::take_warnings() { return std::exchange(warnings_, {}); }

}  // namespace cardscan::watch
