#include "store/schema.hpp"

#include <sstream>
#include <string_view>

#include "store/contact_keys.hpp"
#include "store/contact_uid.hpp"
#include "store/local_time.hpp"
#include "store/store.hpp"

namespace cardscan::store {

namespace {

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '',
  emails TEXT NOT NULL DEFAULT '',   -- one per line
  phones TEXT NOT NULL DEFAULT '',   -- one per line: type TAB e164 TAB text
  website TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE TABLE scans (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  source_path TEXT NOT NULL,
  card_index INTEGER NOT NULL,
  contact_id INTEGER REFERENCES contacts(id),
  scanned_at TEXT NOT NULL,
  UNIQUE (sha256, card_index)
);
CREATE TABLE followups (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  due TEXT NOT NULL,                 -- local time "YYYY-MM-DD HH:MM"
  done INTEGER NOT NULL DEFAULT 0
);
)sql";

constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  prefix TEXT NOT NULL DEFAULT '',
  given TEXT NOT NULL DEFAULT '',
  middle TEXT NOT NULL DEFAULT '',
  family TEXT NOT NULL DEFAULT '',
  suffix TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  street TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
  name_key TEXT NOT NULL DEFAULT '',
  company_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX contacts_name_company ON contacts(name_key, company_key) WHERE name_key <> '' AND company_key <> '';
CREATE TABLE contact_emails (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  UNIQUE (contact_id, email_key)
);
CREATE INDEX contact_emails_key ON contact_emails(email_key);
CREATE TABLE contact_phones (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  type TEXT NOT NULL DEFAULT 'other' CHECK (type IN ('work', 'mobile', 'fax', 'other')),
  e164 TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  extension TEXT NOT NULL DEFAULT '',
  confidence REAL NOT NULL DEFAULT 0
);
CREATE INDEX contact_phones_contact ON contact_phones(contact_id);
CREATE INDEX contact_phones_e164 ON contact_phones(e164) WHERE e164 <> '';
CREATE TABLE contact_websites (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  url_key TEXT NOT NULL,
  UNIQUE (contact_id, url_key)
);
CREATE TABLE contact_social (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  service TEXT NOT NULL,
  handle TEXT NOT NULL,
  UNIQUE (contact_id, service, handle)
);
CREATE TABLE contact_confidences (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  confidence REAL NOT NULL,
  PRIMARY KEY (contact_id, field)
) WITHOUT ROWID;
CREATE TABLE contact_alternates (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (contact_id, field, value)
);
CREATE TABLE scans (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  source_path TEXT NOT NULL,
  card_index INTEGER NOT NULL,
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
  crop_jpeg BLOB,
  ocr_text TEXT NOT NULL DEFAULT '',
  scanned_at TEXT NOT NULL,
  UNIQUE (sha256, card_index)
);
CREATE INDEX scans_contact ON scans(contact_id);
CREATE TABLE followups (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,            -- stable iCalendar UID
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  due_at INTEGER NOT NULL,             -- seconds since 1970 UTC
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_at INTEGER,
  snoozed_until INTEGER,
  note TEXT NOT NULL DEFAULT '',
  event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX followups_contact ON followups(contact_id);
CREATE UNIQUE INDEX followups_one_open ON followups(contact_id) WHERE status = 'open';
)sql";

// Sync state: every resource this store put on a CardDAV/CalDAV collection.
// Not tied to contacts by a foreign key on purpose: the row must outlive a
// merged or deleted contact so the next sync can remove its resource.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE sync_resources (
  id INTEGER PRIMARY KEY,
  collection TEXT NOT NULL,              -- collection URL
  uid TEXT NOT NULL,                     -- contact or follow-up UID
  kind TEXT NOT NULL CHECK (kind IN ('contact', 'followup')),
  href TEXT NOT NULL,                    -- the resource's URL
  etag TEXT NOT NULL DEFAULT '',         -- as the server last reported it; '' before the first confirmed write
  sent_hash TEXT NOT NULL DEFAULT '',    -- SHA-256 of the body the server holds from us
  pending_hash TEXT NOT NULL DEFAULT '', -- SHA-256 of a body being written (a write not yet confirmed)
  synced_at TEXT NOT NULL,
  UNIQUE (collection, uid)
);
)sql";

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

void migrate_to_1(Database& db) { db.exec(kSchemaV1); }

