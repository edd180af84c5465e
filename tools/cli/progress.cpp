#include "tools/cli/progress.hpp"

#include <unistd.h>
#include <cstdio>

namespace cardscan::tools {

Progress::Progress(std::size_t total_files, bool enabled)
    : total_(total_files), enabled_(enabled && isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::advance(std::size_t cards) {
  ++done_;
  cards_ += cards;
  if (!enabled_) return;
  const double secs = elapsed_seconds();
  const double rate = secs > 0 ? static_cast<double>(cards_) / secs : 0;
  const double per_file = done_ > 0 ? secs / static_cast<double>(done_) : 0;
  const auto eta = static_cast<long>(per_file * static_cast<double>(total_ - done_) + 0.5);
  const int width = 30;
  const int filled = total_ > 0 ? static_cast<int>(width * done_ / total_) : width;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r[%s] %zu/%zu files, %zu cards, %.1f cards/s, ETA %ld:%02ld ", bar.c_str(), done_, total_,
               cards_, rate, eta / 60, eta % 60);
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
  if (stored) out << ", " << created << " new contacts, " << merged << " merged";
  if (skipped) out << ", " << skipped << " already scanned";
  out << ", " << failures.size() << " failed\n";
  for (const auto& f : failures) out << "  failed: " << f << "\n";
}

}  // namespace cardscan::tools
