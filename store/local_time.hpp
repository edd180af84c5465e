#pragma once
// Local-time arithmetic for follow-up due dates, done with the C library's
// time zone rules (localtime_r / mktime with tm_isdst = -1) so that "09:00
// tomorrow" stays 09:00 across daylight-saving changes. Times are seconds
// since 1970 UTC; "local" means the TZ of this process.

#include <chrono>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace cardscan::store {

struct FollowupTime {
  int hour = 9;
  int minute = 0;
  bool skip_weekends = false;
};

// The next calendar day after `now` at hour:minute local time, moved to
// Monday if that day is a Saturday or Sunday and skip_weekends is set.
[[nodiscard]] std::int64_t next_followup_due(std::int64_t now_epoch, const FollowupTime& when);

// Seconds since 1970 UTC of a system_clock time point (rounded down).
[[nodiscard]] std::int64_t to_epoch(std::chrono::system_clock::time_point t);

// Local "YYYY-MM-DD HH:MM".
[[nodiscard]] std::string format_local_minutes(std::int64_t epoch);
// UTC "YYYY-MM-DDTHH:MM:SSZ" (ISO 8601 extended).
[[nodiscard]] std::string format_utc_iso(std::int64_t epoch);
// UTC "YYYYMMDDTHHMMSSZ" (iCalendar / vCard 4 basic form).
[[nodiscard]] std::string format_utc_basic(std::int64_t epoch);
// Parses format_utc_iso's output back; error on anything else.
[[nodiscard]] std::expected<std::int64_t, std::string> parse_utc_iso(std::string_view text);

// Midnight local time of the day holding `epoch`, and of the day after.
[[nodiscard]] std::int64_t local_day_start(std::int64_t epoch);
[[nodiscard]] std::int64_t local_next_day_start(std::int64_t epoch);

// "YYYY-MM-DD" (at default_hour:default_minute) or "YYYY-MM-DD HH:MM" /
// "YYYY-MM-DDTHH:MM" in local time. Rejects impossible dates (2025-02-30)
// and out-of-range times with a message naming the text.
[[nodiscard]] std::expected<std::int64_t, std::string> parse_local_datetime(std::string_view text, int default_hour = 0,
                                                                            int default_minute = 0);

}  // namespace cardscan::store
