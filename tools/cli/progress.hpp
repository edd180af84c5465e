#pragma once
// Progress bar for long batches (only on a terminal) and the end-of-batch summary.

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace cardscan::cli {

// Widest and narrowest progress bar worth drawing, in characters.
inline constexpr std::size_t kMaxBarWidth = 30;
inline constexpr std::size_t kMinBarWidth = 5;

// The progress line for a terminal `columns` wide: always shorter than that
// (the bar shrinks, then goes, then the figures); empty when nothing fits.
[[nodiscard]] std::string progress_line(std::size_t done, std::size_t total, std::size_t cards, double seconds,
                                        std::size_t columns);

// Columns of the terminal on `fd` (80 when it does not say).
[[nodiscard]] std::size_t terminal_columns(int fd);

class Progress {
 public:
  // Draws on stderr only when `enabled` and stderr is a terminal.
  Progress(std::size_t total_files, bool enabled);
  // One more file done, holding `cards` cards; redraws the bar.
  void advance(std::size_t cards);
  // Erases the bar so a normal line can be printed.
  void clear();
  [[nodiscard]] double elapsed_seconds() const;

 private:
  std::size_t total_, done_ = 0, cards_ = 0;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

struct Summary {
  std::size_t files = 0, cards = 0, created = 0, merged = 0, skipped = 0;
  bool stored = false;
  std::vector<std::string> failures;
  void print(std::ostream& out, double seconds) const;
};

}  // namespace cardscan::cli
