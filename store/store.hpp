#pragma once
// The contact store: SQLite database of contacts, the scans they came from
// and their follow-up tasks.
//
// Rules it keeps (see tests/store/):
// - Every write is one transaction; a process killed mid-write leaves the
//   database as it was before that write (WAL, synchronous=NORMAL).
// - A file whose SHA-256 was stored before adds nothing (idempotent rescans).
// - The same person (same e-mail, same E.164 phone, or same normalised name
//   and company) merges into the existing contact, keeping every distinct
//   value, and gets no second follow-up while one is open.
// - New contacts get a follow-up due the next calendar day at
//   followup_hour:followup_minute local time (DST-correct).
//
// Threads: a Store is one SQLite connection, opened SQLITE_OPEN_NOMUTEX
// (SQLite's own locking off). Every call on it, reads included
// (has_scan, open_followups, contacts), must come from one thread at a time:
// either one owner thread, or one mutex that every user holds around every
// call, as `scan` and `watch` do for the workers' has_scan checks and the
// main thread's writes and printing (tools/cli/cmd_scan.cpp,
// tools/watch/cmd_watch.cpp). Two calls at once on one Store crash or hang.
// Other threads or processes open their own Store: they share the file
// safely (WAL, busy timeout).
// Calls without std::expected in their signature throw std::runtime_error
// when the database itself fails (disk full, corrupt file).

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parse/contact.hpp"