// v1 -> v2: rename the old tables, create the new ones, copy every row over
// (unpacking the text columns), drop the old tables.
void migrate_to_2(Database& db) {
  db.exec(
      "ALTER TABLE followups RENAME TO followups_v1;"
      "ALTER TABLE scans RENAME TO scans_v1;"
      "ALTER TABLE contacts RENAME TO contacts_v1;");
  db.exec(kSchemaV2);

  Statement contacts(db.handle(),
                     "SELECT id, name, title, company, emails, phones, website, address, created_at FROM contacts_v1 "
                     "ORDER BY id");
  Statement insert_contact(db.handle(),
                           "INSERT INTO contacts (id, uid, name, title, company, address, name_key, company_key, "
                           "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)");
  Statement insert_email(db.handle(),
                         "INSERT OR IGNORE INTO contact_emails (contact_id, email, email_key) VALUES (?1, ?2, ?3)");
  Statement insert_phone(db.handle(),
                         "INSERT INTO contact_phones (contact_id, type, e164, text) VALUES (?1, ?2, ?3, ?4)");
  Statement insert_website(db.handle(),
                           "INSERT OR IGNORE INTO contact_websites (contact_id, url, url_key) VALUES (?1, ?2, ?3)");
  while (contacts.step()) {
    std::int64_t id = contacts.column_int(0);
    std::string name = contacts.column_text(1), company = contacts.column_text(3);
    insert_contact.bind(1, id)
        .bind(2, new_contact_uid())
        .bind(3, name)
        .bind(4, contacts.column_text(2))
        .bind(5, company)
        .bind(6, contacts.column_text(7))
        .bind(7, name_key(name))
        .bind(8, company_key(company))
        .bind(9, contacts.column_text(8));
    insert_contact.run();
    for (const auto& email : split_lines(contacts.column_text(4))) {
      insert_email.bind(1, id).bind(2, email).bind(3, email_key(email));
      insert_email.run();
    }
    for (const auto& line : split_lines(contacts.column_text(5))) {
      std::string type_word, e164, text = line;
      auto tab1 = line.find('\t');
      auto tab2 = tab1 == std::string::npos ? std::string::npos : line.find('\t', tab1 + 1);
      if (tab2 != std::string::npos) {
        type_word = line.substr(0, tab1);
        e164 = line.substr(tab1 + 1, tab2 - tab1 - 1);
        text = line.substr(tab2 + 1);
      }
      const auto type = parse::parse_phone_type(type_word).value_or(parse::PhoneType::other);
      insert_phone.bind(1, id).bind(2, parse::to_string(type)).bind(3, e164).bind(4, text);
      insert_phone.run();
    }
    std::string website = contacts.column_text(6);
    if (!website.empty()) {
      insert_website.bind(1, id).bind(2, website).bind(3, website_key(website));
      insert_website.run();
    }
  }

  db.exec(
      "INSERT INTO scans (id, sha256, source_path, card_index, contact_id, scanned_at) "
      "SELECT s.id, s.sha256, s.source_path, s.card_index, c.id, s.scanned_at "
      "FROM scans_v1 s LEFT JOIN contacts c ON c.id = s.contact_id");

  // v1 allowed several open follow-ups per contact; v2 does not. The earliest
  // stays open, the others are closed with a note saying why.
  Statement followups(db.handle(),
                      "SELECT f.id, f.contact_id, f.due, f.done, c.created_at FROM followups_v1 f "
                      "JOIN contacts c ON c.id = f.contact_id ORDER BY f.contact_id, f.done, f.due, f.id");
  Statement insert_followup(db.handle(),
                            "INSERT INTO followups (id, contact_id, due_at, status, note, created_at, uid) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  std::int64_t last_open_contact = 0;
  while (followups.step()) {
    std::int64_t contact = followups.column_int(1);
    std::string due_text = followups.column_text(2);
    auto due = parse_local_datetime(due_text);
    bool done = followups.column_int(3) != 0;
    std::string note;
    if (!due) {
      note = "due time '" + due_text + "' could not be read when upgrading the database";
      due = 0;
    }
    if (!done && contact == last_open_contact) {
      done = true;
      note = "closed when upgrading the database: a second open follow-up for the same contact";
    }
    if (!done) last_open_contact = contact;
    insert_followup.bind(1, followups.column_int(0))
        .bind(2, contact)
        .bind(3, *due)
        .bind(4, done ? "done" : "open")
        .bind(5, note)
        .bind(6, followups.column_text(4))
        .bind(7, new_followup_uid());
    insert_followup.run();
  }

  db.exec("DROP TABLE followups_v1; DROP TABLE scans_v1; DROP TABLE contacts_v1;");
}

void migrate_to_3(Database& db) { db.exec(kSchemaV3); }

// v3 -> v4: when a person checked the contact on the review page (NULL: not
// yet). Additive: every v3 row stays as it was, unreviewed.
void migrate_to_4(Database& db) {
  db.exec("ALTER TABLE contacts ADD COLUMN reviewed_at TEXT");
  db.exec("CREATE INDEX contacts_unreviewed ON contacts(id) WHERE reviewed_at IS NULL");
}

}  // namespace

void configure_connection(Database& db, bool on_disk, int busy_timeout_ms) {
  db.exec("PRAGMA busy_timeout = " + std::to_string(busy_timeout_ms));
  if (on_disk) {
    // WAL: readers never block the writer; NORMAL: a commit survives a killed
    // process (not necessarily a power cut), and costs no fsync per card.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
  }
  db.exec("PRAGMA foreign_keys = ON");
}

void migrate(Database& db, int target) {
  int version = static_cast<int>(db.query_int("PRAGMA user_version"));
  if (version > kSchemaVersion) {
    throw SqliteError("database schema version " + std::to_string(version) +
                          " is newer than this cardscan understands (" + std::to_string(kSchemaVersion) +
                          "); upgrade cardscan",
                      0);
  }
  while (version < target) {
    int next = version + 1;
    // Table rebuilds need foreign keys off; it cannot change inside a transaction.
    db.exec("PRAGMA foreign_keys = OFF");
    try {
      Transaction tx(db);
      // Re-read inside the write lock: another process may have migrated meanwhile.
      version = static_cast<int>(db.query_int("PRAGMA user_version"));
      if (version >= next) {
        tx.commit();
        db.exec("PRAGMA foreign_keys = ON");
        continue;
      }
      switch (next) {
        case 1:
          migrate_to_1(db);
          break;
        case 2:
          migrate_to_2(db);
          break;
        case 3:
          migrate_to_3(db);
          break;
        case 4:
          migrate_to_4(db);
          break;
        default:
          throw SqliteError("no migration to schema version " + std::to_string(next), 0);
      }
      Statement check(db.handle(), "PRAGMA foreign_key_check");
      if (check.step())
        throw SqliteError("foreign key check failed after migration to version " + std::to_string(next), 0);
      db.exec("PRAGMA user_version = " + std::to_string(next));
      tx.commit();
    } catch (...) {
      db.exec("PRAGMA foreign_keys = ON");
      throw;
    }
    db.exec("PRAGMA foreign_keys = ON");
    version = next;
  }
}

}  // namespace cardscan::store
