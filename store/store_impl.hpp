#pragma once
// Private to store/: the state behind Store and the row-level helpers its
// write and read paths share. Every helper expects the caller to hold a
// transaction when it writes.

#include <cstdint>
#include <optional>
#include <string>

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace cardscan::store {

struct Store::Impl {
  Impl(const std::string& path, const StoreOptions& opts) : options(opts), db(path) {}
  Impl(const std::string& uri, const StoreOptions& opts, Database::ReadOnly)
      : options(opts), db(uri, Database::ReadOnly{}) {}

  StoreOptions options;
  Database db;

  // --- reads (store_queries.cpp) ---
  [[nodiscard]] bool contact_exists(std::int64_t id);
  // Scalars, lists, confidences, event, uid, note, alternates, follow-ups.
  [[nodiscard]] std::optional<StoredContact> load_contact(std::int64_t id, bool with_photo);
  [[nodiscard]] std::vector<FollowUp> load_followups(const std::string& where, std::int64_t bind_value);
  [[nodiscard]] std::optional<FollowUp> load_followup(std::int64_t id);

  // --- writes (store.cpp) ---
  // The contact this card belongs to, by e-mail, E.164 phone, or name + company.
  [[nodiscard]] std::optional<std::int64_t> find_match(const parse::Contact& contact);
  [[nodiscard]] std::int64_t insert_contact(const parse::Contact& contact, std::optional<std::int64_t> event_id,
                                            const std::string& now_iso);
  // Adds every value of `incoming` the contact lacks; differing scalars go to alternates.
  void merge_values(std::int64_t id, const parse::Contact& incoming, std::optional<std::int64_t> event_id,
                    const std::string& now_iso);
  void add_list_values(std::int64_t id, const parse::Contact& incoming);
  [[nodiscard]] std::optional<std::int64_t> ensure_event(const std::string& name, const std::string& now_iso);
  [[nodiscard]] std::optional<std::int64_t> open_followup_of(std::int64_t contact_id);
  struct OpenedFollowup {
    std::int64_t id = 0;
    std::int64_t due_epoch = 0;
  };
  [[nodiscard]] OpenedFollowup open_followup(std::int64_t contact_id, std::optional<std::int64_t> event_id,
                                             std::int64_t now_epoch, const std::string& now_iso);
};

}  // namespace cardscan::store
