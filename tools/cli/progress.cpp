#include "tools/cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>
#include <algorithm>
#include <cstdio>

namespace cardscan::cli {

Progress::Progress(std::size_t total_files, bool enabled)
    : total_(total_files), enabled_(enabled && isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::string progress_line(std::size_t done, std::size_t total, std::size_t cards, double seconds, std::size_t columns) {
  // The line must stay shorter than the terminal: a line that wraps is not
  // taken back by \r, and every redraw would leave one behind.
  if (columns < 2) return {};
  const std::size_t room = columns - 1;
  const double rate = seconds > 0 ? static_cast<double>(cards) / seconds : 0;
  const double per_file = done > 0 ? seconds / static_cast<double>(done) : 0;
  const auto eta = static_cast<long>(per_file * static_cast<double>(total - std::min(done, total)) + 0.5);
  // From the fullest to the least that still says something.
  const std::string counts = std::to_string(done) + "/" + std::to_string(total);
  char eta_text[32], rate_text[32];
  std::snprintf(eta_text, sizeof eta_text, "ETA %ld:%02ld", eta / 60, eta % 60);
  std::snprintf(rate_text, sizeof rate_text, "%.1f cards/s", rate);
  const std::string files = counts + " files, " + std::to_string(cards) + " cards, ";
  for (const std::string& stats : {files + rate_text + ", " + eta_text, files + eta_text, counts + " files", counts}) {
    if (stats.size() > room) continue;
    const std::size_t left = room - stats.size();
    if (left < kMinBarWidth + 3) return stats;
    const std::size_t width = std::min(kMaxBarWidth, left - 3);
    const std::size_t filled = total > 0 ? width * std::min(done, total) / total : width;
    std::string bar(filled, '#');
    bar.resize(width, '.');
    return "[" + bar + "] " + stats;
  }
  return {};
}

std::size_t terminal_columns(int fd) {
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;  // a terminal that does not say: the classic width
}

void Progress::advance(std::size_t cards) {
  ++done_;
  cards_ += cards;
  if (!enabled_) return;
  // Asked at every redraw: the window may have been resized meanwhile.
  const std::string line = progress_line(done_, total_, cards_, elapsed_seconds(), terminal_columns(STDERR_FILENO));
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::clear() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

void Summary::print(std::ostream& out, double seconds) const {
  out << "Scanned " << files << (files == 1 ? " file" : " files") << " in " << static_cast<long>(seconds * 10) / 10.0
      << " s: " << cards << (cards == 1 ? " card" : " cards");
  if (stored) out << ", " << created << (created == 1 ? " new contact, " : " new contacts, ") << merged << " merged";
  if (skipped) out << ", " << skipped << " already scanned";
  out << ", " << failures.size() << " failed\n";
  for (const auto& f : failures) out << "  failed: " << f << "\n";
}

}  // namespace cardscan::cli
