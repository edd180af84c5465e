#include "tools/pipeline/worker_pool.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <tuple>
#include <utility>

namespace cardscan::pipeline {

WorkerPool::WorkerPool(PipelineOptions options, int workers, SkipCheck skip)
    : pipeline_(std::move(options)),
      workers_(std::max(1, workers)),
      opencv_threads_(workers_),
      skip_(std::move(skip)) {}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
  }
  stop();
}

std::expected<void, std::string> WorkerPool::start() {
  for (int i = 0; i < workers_; ++i) threads_.emplace_back(&WorkerPool::work, this);
  std::unique_lock lock(mutex_);
  started_.wait(lock, [&] { return engines_ready_ == threads_.size() || start_error_.has_value(); });
  const std::optional<std::string> error = start_error_;
  lock.unlock();
  if (error) {
    stop();
    return std::unexpected(*error);
  }
  return {};
}

void WorkerPool::submit(std::filesystem::path path, Done done) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(path), std::move(done)});
  }
  wake_.notify_one();
}

std::vector<std::filesystem::path> WorkerPool::cancel_queued() {
  std::lock_guard lock(mutex_);
  std::vector<std::filesystem::path> dropped;
  for (auto& job : queue_) dropped.push_back(std::move(job.path));
  queue_.clear();
  return dropped;
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

// Called without the lock held, once a file's last card is read.
void WorkerPool::complete(const std::shared_ptr<InFlight>& file) {
  FileOutput out = pipeline_.finish(std::move(file->file));
  file->done(std::move(out));
}

void WorkerPool::work() {
  auto engine = ocr::Engine::create(pipeline_.options().ocr);
  {
    std::lock_guard lock(mutex_);
    if (engine) {
      ++engines_ready_;
    } else if (!start_error_) {
      start_error_ = engine.error();
    }
  }
  started_.notify_all();
  if (!engine) {
    wake_.notify_all();
    return;
  }

  for (;;) {
    std::shared_ptr<InFlight> file;
    std::size_t card = 0;
    {
      std::unique_lock lock(mutex_);
      // A file started is always finished, stopping or not: its cards come first.
      wake_.wait(lock, [&] { return !card_queue_.empty() || stopping_ || !queue_.empty(); });
      if (start_error_) return;
      if (!card_queue_.empty()) {
        std::tie(file, card) = card_queue_.front();
        card_queue_.pop_front();
      } else if (stopping_) {
        return;
      } else {
        Job job = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        file = std::make_shared<InFlight>();
        file->done = std::move(job.done);
        try {
          file->file = pipeline_.prepare(job.path, skip_);
        } catch (const std::exception& e) {  // e.g. out of memory on a huge image: one file fails, not the batch
          file->file = PreparedFile{};
          file->file.output.path = job.path;
          file->file.output.error = e.what();
        }
        const std::size_t n = file->file.cards.size();
        if (n == 0) {
          complete(file);
          continue;
        }
        file->cards_left = n;
        if (n > 1) {
          lock.lock();
          for (std::size_t c = 1; c < n; ++c) card_queue_.emplace_back(file, c);
          lock.unlock();
          wake_.notify_all();
        }
        card = 0;
      }
    }
    // The card's slot is not touched by anyone else until it is counted done.
    StageTimes times;
    CardReading result;
    std::optional<std::string> failure;
    try {
      result = pipeline_.read_card(*engine, file->file, card, times);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    bool last = false;
    {
      std::lock_guard lock(mutex_);
      FileOutput& out = file->file.output;
      out.cards[card] = std::move(result);
      if (failure && !out.error) out.error = *failure;
      out.times.orient += times.orient;
      out.times.ocr += times.ocr;
      out.times.parse += times.parse;
      last = --file->cards_left == 0;
    }
    if (last) complete(file);
  }
}

std::expected<void, std::string> run_in_order(const PipelineOptions& options,
                                              const std::vector<std::filesystem::path>& files, const SkipCheck& skip,
                                              const std::function<void(FileOutput&&)>& done) {
  if (files.empty()) return {};
  const int workers = std::min<int>(worker_count(options), static_cast<int>(files.size()));
  std::mutex mutex;  // guards results
  std::condition_variable ready;
  std::vector<std::optional<FileOutput>> results(files.size());
  WorkerPool pool(options, workers, skip);
  if (auto started = pool.start(); !started) return started;
  for (std::size_t i = 0; i < files.size(); ++i) {
    pool.submit(files[i], [&, i](FileOutput&& out) {
      {
        std::lock_guard lock(mutex);
        results[i] = std::move(out);
      }
      ready.notify_all();
    });
  }
  for (std::size_t emitted = 0; emitted < files.size(); ++emitted) {
    FileOutput out;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return results[emitted].has_value(); });
      out = std::move(*results[emitted]);
      results[emitted].reset();
    }
    done(std::move(out));
  }
  return {};
}

}  // namespace cardscan::pipeline
