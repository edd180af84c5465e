// libFuzzer: a stored contact made from the input -> the vCard 3.0/4.0, CSV
// (Google, Outlook) and iCalendar writers. Properties: every physical line of
// a vCard/iCalendar ends in CRLF, holds at most 75 octets and no other CR or
// LF; the stream has exactly one BEGIN/END per card or to-do (a value cannot
// end its card early); the vCard read back with the project's own reader
// (parse_qr_payload) gives the same title and company; every CSV record has
// as many fields as the header.
//
// Input: NUL-separated values in the order of kFields below.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "parse/qr_payload.hpp"
#include "store/csv_export.hpp"
#include "store/icalendar.hpp"
#include "store/vcard.hpp"

using namespace cardscan;

namespace {

[[noreturn]] void fail(const char* what, std::string_view text) {
  std::fprintf(stderr, "property violated: %s\n%.*s\n", what, static_cast<int>(std::min<std::size_t>(text.size(), 2000)),
               text.data());
  __builtin_trap();
}

// Unfolded content lines of a CRLF-folded stream, checking the folding.
std::vector<std::string> content_lines(const std::string& out, const char* format) {
  std::vector<std::string> lines;
  if (out.empty()) return lines;
  if (!out.ends_with("\r\n")) fail("does not end in CRLF", out);
  std::size_t pos = 0;
  while (pos < out.size()) {
    const auto end = out.find("\r\n", pos);
    const std::string_view line(out.data() + pos, end - pos);
    if (line.size() > 75) fail(format, line);
    if (line.find('\r') != std::string_view::npos || line.find('\n') != std::string_view::npos)
      fail("bare CR or LF inside a line", line);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (lines.empty()) fail("continuation line first", out);
      lines.back() += line.substr(1);
    } else {
      lines.emplace_back(line);
    }
    pos = end + 2;
  }
  return lines;
}

std::size_t count(const std::vector<std::string>& lines, std::string_view what) {
  std::size_t n = 0;
  for (const auto& l : lines) n += l == what;
  return n;
}

std::string trimmed(std::string_view s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  const auto b = s.find_last_not_of(" \t");
  return std::string(s.substr(a, b - a + 1));
}

bool plain_text(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F || c >= 0x80) return false;
  return true;
}

// RFC 4180 records (CRLF rows, quoted fields); false if malformed.
bool csv_records(std::string_view text, std::vector<std::vector<std::string>>& records) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string> record(1);
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          record.back() += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        record.back() += c;
      }
    } else if (c == '"') {
      if (!record.back().empty()) return false;
      quoted = true;
    } else if (c == ',') {
      record.emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.push_back(std::move(record));
      record.assign(1, {});
      any = false;
      ++i;
    } else if (c == '\r' || c == '\n') {
      return false;  // a line break outside quotes
    } else {
      record.back() += c;
    }
  }
  if (quoted) return false;
  if (any) records.push_back(std::move(record));
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> v;
  for (std::size_t pos = 0; pos <= input.size() && v.size() < 16;) {
    auto nul = input.find('\0', pos);
    if (nul == std::string_view::npos) nul = input.size();
    v.emplace_back(input.substr(pos, nul - pos));
    pos = nul + 1;
  }
  v.resize(16);

  store::StoredContact s;
  s.id = 7;
  parse::Contact& c = s.contact;
  c.name = v[0];
  c.given = v[1];
  c.family = v[2];
  c.title = v[3];
  c.company = v[4];
  c.department = v[5];
  if (!v[6].empty()) c.emails.push_back(v[6]);
  if (!v[7].empty()) c.emails.push_back(v[7]);
  if (!v[8].empty() || !v[9].empty()) c.phones.push_back({parse::PhoneType::work, v[9], v[8], "", 0.9});
  if (!v[10].empty()) c.websites.push_back(v[10]);
  c.address = v[11];
  c.address_parts.city = v[11].substr(0, v[11].size() / 2);
  s.note = v[12];
  s.event = v[13];
  if (!v[13].empty()) s.events.push_back(v[13]);
  s.uid = v[14].empty() ? "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427" : v[14];
  if (!v[15].empty()) c.social.push_back({"linkedin", v[15]});
  s.created_at = s.updated_at = "2026-12-01T09:00:00Z";
  store::FollowUp f;
  f.id = 3;
  f.contact_id = 7;
  f.contact_name = c.name;
  f.company = c.company;
  f.status = v[12].size() % 2 ? "done" : "open";
  f.due = "2026-12-02 09:00";
  f.due_epoch = 1796202000;
  if (f.status == "done") f.done_epoch = 1796205600;
  f.note = v[12];
  f.event = v[13];
  f.uid = "followup-3@cardscan";
  s.followups.push_back(f);

  for (int version : {3, 4}) {
    store::VCardOptions options;
    options.version = version;
    const std::string card = store::to_vcard(s, options);
    const auto lines = content_lines(card, "vCard line over 75 octets");
    if (lines.empty() || lines.front() != "BEGIN:VCARD" || lines.back() != "END:VCARD") fail("vCard frame", card);
    if (count(lines, "BEGIN:VCARD") != 1 || count(lines, "END:VCARD") != 1) fail("a value ended the vCard", card);
    for (const auto& l : lines)
      if (l.find(':') == std::string::npos) fail("content line without ':'", l);
    // Read back with the project's own vCard reader. Values of plain ASCII
    // text come back as written (the reader trims edge blanks).
    const auto back = parse::parse_qr_payload(card);
    if (!back) fail("own vCard not readable", card);
    if (plain_text(c.title) && back->title != trimmed(c.title)) fail("TITLE round trip", card);
    if (plain_text(c.company) && back->company != trimmed(c.company)) fail("ORG round trip", card);
  }

  const std::vector<store::StoredContact> contacts{s};  // one copy for all three writers
  for (auto format : {store::CsvFormat::google, store::CsvFormat::outlook}) {
    const std::string csv = store::to_csv(contacts, format);
    std::vector<std::vector<std::string>> records;
    if (!csv_records(csv, records)) fail("CSV not RFC 4180", csv);
    if (records.size() != 2) fail("CSV records != header + 1", csv);
    if (records[0].size() != records[1].size()) fail("CSV row and header differ in fields", csv);
    for (const auto& cell : records[1])
      if (!cell.empty() && (cell[0] == '=' || cell[0] == '@')) fail("formula cell not neutralised", cell);
  }

  store::ICalendarOptions ical_options;
  ical_options.stamp_epoch = 1796200000;
  const std::string ics = store::to_icalendar(contacts, ical_options);
  const auto lines = content_lines(ics, "iCalendar line over 75 octets");
  if (lines.empty() || lines.front() != "BEGIN:VCALENDAR" || lines.back() != "END:VCALENDAR")
    fail("iCalendar frame", ics);
  if (count(lines, "BEGIN:VTODO") != 1 || count(lines, "END:VTODO") != 1) fail("a value ended the VTODO", ics);
  if (count(lines, "BEGIN:VCALENDAR") != 1) fail("a value opened a calendar", ics);
  return 0;
}
