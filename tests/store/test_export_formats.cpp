// Exported vCard, iCalendar and CSV files, checked octet by octet (CRLF,
// folding, no BOM) and read back by independent parsers from Debian:
// python3-vobject for vCard 3.0/4.0 and iCalendar, Python's csv module for
// CSV. Field by field: accents, commas, semicolons, a 500-character note, and
// "\r\nEND:VCARD\r\nBEGIN:VCARD" inside a value staying data in one card.

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/contact_validation.hpp"
#include "store/content_line.hpp"
#include "store/csv_export.hpp"
#include "store/export_files.hpp"
#include "store/icalendar.hpp"
#include "store/vcard.hpp"
#include "store_test_support.hpp"

using namespace cardscan;
using namespace cardscan::store;
using namespace cardscan::store::testing;
using nlohmann::json;

namespace {

constexpr const char* kVobjectCards = R"py(
import base64, io, json, sys, vobject
data = open(sys.argv[1], encoding='utf-8', newline='').read()
def flat(v):
    return ','.join(v) if isinstance(v, list) else v
# vobject reads a vCard 4 data: URI only up to its first comma, so PHOTO
# values are also taken from the unfolded text, in card order.
raw_photos = [l.split(':', 1)[1] for l in data.replace('\r\n ', '').split('\r\n') if l.startswith('PHOTO')]
# vobject decodes every property as TEXT (a URL keeps only its first
# comma-separated part), so URI values are taken from vobject's own content
# line reader (unfolding, parameters) as written, which is how RFC 2426/6350
# define them.
raw_uris, raw_uris_social = [], []
for line, _ in vobject.base.getLogicalLines(io.StringIO(data)):
    name, params, value, _ = vobject.base.parseLine(line)
    params = {p[0].lower(): p[1:] for p in params}
    if name == 'BEGIN':
        raw_uris.append({'url': []})
        raw_uris_social.append([])
    elif name == 'URL':
        raw_uris[-1]['url'].append(value)
    elif name == 'UID':
        raw_uris[-1]['uid'] = value
    elif name in ('X-SOCIALPROFILE', 'SOCIALPROFILE'):
        raw_uris_social[-1].append([name, value, params])
out = []
for card in vobject.readComponents(data):
    d = {'version': card.version.value, 'fn': card.fn.value, 'uid': raw_uris[0]['uid']}
    n = card.n.value
    d['n'] = [flat(n.family), flat(n.given), flat(n.additional), flat(n.prefix), flat(n.suffix)]
    if hasattr(card, 'org'): d['org'] = card.org.value
    if hasattr(card, 'title'): d['title'] = card.title.value
    if hasattr(card, 'note'): d['note'] = card.note.value
    if hasattr(card, 'rev'): d['rev'] = card.rev.value
    if hasattr(card, 'categories'): d['categories'] = card.categories.value
    d['emails'] = [[e.value, [t.lower() for t in e.params.get('TYPE', [])]] for e in card.contents.get('email', [])]
    d['tels'] = [[t.value, [x.lower() for x in t.params.get('TYPE', [])]] for t in card.contents.get('tel', [])]
    d['urls'] = raw_uris.pop(0)['url']
    d['socials'] = raw_uris_social.pop(0)
    if hasattr(card, 'adr'):
        a = card.adr.value
        d['adr'] = [flat(a.box), flat(a.extended), flat(a.street), flat(a.city), flat(a.region), flat(a.code), flat(a.country)]
    if hasattr(card, 'photo'):
        v = card.photo.value
        if isinstance(v, bytes):
            d['photo'] = base64.b64encode(v).decode()
            raw_photos.pop(0)
        else:
            d['photo'] = raw_photos.pop(0).split('base64,', 1)[1]
    out.append(d)
print(json.dumps(out))
)py";

constexpr const char* kVobjectTodos = R"py(
import json, sys, vobject
data = open(sys.argv[1], encoding='utf-8', newline='').read()
cal = vobject.readOne(data)
out = []
for t in cal.contents.get('vtodo', []):
    d = {'uid': t.uid.value, 'summary': t.summary.value, 'status': t.status.value,
         'due': int(t.due.value.timestamp()), 'description': t.description.value,
         'dtstamp': int(t.dtstamp.value.timestamp())}
    if hasattr(t, 'categories'): d['categories'] = t.categories.value
    d['related'] = [r.value for r in t.contents.get('related-to', [])]
    d['alarms'] = [[a.action.value, int(a.trigger.value.timestamp())] for a in t.contents.get('valarm', [])]
    out.append(d)
print(json.dumps({'version': cal.version.value, 'prodid': cal.prodid.value, 'todos': out}))
)py";

constexpr const char* kCsvRows = R"py(
import csv, json, sys
with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    print(json.dumps(list(csv.DictReader(f))))
)py";

