#pragma once
// The contact store: SQLite database of contacts, the scans they came from
// and their follow-up tasks. (Interface agreed with tools/; the store owner
// may extend it.)

#include <chrono>
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parse/contact.hpp"

namespace cardscan::store {

struct StoreOptions {
  int followup_hour = 9;        // follow-ups are due the next calendar day at this local time
  int followup_minute = 0;
  bool skip_weekends = false;   // move Saturday/Sunday due dates to Monday
};

// One card of a scanned file, as the pipeline hands it over.
struct CardRecord {
  parse::Contact contact;
  std::string ocr_text;
  std::vector<unsigned char> crop_jpeg;  // the rectified card, JPEG-encoded (may be empty)
};

// One scanned file: all of its cards are stored in one transaction.
struct ScanRecord {
  std::string source_path;
  std::string sha256;        // of the file's bytes: the idempotency key
  std::string event;         // scan --event NAME, may be empty
  std::vector<CardRecord> cards;
};

enum class CardOutcome { created, merged, already_scanned };

struct CardResult {
  CardOutcome outcome = CardOutcome::created;
  std::int64_t contact_id = 0;
  std::optional<std::int64_t> followup_id;  // set when a new follow-up was opened
};

struct StoredContact {
  std::int64_t id = 0;
  parse::Contact contact;
  std::string event;
  std::string created_at;  // ISO 8601 UTC
  std::string updated_at;
};

struct FollowUp {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::string contact_name;
  std::string company;
  std::string due;           // local time, "YYYY-MM-DD HH:MM"
  std::string status;        // open, done
  std::string snoozed_until; // empty if not snoozed
  std::string note;
  std::string event;
};

class Store {
 public:
  // Opens (creating and migrating as needed) the database at `path`;
  // ":memory:" gives a private in-memory store.
  [[nodiscard]] static std::expected<Store, std::string> open(const std::string& path, const StoreOptions& options = {});
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // True when a file with this content hash was stored before.
  [[nodiscard]] bool has_scan(const std::string& sha256);

  // Stores every card of one file atomically: new contacts get a follow-up
  // due the next day; the same person merges into the existing contact; a
  // file already stored adds nothing. `now` is injectable for tests.
  [[nodiscard]] std::expected<std::vector<CardResult>, std::string> add_scan(
      const ScanRecord& scan, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

  [[nodiscard]] std::vector<StoredContact> contacts();
  [[nodiscard]] std::vector<FollowUp> open_followups();

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// $XDG_DATA_HOME/cardscan/cardscan.db, falling back to ~/.local/share/cardscan/cardscan.db.
[[nodiscard]] std::string default_db_path();

}  // namespace cardscan::store
