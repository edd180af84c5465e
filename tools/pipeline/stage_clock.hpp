#pragma once
// The clock stage times are taken with.

#include <time.h>

namespace cardscan::pipeline {

// Milliseconds of CPU time of the calling thread: stage times stay
// meaningful when other work shares the machine, and add up to what a
// worker costs.
[[nodiscard]] inline double stage_clock_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace cardscan::pipeline
