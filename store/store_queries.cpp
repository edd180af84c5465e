// The read side of Store: contacts, follow-ups and statistics.

#include <algorithm>
#include <map>

#include "store/local_time.hpp"
#include "store/store.hpp"
#include "store/store_impl.hpp"

namespace cardscan::store {

namespace {

constexpr const char* kFollowupColumns =
    "SELECT f.id, f.contact_id, c.name, c.given, c.family, c.company, f.due_at, f.status, f.snoozed_until, f.note, "
    "coalesce(e.name, ''), f.done_at, f.created_at, "
    "(SELECT email FROM contact_emails WHERE contact_id = c.id ORDER BY id LIMIT 1), f.uid "
    "FROM followups f JOIN contacts c ON c.id = f.contact_id LEFT JOIN events e ON e.id = f.event_id ";

FollowUp read_followup(const Statement& st) {
  FollowUp f;
  f.id = st.column_int(0);
  f.contact_id = st.column_int(1);
  parse::Contact who;
  who.name = st.column_text(2);
  who.given = st.column_text(3);
  who.family = st.column_text(4);
  who.company = st.column_text(5);
  if (!st.column_is_null(13)) who.emails.push_back(st.column_text(13));
  f.contact_name = display_name(who);
  f.company = who.company;
  f.due_epoch = st.column_int(6);
  f.due = format_local_minutes(f.due_epoch);
  f.status = st.column_text(7);
  if (!st.column_is_null(8)) {
    f.snoozed_epoch = st.column_int(8);
    f.snoozed_until = format_local_minutes(*f.snoozed_epoch);
  }
  f.note = st.column_text(9);
  f.event = st.column_text(10);
  if (!st.column_is_null(11)) {
    f.done_epoch = st.column_int(11);
    f.done_at = format_local_minutes(*f.done_epoch);
  }
  f.created_at = st.column_text(12);
  f.uid = st.column_text(14);
  return f;
}

// "%text%" for LIKE, with the user's own %, _ and backslash taken literally.
std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

bool has_person_name(const parse::Contact& c) { return !c.name.empty() || !c.given.empty() || !c.family.empty(); }

// The file name of a stored source path: folders are nobody's business on the page.
std::string file_name_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void sort_by_effective_due(std::vector<FollowUp>& list) {
  std::stable_sort(list.begin(), list.end(), [](const FollowUp& a, const FollowUp& b) {
    if (a.effective_due_epoch() != b.effective_due_epoch()) return a.effective_due_epoch() < b.effective_due_epoch();
    return a.id < b.id;
  });
}

}  // namespace

bool Store::Impl::contact_exists(std::int64_t id) {
  auto& st = db.prepare("SELECT 1 FROM contacts WHERE id = ?1");
  st.bind(1, id);
  bool found = st.step();
  st.reset();
  return found;
}

std::vector<FollowUp> Store::Impl::load_followups(const std::string& where, std::int64_t bind_value) {
  auto& st = db.prepare(std::string(kFollowupColumns) + where);
  if (where.find("?1") != std::string::npos) st.bind(1, bind_value);
  std::vector<FollowUp> out;
  while (st.step()) out.push_back(read_followup(st));
  st.reset();
  return out;
}

std::optional<FollowUp> Store::Impl::load_followup(std::int64_t id) {
  auto list = load_followups("WHERE f.id = ?1", id);
  if (list.empty()) return std::nullopt;
  return list.front();
}

std::optional<StoredContact> Store::Impl::load_contact(std::int64_t id, bool with_photo) {
  auto& st = db.prepare(
      "SELECT c.uid, c.name, c.prefix, c.given, c.middle, c.family, c.suffix, c.title, c.company, c.department, "
      "c.address, c.street, c.city, c.region, c.postcode, c.country, c.note, coalesce(e.name, ''), c.created_at, "
      "c.updated_at, c.reviewed_at FROM contacts c LEFT JOIN events e ON e.id = c.event_id WHERE c.id = ?1");
  st.bind(1, id);
  if (!st.step()) {
    st.reset();
    return std::nullopt;
  }
  StoredContact s;
  s.id = id;
  int i = 0;
  s.uid = st.column_text(i++);
  parse::Contact& c = s.contact;
  for (std::string* field : {&c.name, &c.prefix, &c.given, &c.middle, &c.family, &c.suffix, &c.title, &c.company,
                             &c.department, &c.address, &c.address_parts.street, &c.address_parts.city,
                             &c.address_parts.region, &c.address_parts.postcode, &c.address_parts.country})
    *field = st.column_text(i++);
  s.note = st.column_text(i++);
  s.event = st.column_text(i++);
  s.created_at = st.column_text(i++);
  s.updated_at = st.column_text(i++);
  s.reviewed_at = st.column_text(i++);
  st.reset();

  auto& emails = db.prepare("SELECT email FROM contact_emails WHERE contact_id = ?1 ORDER BY id");
  emails.bind(1, id);
  while (emails.step()) c.emails.push_back(emails.column_text(0));
  emails.reset();

  auto& phones = db.prepare(
      "SELECT type, e164, text, extension, confidence FROM contact_phones WHERE contact_id = ?1 ORDER BY id");
  phones.bind(1, id);
  while (phones.step())
    c.phones.push_back({parse::parse_phone_type(phones.column_text(0)).value_or(parse::PhoneType::other),
                        phones.column_text(1), phones.column_text(2), phones.column_text(3), phones.column_double(4)});
  phones.reset();

  auto& websites = db.prepare("SELECT url FROM contact_websites WHERE contact_id = ?1 ORDER BY id");
  websites.bind(1, id);
  while (websites.step()) c.websites.push_back(websites.column_text(0));
  websites.reset();

  auto& social = db.prepare("SELECT service, handle FROM contact_social WHERE contact_id = ?1 ORDER BY id");
  social.bind(1, id);
  while (social.step()) c.social.push_back({social.column_text(0), social.column_text(1)});
  social.reset();

  auto& confidences = db.prepare("SELECT field, confidence FROM contact_confidences WHERE contact_id = ?1");
  confidences.bind(1, id);
  while (confidences.step()) {
    // A row for a field this version does not know is left out.
    if (auto* field = parse::confidence_named(c.confidence, confidences.column_text(0)))
      *field = confidences.column_double(1);
  }
  confidences.reset();

  auto& alternates = db.prepare("SELECT field, value FROM contact_alternates WHERE contact_id = ?1 ORDER BY id");
  alternates.bind(1, id);
  while (alternates.step()) s.alternates.emplace_back(alternates.column_text(0), alternates.column_text(1));
  alternates.reset();

  // Events: where first met, then every other event a card was scanned at.
  if (!s.event.empty()) s.events.push_back(s.event);
  auto& events = db.prepare(
      "SELECT e.name FROM scans s JOIN events e ON e.id = s.event_id WHERE s.contact_id = ?1 "
      "GROUP BY e.id ORDER BY min(s.id)");
  events.bind(1, id);
  while (events.step()) {
    std::string name = events.column_text(0);
    if (std::find(s.events.begin(), s.events.end(), name) == s.events.end()) s.events.push_back(name);
  }
  events.reset();

  auto& scans = db.prepare("SELECT count(*) FROM scans WHERE contact_id = ?1");
  scans.bind(1, id);
  if (scans.step()) s.scan_count = static_cast<int>(scans.column_int(0));
  scans.reset();

  if (with_photo) {
    auto& photo =
        db.prepare("SELECT crop_jpeg FROM scans WHERE contact_id = ?1 AND crop_jpeg IS NOT NULL ORDER BY id LIMIT 1");
    photo.bind(1, id);
    if (photo.step()) s.photo_jpeg = photo.column_blob(0);
    photo.reset();
  }

  s.followups = load_followups("WHERE f.contact_id = ?1 ORDER BY f.id", id);
  return s;
}

std::vector<StoredContact> Store::contacts() { return contacts(ContactFilter{}); }

std::vector<StoredContact> Store::contacts(const ContactFilter& filter) {
  auto& db = impl_->db;
  std::vector<std::int64_t> ids;
  {
    auto& st = db.prepare(
        "SELECT c.id FROM contacts c WHERE "
        "(?1 IS NULL OR c.event_id = (SELECT id FROM events WHERE name = ?1) OR EXISTS (SELECT 1 FROM scans s "
        "JOIN events e ON e.id = s.event_id WHERE s.contact_id = c.id AND e.name = ?1)) "
        "AND (?2 IS NULL OR c.created_at >= ?2 OR c.updated_at >= ?2) "
        "AND (?3 = 0 OR c.reviewed_at IS NULL) "
        "AND (?4 IS NULL OR c.name LIKE ?4 ESCAPE '\\' OR (c.given || ' ' || c.family) LIKE ?4 ESCAPE '\\' "
        "OR c.company LIKE ?4 ESCAPE '\\' "
        "OR EXISTS (SELECT 1 FROM contact_emails m WHERE m.contact_id = c.id AND m.email LIKE ?4 ESCAPE '\\') "
        "OR EXISTS (SELECT 1 FROM events e WHERE e.name LIKE ?4 ESCAPE '\\' AND (e.id = c.event_id OR EXISTS "
        "(SELECT 1 FROM scans s WHERE s.contact_id = c.id AND s.event_id = e.id)))) "
        "ORDER BY c.id");
    if (filter.event.empty())
      st.bind_null(1);
    else
      st.bind(1, filter.event);
    if (filter.since_epoch)
      st.bind(2, format_utc_iso(*filter.since_epoch));
    else
      st.bind_null(2);
    st.bind(3, filter.unreviewed ? 1 : 0);
    if (filter.search.empty())
      st.bind_null(4);
    else
      st.bind(4, like_pattern(filter.search));
    while (st.step()) ids.push_back(st.column_int(0));
    st.reset();
  }
  if (!filter.ids.empty()) {
    std::vector<std::int64_t> wanted;
    for (auto id : ids)
      if (std::find(filter.ids.begin(), filter.ids.end(), id) != filter.ids.end()) wanted.push_back(id);
    ids = std::move(wanted);
  }
  std::vector<StoredContact> out;
  out.reserve(ids.size());
  // One read transaction: a consistent snapshot even while a scan writes.
  db.exec("BEGIN");
  try {
    for (auto id : ids)
      if (auto c = impl_->load_contact(id, filter.with_photo)) out.push_back(std::move(*c));
    db.exec("COMMIT");
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
  return out;
}

std::expected<StoredContact, std::string> Store::contact(std::int64_t id) {
  try {
    auto c = impl_->load_contact(id, true);
    if (!c) return std::unexpected("no contact with id " + std::to_string(id));
    return *c;
  } catch (const std::exception& e) {
    return std::unexpected(std::string("database error: ") + e.what());
  }
}

std::vector<FollowUp> Store::open_followups() {
  auto list = impl_->load_followups("WHERE f.status = 'open'", 0);
  sort_by_effective_due(list);
  return list;
}

std::vector<FollowUp> Store::followups(const FollowupQuery& query, std::chrono::system_clock::time_point now) {
  auto list = impl_->load_followups(query.include_done ? "" : "WHERE f.status = 'open'", 0);
  std::int64_t now_epoch = to_epoch(now);
  std::int64_t today_start = local_day_start(now_epoch), tomorrow_start = local_next_day_start(now_epoch);
  std::erase_if(list, [&](const FollowUp& f) {
    if (!query.contact_ids.empty() &&
        std::find(query.contact_ids.begin(), query.contact_ids.end(), f.contact_id) == query.contact_ids.end())
      return true;
    std::int64_t due = f.effective_due_epoch();
    switch (query.due) {
      case DueFilter::all:
        return false;
      case DueFilter::today:
        return f.status != "open" || due < today_start || due >= tomorrow_start;
      case DueFilter::overdue:
        return f.status != "open" || due >= now_epoch;
    }
    return false;
  });
  sort_by_effective_due(list);
  return list;
}

Stats Store::stats(std::chrono::system_clock::time_point now) {
  auto& db = impl_->db;
  Stats s;
  s.contacts = static_cast<int>(db.query_int("SELECT count(*) FROM contacts"));
  s.files = static_cast<int>(db.query_int("SELECT count(DISTINCT sha256) FROM scans"));
  s.cards = static_cast<int>(db.query_int("SELECT count(*) FROM scans"));
  auto& per_event = db.prepare(
      "SELECT coalesce(e.name, ''), count(*), count(DISTINCT s.contact_id) FROM scans s "
      "LEFT JOIN events e ON e.id = s.event_id GROUP BY e.id ORDER BY e.name IS NULL, e.name");
  while (per_event.step())
    s.per_event.push_back({per_event.column_text(0), static_cast<int>(per_event.column_int(1)),
                           static_cast<int>(per_event.column_int(2))});
  per_event.reset();
  auto& followups = db.prepare(
      "SELECT "
      "sum(status = 'open'), "
      "sum(status = 'open' AND coalesce(snoozed_until, due_at) < ?1), "
      "sum(status = 'done' AND done_at IS NOT NULL AND done_at <= coalesce(snoozed_until, due_at)), "
      "sum(status = 'done' AND done_at IS NOT NULL AND done_at > coalesce(snoozed_until, due_at)) "
      "FROM followups");
  followups.bind(1, to_epoch(now));
  if (followups.step()) {
    s.followups_open = static_cast<int>(followups.column_int(0));
    s.followups_overdue = static_cast<int>(followups.column_int(1));
    s.followups_done_on_time = static_cast<int>(followups.column_int(2));
    s.followups_done_late = static_cast<int>(followups.column_int(3));
  }
  followups.reset();
  s.reviewed = static_cast<int>(db.query_int("SELECT count(*) FROM contacts WHERE reviewed_at IS NOT NULL"));
  return s;
}

std::vector<ReviewItem> Store::review_queue(const ContactFilter& filter) {
  auto contacts_found = contacts(filter);
  auto& db = impl_->db;
  std::vector<ReviewItem> items;
  items.reserve(contacts_found.size());
  auto& latest = db.prepare(
      "SELECT s.id, coalesce(e.name, ''), substr(s.scanned_at, 1, 10) FROM scans s "
      "LEFT JOIN events e ON e.id = s.event_id WHERE s.contact_id = ?1 ORDER BY s.id DESC LIMIT 1");
  for (auto& stored : contacts_found) {
    ReviewItem item;
    const parse::Contact& c = stored.contact;
    auto consider = [&](const std::string& field, double confidence) {
      if (confidence < item.lowest_confidence) {
        item.lowest_confidence = confidence;
        item.weakest_field = field;
      }
    };
    for (const auto& [field, member] : parse::kConfidenceFields) {
      if (const auto& confidence = c.confidence.*member) consider(std::string(field), *confidence);
    }
    for (const auto& phone : c.phones) consider("phones", phone.confidence);
    if (!has_person_name(c) && c.company.empty()) {
      item.lowest_confidence = 0;
      item.weakest_field = "name";
    }
    latest.bind(1, stored.id);
    if (latest.step()) {
      item.last_scan_id = latest.column_int(0);
      item.session = latest.column_text(1).empty() ? latest.column_text(2) : latest.column_text(1);
    }
    latest.reset();
    item.contact = std::move(stored);
    items.push_back(std::move(item));
  }
  // A session is as recent as its latest card.
  std::map<std::string, std::int64_t> session_latest;
  for (const auto& item : items) {
    auto& newest = session_latest[item.session];
    newest = std::max(newest, item.last_scan_id);
  }
  std::stable_sort(items.begin(), items.end(), [&](const ReviewItem& a, const ReviewItem& b) {
    std::int64_t sa = session_latest[a.session], sb = session_latest[b.session];
    if (sa != sb) return sa > sb;
    if (a.lowest_confidence != b.lowest_confidence) return a.lowest_confidence < b.lowest_confidence;
    return a.contact.id < b.contact.id;
  });
  return items;
}

std::vector<CardScan> Store::card_scans(std::int64_t contact_id) {
  auto& st = impl_->db.prepare(
      "SELECT s.id, s.source_path, s.scanned_at, coalesce(e.name, ''), s.ocr_text, s.crop_jpeg IS NOT NULL "
      "FROM scans s LEFT JOIN events e ON e.id = s.event_id WHERE s.contact_id = ?1 ORDER BY s.id DESC");
  st.bind(1, contact_id);
  std::vector<CardScan> out;
  while (st.step())
    out.push_back({st.column_int(0), contact_id, file_name_of(st.column_text(1)), st.column_text(2), st.column_text(3),
                   st.column_text(4), st.column_int(5) != 0});
  st.reset();
  return out;
}

std::expected<std::vector<unsigned char>, std::string> Store::card_crop(std::int64_t scan_id) {
  auto& st = impl_->db.prepare("SELECT crop_jpeg FROM scans WHERE id = ?1 AND crop_jpeg IS NOT NULL");
  st.bind(1, scan_id);
  if (!st.step()) {
    st.reset();
    return std::unexpected("no stored card image with id " + std::to_string(scan_id));
  }
  auto jpeg = st.column_blob(0);
  st.reset();
  return jpeg;
}

std::optional<std::int64_t> Store::back_side_candidate(std::int64_t contact_id) {
  auto self = impl_->load_contact(contact_id, false);
  if (!self) return std::nullopt;
  bool named = has_person_name(self->contact);
  // Neighbouring cards: the one stored just before and just after each of
  // this contact's cards (a front and its back are photographed in a row).
  auto& st = impl_->db.prepare(
      "SELECT n.contact_id FROM scans mine JOIN scans n ON n.id IN (mine.id - 1, mine.id + 1) "
      "WHERE mine.contact_id = ?1 AND n.contact_id IS NOT NULL AND n.contact_id <> ?1 ORDER BY n.id");
  st.bind(1, contact_id);
  std::vector<std::int64_t> neighbours;
  while (st.step()) neighbours.push_back(st.column_int(0));
  st.reset();
  for (auto id : neighbours) {
    auto other = impl_->load_contact(id, false);
    if (other && has_person_name(other->contact) != named) return id;
  }
  return std::nullopt;
}

}  // namespace cardscan::store
