#pragma once
// Follow-ups as an iCalendar (RFC 5545) VTODO list that calendar and task
// apps import: DUE in UTC, SUMMARY "Follow up with NAME (COMPANY)", the
// contact's details in DESCRIPTION, a stable UID, STATUS, RELATED-TO the
// contact's vCard UID and, while open, a VALARM at the due time.

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace cardscan::store {

struct ICalendarOptions {
  std::int64_t stamp_epoch = 0;  // DTSTAMP: when the file is written
};

// A VCALENDAR with one VTODO per follow-up of the given contacts (open ones
// NEEDS-ACTION, done ones COMPLETED). CRLF, folded at 75 octets.
// RFC 5545 wants at least one component: callers should not write a
// calendar with no follow-ups (see `cardscan export --help`).
[[nodiscard]] std::string to_icalendar(const std::vector<StoredContact>& contacts, const ICalendarOptions& options);

// "Follow up with NAME (COMPANY)", or without the parenthesis when there is no company.
[[nodiscard]] std::string followup_summary(const FollowUp& followup);

}  // namespace cardscan::store
