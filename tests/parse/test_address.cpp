#include <catch2/catch.hpp>

#include "parse/address_finder.hpp"

using namespace cardscan::parse;

TEST_CASE("street lines are recognised in several languages", "[parse][address]") {
  CHECK(address_evidence("2457 Main Street").street >= 0.9);
  CHECK(address_evidence("177 Market St, Ste. 579").street >= 0.9);
  CHECK(address_evidence("Lindenallee 134").street >= 0.9);
  CHECK(address_evidence("152, boulevard Haussmann").street >= 0.9);
  CHECK(address_evidence("P.O. Box 1234").street >= 0.9);
  CHECK(address_evidence("Senior Consultant").street == 0);
}

TEST_CASE("locality lines carry a postcode and imply a region", "[parse][address]") {
  CHECK(address_evidence("San Francisco, CA 94105").region == "US");
  CHECK(address_evidence("Sydney NSW 2000").region == "AU");
  CHECK(address_evidence("Leeds LS1 4AP").region == "GB");
  CHECK(address_evidence("Ottawa, ON K1P 5G4").region == "CA");
  CHECK(address_evidence("20095 Hamburg").locality >= 0.8);
  CHECK(address_evidence("Chennai 600002").region == "IN");
  // A street number followed by a street name is not a postcode line.
  CHECK(address_evidence("2457 Main Street").locality < 0.5);
}

TEST_CASE("addresses split into structured parts where clear", "[parse][address]") {
  const auto us = split_address({"2325 Market St", "Chicago, IL 60601"});
  CHECK(us.street == "2325 Market St");
  CHECK(us.city == "Chicago");
  CHECK(us.region == "IL");
  CHECK(us.postcode == "60601");
  const auto de = split_address({"Lindenallee 134", "20095 Hamburg"});
  CHECK(de.postcode == "20095");
  CHECK(de.city == "Hamburg");
  const auto gb = split_address({"111 Deansgate", "Bristol BS1 5TR", "United Kingdom"});
  CHECK(gb.city == "Bristol");
  CHECK(gb.postcode == "BS1 5TR");
  CHECK(gb.country == "United Kingdom");
}

TEST_CASE("unit numbers get their space back", "[parse][address]") {
  CHECK(space_unit_numbers("Unit9, 44 High Street") == "Unit 9, 44 High Street");
  CHECK(space_unit_numbers("No.33, Linking Road") == "No. 33, Linking Road");
}