std::string python() { return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; }

void write(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a Python script on a file and parses what it prints as JSON.
json run_python(const TempDir& dir, const char* script, const std::string& content) {
  write(dir.path() / "reader.py", script);
  write(dir.path() / "input", content);
  std::string command =
      python() + " " + (dir.path() / "reader.py").string() + " " + (dir.path() / "input").string() + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int status = pclose(pipe);
  INFO(output);
  REQUIRE(status == 0);
  return json::parse(output);
}

// Every physical line ends CRLF and is at most 75 octets of valid UTF-8.
void check_content_lines(const std::string& text) {
  REQUIRE_FALSE(text.starts_with("\xEF\xBB\xBF"));
  REQUIRE(text.ends_with("\r\n"));
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    std::string line = text.substr(start, end - start);
    INFO(line);
    CHECK(line.size() <= 75);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\r') == std::string::npos);
    CHECK(is_valid_utf8(line));  // folding never cut a character in two
    start = end + 2;
  }
}

const std::string kInjection = "before\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Mallory\r\nafter";

std::string long_note() {
  std::string note;
  while (note.size() < 500) note += "Été, café; naïve \\ résumé. ";
  note.resize(500);
  while (!is_valid_utf8(note)) note.pop_back();
  return note;
}

std::vector<unsigned char> fake_jpeg() {
  std::vector<unsigned char> bytes(3001);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>((i * 131 + 7) % 256);
  return bytes;
}

// Three contacts that stress every escaping and folding rule.
Store tricky_store(std::int64_t now_epoch = 1'720'000'000) {
  Store store = open_store();
  auto now = std::chrono::system_clock::from_time_t(now_epoch);
  parse::Contact jose;
  jose.name = "José Ñúñez-Żółć";
  jose.given = "José";
  jose.family = "Ñúñez-Żółć";
  jose.prefix = "Dr.";
  jose.suffix = "PhD";
  jose.title = "Directeur, Ventes; Export \\ Import";
  jose.company = "Café, Bar; & Grill";
  jose.department = "R&D; Labs";
  jose.emails = {"jose@cafe.example", "j.nunez@mail.example"};
  jose.phones = {{parse::PhoneType::work, "+41225550123", "+41 22 555 01 23", "12", 0.9},
                 {parse::PhoneType::mobile, "+41795550199", "079 555 01 99", "", 0.9},
                 {parse::PhoneType::fax, "+41225550124", "+41 22 555 01 24", "", 0.9},
                 {parse::PhoneType::other, "", "0800 CAFE", "", 0.5}};
  jose.websites = {"https://café.example/menu?a=1,b=2;c=3"};
  jose.social = {{"linkedin", "linkedin.com/in/jose-nunez"},
                 {"x", "@jose_n"},
                 {"mastodon", "@jose@mastodon.social"},
                 {"matrix", "#weird, handle; here"}};
  jose.address = "Rue de Lausanne 1, 1201 Genève, Suisse";
  jose.address_parts = {"Rue de Lausanne 1", "Genève", "GE", "1201", "Suisse"};
  ScanRecord first = scan_of("jose", {jose}, "Salon de l'Auto, Genève; 2025");
  first.cards[0].crop_jpeg = fake_jpeg();

  parse::Contact mallory = person("Mallory Ōkubo", "Ōkubo 株式会社", "mallory@example.jp");
  mallory.title = kInjection;  // parse output is stored as is; export must keep it one card
  parse::Contact company_only;
  company_only.company = "Ацме Ltd";
  company_only.phones = {{parse::PhoneType::work, "+74955550100", "+7 495 555-01-00", "", 0.9}};
  REQUIRE(store.add_scan(first, now));
  REQUIRE(store.add_scan(scan_of("mallory", {mallory}), now));
  REQUIRE(store.add_scan(scan_of("ltd", {company_only}), now));
  ContactEdit note;
  note.note = long_note();
  REQUIRE(store.edit_contact(1, note, now));
  ContactEdit injected;
  injected.note = kInjection;
  REQUIRE(store.edit_contact(2, injected, now));
  return store;
}

std::string lf(std::string s) {  // vCard can only carry line breaks as "\n"
  for (std::size_t p; (p = s.find("\r\n")) != std::string::npos;) s.replace(p, 2, "\n");
  return s;
}

}  // namespace

