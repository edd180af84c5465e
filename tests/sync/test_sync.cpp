// `cardscan sync` against a real Radicale: what arrives in the server's own
// storage folder, what a second run sends, and what comes back.

#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "../tools/cli_test_support.hpp"
#include "radicale_server.hpp"
#include "store/store.hpp"
#include "tools/sync/http_client.hpp"
#include "tools/sync/sync.hpp"

using namespace cardscan;
using namespace cardscan::test;

namespace {

constexpr const char* kUser = "alice";
constexpr const char* kPassword = "correct horse";

parse::Contact person(int i) {
  parse::Contact c;
  c.name = "Person" + std::string(1, static_cast<char>('A' + i % 26)) + std::to_string(i) + " Tester";
  c.given = c.name.substr(0, c.name.find(' '));
  c.family = "Tester";
  c.company = "Company " + std::to_string(i);
  c.title = "Engineer";
  c.emails = {"person" + std::to_string(i) + "@example.com"};
  c.phones = {{parse::PhoneType::work, "+1415555" + std::to_string(1000 + i), "(415) 555-" + std::to_string(1000 + i),
               "", 0.9}};
  return c;
}

// A store at `db` holding `n` distinct people (each with an open follow-up).
void fill_store(const std::string& db, int n) {
  auto store = store::Store::open(db);
  REQUIRE(store);
  store::ScanRecord scan;
  scan.source_path = "/photos/stack.jpg";
  scan.sha256 = "stack-" + std::to_string(n);
  for (int i = 0; i < n; ++i) scan.cards.push_back({person(i), "", {}});
  REQUIRE(store->add_scan(scan));
}

struct Fixture {
  TempDir dir;
  RadicaleServer server{dir.path() / "radicale", std::string(kUser) + ":" + kPassword + "\n"};
  std::string db = (dir.path() / "cards.db").string();
  std::string password_file = (dir.path() / "password").string();

  Fixture() { write_text(password_file, std::string(kPassword) + "\n"); }

