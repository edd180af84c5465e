// Follow-up due dates: next calendar day at the configured local time,
// weekends skipped on request, month/year ends, and daylight-saving changes.

#include <catch2/catch.hpp>

#include "store/local_time.hpp"
#include "store_test_support.hpp"

using namespace cardscan::store;
using namespace cardscan::store::testing;

namespace {

std::string due_after(int y, int mo, int d, int h, int mi, FollowupTime when = {}) {
  return format_local_minutes(next_followup_due(to_epoch(local_time(y, mo, d, h, mi)), when));
}

}  // namespace

TEST_CASE("a follow-up is due the next calendar day at 09:00 local time", "[store][followup][time]") {
  ScopedTimeZone tz("America/Los_Angeles");
  CHECK(due_after(2024, 6, 12, 14, 30) == "2024-06-13 09:00");
  CHECK(due_after(2024, 6, 12, 0, 5) == "2024-06-13 09:00");    // just after midnight: still tomorrow
  CHECK(due_after(2024, 6, 12, 23, 59) == "2024-06-13 09:00");  // late evening: tomorrow, not the day after
}

TEST_CASE("the follow-up time of day is configurable", "[store][followup][time]") {
  ScopedTimeZone tz("Europe/Paris");
  CHECK(due_after(2024, 6, 12, 14, 30, {8, 15, false}) == "2024-06-13 08:15");
  CHECK(due_after(2024, 6, 12, 14, 30, {17, 45, false}) == "2024-06-13 17:45");
}

TEST_CASE("due dates roll over month ends, leap days and year ends", "[store][followup][time]") {
  ScopedTimeZone tz("Europe/Berlin");
  CHECK(due_after(2025, 1, 31, 18, 0) == "2025-02-01 09:00");
  CHECK(due_after(2024, 2, 28, 18, 0) == "2024-02-29 09:00");  // leap year
  CHECK(due_after(2025, 2, 28, 18, 0) == "2025-03-01 09:00");
  CHECK(due_after(2024, 4, 30, 18, 0) == "2024-05-01 09:00");
  CHECK(due_after(2024, 12, 31, 23, 30) == "2025-01-01 09:00");
}

TEST_CASE("skip_weekends moves Saturday and Sunday due dates to Monday", "[store][followup][time]") {
  ScopedTimeZone tz("America/New_York");
  FollowupTime skip{9, 0, true};
  CHECK(due_after(2024, 6, 13, 12, 0, skip) == "2024-06-14 09:00");   // Thursday -> Friday
  CHECK(due_after(2024, 6, 14, 12, 0, skip) == "2024-06-17 09:00");   // Friday -> Monday
  CHECK(due_after(2024, 6, 15, 12, 0, skip) == "2024-06-17 09:00");   // Saturday -> Monday
  CHECK(due_after(2024, 6, 16, 12, 0, skip) == "2024-06-17 09:00");   // Sunday -> Monday
  CHECK(due_after(2024, 6, 14, 12, 0) == "2024-06-15 09:00");         // without the option: Saturday
  CHECK(due_after(2024, 5, 31, 12, 0, skip) == "2024-06-03 09:00");   // Friday at a month end
  CHECK(due_after(2027, 12, 31, 12, 0, skip) == "2028-01-03 09:00");  // Friday at a year end
}

