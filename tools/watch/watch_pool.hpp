#pragma once
// The worker pool behind `cardscan watch`: threads that each keep one OCR
// engine for as long as the watch runs and run Pipeline::process on files
// as they are submitted. Results wait for the caller's thread, which an
// eventfd wakes from poll(). Unlike Pipeline::run, files can arrive while
// others are processed, and files not yet started can be dropped on stop.

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tools/pipeline/pipeline.hpp"

namespace cardscan::tools {

class WatchPool {
 public:
  // `skip(sha256)` is called on worker threads (see Pipeline::process); it
  // must be safe to call from several at once.
  WatchPool(const Pipeline& pipeline, int workers, std::function<bool(const std::string&)> skip);
  WatchPool(const WatchPool&) = delete;
  WatchPool& operator=(const WatchPool&) = delete;
  // Finishes the files already started, drops the rest, joins the workers.
  ~WatchPool();

  // Starts the workers and waits until each has its engine. Returns an
  // error message (and starts nothing) if an engine cannot start.
  [[nodiscard]] std::string start();

  // Queues a file; workers take files in submission order.
  void submit(std::filesystem::path path);

  // Drops the files no worker has started yet and returns them.
  [[nodiscard]] std::vector<std::filesystem::path> cancel_queued();

  // Readable (for poll) while results are waiting.
  [[nodiscard]] int fd() const { return event_fd_; }

  // The results finished so far, in the order they finished.
  [[nodiscard]] std::vector<FileOutput> take_results();

  // Lets workers finish their current file, then joins them.
  void stop();

 private:
  void work(std::size_t index);

  const Pipeline& pipeline_;
  int workers_;
  OpenCvThreadShare opencv_threads_{workers_};
  std::function<bool(const std::string&)> skip_;
  int event_fd_ = -1;

  std::mutex mutex_;
  std::condition_variable wake_;     // workers: a job or stop
  std::condition_variable started_;  // start(): an engine is ready or failed
  std::deque<std::filesystem::path> queue_;
  std::vector<FileOutput> results_;
  std::size_t engines_ready_ = 0;
  std::string start_error_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cardscan::tools
