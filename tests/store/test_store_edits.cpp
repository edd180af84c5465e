// Changing stored contacts and follow-ups: edit, merge, delete, done, snooze,
// listing by due date, and statistics. Refused operations change nothing.

#include <catch2/catch.hpp>

#include "store/vcard.hpp"
#include "store_test_support.hpp"

using namespace cardscan;
using namespace cardscan::store;
using namespace cardscan::store::testing;

namespace {

const auto kNow = std::chrono::system_clock::from_time_t(1'720'000'000);

// Everything a user can see, to compare before and after a refused change.
std::string snapshot(Store& store) {
  std::string out = to_vcards(store.contacts());
  for (const auto& c : store.contacts())
    for (const auto& f : c.followups) out += f.status + f.due + f.snoozed_until + f.done_at + "\n";
  return out;
}

struct Fixture {
  Store store = open_store();
  std::int64_t jane = 0, bob = 0;
  Fixture() {
    parse::Contact j = person("Jane Doe", "Acme", "jane@acme.example", "+14155550123");
    j.title = "VP Sales";
    auto a = store.add_scan(scan_of("a", {j}, "Expo"), kNow);
    auto b = store.add_scan(scan_of("b", {person("Bob Roe", "Initech", "bob@initech.example")}), kNow);
    if (!a || !b) throw std::runtime_error("fixture");
    jane = (*a)[0].contact_id;
    bob = (*b)[0].contact_id;
  }
};

}  // namespace

TEST_CASE("edit changes the given fields and keeps the others", "[store][edit]") {
  Fixture f;
  ContactEdit edit;
  edit.title = "Chief Revenue Officer";
  edit.emails = std::vector<std::string>{"jane.doe@acme.example", "jane@home.example"};
  edit.phones = std::vector<parse::Phone>{{parse::PhoneType::mobile, "+14155550999", "+1 415 555 0999", "", 1.0}};
  edit.note = "Wants a demo.\nCall after 10.";
  REQUIRE(f.store.edit_contact(f.jane, edit, kNow + std::chrono::hours(1)));
  auto jane = f.store.contact(f.jane);
  REQUIRE(jane);
  CHECK(jane->contact.title == "Chief Revenue Officer");
  CHECK(jane->contact.name == "Jane Doe");
  CHECK(jane->contact.company == "Acme");
  CHECK(jane->contact.emails == std::vector<std::string>{"jane.doe@acme.example", "jane@home.example"});
  REQUIRE(jane->contact.phones.size() == 1);
  CHECK(jane->contact.phones[0].type == parse::PhoneType::mobile);
  CHECK(jane->note == "Wants a demo.\nCall after 10.");
  CHECK(jane->updated_at > jane->created_at);
  // The new e-mail is now a merge key.
  auto again = f.store.add_scan(scan_of("c", {person("", "", "jane@home.example")}), kNow);
  REQUIRE(again);
  CHECK((*again)[0].contact_id == f.jane);
}

TEST_CASE("edit with an unknown ID or a bad value is refused and changes nothing", "[store][edit]") {
  Fixture f;
  std::string before = snapshot(f.store);
  ContactEdit good;
  good.title = "CEO";

  auto unknown = f.store.edit_contact(999, good);
  REQUIRE_FALSE(unknown);
  CHECK_THAT(unknown.error(), Catch::Contains("no contact with id 999"));

  ContactEdit bad_email = good;  // a valid change together with a bad one: neither is applied
  bad_email.emails = std::vector<std::string>{"jane-at-acme"};
  auto e = f.store.edit_contact(f.jane, bad_email);
  REQUIRE_FALSE(e);
  CHECK_THAT(e.error(), Catch::Contains("jane-at-acme"));

  ContactEdit bad_phone = good;
  bad_phone.phones = std::vector<parse::Phone>{{parse::PhoneType::work, "+0123", "", "", 1}};
  auto p = f.store.edit_contact(f.jane, bad_phone);
  REQUIRE_FALSE(p);
  CHECK_THAT(p.error(), Catch::Contains("E.164"));

  ContactEdit control = good;
  control.name = "Jane\x01Doe";
  REQUIRE_FALSE(f.store.edit_contact(f.jane, control));

  ContactEdit newline_in_name = good;
  newline_in_name.company = "Acme\nEND:VCARD";
  REQUIRE_FALSE(f.store.edit_contact(f.jane, newline_in_name));

  ContactEdit invalid_utf8 = good;
  invalid_utf8.title = "\xC3\x28";
  REQUIRE_FALSE(f.store.edit_contact(f.jane, invalid_utf8));

  ContactEdit nothing_left;
  nothing_left.name = "";
  nothing_left.company = "";
  nothing_left.emails = std::vector<std::string>{};
  nothing_left.phones = std::vector<parse::Phone>{};
  auto empty = f.store.edit_contact(f.bob, nothing_left);
  REQUIRE_FALSE(empty);
  CHECK_THAT(empty.error(), Catch::Contains("no name"));

  REQUIRE_FALSE(f.store.edit_contact(f.jane, ContactEdit{}));  // nothing to change
  CHECK(snapshot(f.store) == before);
}

TEST_CASE("merge moves values, cards and follow-ups into the kept contact", "[store][merge]") {
  Fixture f;
  REQUIRE(f.store.merge_contacts(f.jane, f.bob, kNow));
  auto contacts = f.store.contacts();
  REQUIRE(contacts.size() == 1);
  const auto& kept = contacts[0];
  CHECK(kept.id == f.jane);
  CHECK(kept.contact.name == "Jane Doe");
  CHECK(kept.contact.emails == std::vector<std::string>{"jane@acme.example", "bob@initech.example"});
  CHECK(std::find(kept.alternates.begin(), kept.alternates.end(),
                  std::pair<std::string, std::string>{"name", "Bob Roe"}) != kept.alternates.end());
  CHECK(std::find(kept.alternates.begin(), kept.alternates.end(),
                  std::pair<std::string, std::string>{"company", "Initech"}) != kept.alternates.end());
  CHECK(kept.scan_count == 2);
  CHECK(f.store.open_followups().size() == 1);  // both had one open: only one stays
  CHECK(f.store.has_scan("b"));
  CHECK_FALSE(f.store.contact(f.bob));
}

TEST_CASE("merge keeps the follow-up due first", "[store][merge]") {
  Store store = open_store();
  auto a = store.add_scan(scan_of("a", {person("Jane Doe", "Acme")}), kNow + std::chrono::days(2));
  auto b = store.add_scan(scan_of("b", {person("Janet Doe", "Acme")}), kNow);
  REQUIRE(a);
  REQUIRE(b);
  auto b_followup = *(*b)[0].followup_id;
  REQUIRE(store.merge_contacts((*a)[0].contact_id, (*b)[0].contact_id, kNow));
  auto open = store.open_followups();
  REQUIRE(open.size() == 1);
  CHECK(open[0].id == b_followup);
  CHECK(open[0].contact_id == (*a)[0].contact_id);
}

TEST_CASE("merge with an unknown ID or into itself is refused and changes nothing", "[store][merge]") {
  Fixture f;
  std::string before = snapshot(f.store);
  auto self = f.store.merge_contacts(f.jane, f.jane);
  REQUIRE_FALSE(self);
  CHECK_THAT(self.error(), Catch::Contains("itself"));
  auto unknown_other = f.store.merge_contacts(f.jane, 404);
  REQUIRE_FALSE(unknown_other);
  CHECK_THAT(unknown_other.error(), Catch::Contains("404"));
  REQUIRE_FALSE(f.store.merge_contacts(404, f.jane));
  CHECK(snapshot(f.store) == before);
  CHECK(f.store.contacts().size() == 2);
}

TEST_CASE("delete removes the contact and its follow-ups, and rescanning its photo brings nothing back",
          "[store][delete]") {
  Fixture f;
  REQUIRE(f.store.delete_contact(f.bob));
  CHECK(f.store.contacts().size() == 1);
  CHECK(f.store.open_followups().size() == 1);
  auto rescan = f.store.add_scan(scan_of("b", {person("Bob Roe", "Initech", "bob@initech.example")}), kNow);
  REQUIRE(rescan);
  CHECK((*rescan)[0].outcome == CardOutcome::already_scanned);
  CHECK((*rescan)[0].contact_id == 0);
  CHECK(f.store.contacts().size() == 1);
  auto again = f.store.delete_contact(f.bob);
  REQUIRE_FALSE(again);
  CHECK_THAT(again.error(), Catch::Contains("no contact"));
}

TEST_CASE("follow-ups are marked done once and unknown IDs are refused", "[store][followup]") {
  Fixture f;
  auto open = f.store.open_followups();
  REQUIRE(open.size() == 2);
  REQUIRE(f.store.complete_followup(open[0].id, kNow + std::chrono::hours(12)));
  CHECK(f.store.open_followups().size() == 1);
  auto twice = f.store.complete_followup(open[0].id, kNow + std::chrono::hours(13));
  REQUIRE_FALSE(twice);
  CHECK_THAT(twice.error(), Catch::Contains("already done"));
  auto unknown = f.store.complete_followup(12345);
  REQUIRE_FALSE(unknown);
  CHECK_THAT(unknown.error(), Catch::Contains("no follow-up with id 12345"));
  auto contact = f.store.contact(open[0].contact_id);
  REQUIRE(contact);
  REQUIRE(contact->followups.size() == 1);
  CHECK(contact->followups[0].status == "done");
  CHECK(contact->followups[0].done_epoch == std::chrono::system_clock::to_time_t(kNow + std::chrono::hours(12)));
}

TEST_CASE("snooze moves a follow-up, past dates and done follow-ups are refused", "[store][followup]") {
  ScopedTimeZone tz("Europe/Madrid");
  Store store = open_store();
  auto now = local_time(2024, 6, 10, 12, 0);
  auto scanned = store.add_scan(scan_of("a", {person("Jane Doe", "Acme")}), now);
  REQUIRE(scanned);
  auto id = *(*scanned)[0].followup_id;
  auto until = std::chrono::system_clock::to_time_t(local_time(2024, 6, 20, 9, 0));
  REQUIRE(store.snooze_followup(id, until, now));
  auto open = store.open_followups();
  REQUIRE(open.size() == 1);
  CHECK(open[0].due == "2024-06-11 09:00");
  CHECK(open[0].snoozed_until == "2024-06-20 09:00");

  FollowupQuery today{DueFilter::today, false, {}};
  CHECK(store.followups(today, local_time(2024, 6, 11, 10, 0)).empty());  // snoozed: not due today any more
  CHECK(store.followups(today, local_time(2024, 6, 20, 8, 0)).size() == 1);

  auto past = store.snooze_followup(id, std::chrono::system_clock::to_time_t(now) - 60, now);
  REQUIRE_FALSE(past);
  CHECK_THAT(past.error(), Catch::Contains("not in the future"));
  CHECK(store.open_followups()[0].snoozed_until == "2024-06-20 09:00");
  REQUIRE(store.complete_followup(id, now));
  REQUIRE_FALSE(store.snooze_followup(id, until, now));
  REQUIRE_FALSE(store.snooze_followup(999, until, now));
}

TEST_CASE("follow-ups list by due date: today, overdue, all", "[store][followup]") {
  ScopedTimeZone tz("America/Denver");
  Store store = open_store();
  REQUIRE(store.add_scan(scan_of("old", {person("Old Lead", "A")}), local_time(2024, 6, 1, 12, 0)));      // due 06-02
  REQUIRE(store.add_scan(scan_of("today", {person("New Lead", "B")}), local_time(2024, 6, 9, 12, 0)));    // due 06-10
  REQUIRE(store.add_scan(scan_of("future", {person("Next Lead", "C")}), local_time(2024, 6, 10, 8, 0)));  // due 06-11
  auto now = local_time(2024, 6, 10, 10, 0);
  auto names = [&](DueFilter due) {
    std::vector<std::string> out;
    for (const auto& f : store.followups({due, false, {}}, now)) out.push_back(f.contact_name);
    return out;
  };
  CHECK(names(DueFilter::today) == std::vector<std::string>{"New Lead"});
  CHECK(names(DueFilter::overdue) == std::vector<std::string>{"Old Lead", "New Lead"});
  CHECK(names(DueFilter::all) == std::vector<std::string>{"Old Lead", "New Lead", "Next Lead"});
}

TEST_CASE("stats count cards per event and follow-ups on time, late and open", "[store][stats]") {
  ScopedTimeZone tz("UTC");
  Store store = open_store();
  auto day = local_time(2024, 6, 10, 12, 0);
  auto a = store.add_scan(scan_of("a", {person("A A", "X"), person("B B", "Y")}, "Expo"), day);
  auto b = store.add_scan(scan_of("b", {person("C C", "Z")}, "Expo"), day);
  auto c = store.add_scan(scan_of("c", {person("D D", "W")}, "Meetup"), day);
  auto d = store.add_scan(scan_of("d", {person("E E", "V")}), day);
  REQUIRE((a && b && c && d));
  // Due 2024-06-11 09:00: one done before, one after, the rest open.
  REQUIRE(store.complete_followup(*(*a)[0].followup_id, local_time(2024, 6, 11, 8, 0)));
  REQUIRE(store.complete_followup(*(*a)[1].followup_id, local_time(2024, 6, 12, 8, 0)));
  Stats s = store.stats(local_time(2024, 6, 11, 10, 0));
  CHECK(s.contacts == 5);
  CHECK(s.cards == 5);
  CHECK(s.files == 4);
  REQUIRE(s.per_event.size() == 3);
  CHECK(s.per_event[0].event == "Expo");
  CHECK(s.per_event[0].cards == 3);
  CHECK(s.per_event[1].event == "Meetup");
  CHECK(s.per_event[1].cards == 1);
  CHECK(s.per_event[2].event == "");
  CHECK(s.per_event[2].cards == 1);
  CHECK(s.followups_done_on_time == 1);
  CHECK(s.followups_done_late == 1);
  CHECK(s.followups_open == 3);
  CHECK(s.followups_overdue == 3);
  CHECK(store.stats(local_time(2024, 6, 11, 8, 0)).followups_overdue == 0);
}

TEST_CASE("contacts can be filtered by event, date and ID", "[store][filter]") {
  Store store = open_store();
  auto early = std::chrono::system_clock::from_time_t(1'700'000'000);
  auto late = std::chrono::system_clock::from_time_t(1'710'000'000);
  REQUIRE(store.add_scan(scan_of("a", {person("A A", "X")}, "Expo"), early));
  REQUIRE(store.add_scan(scan_of("b", {person("B B", "Y")}, "Meetup"), late));
  REQUIRE(store.add_scan(scan_of("c", {person("C C", "Z")}), late));
  ContactFilter by_event;
  by_event.event = "Expo";
  REQUIRE(store.contacts(by_event).size() == 1);
  CHECK(store.contacts(by_event)[0].contact.name == "A A");
  ContactFilter since;
  since.since_epoch = 1'705'000'000;
  CHECK(store.contacts(since).size() == 2);
  ContactFilter ids;
  ids.ids = {1, 3, 99};
  auto picked = store.contacts(ids);
  REQUIRE(picked.size() == 2);
  CHECK(picked[1].contact.name == "C C");
  ContactFilter nothing;
  nothing.event = "Nowhere";
  CHECK(store.contacts(nothing).empty());
}
