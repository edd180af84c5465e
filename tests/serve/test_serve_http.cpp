// A real `cardscan serve` on a temporary store: who it refuses, what it
// serves, and that data is never served as markup.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "serve_process.hpp"
#include "store/store.hpp"

using namespace cardscan;
using cardscan::test::ServeProcess;
using cardscan::test::TempFolder;

namespace {

const std::string kMarkup = "<img src=x onerror=alert(1)>";

// A store with one contact whose name is markup, and one ordinary contact.
std::string make_store(const TempFolder& dir) {
  std::string path = (dir.path() / "cards.db").string();
  auto store = store::Store::open(path);
  REQUIRE(store);
  store::ScanRecord scan;
  scan.source_path = "/photos/a.jpg";
  scan.sha256 = "aaaa";
  parse::Contact evil;
  evil.name = kMarkup;
  evil.company = "<script>alert('company')</script>";
  evil.emails = {"jane@acme.example"};
  evil.confidence.name = 0.4;
  scan.cards.push_back({evil, kMarkup + "\njane@acme.example", {0xFF, 0xD8, 0xFF, 0xD9}});
  parse::Contact bob;
  bob.name = "Bob Roe";
  bob.emails = {"bob@initech.example"};
  scan.cards.push_back({bob, "Bob Roe\nbob@initech.example", {}});
  REQUIRE(store->add_scan(scan));
  return path;
}

std::int64_t id_named(const std::string& db, const std::string& name) {
  auto store = store::Store::open(db);
  REQUIRE(store);
  for (const auto& c : store->contacts())
    if (c.contact.name == name) return c.id;
  FAIL("no contact named " << name);
  return 0;
}

bool reviewed(const std::string& db, std::int64_t id) {
  auto store = store::Store::open(db);
  REQUIRE(store);
  return !store->contact(id)->reviewed_at.empty();
}

}  // namespace

TEST_CASE("a request whose Host is not the loopback name and port is refused", "[serve][security]") {
  TempFolder dir;
  ServeProcess serve(make_store(dir), dir.path());
  auto client = serve.client();
  std::string token = serve.token();
  for (const char* path : {"/", "/app.js", "/api/queue"}) {
    auto evil = client.Get(path, {{"Host", "evil.example"}, {"X-CSRF-Token", token}});
    REQUIRE(evil);
    CHECK(evil->status == 403);
    CHECK(evil->body.find("Bob Roe") == std::string::npos);
    // A rebinding page may keep our port but not our name.
    auto wrong_name =
        client.Get(path, {{"Host", "evil.example:" + std::to_string(serve.port())}, {"X-CSRF-Token", token}});
    REQUIRE(wrong_name);
    CHECK(wrong_name->status == 403);
  }
  auto other_port = client.Get("/", {{"Host", "127.0.0.1:1"}});
  REQUIRE(other_port);
  CHECK(other_port->status == 403);
  auto ok = client.Get("/api/queue", {{"Host", "localhost:" + std::to_string(serve.port())}, {"X-CSRF-Token", token}});
  REQUIRE(ok);
  CHECK(ok->status == 200);
}

TEST_CASE("a cross-origin POST is refused even with the page's token, and changes nothing", "[serve][security]") {
  TempFolder dir;
  std::string db = make_store(dir);
  std::int64_t bob = id_named(db, "Bob Roe");
  ServeProcess serve(db, dir.path());
  auto client = serve.client();
  std::string token = serve.token();
  std::string path = "/api/contact/" + std::to_string(bob);
  std::string body = R"({"name": "Mallory", "reviewed": true})";
  for (const char* origin : {"http://evil.example", "http://127.0.0.1:1", "null"}) {
    auto res = client.Post(path, {{"Host", serve.host()}, {"Origin", origin}, {"X-CSRF-Token", token}}, body,
                           "application/json");
    REQUIRE(res);
    CHECK(res->status == 403);
  }
  auto from_other_site =
      client.Post(path, {{"Host", serve.host()}, {"Sec-Fetch-Site", "cross-site"}, {"X-CSRF-Token", token}}, body,
                  "application/json");
  REQUIRE(from_other_site);
  CHECK(from_other_site->status == 403);
  serve.stop();
  CHECK(id_named(db, "Bob Roe") == bob);
  CHECK_FALSE(reviewed(db, bob));
}

