#include "store/icalendar.hpp"

#include "store/content_line.hpp"
#include "store/local_time.hpp"

namespace cardscan::store {

namespace {

std::string contact_details(const StoredContact& stored) {
  const parse::Contact& c = stored.contact;
  std::string out;
  auto add = [&](const std::string& label, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += '\n';
    out += label + ": " + value;
  };
  add("Name", display_name(c));
  add("Title", c.title);
  add("Company", c.company);
  add("Department", c.department);
  for (const auto& e : c.emails) add("E-mail", e);
  for (const auto& p : c.phones)
    add("Phone (" + std::string(parse::to_string(p.type)) + ")",
        (p.e164.empty() ? p.text : p.e164) + (p.extension.empty() ? "" : " ext. " + p.extension));
  for (const auto& w : c.websites) add("Website", w);
  add("Address", c.address);
  std::string events;
  for (const auto& e : stored.events) events += (events.empty() ? "" : ", ") + e;
  add("Met at", events);
  add("Note", stored.note);
  return out;
}

}  // namespace

std::string followup_summary(const FollowUp& f) {
  std::string summary = "Follow up with " + f.contact_name;
  if (!f.company.empty() && f.company != f.contact_name) summary += " (" + f.company + ")";
  return summary;
}

std::string to_icalendar(const std::vector<StoredContact>& contacts, const ICalendarOptions& options) {
  std::string out;
  auto line = [&](const std::string& text) { out += fold_line(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//cardscan//cardscan//EN");
  line("CALSCALE:GREGORIAN");
  std::string stamp = format_utc_basic(options.stamp_epoch);
  for (const auto& contact : contacts) {
    std::string details = contact_details(contact);
    for (const auto& f : contact.followups) {
      line("BEGIN:VTODO");
      line("UID:" + escape_text(f.uid));
      line("DTSTAMP:" + stamp);
      if (auto created = parse_utc_iso(f.created_at)) line("CREATED:" + format_utc_basic(*created));
      const std::string due = format_utc_basic(f.effective_due_epoch());
      line("DUE:" + due);
      line("SUMMARY:" + escape_text(followup_summary(f)));
      // The contact's vCard UID: task apps and CardDAV/CalDAV clients link
      // the task to the contact through it.
      if (!contact.uid.empty()) line("RELATED-TO:" + uri_value(contact.uid));
      std::string description = details;
      if (!f.note.empty()) description += "\nFollow-up note: " + f.note;
      if (f.snoozed_epoch) description += "\nSnoozed; first due " + f.due;
      line("DESCRIPTION:" + escape_text(description));
      if (!f.event.empty()) line("CATEGORIES:" + escape_text(f.event));
      if (f.status == "done") {
        line("STATUS:COMPLETED");
        if (f.done_epoch) line("COMPLETED:" + format_utc_basic(*f.done_epoch));
        line("PERCENT-COMPLETE:100");
      } else {
        line("STATUS:NEEDS-ACTION");
        // A reminder when it falls due (absolute, so apps that ignore
        // RELATED=END for tasks still ring at the right time).
        line("BEGIN:VALARM");
        line("ACTION:DISPLAY");
        line("DESCRIPTION:" + escape_text(followup_summary(f)));
        line("TRIGGER;VALUE=DATE-TIME:" + due);
        line("END:VALARM");
      }
      line("END:VTODO");
    }
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace cardscan::store
