#include "store/local_time.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace cardscan::store {

namespace {

std::tm local_tm(std::int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

std::tm utc_tm(std::int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

// mktime for a local calendar date and wall-clock time; tm_isdst = -1 lets
// the C library pick standard or summer time for that very moment.
std::int64_t make_local(int year, int month0, int day, int hour, int minute, std::tm* normalised = nullptr) {
  std::tm tm{};
  tm.tm_year = year;
  tm.tm_mon = month0;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = 0;
  tm.tm_isdst = -1;
  std::time_t t = std::mktime(&tm);
  if (normalised) *normalised = tm;
  return static_cast<std::int64_t>(t);
}

std::string format(const std::tm& tm, const char* pattern) {
  char buffer[64];
  std::size_t n = std::strftime(buffer, sizeof buffer, pattern, &tm);
  return std::string(buffer, n);
}

bool parse_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::int64_t to_epoch(std::chrono::system_clock::time_point t) {
  return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::int64_t next_followup_due(std::int64_t now_epoch, const FollowupTime& when) {
  std::tm today = local_tm(now_epoch);
  std::tm due{};
  std::int64_t result = make_local(today.tm_year, today.tm_mon, today.tm_mday + 1, when.hour, when.minute, &due);
  if (when.skip_weekends && (due.tm_wday == 6 || due.tm_wday == 0)) {
    int extra = due.tm_wday == 6 ? 2 : 1;
    // Rebuild from the calendar date, not by adding seconds: a DST change
    // over the weekend must not shift the hour.
    result = make_local(today.tm_year, today.tm_mon, today.tm_mday + 1 + extra, when.hour, when.minute);
  }
  return result;
}

std::string format_local_minutes(std::int64_t epoch) { return format(local_tm(epoch), "%Y-%m-%d %H:%M"); }

std::string format_utc_iso(std::int64_t epoch) { return format(utc_tm(epoch), "%Y-%m-%dT%H:%M:%SZ"); }

std::string format_utc_basic(std::int64_t epoch) { return format(utc_tm(epoch), "%Y%m%dT%H%M%SZ"); }

std::expected<std::int64_t, std::string> parse_utc_iso(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z' || !parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), mo) ||
      !parse_int(text.substr(8, 2), d) || !parse_int(text.substr(11, 2), h) || !parse_int(text.substr(14, 2), mi) ||
      !parse_int(text.substr(17, 2), s)) {
    return std::unexpected("not an ISO 8601 UTC time: " + std::string(text));
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::int64_t local_day_start(std::int64_t epoch) {
  std::tm tm = local_tm(epoch);
  return make_local(tm.tm_year, tm.tm_mon, tm.tm_mday, 0, 0);
}

std::int64_t local_next_day_start(std::int64_t epoch) {
  std::tm tm = local_tm(epoch);
  return make_local(tm.tm_year, tm.tm_mon, tm.tm_mday + 1, 0, 0);
}

std::expected<std::int64_t, std::string> parse_local_datetime(std::string_view text, int default_hour,
                                                              int default_minute) {
  auto bad = [&](const std::string& why) {
    return std::unexpected("bad date '" + std::string(text) + "': " + why +
                           " (expected YYYY-MM-DD or \"YYYY-MM-DD HH:MM\")");
  };
  int year = 0, month = 0, day = 0, hour = default_hour, minute = default_minute;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !parse_int(text.substr(0, 4), year) ||
      !parse_int(text.substr(5, 2), month) || !parse_int(text.substr(8, 2), day)) {
    return bad("not a date");
  }
  if (text.size() > 10) {
    std::string_view rest = text.substr(10);
    if (rest.size() != 6 || (rest[0] != ' ' && rest[0] != 'T') || rest[3] != ':' ||
        !parse_int(rest.substr(1, 2), hour) || !parse_int(rest.substr(4, 2), minute)) {
      return bad("not a time of day");
    }
  }
  if (year < 1970 || year > 9999) return bad("year out of range");
  if (month < 1 || month > 12) return bad("no such month");
  if (hour > 23 || minute > 59) return bad("no such time of day");
  std::tm normalised{};
  std::int64_t result = make_local(year - 1900, month - 1, day, hour, minute, &normalised);
  if (day < 1 || normalised.tm_mday != day || normalised.tm_mon != month - 1) return bad("no such day");
  return result;
}

}  // namespace cardscan::store
