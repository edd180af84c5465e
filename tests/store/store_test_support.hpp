#pragma once
// Shared fixtures for the store tests: contacts, scans, times, TZ switching.

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include "parse/contact.hpp"
#include "store/store.hpp"

namespace cardscan::store::testing {

inline parse::Contact person(const std::string& name, const std::string& company, const std::string& email = "",
                             const std::string& e164 = "") {
  parse::Contact c;
  c.name = name;
  c.company = company;
  if (!email.empty()) c.emails.push_back(email);
  if (!e164.empty()) c.phones.push_back({parse::PhoneType::work, e164, e164, "", 0.9});
  return c;
}

inline ScanRecord scan_of(const std::string& sha, std::vector<parse::Contact> contacts, const std::string& event = "") {
  ScanRecord scan;
  scan.source_path = "/photos/" + sha + ".jpg";
  scan.sha256 = sha;
  scan.event = event;
  for (auto& c : contacts) scan.cards.push_back({std::move(c), "ocr text of " + sha, {}});
  return scan;
}

// Sets TZ for the lifetime of the object, restoring the previous value after.
class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* tz) {
    if (const char* old = std::getenv("TZ")) previous_ = old;
    had_previous_ = std::getenv("TZ") != nullptr;
    setenv("TZ", tz, 1);
    tzset();
  }
  ~ScopedTimeZone() {
    if (had_previous_)
      setenv("TZ", previous_.c_str(), 1);
    else
      unsetenv("TZ");
    tzset();
  }
  ScopedTimeZone(const ScopedTimeZone&) = delete;
  ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

 private:
  std::string previous_;
  bool had_previous_ = false;
};

// Local wall-clock time in the current TZ as a time_point.
inline std::chrono::system_clock::time_point local_time(int year, int month, int day, int hour, int minute) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_isdst = -1;
  return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cardscan-store-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data()) ? pattern : throw std::runtime_error("mkdtemp failed");
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline Store open_store(const std::string& path = ":memory:", const StoreOptions& options = {}) {
  auto store = Store::open(path, options);
  if (!store) throw std::runtime_error(store.error());
  return std::move(*store);
}

}  // namespace cardscan::store::testing