namespace cardscan::store {

struct StoreOptions {
  int followup_hour = 9;  // follow-ups are due the next calendar day at this local time
  int followup_minute = 0;
  bool skip_weekends = false;  // move Saturday/Sunday due dates to Monday
  int busy_timeout_ms = 5000;  // how long a write waits for another process's lock
  // Open an existing file for reading only: nothing is created, migrated or
  // written (a file mode 0444 or a read-only folder is fine); every write fails.
  bool read_only = false;
  // Test hook: called inside add_scan's transaction after each card is written.
  std::function<void(std::size_t card_index)> on_card_written;
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
  std::string sha256;  // of the file's bytes: the idempotency key
  std::string event;   // scan --event NAME, may be empty
  std::vector<CardRecord> cards;
};

enum class CardOutcome { created, merged, already_scanned };

struct CardResult {
  CardOutcome outcome = CardOutcome::created;
  std::int64_t contact_id = 0;              // 0 for an already-scanned card whose contact was deleted since
  std::optional<std::int64_t> followup_id;  // set when a new follow-up was opened
  std::string followup_due;                 // its due time, local "YYYY-MM-DD HH:MM" (as FollowUp::due); else empty
};

struct FollowUp {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::string contact_name;
  std::string company;
  std::string due;            // local time, "YYYY-MM-DD HH:MM"
  std::string status;         // open, done
  std::string snoozed_until;  // local "YYYY-MM-DD HH:MM", empty if not snoozed
  std::string note;
  std::string event;
  std::int64_t due_epoch = 0;                 // seconds since 1970 UTC
  std::optional<std::int64_t> snoozed_epoch;  // when snoozed
  std::optional<std::int64_t> done_epoch;     // when marked done
  std::string done_at;                        // local "YYYY-MM-DD HH:MM", empty while open
  std::string created_at;                     // ISO 8601 UTC
  std::string uid;                            // stable iCalendar UID of its VTODO
  // When it is next due: the snooze date if snoozed, else the due date.
  [[nodiscard]] std::int64_t effective_due_epoch() const { return snoozed_epoch.value_or(due_epoch); }
};

struct StoredContact {
  std::int64_t id = 0;
  parse::Contact contact;
  std::string event;       // where the person was first met ("" if none)
  std::string created_at;  // ISO 8601 UTC
  std::string updated_at;
  std::string uid;                  // stable across exports: "urn:uuid:..."
  std::string note;                 // free text, set with `contacts edit --note`
  std::vector<std::string> events;  // every event this person's cards were scanned at, first met first
  // Values seen on other cards of the same person that differ from the kept
  // one, as (field, value): nothing a merge sees is thrown away.
  std::vector<std::pair<std::string, std::string>> alternates;
  std::vector<FollowUp> followups;        // newest last
  std::vector<unsigned char> photo_jpeg;  // first stored card crop; only filled when asked for
  int scan_count = 0;                     // cards stored for this contact
  std::string reviewed_at;                // ISO 8601 UTC when a person checked it (review page); "" not yet
};

// Which contacts to read; empty members do not filter.
struct ContactFilter {
  std::vector<std::int64_t> ids;
  std::string event;                        // contacts first met at, or scanned at, this event
  std::optional<std::int64_t> since_epoch;  // created or updated at or after
  bool with_photo = false;                  // load photo_jpeg
  bool unreviewed = false;                  // only contacts nobody has checked yet (or changed by a card since)
  // Case-insensitive (ASCII) part of the name, company, an e-mail or an event.
  std::string search;
};

// One stored card of a contact, without its crop.
struct CardScan {
  std::int64_t id = 0;  // the scan row: card_crop(id) gives its image
  std::int64_t contact_id = 0;
  std::string source_name;  // file name the card came from (no folders)
  std::string scanned_at;   // ISO 8601 UTC
  std::string event;
  std::string ocr_text;
  bool has_crop = false;
};

// A contact in the review queue, with what orders it.
struct ReviewItem {
  StoredContact contact;
  double lowest_confidence = 1;  // over its fields and phones; 0 when it has no person's or company's name
  std::string weakest_field;     // the field that confidence belongs to ("name" when there is none)
  std::string session;           // event of its latest card, else that card's scan day (UTC, YYYY-MM-DD)
  std::int64_t last_scan_id = 0;
};

// A change to one contact; unset members are left alone. List members
// replace the whole list.
struct ContactEdit {
  std::optional<std::string> name, prefix, given, middle, family, suffix, title, company, department;
  std::optional<std::string> address, street, city, region, postcode, country;
  std::optional<std::string> note, event;
  std::optional<std::vector<std::string>> emails, websites;
  std::optional<std::vector<parse::Phone>> phones;  // type and e164 (or text) per phone
  [[nodiscard]] bool empty() const;
};

enum class DueFilter { all, today, overdue };

struct FollowupQuery {
  DueFilter due = DueFilter::all;
  bool include_done = false;
  std::vector<std::int64_t> contact_ids;  // empty: every contact
};

struct EventStats {
  std::string event;  // "" for cards scanned without --event
  int cards = 0;
  int contacts = 0;
};

struct Stats {
  int contacts = 0;
  int files = 0;  // distinct scanned files
  int cards = 0;
  std::vector<EventStats> per_event;  // by name, the no-event bucket last
  int followups_open = 0;
  int followups_overdue = 0;       // open and past their (snoozed) due time
  int followups_done_on_time = 0;  // done no later than their (snoozed) due time
  int followups_done_late = 0;
  int reviewed = 0;  // contacts checked on the review page and unchanged by a card since
};

// One resource this store put on a CardDAV/CalDAV collection (`cardscan sync`).
struct SyncResource {
  std::string collection;    // the collection's URL
  std::string uid;           // UID of the contact or follow-up it holds
  std::string kind;          // "contact" or "followup"
  std::string href;          // the resource's URL
  std::string etag;          // as the server last reported it; empty before the first confirmed write
  std::string sent_hash;     // SHA-256 (hex) of the body the server holds from us
  std::string pending_hash;  // SHA-256 of a body whose write was started but not confirmed, else empty
};

class Store {
 public:
  // Opens (creating and migrating as needed) the database at `path`;
  // ":memory:" gives a private in-memory store. Fails on bad options, an
  // unreadable file, or a schema newer than this build knows; with
  // options.read_only also on a missing file or a schema older than this build's.
  [[nodiscard]] static std::expected<Store, std::string> open(const std::string& path,
                                                              const StoreOptions& options = {});
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

