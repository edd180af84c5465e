#include "tools/watch/watch_pool.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace cardscan::tools {

WatchPool::WatchPool(const Pipeline& pipeline, int workers, std::function<bool(const std::string&)> skip)
    : pipeline_(pipeline), workers_(std::max(1, workers)), skip_(std::move(skip)) {
  event_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (event_fd_ < 0) throw std::runtime_error(std::string("cannot create eventfd: ") + std::strerror(errno));
}

WatchPool::~WatchPool() {
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
  }
  stop();
  if (event_fd_ >= 0) ::close(event_fd_);
}

std::string WatchPool::start() {
  for (int i = 0; i < workers_; ++i) threads_.emplace_back(&WatchPool::work, this, static_cast<std::size_t>(i));
  std::unique_lock lock(mutex_);
  started_.wait(lock, [&] { return engines_ready_ == threads_.size() || !start_error_.empty(); });
  std::string error = start_error_;
  lock.unlock();
  if (!error.empty()) stop();
  return error;
}

void WatchPool::submit(std::filesystem::path path) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(path));
  }
  wake_.notify_one();
}

std::vector<std::filesystem::path> WatchPool::cancel_queued() {
  std::lock_guard lock(mutex_);
  std::vector<std::filesystem::path> dropped(std::make_move_iterator(queue_.begin()),
                                             std::make_move_iterator(queue_.end()));
  queue_.clear();
  return dropped;
}

std::vector<FileOutput> WatchPool::take_results() {
  std::uint64_t count = 0;
  [[maybe_unused]] const ssize_t n = ::read(event_fd_, &count, sizeof count);  // resets the counter
  std::lock_guard lock(mutex_);
  return std::exchange(results_, {});
}

void WatchPool::stop() {
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

void WatchPool::work(std::size_t /*index*/) {
  auto engine = ocr::Engine::create(pipeline_.options().ocr);
  {
    std::lock_guard lock(mutex_);
    if (engine) {
      ++engines_ready_;
    } else if (start_error_.empty()) {
      start_error_ = engine.error();
    }
  }
  started_.notify_all();
  if (!engine) return;

  for (;;) {
    std::filesystem::path path;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_ || !start_error_.empty()) return;
      path = std::move(queue_.front());
      queue_.pop_front();
    }
    FileOutput result;
    try {
      result = pipeline_.process(path, *engine, skip_);
    } catch (const std::exception& e) {  // e.g. out of memory on a huge image: one file fails, not the watch
      result = FileOutput{};
      result.path = path;
      result.error = e.what();
    }
    {
      std::lock_guard lock(mutex_);
      results_.push_back(std::move(result));
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(event_fd_, &one, sizeof one);
  }
}

}  // namespace cardscan::tools
