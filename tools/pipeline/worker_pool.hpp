#pragma once
// The one worker pool that scan, watch, bench and serve share: threads that
// each own an OCR engine (Tesseract is not thread-safe, and loading its model
// takes a while) for as long as the pool lives, running Pipeline's steps on
// the files submitted. Work is shared out by card, not only by file: the
// cards of a sheet are read by whichever workers are free, so a ten-card scan
// at the end of a batch does not leave the other cores idle. Cards already
// found are taken before new files are opened, which keeps few images in
// memory at once.
//
// Threads: `skip` and each file's `done` run on worker threads, never under
// the pool's lock, so a store write in `done` does not hold up the workers;
// whatever they share with the caller (a store connection) needs its own lock.

#include <condition_variable>
#include <deque>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tools/pipeline/pipeline.hpp"

namespace cardscan::pipeline {

class WorkerPool {
 public:
  // Called once per file with its result, on the worker thread that finished it.
  using Done = std::function<void(FileOutput&&)>;

  // `workers` threads (at least one) running a Pipeline with `options`;
  // `skip` may be empty, else it is called from several workers at once.
  WorkerPool(PipelineOptions options, int workers, SkipCheck skip = {});
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  // Drops the files not started yet, finishes the ones started, joins the workers.
  ~WorkerPool();

  // Starts the workers and waits until each has its engine. On failure
  // (language data missing) nothing runs and the error names what is missing.
  [[nodiscard]] std::expected<void, std::string> start();

  // Queues a file; files are started in submission order.
  void submit(std::filesystem::path path, Done done);

  // Drops the files no worker has started yet and returns them; their `done` is never called.
  [[nodiscard]] std::vector<std::filesystem::path> cancel_queued();

  // Lets the workers finish every file started (all of its cards), then joins them.
  void stop();

  [[nodiscard]] int workers() const { return workers_; }
  [[nodiscard]] const Pipeline& pipeline() const { return pipeline_; }

 private:
  struct Job {
    std::filesystem::path path;
    Done done;
  };
  struct InFlight {  // a file whose cards are being read; touched under mutex_ except its own card slots
    PreparedFile file;
    Done done;
    std::size_t cards_left = 0;
  };
  void work();
  void complete(const std::shared_ptr<InFlight>& file);

  Pipeline pipeline_;
  int workers_;
  OpenCvThreadShare opencv_threads_;
  SkipCheck skip_;

  std::mutex mutex_;
  std::condition_variable wake_;     // workers: a file, a card, or stop
  std::condition_variable started_;  // start(): an engine is ready or failed
  std::deque<Job> queue_;
  std::deque<std::pair<std::shared_ptr<InFlight>, std::size_t>> card_queue_;  // (file, card index)
  std::size_t engines_ready_ = 0;
  std::optional<std::string> start_error_;  // the first engine that could not start says why
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// Runs every file of `files` through a pool of worker_count(options) workers
// (no more than there are files) and calls `done` on the calling thread, in
// input order, outside any lock of the pool. Fails, having run nothing, if the
// OCR engines cannot start.
[[nodiscard]] std::expected<void, std::string> run_in_order(const PipelineOptions& options,
                                                            const std::vector<std::filesystem::path>& files,
                                                            const SkipCheck& skip,
                                                            const std::function<void(FileOutput&&)>& done);

}  // namespace cardscan::pipeline