TEST_CASE("a POST without the page's token is refused, and with it the contact is corrected and reviewed",
          "[serve][security]") {
  TempFolder dir;
  std::string db = make_store(dir);
  std::int64_t bob = id_named(db, "Bob Roe");
  ServeProcess serve(db, dir.path());
  auto client = serve.client();
  std::string path = "/api/contact/" + std::to_string(bob);
  std::string body = R"({"name": "Robert Roe", "reviewed": true})";
  httplib::Headers same_origin = {{"Host", serve.host()}, {"Origin", serve.origin()}};

  auto none = client.Post(path, same_origin, body, "application/json");
  REQUIRE(none);
  CHECK(none->status == 403);
  auto wrong_headers = same_origin;
  wrong_headers.emplace("X-CSRF-Token", std::string(64, 'a'));
  auto wrong = client.Post(path, wrong_headers, body, "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 403);
  std::string token = serve.token();
  auto in_query = client.Post(path + "?t=" + token, same_origin, body, "application/json");
  REQUIRE(in_query);
  CHECK(in_query->status == 403);  // a change needs the header only our own script can set
  for (const char* other : {"/api/merge", "/api/upload?name=a.jpg"}) {
    auto res = client.Post(other, same_origin, "{}", "application/json");
    REQUIRE(res);
    CHECK(res->status == 403);
  }

  auto with_token = same_origin;
  with_token.emplace("X-CSRF-Token", token);
  auto ok = client.Post(path, with_token, body, "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  serve.stop();
  CHECK(id_named(db, "Robert Roe") == bob);
  CHECK(reviewed(db, bob));
}

TEST_CASE("contact data and card crops are served only with the page's token", "[serve][security]") {
  TempFolder dir;
  std::string db = make_store(dir);
  ServeProcess serve(db, dir.path());
  auto client = serve.client();
  std::string token = serve.token();
  auto queue = client.Get("/api/queue", {{"Host", serve.host()}});
  REQUIRE(queue);
  CHECK(queue->status == 403);
  auto contact = nlohmann::json::parse(client
                                           .Get("/api/contact/" + std::to_string(id_named(db, kMarkup)),
                                                {{"Host", serve.host()}, {"X-CSRF-Token", token}})
                                           ->body);
  std::string crop = "/api/crop/" + std::to_string(contact["cards"][0]["id"].get<std::int64_t>());
  auto bare = client.Get(crop, {{"Host", serve.host()}});
  REQUIRE(bare);
  CHECK(bare->status == 403);
  auto embedded_elsewhere = client.Get(crop + "?t=" + token, {{"Host", serve.host()}, {"Sec-Fetch-Site", "same-site"}});
  REQUIRE(embedded_elsewhere);
  CHECK(embedded_elsewhere->status == 403);
  auto img = client.Get(crop + "?t=" + token, {{"Host", serve.host()}, {"Sec-Fetch-Site", "same-origin"}});
  REQUIRE(img);
  CHECK(img->status == 200);
  CHECK(img->get_header_value("Content-Type") == "image/jpeg");
  CHECK(img->body == std::string("\xFF\xD8\xFF\xD9"));
  auto vcf = client.Get("/api/export.vcf?scope=all", {{"Host", serve.host()}});
  REQUIRE(vcf);
  CHECK(vcf->status == 403);
}

TEST_CASE("a field holding markup is served as JSON text, and the page never renders data as HTML",
          "[serve][security]") {
  TempFolder dir;
  std::string db = make_store(dir);
  ServeProcess serve(db, dir.path());
  auto client = serve.client();
  std::string token = serve.token();
  httplib::Headers headers = {{"Host", serve.host()}, {"X-CSRF-Token", token}};
  auto res = client.Get("/api/contact/" + std::to_string(id_named(db, kMarkup)), headers);
  REQUIRE(res);
  CHECK(res->get_header_value("Content-Type").starts_with("application/json"));
  CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
  auto contact = nlohmann::json::parse(res->body);
  CHECK(contact["name"] == kMarkup);
  CHECK(contact["company"] == "<script>alert('company')</script>");

  auto page = client.Get("/", {{"Host", serve.host()}});
  REQUIRE(page);
  CHECK(page->body.find(kMarkup) == std::string::npos);  // data never goes into the HTML itself
  CHECK_THAT(page->get_header_value("Content-Security-Policy"), Catch::Contains("script-src 'self'"));
  auto script = client.Get("/app.js", {{"Host", serve.host()}});
  REQUIRE(script);
  REQUIRE(script->status == 200);
  for (const char* sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("})
    CHECK(script->body.find(sink) == std::string::npos);
}

TEST_CASE("no path from a request reaches the file system and no folder is listed", "[serve][security]") {
  TempFolder dir;
  ServeProcess serve(make_store(dir), dir.path());
  auto client = serve.client();
  std::string token = serve.token();
  httplib::Headers headers = {{"Host", serve.host()}, {"X-CSRF-Token", token}};
  for (const char* path : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/web/", "/tools/serve/web/app.js",
                           "/api/", "/api/crop/..%2f..%2fetc%2fpasswd", "/api/crop/999999"}) {
    auto res = client.Get(path, headers);
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->body.find("root:") == std::string::npos);
  }
}

TEST_CASE("an upload that is not an image, or too large, is refused before anything decodes it", "[serve][upload]") {
  TempFolder dir;
  std::string db = make_store(dir);
  ServeProcess serve(db, dir.path());
  auto client = serve.client();
  httplib::Headers headers = {{"Host", serve.host()}, {"Origin", serve.origin()}, {"X-CSRF-Token", serve.token()}};
  auto text = client.Post("/api/upload?name=notes.jpg", headers, "just some text, not a photo", "image/jpeg");
  REQUIRE(text);
  CHECK(text->status == 422);
  CHECK_THAT(text->body, Catch::Contains("not an image"));
  auto empty = client.Post("/api/upload?name=empty.png", headers, "", "image/png");
  REQUIRE(empty);
  CHECK(empty->status == 422);
  std::string huge(31u << 20, '\xFF');  // past the default 30 MB limit
  auto big = client.Post("/api/upload?name=big.jpg", headers, huge, "image/jpeg");
  REQUIRE(big);
  CHECK(big->status == 413);
  serve.stop();
  auto store = store::Store::open(db);
  REQUIRE(store);
  CHECK(store->stats().files == 1);  // only the fixture's file
}

TEST_CASE("a contact accepted on the page leaves contacts list --unreviewed and counts in stats", "[serve][review]") {
  TempFolder dir;
  std::string db = make_store(dir);
  std::int64_t bob = id_named(db, "Bob Roe");
  {
    ServeProcess serve(db, dir.path());
    auto client = serve.client();
    httplib::Headers headers = {{"Host", serve.host()}, {"Origin", serve.origin()}, {"X-CSRF-Token", serve.token()}};
    auto res = client.Post("/api/contact/" + std::to_string(bob), headers, R"({"reviewed": true})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  auto run = [&](const std::string& args) {
    std::string command = std::string(CARDSCAN_BINARY) + " --db '" + db + "' " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
    return out;
  };
  std::string unreviewed = run("contacts list --unreviewed");
  CHECK(unreviewed.find("Bob Roe") == std::string::npos);
  CHECK_THAT(unreviewed, Catch::Contains("1 unreviewed contact"));
  CHECK_THAT(run("contacts list"), Catch::Contains("Bob Roe"));
  CHECK_THAT(run("stats"), Catch::Contains("Reviewed: 1 of 2 contacts"));
  CHECK_THAT(run("stats --json"), Catch::Contains("\"reviewed\":1"));
}
