#pragma once
// One sync of the store with a CardDAV address book and a CalDAV calendar:
// contacts up as one vCard each, follow-ups as one VTODO each, both named by
// their UID. Incremental and two-way safe:
// - the store remembers each resource's ETag and a hash of what it sent, so
//   only what changed goes up, and merged or deleted contacts come off;
// - every write is conditional (If-Match / If-None-Match), so a version
//   changed on a phone is never overwritten: it is reported instead, and
//   with `pull` taken into the store;
// - a follow-up completed on the server comes back done;
// - a write is recorded as pending before it is sent, so a sync cut off
//   midway (server gone, process killed) resumes without duplicates.

#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "tools/sync/dav.hpp"

namespace cardscan::sync {

struct SyncOptions {
  std::string carddav_url;  // address book, or a base URL to discover it from; empty: contacts not synced
  std::string caldav_url;   // calendar (taking VTODO), or a base URL; empty: follow-ups not synced
  bool create = false;      // create a missing collection
  bool pull = false;        // take contacts edited on the server into the store
  int vcard_version = 3;    // what phones read most widely
};

struct SyncCounts {
  int created = 0, updated = 0, removed = 0, unchanged = 0;
  int taken = 0;  // server-side changes taken into the store
};

struct SyncReport {
  std::string addressbook, calendar;  // the collections used
  SyncCounts contacts, followups;
  std::vector<std::string> notices;  // one line per change found on the server
  int conflicts = 0;                 // server-side changes left on the server, not overwritten
};

// Syncs; fills `report` as it goes (also when it fails midway). Error when
// a collection cannot be found or the server fails or refuses: what was
// written so far is recorded, and the next run goes on from there.
[[nodiscard]] std::expected<void, std::string> run_sync(store::Store& store, DavClient& dav, const SyncOptions& options,
                                                        SyncReport& report);

// The resource name of a UID: "urn:uuid:" dropped, anything but letters,
// digits, '-', '_' and '.' turned into '-', then `extension`.
[[nodiscard]] std::string resource_name(const std::string& uid, const std::string& extension);

// Hex SHA-256 of a body, with any DTSTAMP line left out (it changes on every
// write and says nothing about content).
[[nodiscard]] std::string content_hash(const std::string& body);

}  // namespace cardscan::sync