TEST_CASE("due dates stay at 09:00 across daylight-saving changes", "[store][followup][time][dst]") {
  SECTION("US spring forward (2024-03-10): a 23-hour day") {
    ScopedTimeZone tz("America/New_York");
    auto now = to_epoch(local_time(2024, 3, 9, 9, 0));
    auto due = next_followup_due(now, {});
    CHECK(format_local_minutes(due) == "2024-03-10 09:00");
    CHECK(due - now == 23 * 3600);  // adding 24 h would give 10:00
  }
  SECTION("US fall back (2024-11-03): a 25-hour day") {
    ScopedTimeZone tz("America/New_York");
    auto now = to_epoch(local_time(2024, 11, 2, 9, 0));
    auto due = next_followup_due(now, {});
    CHECK(format_local_minutes(due) == "2024-11-03 09:00");
    CHECK(due - now == 25 * 3600);
  }
  SECTION("EU spring forward (2024-03-31), scanned in the night before") {
    ScopedTimeZone tz("Europe/Berlin");
    CHECK(due_after(2024, 3, 30, 23, 45) == "2024-03-31 09:00");
  }
  SECTION("a weekend with the EU fall-back in it, skipped to Monday") {
    ScopedTimeZone tz("Europe/Berlin");
    CHECK(due_after(2024, 10, 25, 16, 0, {9, 0, true}) == "2024-10-28 09:00");
  }
  SECTION("a follow-up time inside the skipped hour still lands on the right day") {
    ScopedTimeZone tz("America/New_York");
    std::string due = due_after(2024, 3, 9, 12, 0, {2, 30, false});
    CHECK(due.starts_with("2024-03-10 03:"));  // 02:30 does not exist that day; the C library moves it forward
  }
  SECTION("southern hemisphere (Sydney, DST ends 2024-04-07)") {
    ScopedTimeZone tz("Australia/Sydney");
    auto now = to_epoch(local_time(2024, 4, 6, 9, 0));
    auto due = next_followup_due(now, {});
    CHECK(format_local_minutes(due) == "2024-04-07 09:00");
    CHECK(due - now == 25 * 3600);
  }
}

TEST_CASE("a stored follow-up is due tomorrow 09:00 in the local time of the scan", "[store][followup][time]") {
  ScopedTimeZone tz("America/New_York");
  Store store = open_store(":memory:", StoreOptions{});
  REQUIRE(store.add_scan(scan_of("dst", {person("Jane Doe", "Acme")}), local_time(2024, 3, 9, 20, 0)));
  auto open = store.open_followups();
  REQUIRE(open.size() == 1);
  CHECK(open[0].due == "2024-03-10 09:00");
}

TEST_CASE("the store applies its follow-up options", "[store][followup][time]") {
  ScopedTimeZone tz("Europe/London");
  StoreOptions options;
  options.followup_hour = 10;
  options.followup_minute = 30;
  options.skip_weekends = true;
  Store store = open_store(":memory:", options);
  REQUIRE(store.add_scan(scan_of("fri", {person("Jane Doe", "Acme")}), local_time(2024, 6, 14, 15, 0)));
  REQUIRE(store.open_followups().size() == 1);
  CHECK(store.open_followups()[0].due == "2024-06-17 10:30");
}

TEST_CASE("bad follow-up options are refused when the store opens", "[store][followup]") {
  StoreOptions options;
  options.followup_hour = 24;
  auto store = Store::open(":memory:", options);
  REQUIRE_FALSE(store);
  CHECK_THAT(store.error(), Catch::Contains("hour"));
  options.followup_hour = 9;
  options.followup_minute = 60;
  REQUIRE_FALSE(Store::open(":memory:", options));
}

TEST_CASE("dates typed by a user are parsed in local time and checked", "[store][time]") {
  ScopedTimeZone tz("America/New_York");
  auto day = parse_local_datetime("2025-03-01", 9, 0);
  REQUIRE(day);
  CHECK(format_local_minutes(*day) == "2025-03-01 09:00");
  auto with_time = parse_local_datetime("2025-03-01 14:30");
  REQUIRE(with_time);
  CHECK(format_local_minutes(*with_time) == "2025-03-01 14:30");
  REQUIRE(parse_local_datetime("2025-03-01T14:30"));
  for (const char* bad : {"2025-02-30", "2025-13-01", "2025-00-10", "tomorrow", "2025-3-1", "2025-03-01 25:00",
                          "2025-03-01 10:60", "", "2025-03-01 10:3"}) {
    INFO(bad);
    auto parsed = parse_local_datetime(bad);
    REQUIRE_FALSE(parsed);
    CHECK_THAT(parsed.error(), Catch::Contains("YYYY-MM-DD"));
  }
}