  Run sync(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"sync", "--server",        server.url(),  "--user",
                                     kUser,  "--password-file", password_file, "--create"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cardscan(db, args, true);
  }
  [[nodiscard]] std::vector<std::filesystem::path> cards() const {
    return server.items(kUser, "cardscan-contacts", ".vcf");
  }
  [[nodiscard]] std::vector<std::filesystem::path> tasks() const {
    return server.items(kUser, "cardscan-followups", ".ics");
  }
  store::Store open_store() {
    auto store = store::Store::open(db);
    REQUIRE(store);
    return std::move(*store);
  }
  // The server copy of a resource, by the UID it holds.
  std::filesystem::path item_of(const std::string& uid, bool contact) {
    auto path = server.collection(kUser, contact ? "cardscan-contacts" : "cardscan-followups") /
                sync::resource_name(uid, contact ? ".vcf" : ".ics");
    REQUIRE(std::filesystem::exists(path));
    return path;
  }
  // PUT as a phone would, with the user's credentials.
  long put_as_phone(const std::string& url, const std::string& body, const std::string& type) {
    sync::HttpClient http({kUser, kPassword});
    auto response = http.send({"PUT", url, {"Content-Type: " + type}, body});
    REQUIRE(response);
    return response->status;
  }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Every stored vCard parses with python3-vobject; returns how many did.
int vobject_parses(const std::filesystem::path& folder, const std::filesystem::path& scratch) {
  std::string script =
      "import glob, sys, vobject\n"
      "files = sorted(glob.glob(sys.argv[1] + '/*.vcf'))\n"
      "for f in files:\n"
      "    card = vobject.readOne(open(f, encoding='utf-8').read())\n"
      "    assert card.name == 'VCARD' and card.fn.value and card.uid.value, f\n"
      "print(len(files))\n";
  std::string script_path = (scratch / "check_vcards.py").string();  // not in the server's storage
  write_text(script_path, script);
  FILE* pipe = popen(
      (system_python() + " " + shell_quote(script_path) + " " + shell_quote(folder.string()) + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[512];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  int status = pclose(pipe);
  INFO(out);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return std::stoi(out);
}

std::set<std::string> uids_in(const std::vector<std::filesystem::path>& files) {
  std::set<std::string> uids;
  std::regex uid_line("\\nUID:([^\\r\\n]+)");
  for (const auto& f : files) {
    std::string text = read_text(f);
    std::smatch m;
    REQUIRE(std::regex_search(text, m, uid_line));
    uids.insert(m[1]);
  }
  return uids;
}

}  // namespace

TEST_CASE("the first sync uploads every contact and follow-up, and the second uploads nothing", "[sync][radicale]") {
  Fixture f;
  fill_store(f.db, 4);
  Run first = f.sync();
  INFO(first.output << first.errors);
  REQUIRE(first.status == 0);
  CHECK(contains(first.output, "Contacts:   4 new, 0 updated, 0 removed, 0 unchanged"));
  CHECK(contains(first.output, "Follow-ups: 4 new, 0 updated, 0 removed, 0 unchanged"));
  REQUIRE(f.cards().size() == 4);
  REQUIRE(f.tasks().size() == 4);
  CHECK(vobject_parses(f.server.collection(kUser, "cardscan-contacts"), f.dir.path()) == 4);

  // Each contact is one resource named by its UID; each task a VTODO.
  auto store = f.open_store();
  for (const auto& c : store.contacts()) {
    std::string card = read_text(f.item_of(c.uid, true));
    CHECK(contains(card, "UID:" + c.uid));
    CHECK(contains(card, c.contact.emails.at(0)));
    REQUIRE(c.followups.size() == 1);
    std::string task = read_text(f.item_of(c.followups[0].uid, false));
    CHECK(contains(task, "BEGIN:VTODO"));
    CHECK(contains(task, "STATUS:NEEDS-ACTION"));
  }

  std::vector<std::string> before;
  for (const auto& p : f.cards()) before.push_back(read_text(p));
  Run second = f.sync();
  INFO(second.output << second.errors);
  REQUIRE(second.status == 0);
  CHECK(contains(second.output, "Contacts:   0 new, 0 updated, 0 removed, 4 unchanged"));
  CHECK(contains(second.output, "Follow-ups: 0 new, 0 updated, 0 removed, 4 unchanged"));
  std::vector<std::string> after;
  for (const auto& p : f.cards()) after.push_back(read_text(p));
  CHECK(before == after);
}

TEST_CASE("an edited contact updates one resource and a merged one is removed from the server", "[sync][radicale]") {
  Fixture f;
  fill_store(f.db, 4);
  REQUIRE(f.sync().status == 0);
  auto store = f.open_store();
  auto contacts = store.contacts();
  REQUIRE(contacts.size() == 4);

  store::ContactEdit edit;
  edit.title = "Chief Sync Officer";
  REQUIRE(store.edit_contact(contacts[1].id, edit));
  std::string untouched = read_text(f.item_of(contacts[2].uid, true));
  Run edited = f.sync();
  INFO(edited.output << edited.errors);
  REQUIRE(edited.status == 0);
  CHECK(contains(edited.output, "Contacts:   0 new, 1 updated, 0 removed, 3 unchanged"));
  CHECK(contains(read_text(f.item_of(contacts[1].uid, true)), "TITLE:Chief Sync Officer"));
  CHECK(read_text(f.item_of(contacts[2].uid, true)) == untouched);

  REQUIRE(store.merge_contacts(contacts[2].id, contacts[3].id));
  Run merged = f.sync();
  INFO(merged.output << merged.errors);
  REQUIRE(merged.status == 0);
  CHECK(contains(merged.output, "1 removed"));
  auto cards = f.cards();
  CHECK(cards.size() == 3);
  CHECK_FALSE(std::filesystem::exists(f.server.collection(kUser, "cardscan-contacts") /
                                      sync::resource_name(contacts[3].uid, ".vcf")));
  CHECK(uids_in(cards).count(contacts[3].uid) == 0);
  CHECK(vobject_parses(f.server.collection(kUser, "cardscan-contacts"), f.dir.path()) == 3);
}

TEST_CASE("a follow-up completed on the server comes back done", "[sync][radicale]") {
  Fixture f;
  fill_store(f.db, 2);
  REQUIRE(f.sync().status == 0);
  auto store = f.open_store();
  auto jane = store.contacts().at(0);
  const auto& followup = jane.followups.at(0);
  REQUIRE(followup.status == "open");

  // The phone ticks the task off: same UID, STATUS:COMPLETED.
  std::string task = read_text(f.item_of(followup.uid, false));
  task = std::regex_replace(task, std::regex("STATUS:NEEDS-ACTION"),
                            "STATUS:COMPLETED\r\nCOMPLETED:20200102T030405Z\r\nPERCENT-COMPLETE:100");
  std::string url = f.server.url() + "alice/cardscan-followups/" + sync::resource_name(followup.uid, ".ics");
  REQUIRE(f.put_as_phone(url, task, "text/calendar") / 100 == 2);

  Run run = f.sync();
  INFO(run.output << run.errors);
  REQUIRE(run.status == 0);
  CHECK(contains(run.output, "completed on the server"));
  auto after = f.open_store().contact(jane.id);
  REQUIRE(after);
  REQUIRE(after->followups.size() == 1);
  CHECK(after->followups[0].status == "done");
  CHECK(f.open_store().contact(store.contacts().at(1).id)->followups.at(0).status == "open");
  // And the next run has nothing more to say about it.
  Run again = f.sync();
  CHECK(contains(again.output, "Follow-ups: 0 new, 0 updated, 0 removed, 2 unchanged"));
  CHECK(contains(read_text(f.item_of(followup.uid, false)), "STATUS:COMPLETED"));
}

TEST_CASE("a contact edited on the server is not overwritten, and --pull takes it", "[sync][radicale]") {
  Fixture f;
  fill_store(f.db, 2);
  REQUIRE(f.sync().status == 0);
  auto store = f.open_store();
  auto contact = store.contacts().at(0);

  std::string card = read_text(f.item_of(contact.uid, true));
  card = std::regex_replace(card, std::regex("\\nFN:[^\\r\\n]*"), "\nFN:Renamed On Phone");
  card = std::regex_replace(card, std::regex("\\nN:[^\\r\\n]*"), "\nN:Phone;Renamed On;;;");
  std::string url = f.server.url() + "alice/cardscan-contacts/" + sync::resource_name(contact.uid, ".vcf");
  REQUIRE(f.put_as_phone(url, card, "text/vcard") / 100 == 2);
  // And here, the same contact changes too.
  store::ContactEdit edit;
  edit.title = "Edited Here";
  REQUIRE(store.edit_contact(contact.id, edit));

  Run run = f.sync();
  INFO(run.output << run.errors);
  REQUIRE(run.status == 0);
  CHECK(contains(run.output, "edited on the server; not overwritten"));
  std::string on_server = read_text(f.item_of(contact.uid, true));
  CHECK(contains(on_server, "FN:Renamed On Phone"));
  CHECK_FALSE(contains(on_server, "Edited Here"));
  CHECK(f.open_store().contact(contact.id)->contact.name == contact.contact.name);

  Run pulled = f.sync({"--pull"});
  INFO(pulled.output << pulled.errors);
  REQUIRE(pulled.status == 0);
  CHECK(contains(pulled.output, "1 taken from the server"));
  auto now = f.open_store().contact(contact.id);
  REQUIRE(now);
  CHECK(now->contact.name == "Renamed On Phone");
  CHECK(now->contact.family == "Phone");
  Run quiet = f.sync();
  CHECK(contains(quiet.output, "Contacts:   0 new, 0 updated, 0 removed, 2 unchanged"));
}

TEST_CASE("a wrong password, an unreachable server and a missing collection give clear errors", "[sync][radicale]") {
  Fixture f;
  fill_store(f.db, 1);
  write_text(f.password_file, "not the password\n");
  Run wrong = f.sync();
  CHECK(wrong.status == 1);
  CHECK(contains(wrong.errors, "refused the user name or password for user 'alice'"));
  CHECK_FALSE(contains(wrong.output + wrong.errors, "not the password"));
  CHECK(f.cards().empty());

  write_text(f.password_file, std::string(kPassword) + "\n");
  Run missing = run_cardscan(f.db,
                             {"sync", "--carddav", f.server.url() + "alice/no-such-book/", "--user", kUser,
                              "--password-file", f.password_file},
                             true);
  CHECK(missing.status == 1);
  CHECK(contains(missing.errors, "no address book at " + f.server.url() + "alice/no-such-book/ (HTTP 404)"));

  Run unreachable = run_cardscan(f.db,
                                 {"sync", "--server", "http://127.0.0.1:" + std::to_string(free_port()) + "/", "--user",
                                  kUser, "--password-file", f.password_file},
                                 true);
  CHECK(unreachable.status == 1);
  CHECK(contains(unreachable.errors, "cannot reach http://127.0.0.1:"));
}

TEST_CASE("a sync cut off by the server dying resumes after a restart without duplicates", "[sync][radicale]") {
  Fixture f;
  constexpr int kPeople = 60;
  fill_store(f.db, kPeople);
  // Collections first (a sync of an empty store), so the cut-off run is busy with resources only.
  Run setup = run_cardscan(
      (f.dir.path() / "empty.db").string(),
      {"sync", "--server", f.server.url(), "--user", kUser, "--password-file", f.password_file, "--create"}, true);
  REQUIRE(setup.status == 0);

  std::string command = shell_quote(CARDSCAN_BINARY) + " --db " + shell_quote(f.db) + " sync --server " +
                        shell_quote(f.server.url()) + " --user alice --password-file " + shell_quote(f.password_file) +
                        " --create > " + shell_quote((f.dir.path() / "cut.log").string()) + " 2>&1";
  int status = -1;
  std::thread run([&] { status = std::system(command.c_str()); });
  // Kill the server as soon as some resources have arrived.
  REQUIRE(wait_until([&] { return f.tasks().size() + f.cards().size() >= 3; }, std::chrono::seconds(120)));
  f.server.stop(SIGKILL);
  run.join();
  INFO(read_text(f.dir.path() / "cut.log"));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(f.tasks().size() + f.cards().size() < 2 * kPeople);

  f.server.start();
  Run resumed = f.sync();
  INFO(resumed.output << resumed.errors);
  REQUIRE(resumed.status == 0);
  CHECK(f.cards().size() == kPeople);
  CHECK(f.tasks().size() == kPeople);
  CHECK(uids_in(f.cards()).size() == kPeople);
  CHECK(uids_in(f.tasks()).size() == kPeople);
  Run quiet = f.sync();
  CHECK(contains(quiet.output, "Contacts:   0 new, 0 updated, 0 removed, 60 unchanged"));
  CHECK(contains(quiet.output, "Follow-ups: 0 new, 0 updated, 0 removed, 60 unchanged"));
}
