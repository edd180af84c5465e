// Sync state: the record of what `cardscan sync` put on a server.

#include <catch2/catch.hpp>

#include "store/store.hpp"
#include "store_test_support.hpp"

using namespace cardscan::store;
using namespace cardscan::store::testing;

TEST_CASE("sync state is kept per collection and replaced by UID", "[store][sync]") {
  auto store = Store::open(":memory:");
  REQUIRE(store);
  store->save_sync_resource(
      {"https://dav.example/a/", "urn:uuid:1", "contact", "https://dav.example/a/1.vcf", "\"e1\"", "h1", ""});
  store->save_sync_resource(
      {"https://dav.example/b/", "urn:uuid:1", "contact", "https://dav.example/b/1.vcf", "\"x\"", "hx", ""});
  store->save_sync_resource(
      {"https://dav.example/a/", "urn:uuid:1", "contact", "https://dav.example/a/1.vcf", "\"e2\"", "h2", "h3"});
  auto a = store->sync_resources("https://dav.example/a/");
  REQUIRE(a.size() == 1);
  CHECK(a[0].etag == "\"e2\"");
  CHECK(a[0].sent_hash == "h2");
  CHECK(a[0].pending_hash == "h3");
  CHECK(store->sync_resources("https://dav.example/b/").size() == 1);
  store->forget_sync_resource("https://dav.example/a/", "urn:uuid:1");
  CHECK(store->sync_resources("https://dav.example/a/").empty());
  CHECK(store->sync_resources("https://dav.example/b/").size() == 1);
}

TEST_CASE("sync state outlives the contact it was about, so its resource can be removed", "[store][sync]") {
  auto store = Store::open(":memory:");
  REQUIRE(store);
  REQUIRE(store->add_scan(scan_of("a", {person("Jane Doe", "Acme", "jane@acme.example")})));
  auto jane = store->contacts().at(0);
  store->save_sync_resource({"c", jane.uid, "contact", "c/jane.vcf", "\"1\"", "h", ""});
  REQUIRE(store->delete_contact(jane.id));
  auto left = store->sync_resources("c");
  REQUIRE(left.size() == 1);
  CHECK(left[0].uid == jane.uid);
}
