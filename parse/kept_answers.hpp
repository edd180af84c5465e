#pragma once
// The answers of a pure function of text, kept so the same question is
// answered once: parse reads the same lines again and again (a card read
// again without one of its lines to choose between OCR readings of it; the
// fuzz target's mutations, which keep most lines of the input they start
// from), and its libphonenumber and std::regex finders are its slowest
// parts. Safe to share between threads (`scan -j`, `watch`): one mutex
// guards the table, never held while an answer is worked out.

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace cardscan::parse {

template <class Answer>
class KeptAnswers {
 public:
  // Keeps at most `capacity` answers; when full, all are forgotten at once
  // (simpler than an LRU order, and a few hundred cards fill it).
  explicit KeptAnswers(std::size_t capacity) : capacity_(capacity) {}

  // The answer kept for `key`, if any.
  [[nodiscard]] std::optional<Answer> find(const std::string& key) const {
    const std::lock_guard lock(mutex_);
    if (const auto it = answers_.find(key); it != answers_.end()) return it->second;
    return std::nullopt;
  }

  // Keeps `answer` for `key` (a key answered meanwhile by another thread
  // keeps its first answer, which is the same: the function is pure).
  void keep(std::string key, Answer answer) {
    const std::lock_guard lock(mutex_);
    if (answers_.size() >= capacity_) answers_.clear();
    answers_.emplace(std::move(key), std::move(answer));
  }

  // The answer for `key`: the kept one, else `work()`'s, then kept.
  template <class Work>
  [[nodiscard]] Answer get(const std::string& key, Work&& work) {
    if (auto kept = find(key)) return std::move(*kept);
    Answer answer = std::forward<Work>(work)();
    keep(key, answer);
    return answer;
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Answer> answers_;
  std::size_t capacity_;
};

}  // namespace cardscan::parse
