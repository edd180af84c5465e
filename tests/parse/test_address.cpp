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

TEST_CASE("a registration number printed by the address is no part of it", "[parse][address]") {
  for (const char* line : {"License No. C-921527", "VAT No. GB 568 2473 68", "Company No. 56645873", "CA Lic. 771892",
                           "Steuer-Nr. 05/327 /26986", "GSTIN 13ABCDE0373F1Z5"}) {
    INFO(line);
    const auto ev = address_evidence(line);
    CHECK(ev.street == 0);
    CHECK(ev.locality == 0);
  }
  // The postal words that precede an address's numbers stay in the address.
  CHECK(address_evidence("PO Box 4711").street >= 0.9);
  CHECK(address_evidence("BP 349").street >= 0.9);
  CHECK(address_evidence("Postfach 77 18 38").street >= 0.9);
}

TEST_CASE("building and premises lines read as part of an address", "[parse][address]") {
  for (const char* line : {"Haus B", "Immeuble Le Carré", "bureau 831", "Marunouchi Park'Building,"}) {
    INFO(line);
    CHECK(address_evidence(line).street >= 0.35);
  }
  CHECK(address_evidence("Account Executive").street == 0);
}

TEST_CASE("Vietnamese street words and country names match whatever accents OCR gave them", "[parse][address]") {
  CHECK(address_evidence("Số 10, Đường Tân Trào").street >= 0.9);
  CHECK(address_evidence("65 Huỳnh Thúc Kháng, Quán 1").street >= 0.9);  // OCR's "Quán" for "Quận"
  CHECK(address_evidence("SÕ 10, Duòng Tån Trào").street >= 0.9);        // and "Duòng" for "Đường"
  CHECK(address_evidence("Viêt Nam").country);
  CHECK(address_evidence("Viêt Nam").region == "VN");
  CHECK(address_evidence("Quận 7, TP. HCM, Viêt Nam").region == "VN");
}

TEST_CASE("locality lines in the forms Indian and US cards print them", "[parse][address]") {
  const auto in = address_evidence("Mumbai 400 001, Maharashtra");
  CHECK(in.locality >= 0.5);
  CHECK(in.region == "IN");
  const auto parts = split_address({"Plot No. 133, MG Road", "Mumbai 400 001, Maharashtra"});
  CHECK(parts.city == "Mumbai");
  CHECK(parts.postcode == "400 001");
  CHECK(parts.region == "Maharashtra");
  const auto us = address_evidence("CLARKSTON, MICHIGAN 48348");
  CHECK(us.locality >= 0.9);
  CHECK(us.region == "US");
  CHECK(address_evidence("Michigan Avenue").locality == 0);
}

TEST_CASE("digits OCR read as look-alike letters are repaired inside the address's numbers", "[parse][address]") {
  CHECK(address_line_text("Cep Oll37-000 - São Paulo - SP") == "Cep 01137-000 - São Paulo - SP");
  CHECK(address_line_text("Suite 1O4, Oak Street") == "Suite 104, Oak Street");
  CHECK(address_line_text("Oak Street") == "Oak Street");
  CHECK(address_evidence(address_line_text("Cep Oll37-000 - São Paulo - SP")).region == "BR");
}

TEST_CASE("a British postcode misread in a way its format rules out is put right", "[parse][address]") {
  using cardscan::parse::repair_uk_postcode;
  CHECK(repair_uk_postcode("NEI 5DL") == "NE1 5DL");
  CHECK(repair_uk_postcode("NE1 50L") == "NE1 5DL");
  CHECK(repair_uk_postcode("LONDON, ECIV 2NX") == "LONDON, EC1V 2NX");
  CHECK(address_evidence("NEI 5DL").region == "GB");
  // Right postcodes and other text stay as they are.
  for (const char* same : {"SW1A 1AA", "Leeds LS1 4AP", "PO Box 4044", "Suite 200", "NEWCASTLE UPON TYNE"}) {
    INFO(same);
    CHECK(repair_uk_postcode(same) == same);
  }
}

TEST_CASE("a premises word alone on its line continues an address but an ordinary word does not", "[parse][address]") {
  CHECK(address_evidence("Hinterhaus").street >= 0.35);
  CHECK(address_evidence("Immeuble").street >= 0.35);
  CHECK(address_evidence("Hinterhaus").street < 0.5);  // too little to start an address
  for (const char* word : {"Park", "House", "Center", "Tower"}) {
    INFO(word);
    CHECK(address_evidence(word).street == 0);
  }
}

TEST_CASE("a unit number alone on its line continues an address but starts none", "[parse][address]") {
  CHECK(address_evidence("#912").street >= 0.35);
  CHECK(address_evidence("#12B").street >= 0.35);
  CHECK(address_evidence("#912").street < 0.5);
  CHECK(address_evidence("#Hashtag").street == 0);
}

TEST_CASE("a line with an email OCR cut short is no address line whatever its numbers look like", "[parse][address]") {
  const auto ev = address_evidence("555-0127 maximilian.braun@up");
  CHECK(ev.street == 0);
  CHECK(ev.locality == 0);
}

TEST_CASE("a country code in lower case right after a word is the end of a domain, not a country", "[parse][address]") {
  // "...acoustics.co.uk" cut off by OCR, not the UK.
  CHECK_FALSE(address_evidence("Ustics uk").country);
  CHECK(address_evidence("Ustics uk").locality < 0.5);
  // In capitals, after a comma, or a country's name in any case, it is one.
  CHECK(address_evidence("Leeds UK").country);
  CHECK(address_evidence("london, uk").country);
  CHECK(address_evidence("UK").country);
  CHECK(address_evidence("Madrid spain").country);
}

TEST_CASE("words after a US ZIP that are no country are another field's", "[parse][address]") {
  using cardscan::parse::without_text_after_zip;
  CHECK(without_text_after_zip("San Francisco, CA 94105 Oakridge Robotics") == "San Francisco, CA 94105");
  for (const char* same : {"San Francisco, CA 94105", "Austin, TX 78701 USA", "Austin, TX 78701, United States",
                           "Austin, TX 78701 | USA", "20095 Hamburg", "Chicago IL 60601-7641 A"}) {
    INFO(same);
    CHECK(without_text_after_zip(same) == same);
  }
}

TEST_CASE("a street word OCR read with i for l is put right on a line with a number", "[parse][address]") {
  CHECK(address_line_text("2510 Harbor Bivd") == "2510 Harbor Blvd");
  CHECK(address_line_text("2510 Harbor Bivd.") == "2510 Harbor Blvd.");
  // Words a list knows, and lines with no number, stay as they are.
  for (const char* same : {"Harbor Bivd", "12 Pine Hill", "24103 Kiel", "14 Via Roma"}) {
    INFO(same);
    CHECK(address_line_text(same) == same);
  }
}