TEST_CASE("TEXT values escape backslash, comma, semicolon and line breaks", "[export][vcard]") {
  CHECK(escape_text("a,b;c\\d") == "a\\,b\\;c\\\\d");
  CHECK(escape_text("one\r\ntwo\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
  CHECK(escape_text("bell\x07tab\t") == "belltab\t");
  CHECK(escape_text("bad \xC3\x28 byte") == "bad \xEF\xBF\xBD( byte");
}

TEST_CASE("content lines fold at 75 octets, never inside a UTF-8 character", "[export][vcard]") {
  std::string value;
  for (int i = 0; i < 60; ++i) value += "é";  // 2 octets each: 120 octets
  std::string folded = fold_line("NOTE:" + value);
  check_content_lines(folded);
  CHECK(folded.find("\r\n ") != std::string::npos);
  std::string unfolded = folded;
  for (std::size_t p; (p = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(p, 3);
  CHECK(unfolded == "NOTE:" + value + "\r\n");
  CHECK(fold_line(std::string(75, 'x')) == std::string(75, 'x') + "\r\n");  // exactly 75: no fold
  CHECK(fold_line(std::string(76, 'x')) == std::string(75, 'x') + "\r\n x\r\n");
  std::string emoji;
  for (int i = 0; i < 40; ++i) emoji += "😀";  // 4 octets each
  check_content_lines(fold_line("FN:" + emoji));
}

TEST_CASE("folding ends on any bytes, stray UTF-8 continuation bytes included", "[export][vcard]") {
  // 75 and more continuation bytes in a row once looped forever: no character
  // start to step back to. Each input must fold, unfold to itself, and keep
  // every physical line within 75 octets.
  for (const std::string& line :
       {std::string(80, '\x80'), "NOTE:" + std::string(300, '\xBF'), std::string(74, 'x') + std::string(200, '\x80'),
        "FN:\xF0" + std::string(150, '\x9F')}) {
    const std::string folded = fold_line(line);
    std::size_t start = 0;
    for (std::size_t end; (end = folded.find("\r\n", start)) != std::string::npos; start = end + 2)
      CHECK(end - start <= 75);
    CHECK(start == folded.size());
    std::string unfolded = folded;
    for (std::size_t p; (p = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(p, 3);
    CHECK(unfolded == line + "\r\n");
  }
}

TEST_CASE("base64 matches RFC 4648 test vectors", "[export]") {
  auto b = [](std::string s) { return base64_encode(std::vector<unsigned char>(s.begin(), s.end())); };
  CHECK(b("") == "");
  CHECK(b("f") == "Zg==");
  CHECK(b("fo") == "Zm8=");
  CHECK(b("foo") == "Zm9v");
  CHECK(b("foobar") == "Zm9vYmFy");
}

TEST_CASE("vCard 3.0 export reads back field by field with vobject", "[export][vcard][vobject]") {
  TempDir dir;
  Store store = tricky_store();
  ContactFilter all;
  all.with_photo = true;
  auto contacts = store.contacts(all);
  REQUIRE(contacts.size() == 3);
  std::string vcf = to_vcards(contacts, {3, true});
  check_content_lines(vcf);

  json cards = run_python(dir, kVobjectCards, vcf);
  REQUIRE(cards.size() == 3);  // the injected END:VCARD/BEGIN:VCARD stayed data

  const json& jose = cards[0];
  CHECK(jose["version"] == "3.0");
  CHECK(jose["fn"] == "José Ñúñez-Żółć");
  CHECK(jose["n"] == json::array({"Ñúñez-Żółć", "José", "", "Dr.", "PhD"}));
  CHECK(jose["org"] == json::array({"Café, Bar; & Grill", "R&D; Labs"}));
  CHECK(jose["title"] == "Directeur, Ventes; Export \\ Import");
  CHECK(jose["emails"] == json::array({json::array({"jose@cafe.example", json::array({"internet", "work"})}),
                                       json::array({"j.nunez@mail.example", json::array({"internet", "work"})})}));
  CHECK(jose["tels"] == json::array({json::array({"+41225550123 ext. 12", json::array({"work", "voice"})}),
                                     json::array({"+41795550199", json::array({"cell"})}),
                                     json::array({"+41225550124", json::array({"work", "fax"})}),
                                     json::array({"0800 CAFE", json::array({"voice"})})}));
  CHECK(jose["urls"] == json::array({"https://café.example/menu?a=1,b=2;c=3"}));
  CHECK(jose["socials"] == json::parse(R"([["X-SOCIALPROFILE", "https://linkedin.com/in/jose-nunez",
                          {"type": ["linkedin"], "x-user": ["jose-nunez"]}],
                         ["X-SOCIALPROFILE", "https://x.com/jose_n", {"type": ["twitter"], "x-user": ["jose_n"]}],
                         ["X-SOCIALPROFILE", "https://mastodon.social/@jose", {"type": ["mastodon"], "x-user": ["jose"]}],
                         ["X-SOCIALPROFILE", "#weird\\, handle; here", {"type": ["matrix"]}]])"));
  CHECK(jose["adr"] == json::array({"", "", "Rue de Lausanne 1", "Genève", "GE", "1201", "Suisse"}));
  CHECK(jose["categories"] == json::array({"Salon de l'Auto, Genève; 2025"}));
  std::string note = jose["note"];
  CHECK(note.starts_with(long_note()));
  CHECK(long_note().size() >= 495);
  CHECK_THAT(note, Catch::Contains("Met at: Salon de l'Auto, Genève; 2025"));
  CHECK_THAT(note, !Catch::Contains("Follow-up"));  // its state lives in the VTODO, never a stale snapshot
  CHECK(jose["uid"] == contacts[0].uid);
  CHECK(jose["rev"] == contacts[0].updated_at);
  CHECK(jose["photo"] == base64_encode(fake_jpeg()));

  const json& mallory = cards[1];
  CHECK(mallory["fn"] == "Mallory Ōkubo");
  CHECK(mallory["title"] == lf(kInjection));
  CHECK(std::string(mallory["note"]).starts_with(lf(kInjection)));
  CHECK(mallory["org"] == json::array({"Ōkubo 株式会社"}));
  CHECK_FALSE(mallory.contains("photo"));

  const json& company = cards[2];
  CHECK(company["fn"] == "Ацме Ltd");
  CHECK(company["n"] == json::array({"", "", "", "", ""}));
}

TEST_CASE("vCard 4.0 export reads back with vobject", "[export][vcard][vobject]") {
  TempDir dir;
  Store store = tricky_store();
  ContactFilter all;
  all.with_photo = true;
  auto contacts = store.contacts(all);
  std::string vcf = to_vcards(contacts, {4, true});
  check_content_lines(vcf);
  CHECK_THAT(vcf, Catch::Contains("\r\nVERSION:4.0\r\n"));
  CHECK_THAT(vcf, Catch::Contains("TEL;VALUE=uri;TYPE=work,voice:tel:+41225550123;ext=12\r\n"));
  json cards = run_python(dir, kVobjectCards, vcf);
  REQUIRE(cards.size() == 3);
  CHECK(cards[0]["version"] == "4.0");
  CHECK(cards[0]["n"] == json::array({"Ñúñez-Żółć", "José", "", "Dr.", "PhD"}));
  CHECK(cards[0]["org"] == json::array({"Café, Bar; & Grill", "R&D; Labs"}));
  CHECK(cards[0]["tels"][1] == json::array({"tel:+41795550199", json::array({"cell"})}));
  CHECK(cards[0]["urls"] == json::array({"https://café.example/menu?a=1,b=2;c=3"}));
  CHECK(cards[0]["socials"] ==
        json::parse(R"([["SOCIALPROFILE", "https://linkedin.com/in/jose-nunez", {"service-type": ["LinkedIn"]}],
                         ["SOCIALPROFILE", "https://x.com/jose_n", {"service-type": ["X"]}],
                         ["SOCIALPROFILE", "https://mastodon.social/@jose", {"service-type": ["Mastodon"]}],
                         ["SOCIALPROFILE", "#weird\\, handle; here", {"service-type": ["Matrix"], "value": ["text"]}]])"));
  CHECK(vcf.find("X-SOCIALPROFILE") == std::string::npos);  // RFC 9554 only, so no app shows a profile twice
  CHECK(cards[0]["photo"] == base64_encode(fake_jpeg()));
  std::string rev = cards[0]["rev"];
  CHECK(rev.size() == 16);  // 20240703T094640Z, the basic format RFC 6350 uses
  CHECK(cards[1]["title"] == lf(kInjection));
}

TEST_CASE("a contact keeps its UID across exports, PHOTO only when asked", "[export][vcard]") {
  Store store = tricky_store();
  ContactFilter all;
  all.with_photo = true;
  std::string first = to_vcards(store.contacts(all), {3, false});
  std::string second = to_vcards(store.contacts(all), {3, false});
  CHECK(first == second);
  CHECK(first.find("PHOTO") == std::string::npos);
  auto uid_line = first.substr(first.find("UID:"), 54);
  CHECK(uid_line.starts_with("UID:urn:uuid:"));
  CHECK(to_vcards({}) == "");
}

TEST_CASE("iCalendar VTODO export reads back with vobject", "[export][ics][vobject]") {
  TempDir dir;
  ScopedTimeZone tz("Europe/Zurich");
  Store store = tricky_store(std::chrono::system_clock::to_time_t(local_time(2024, 7, 3, 15, 0)));
  auto contacts = store.contacts();
  REQUIRE(store.complete_followup(contacts[2].followups[0].id, local_time(2024, 7, 4, 8, 0)));
  contacts = store.contacts();
  std::string ics = to_icalendar(contacts, {1'720'100'000});
  check_content_lines(ics);
  json cal = run_python(dir, kVobjectTodos, ics);
  CHECK(cal["version"] == "2.0");
  const json& todos = cal["todos"];
  REQUIRE(todos.size() == 3);
  CHECK(todos[0]["summary"] == "Follow up with José Ñúñez-Żółć (Café, Bar; & Grill)");
  CHECK(todos[0]["due"] == std::chrono::system_clock::to_time_t(local_time(2024, 7, 4, 9, 0)));
  CHECK(todos[0]["status"] == "NEEDS-ACTION");
  CHECK(todos[0]["uid"] == contacts[0].followups[0].uid);
  CHECK(todos[0]["categories"] == json::array({"Salon de l'Auto, Genève; 2025"}));
  CHECK(todos[0]["dtstamp"] == 1'720'100'000);
  CHECK(todos[0]["related"] == json::array({contacts[0].uid}));  // linked to the contact's vCard UID
  CHECK(todos[0]["alarms"] == json::array({json::array({"DISPLAY", todos[0]["due"]})}));
  CHECK(todos[2]["alarms"] == json::array());  // done: no reminder
  std::string description = todos[0]["description"];
  CHECK_THAT(description, Catch::Contains("E-mail: jose@cafe.example"));
  CHECK_THAT(description, Catch::Contains("Phone (mobile): +41795550199"));
  CHECK_THAT(description, Catch::Contains("Title: Directeur, Ventes; Export \\ Import"));
  CHECK_THAT(std::string(todos[1]["description"]), Catch::Contains(lf(kInjection)));
  CHECK(todos[2]["summary"] == "Follow up with Ацме Ltd");
  CHECK(todos[2]["status"] == "COMPLETED");
  // Stable UIDs: exporting again gives the same ones.
  json again = run_python(dir, kVobjectTodos, to_icalendar(store.contacts(), {1'720'200'000}));
  for (std::size_t i = 0; i < 3; ++i) CHECK(again["todos"][i]["uid"] == todos[i]["uid"]);
}

TEST_CASE("Google CSV export has the columns Google Contacts exports today, one primary e-mail", "[export][csv]") {
  TempDir dir;
  Store store = tricky_store();
  std::string csv = to_csv(store.contacts(), CsvFormat::google);
  CHECK_FALSE(csv.starts_with("\xEF\xBB\xBF"));
  CHECK(
      csv.starts_with("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last "
                      "Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
                      "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"));
  json rows = run_python(dir, kCsvRows, csv);
  REQUIRE(rows.size() == 3);
  const json& jose = rows[0];
  CHECK(jose["First Name"] == "José");
  CHECK(jose["Last Name"] == "Ñúñez-Żółć");
  CHECK(jose["Name Prefix"] == "Dr.");
  CHECK(jose["Name Suffix"] == "PhD");
  CHECK(jose["Organization Name"] == "Café, Bar; & Grill");
  CHECK(jose["Organization Title"] == "Directeur, Ventes; Export \\ Import");
  CHECK(jose["Organization Department"] == "R&D; Labs");
  CHECK(jose["E-mail 1 - Label"] == "* Work");  // "* " marks the primary one
  CHECK(jose["E-mail 1 - Value"] == "jose@cafe.example");
  CHECK(jose["E-mail 2 - Label"] == "Work");
  CHECK(jose["E-mail 2 - Value"] == "j.nunez@mail.example");
  CHECK(jose["Phone 1 - Label"] == "Work");
  CHECK(jose["Phone 1 - Value"] == "+41225550123 ext. 12");  // a plain number is not neutralised
  CHECK(jose["Phone 2 - Label"] == "Mobile");
  CHECK(jose["Phone 3 - Label"] == "Work Fax");
  CHECK(jose["Phone 4 - Value"] == "0800 CAFE");
  CHECK(jose["Address 1 - Label"] == "Work");
  CHECK(jose["Address 1 - City"] == "Genève");
  CHECK(jose["Address 1 - Postal Code"] == "1201");
  CHECK(jose["Address 1 - Formatted"] == "Rue de Lausanne 1, 1201 Genève, Suisse");
  CHECK(jose["Website 1 - Value"] == "https://café.example/menu?a=1,b=2;c=3");
  CHECK(jose["Website 2 - Label"] == "LinkedIn");
  CHECK(jose["Website 2 - Value"] == "https://linkedin.com/in/jose-nunez");
  CHECK(jose["Website 3 - Label"] == "X");
  CHECK(jose["Website 3 - Value"] == "https://x.com/jose_n");
  CHECK(jose["Website 4 - Value"] == "https://mastodon.social/@jose");
  CHECK(jose["Website 5 - Value"] == "#weird, handle; here");
  CHECK(jose["Labels"] == "* myContacts ::: Salon de l'Auto, Genève; 2025");
  std::string notes = jose["Notes"];
  CHECK(notes.starts_with(long_note()));
  CHECK_THAT(notes, !Catch::Contains("Follow-up"));
  CHECK(std::string(rows[1]["Organization Title"]) == kInjection);  // CSV keeps CRLF inside quotes
  CHECK(rows[2]["Organization Name"] == "Ацме Ltd");
  CHECK(rows[2]["E-mail 1 - Label"] == "");
  CHECK(rows[2]["E-mail 1 - Value"] == "");
}

TEST_CASE("CSV cells a spreadsheet would run as formulas are neutralised unless asked not to", "[export][csv]") {
  CHECK(neutralise_formula("=HYPERLINK(\"http://evil.example\",\"x\")") ==
        "'=HYPERLINK(\"http://evil.example\",\"x\")");
  CHECK(neutralise_formula("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0");
  CHECK(neutralise_formula("-2+3") == "-2+3");  // arithmetic on digits only: a plain number, left alone
  CHECK(neutralise_formula("-A1") == "'-A1");
  CHECK(neutralise_formula("@SUM(A1:A9)") == "'@SUM(A1:A9)");
  CHECK(neutralise_formula("\tTab") == "'\tTab");
  CHECK(neutralise_formula("\rCR") == "'\rCR");
  CHECK(neutralise_formula("+41 22 555 01 23 ext. 12") == "+41 22 555 01 23 ext. 12");
  CHECK(neutralise_formula("Jane = CEO") == "Jane = CEO");
  CHECK(neutralise_formula("") == "");

  TempDir dir;
  Store store = open_store();
  parse::Contact evil = person("=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "jane@evil.example");
  evil.title = "+IMPORTXML(\"http://evil.example\")";
  evil.phones = {{parse::PhoneType::work, "+14155550123", "+1 415 555 0123", "", 0.9}};
  REQUIRE(store.add_scan(scan_of("evil", {evil}, "-2+3+cmd|' /C calc'!A0")));
  for (CsvFormat format : {CsvFormat::google, CsvFormat::outlook}) {
    json rows = run_python(dir, kCsvRows, to_csv(store.contacts(), format));
    REQUIRE(rows.size() == 1);
    for (const auto& [column, value] : rows[0].items()) {
      std::string cell = value;
      INFO(column << ": " << cell);
      if (cell.empty() || cell.starts_with('\'') || column.find("Phone") != std::string::npos) continue;
      CHECK(std::string("=+-@\t\r").find(cell.front()) == std::string::npos);
    }
    std::string company = rows[0][format == CsvFormat::google ? "Organization Name" : "Company"];
    CHECK(company == "'@SUM(1+1)*cmd|' /C calc'!A0");
    std::string phone = rows[0][format == CsvFormat::google ? "Phone 1 - Value" : "Business Phone"];
    CHECK(phone == "+14155550123");
  }
  json raw = run_python(dir, kCsvRows, to_csv(store.contacts(), CsvFormat::google, {.neutralise_formulas = false}));
  CHECK(raw[0]["Organization Name"] == "@SUM(1+1)*cmd|' /C calc'!A0");
}

TEST_CASE("Outlook CSV export has Outlook's columns and a BOM", "[export][csv]") {
  TempDir dir;
  Store store = tricky_store();
  std::string csv = to_csv(store.contacts(), CsvFormat::outlook);
  CHECK(
      csv.starts_with("\xEF\xBB\xBF"
                      "First Name,Middle Name,Last Name,Title,Suffix,Company"));
  json rows = run_python(dir, kCsvRows, csv);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["First Name"] == "José");
  CHECK(rows[0]["Last Name"] == "Ñúñez-Żółć");
  CHECK(rows[0]["Title"] == "Dr.");
  CHECK(rows[0]["Job Title"] == "Directeur, Ventes; Export \\ Import");
  CHECK(rows[0]["Business Phone"] == "+41225550123 ext. 12");
  CHECK(rows[0]["Mobile Phone"] == "+41795550199");
  CHECK(rows[0]["Business Fax"] == "+41225550124");
  CHECK(rows[0]["Other Phone"] == "0800 CAFE");
  CHECK(rows[0]["E-mail 2 Address"] == "j.nunez@mail.example");
  CHECK(rows[0]["Business City"] == "Genève");
  CHECK(rows[0]["Categories"] == "Salon de l'Auto, Genève; 2025");
  CHECK(rows[2]["Company"] == "Ацме Ltd");
  std::string notes = rows[0]["Notes"];
  CHECK_THAT(notes, Catch::Contains("LinkedIn: https://linkedin.com/in/jose-nunez"));
  CHECK_THAT(notes, Catch::Contains("X: https://x.com/jose_n"));
}

TEST_CASE("CSV header only for no contacts", "[export][csv]") {
  std::string csv = to_csv({}, CsvFormat::google);
  CHECK(csv.starts_with("First Name,Middle Name,"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1);
}

TEST_CASE("split file names cannot leave the folder and are unique", "[export][split]") {
  CHECK(safe_file_name("../../etc/passwd", 7, "vcf") == "etc_passwd-7.vcf");
  CHECK(safe_file_name("..", 1, "vcf") == "contact-1.vcf");
  CHECK(safe_file_name("", 2, "vcf") == "contact-2.vcf");
  CHECK(safe_file_name("a\\b:c*d?e\"f<g>h|i", 3, "vcf") == "a_b_c_d_e_f_g_h_i-3.vcf");
  CHECK(safe_file_name("Jane\nDoe\x01", 4, "vcf") == "Jane_Doe-4.vcf");
  CHECK(safe_file_name(".hidden", 5, "vcf") == "hidden-5.vcf");
  CHECK(safe_file_name("José Ñúñez", 6, "vcf") == "José Ñúñez-6.vcf");
  CHECK(safe_file_name("Jane Doe", 8, "vcf") != safe_file_name("Jane Doe", 9, "vcf"));
  CHECK(safe_file_name("-rf $(rm ~) `x`; a & b | c", 11, "vcf") == "rf _rm _ _x_ a _ b _ c-11.vcf");
  CHECK(safe_file_name("--help", 12, "vcf") == "help-12.vcf");
  CHECK(split_file_name("urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427") == "1b4e28ba-2fa1-11d2-883f-0016d3cca427.vcf");
  CHECK(split_file_name("-x/../$(y)") == "x_._y.vcf");
  std::string long_name;
  for (int i = 0; i < 100; ++i) long_name += "é";
  std::string name = safe_file_name(long_name, 10, "vcf");
  CHECK(name.size() <= 80 + 8);
  CHECK(is_valid_utf8(name));
  for (const char* hostile : {"../../etc/passwd", "/etc/passwd", "..\\..\\windows", "a/../../b", "\x01\x02"}) {
    std::string n = safe_file_name(hostile, 1, "vcf");
    INFO(n);
    CHECK(n.find('/') == std::string::npos);
    CHECK(n.find('\\') == std::string::npos);
    CHECK(n.find("..") == std::string::npos);
    CHECK(n.front() != '.');
  }
}

TEST_CASE("files are written whole, replacing a symlink rather than following it", "[export][split]") {
  TempDir dir;
  auto outside = dir.path() / "outside.txt";
  write(outside, "keep me");
  auto target = dir.path() / "out" / "Jane-1.vcf";
  std::filesystem::create_directories(target.parent_path());
  std::filesystem::create_symlink(outside, target);
  REQUIRE(write_file_atomically(target, "BEGIN:VCARD\r\n"));
  CHECK(read(outside) == "keep me");
  CHECK_FALSE(std::filesystem::is_symlink(target));
  CHECK(read(target) == "BEGIN:VCARD\r\n");
  auto missing = write_file_atomically(dir.path() / "no" / "such" / "dir" / "x.vcf", "x");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error(), Catch::Contains("x.vcf"));
}

#ifdef CARDSCAN_ICALJS
// A second, independent parser: ical.js (Mozilla; Nextcloud and Thunderbird
// read vCards and tasks with it), run by node from the folder
// tools/install-deps.sh installed it into.
namespace {

json run_icaljs(const TempDir& dir, const std::string& content) {
  write(dir.path() / "input", content);
  std::string command = std::string(CARDSCAN_NODE) + " " + CARDSCAN_ICALJS_DUMP + " " + CARDSCAN_ICALJS + " " +
                        (dir.path() / "input").string() + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int status = pclose(pipe);
  INFO(output);
  REQUIRE(status == 0);
  return json::parse(output);
}

// The values of every property called `name` (lower case), in order.
json values_of(const json& component, const std::string& name) {
  json out = json::array();
  for (const auto& p : component["properties"])
    if (p["name"] == name) out.push_back(p["values"].size() == 1 ? p["values"][0] : p["values"]);
  return out;
}

json params_of(const json& component, const std::string& name) {
  json out = json::array();
  for (const auto& p : component["properties"])
    if (p["name"] == name) out.push_back(p["params"]);
  return out;
}

}  // namespace

TEST_CASE("vCard 3.0 and 4.0 exports read back field by field with ical.js", "[export][vcard][icaljs]") {
  TempDir dir;
  Store store = tricky_store();
  auto contacts = store.contacts();
  for (int version : {3, 4}) {
    INFO("vCard " << version);
    json cards = run_icaljs(dir, to_vcards(contacts, {version, false}));
    REQUIRE(cards.size() == 3);  // the injected END:VCARD/BEGIN:VCARD stayed data
    const json& jose = cards[0];
    CHECK(jose["name"] == "vcard");
    CHECK(values_of(jose, "version") == json::array({version == 4 ? "4.0" : "3.0"}));
    CHECK(values_of(jose, "uid") == json::array({contacts[0].uid}));
    CHECK(values_of(jose, "fn") == json::array({"José Ñúñez-Żółć"}));
    CHECK(values_of(jose, "n") == json::array({json::array({"Ñúñez-Żółć", "José", "", "Dr.", "PhD"})}));
    CHECK(values_of(jose, "org") == json::array({json::array({"Café, Bar; & Grill", "R&D; Labs"})}));
    CHECK(values_of(jose, "title") == json::array({"Directeur, Ventes; Export \\ Import"}));
    CHECK(values_of(jose, "email") == json::array({"jose@cafe.example", "j.nunez@mail.example"}));
    // A URL is a URI: its commas and semicolons reach the app as printed.
    CHECK(values_of(jose, "url") == json::array({"https://café.example/menu?a=1,b=2;c=3"}));
    CHECK(values_of(jose, "adr") ==
          json::array({json::array({"", "", "Rue de Lausanne 1", "Genève", "GE", "1201", "Suisse"})}));
    CHECK(values_of(jose, "categories") == json::array({"Salon de l'Auto, Genève; 2025"}));
    std::string note = values_of(jose, "note")[0];
    CHECK(note.starts_with(long_note()));
    CHECK_THAT(note, !Catch::Contains("Follow-up"));
    if (version == 4) {
      CHECK(values_of(jose, "tel")[0] == "tel:+41225550123;ext=12");
      CHECK(values_of(jose, "socialprofile") ==
            json::array({"https://linkedin.com/in/jose-nunez", "https://x.com/jose_n", "https://mastodon.social/@jose",
                         "#weird, handle; here"}));
      CHECK(params_of(jose, "socialprofile")[1] == json::parse(R"({"service-type": "X"})"));
    } else {
      CHECK(values_of(jose, "tel")[0] == "+41225550123 ext. 12");
      CHECK(values_of(jose, "x-socialprofile")[0] == "https://linkedin.com/in/jose-nunez");
      CHECK(params_of(jose, "x-socialprofile")[1] == json::parse(R"({"type": "twitter", "x-user": "jose_n"})"));
    }
    const json& mallory = cards[1];
    CHECK(values_of(mallory, "title") == json::array({lf(kInjection)}));
    CHECK(values_of(mallory, "org") == json::array({"Ōkubo 株式会社"}));
    CHECK(values_of(cards[2], "fn") == json::array({"Ацме Ltd"}));
  }
}

TEST_CASE("iCalendar VTODO export reads back with ical.js, linked to the contact, with a reminder",
          "[export][ics][icaljs]") {
  TempDir dir;
  ScopedTimeZone tz("Europe/Zurich");
  Store store = tricky_store(std::chrono::system_clock::to_time_t(local_time(2024, 7, 3, 15, 0)));
  auto contacts = store.contacts();
  REQUIRE(store.complete_followup(contacts[2].followups[0].id, local_time(2024, 7, 4, 8, 0)));
  contacts = store.contacts();
  json cal = run_icaljs(dir, to_icalendar(contacts, {1'720'100'000}));
  REQUIRE(cal.size() == 1);
  CHECK(cal[0]["name"] == "vcalendar");
  const json& todos = cal[0]["components"];
  REQUIRE(todos.size() == 3);
  const json& open = todos[0];
  CHECK(open["name"] == "vtodo");
  CHECK(values_of(open, "uid") == json::array({contacts[0].followups[0].uid}));
  CHECK(values_of(open, "summary") == json::array({"Follow up with José Ñúñez-Żółć (Café, Bar; & Grill)"}));
  CHECK(values_of(open, "due") == json::array({"2024-07-04T07:00:00Z"}));
  CHECK(values_of(open, "related-to") == json::array({contacts[0].uid}));
  CHECK(values_of(open, "status") == json::array({"NEEDS-ACTION"}));
  REQUIRE(open["components"].size() == 1);
  const json& alarm = open["components"][0];
  CHECK(alarm["name"] == "valarm");
  CHECK(values_of(alarm, "action") == json::array({"DISPLAY"}));
  CHECK(values_of(alarm, "trigger") == json::array({"2024-07-04T07:00:00Z"}));
  CHECK_THAT(std::string(values_of(open, "description")[0]), Catch::Contains("E-mail: jose@cafe.example"));
  const json& done = todos[2];
  CHECK(values_of(done, "status") == json::array({"COMPLETED"}));
  CHECK(done["components"].empty());
}
#endif
