#pragma once
// The store's SQLite schema and its migrations. PRAGMA user_version holds the
// version; each migration runs in its own transaction and bumps it, so a
// crash mid-migration leaves the previous version intact.
//
// Version 1: the first skeleton's minimal schema (contacts with e-mails and
//            phones packed into text columns, scans, follow-ups with a
//            local-time due text).
// Version 2: name parts, department, structured address, note, a stable UID,
//            events, e-mails/phones/websites/social handles/confidences and
//            merge alternates in child tables, card crops and OCR text on
//            scans, follow-ups with UTC due times, done and snooze times,
//            notes and events, and at most one open follow-up per contact.
// Version 3: sync state, the resources put on CardDAV/CalDAV servers
//            (collection, UID, href, ETag, hash of what was sent).
// Version 4: contacts.reviewed_at, when a person checked the contact on the
//            review page (NULL until then; a newly merged card clears it).

#include <string>

#include "store/sqlite_db.hpp"

namespace cardscan::store {

// Migrates an open database to `target` (default: kSchemaVersion). Error if the
// file is newer than this build knows or a migration fails (nothing changed then).
void migrate(Database& db, int target);

// Connection settings every open applies: WAL (on files), synchronous=NORMAL,
// foreign keys, busy timeout.
void configure_connection(Database& db, bool on_disk, int busy_timeout_ms);

}  // namespace cardscan::store
