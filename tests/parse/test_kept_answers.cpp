// KeptAnswers: the memo parse's slow finders keep their answers in.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "parse/address_finder.hpp"
#include "parse/field_finders.hpp"
#include "parse/kept_answers.hpp"

using namespace cardscan::parse;

TEST_CASE("KeptAnswers works an answer out once and forgets all when full") {
  KeptAnswers<int> kept(2);
  int worked = 0;
  auto length = [&](const std::string& key) {
    return kept.get(key, [&] {
      ++worked;
      return static_cast<int>(key.size());
    });
  };
  CHECK(length("abc") == 3);
  CHECK(length("abc") == 3);
  CHECK(worked == 1);
  CHECK(length("de") == 2);
  CHECK(worked == 2);
  CHECK(kept.find("abc") == 3);
  // A third key finds the table full: everything is forgotten, then it is kept.
  CHECK(length("f") == 1);
  CHECK_FALSE(kept.find("abc").has_value());
  CHECK(kept.find("f") == 1);
}

TEST_CASE("KeptAnswers answers the same from several threads") {
  KeptAnswers<std::string> kept(64);
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = std::to_string(i % 100);
        if (kept.get(key, [&] { return key + "!"; }) != key + "!") ++wrong[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(wrong == std::vector<int>(4, 0));
}

TEST_CASE("kept answers are the answers worked out afresh") {
  // The same questions asked twice (the second answer is the kept one)
  // and a question that differs only in its context.
  for (int round = 0; round < 2; ++round) {
    const AddressEvidence street = address_evidence("2510 Harbor Blvd");
    CHECK(street.street >= 0.9);
    const AddressEvidence city = address_evidence("San Francisco, CA 94105");
    CHECK(city.locality >= 0.8);
    CHECK(city.region == "US");
    PhoneContext us;
    const auto hits = find_phones("Tel +1 415 555 0123", us);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].phone.e164 == "+14155550123");
    CHECK(hits[0].phone.type == PhoneType::work);
    PhoneContext in_address = us;
    in_address.address_line = true;
    CHECK(find_phones("4155550123", in_address).empty());
    CHECK(find_phones("4155550123", us).size() == 1);
  }
}
