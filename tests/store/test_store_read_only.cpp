// Opening a store read-only: nothing is created, reads work, writes fail.

#include <catch2/catch.hpp>
#include <filesystem>

#include "store/store.hpp"
#include "store_test_support.hpp"

using namespace cardscan;
using namespace cardscan::store;
using namespace cardscan::store::testing;

TEST_CASE("a read-only open of a missing file fails and creates neither the file nor its folder",
          "[store][read-only]") {
  TempDir dir;
  StoreOptions options;
  options.read_only = true;
  const auto missing = dir.path() / "no" / "such" / "cards.db";
  auto opened = Store::open(missing.string(), options);
  REQUIRE_FALSE(opened);
  CHECK_THAT(opened.error(), Catch::Contains("no database at") && Catch::Contains("does not exist"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "no"));
  CHECK_FALSE(Store::open((dir.path() / "cards.db").string(), options));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "cards.db"));
}

TEST_CASE("a store opened read-only reads its contacts and refuses to change them", "[store][read-only]") {
  TempDir dir;
  const std::string path = (dir.path() / "cards.db").string();
  {
    Store writer = open_store(path);
    REQUIRE(writer.add_scan(scan_of("sha-1", {person("Jane Doe", "Acme", "jane@acme.example")})));
  }
  StoreOptions options;
  options.read_only = true;
  auto reader = Store::open(path, options);
  REQUIRE(reader);
  REQUIRE(reader->contacts().size() == 1);
  CHECK(reader->contacts()[0].contact.name == "Jane Doe");
  CHECK_FALSE(reader->delete_contact(reader->contacts()[0].id));
  CHECK(open_store(path).contacts().size() == 1);
}