  // Every contact, oldest first.
  [[nodiscard]] std::vector<StoredContact> contacts();
  // Contacts matching the filter, oldest first.
  [[nodiscard]] std::vector<StoredContact> contacts(const ContactFilter& filter);
  // One contact with its follow-ups, alternates and photo; error if unknown.
  [[nodiscard]] std::expected<StoredContact, std::string> contact(std::int64_t id);

  // Applies an edit after validating every value; on any error nothing changes.
  [[nodiscard]] std::expected<void, std::string> edit_contact(
      std::int64_t id, const ContactEdit& edit,
      std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
  // Merges contact `other` into `keep` (values, scans, follow-ups; one open
  // follow-up at most, the earlier) and deletes `other`.
  [[nodiscard]] std::expected<void, std::string> merge_contacts(
      std::int64_t keep, std::int64_t other,
      std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
  // Marks the contact checked by a person at `now` (or not checked). A card
  // merged into it later clears the mark.
  [[nodiscard]] std::expected<void, std::string> set_reviewed(
      std::int64_t id, bool reviewed = true,
      std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
  // Contacts matching the filter in review order: the latest scan session
  // (event, else scan day) first, within a session the most doubtful
  // (lowest field confidence) first.
  [[nodiscard]] std::vector<ReviewItem> review_queue(const ContactFilter& filter);
  // The stored cards of a contact, newest first.
  [[nodiscard]] std::vector<CardScan> card_scans(std::int64_t contact_id);
  // The JPEG crop of one stored card; error if unknown or stored without one.
  [[nodiscard]] std::expected<std::vector<unsigned char>, std::string> card_crop(std::int64_t scan_id);
  // The contact whose card was stored right before or after one of this
  // contact's cards when exactly one of the two has a person's name: most
  // likely the other side of the same card.
  [[nodiscard]] std::optional<std::int64_t> back_side_candidate(std::int64_t contact_id);
  // Deletes the contact and its follow-ups; its scans stay (so rescanning the
  // same file does not bring the contact back).
  [[nodiscard]] std::expected<void, std::string> delete_contact(std::int64_t id);

  // Open follow-ups, earliest (snoozed) due first.
  [[nodiscard]] std::vector<FollowUp> open_followups();
  // Follow-ups by due filter, relative to `now` in local time.
  [[nodiscard]] std::vector<FollowUp> followups(
      const FollowupQuery& query, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
  // Marks an open follow-up done at `now`.
  [[nodiscard]] std::expected<void, std::string> complete_followup(
      std::int64_t id, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
  // Moves an open follow-up to `until_epoch` (must be in the future).
  [[nodiscard]] std::expected<void, std::string> snooze_followup(
      std::int64_t id, std::int64_t until_epoch,
      std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

  // Cards per event and how follow-ups went.
  [[nodiscard]] Stats stats(std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

  // Sync state of one collection, by UID.
  [[nodiscard]] std::vector<SyncResource> sync_resources(const std::string& collection);
  // Records (or replaces) the state of (collection, uid).
  void save_sync_resource(const SyncResource& resource);
  // Forgets (collection, uid); nothing happens when it is unknown.
  void forget_sync_resource(const std::string& collection, const std::string& uid);

  [[nodiscard]] int schema_version();
  [[nodiscard]] const StoreOptions& options() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  [[nodiscard]] static std::expected<Store, std::string> open_read_only(const std::string& path,
                                                                        const StoreOptions& options);
  std::unique_ptr<Impl> impl_;
};

// The schema version this build creates and migrates to.
inline constexpr int kSchemaVersion = 4;

// Name to show for a contact: the printed name, else given + family, else
// company, else the first e-mail, else "(no name)".
[[nodiscard]] std::string display_name(const parse::Contact& contact);

// $XDG_DATA_HOME/cardscan/cardscan.db, falling back to ~/.local/share/cardscan/cardscan.db.
[[nodiscard]] std::string default_db_path();

}  // namespace cardscan::store
