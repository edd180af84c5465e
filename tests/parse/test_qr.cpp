#include <catch2/catch.hpp>

#include "parse/qr_payload.hpp"

using namespace cardscan::parse;

TEST_CASE("vCard 3.0 payloads become contacts", "[parse][qr]") {
  const auto c = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Robinson;Joseph;;;\r\nFN:Joseph Robinson\r\nORG:Oakridge Analytics Inc.\r\n"
      "TITLE:Director of Marketing\r\nTEL;TYPE=CELL:+1 615-555-0187\r\nTEL;TYPE=WORK,FAX:+1 615-555-0149\r\n"
      "EMAIL;TYPE=INTERNET:joseph@oakridge.example\r\nURL:https://www.oakridge.example\r\n"
      "ADR;TYPE=WORK:;;1993 Cedar Lane;Nashville;TN;37203;USA\r\nEND:VCARD\r\n");
  REQUIRE(c);
  CHECK(c->name == "Joseph Robinson");
  CHECK(c->given == "Joseph");
  CHECK(c->family == "Robinson");
  CHECK(c->company == "Oakridge Analytics Inc.");
  CHECK(c->title == "Director of Marketing");
  REQUIRE(c->phones.size() == 2);
  CHECK(c->phones[0].type == PhoneType::mobile);
  CHECK(c->phones[0].e164 == "+16155550187");
  CHECK(c->phones[1].type == PhoneType::fax);
  CHECK(c->emails == std::vector<std::string>{"joseph@oakridge.example"});
  CHECK(c->address_parts.city == "Nashville");
  CHECK(c->address == "1993 Cedar Lane, Nashville, TN 37203, USA");
}

TEST_CASE("vCard 2.1 folded quoted-printable values are decoded", "[parse][qr]") {
  const auto c = parse_qr_payload(
      "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=\n=BCrgen\n"
      "TEL;CELL:+49 171 3920087\nEND:VCARD");
  REQUIRE(c);
  CHECK(c->family == "Müller");
  CHECK(c->given == "Jürgen");
  REQUIRE(c->phones.size() == 1);
  CHECK(c->phones[0].type == PhoneType::mobile);
}

TEST_CASE("vCard 4.0 unfolds continuation lines and unescapes values", "[parse][qr]") {
  const auto c = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Schmidt\r\nORG:Schmidt\\, Weber & Partner;Tax\r\n"
      "NOTE:long\r\n  note\r\nTEL;VALUE=uri;TYPE=\"voice,work\":tel:+49-89-99998047\r\nEND:VCARD");
  REQUIRE(c);
  CHECK(c->company == "Schmidt, Weber & Partner");
  CHECK(c->department == "Tax");
  REQUIRE(c->phones.size() == 1);
  CHECK(c->phones[0].e164 == "+498999998047");
  CHECK(c->phones[0].type == PhoneType::work);
}

TEST_CASE("MECARD payloads become contacts", "[parse][qr]") {
  const auto c =
      parse_qr_payload("MECARD:N:Doe,Jane;TEL:+14155550123;EMAIL:jane@acme.example;URL:acme.example;ORG:Acme;;");
  REQUIRE(c);
  CHECK(c->given == "Jane");
  CHECK(c->family == "Doe");
  CHECK(c->name == "Jane Doe");
  CHECK(c->emails == std::vector<std::string>{"jane@acme.example"});
  CHECK(c->company == "Acme");
}

TEST_CASE("other payloads are not contacts", "[parse][qr]") { CHECK_FALSE(parse_qr_payload("https://acme.example")); }

TEST_CASE("QR data wins over OCR and keeps what OCR found besides", "[parse][qr]") {
  Contact ocr;
  ocr.name = "Jos3ph Robinsn";
  ocr.emails = {"info@oakridge.example"};
  ocr.phones = {{PhoneType::work, "+16155550187", "615 555 0187", "", 0.8},
                {PhoneType::work, "+16155559999", "615 555 9999", "", 0.8}};
  ocr.confidence.name = 0.4;
  Contact qr;
  qr.name = "Joseph Robinson";
  qr.given = "Joseph";
  qr.family = "Robinson";
  qr.emails = {"joseph@oakridge.example"};
  qr.phones = {{PhoneType::mobile, "+16155550187", "+1 615-555-0187", "", 1.0}};
  qr.address_parts = {"1993 Cedar Lane", "Nashville", "TN", "37203", "USA"};
  qr.address = "1993 Cedar Lane, Nashville, TN 37203, USA";
  const Contact merged = merge_qr(ocr, qr, "Joseph Robinson\n1993 Cedar Lane\nNashville, TN 37203");
  CHECK(merged.name == "Joseph Robinson");
  CHECK(merged.confidence.name == 1.0);
  CHECK(merged.emails == std::vector<std::string>{"joseph@oakridge.example", "info@oakridge.example"});
  REQUIRE(merged.phones.size() == 2);
  CHECK(merged.phones[0].type == PhoneType::mobile);  // the QR's type for the same number
  CHECK(merged.phones[1].e164 == "+16155559999");
  // An OCR number holding the QR's with an icon read as a digit is the QR's.
  Contact icon = ocr;
  icon.phones = {{PhoneType::work, "+4940221471055", "4 0221 4710 559", "", 0.8}};
  Contact qr_de;
  qr_de.phones = {{PhoneType::work, "+492214710559", "+49 221 4710559", "", 1.0}};
  CHECK(merge_qr(icon, qr_de, "").phones.size() == 1);
  // The country is not printed on the card, so the address leaves it out.
  CHECK(merged.address == "1993 Cedar Lane, Nashville, TN 37203");
}

TEST_CASE("a QR address shows its region and country only where the card prints them", "[parse][qr]") {
  const auto qr = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Serena Gupta\r\n"
      "ADR;TYPE=WORK:;;118 Anna Salai;Mumbai;Maharashtra;400001;India\r\nEND:VCARD\r\n");
  REQUIRE(qr);
  CHECK(merge_qr(Contact{}, *qr, "Serena Gupta\n118 Anna Salai, Mumbai 400001").address ==
        "118 Anna Salai, Mumbai 400001");
  CHECK(merge_qr(Contact{}, *qr, "118 Anna Salai\nMumbai Maharashtra 400001\nINDIA").address ==
        "118 Anna Salai, Mumbai Maharashtra 400001, India");
  // "Delhi" inside the city "New Delhi" is not the state printed; a city the
  // street already ends with is not printed twice.
  const auto delhi = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pooja\r\nADR:;;74 Nehru Place;New Delhi;Delhi;110001;India\r\nEND:VCARD\r\n");
  REQUIRE(delhi);
  CHECK(merge_qr(Contact{}, *delhi, "74 Nehru Place\nNew Delhi 110001").address == "74 Nehru Place, New Delhi 110001");
  const auto uk = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ced\r\nADR:;;100 High Street\\, MANCHESTER;Manchester;;M1 4BT;UK\r\n"
      "END:VCARD\r\n");
  REQUIRE(uk);
  CHECK(merge_qr(Contact{}, *uk, "100 High Street\nMANCHESTER\nM1 4BT").address ==
        "100 High Street, MANCHESTER, M1 4BT");
  // An address OCR read as the vCard says keeps its printed form.
  const auto de = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam\r\nADR:;;Goethestraße 149;München;;80331;Germany\r\nEND:VCARD\r\n");
  REQUIRE(de);
  Contact read;
  read.address = "Goethestraße 149, D-80331 München";
  CHECK(merge_qr(read, *de, "Goethestraße 149, D-80331 München").address == "Goethestraße 149, D-80331 München");
  read.address = "Goethestrabe 149, D-80331 München";  // misread: the vCard's wins
  CHECK(merge_qr(read, *de, "Goethestrabe 149, D-80331 München").address == "Goethestraße 149, 80331 München");
  read.address = "Goethestraße 149 1 80331 München";  // a '|' read as 1: the vCard's wins
  CHECK(merge_qr(read, *de, "").address == "Goethestraße 149, 80331 München");
  read.address = "Goethestraße 149, 80331 München Hartwell Bau";  // more than the address: the vCard's wins
  CHECK(merge_qr(read, *de, "").address == "Goethestraße 149, 80331 München");
  // The parts keep everything the vCard said.
  CHECK(merge_qr(Contact{}, *qr, "").address_parts.region == "Maharashtra");
  // A North American state is part of every address there, printed or not.
  const auto us = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo Doe\r\nADR:;;139 Elm St;Austin;TX;78701;USA\r\nEND:VCARD\r\n");
  REQUIRE(us);
  CHECK(merge_qr(Contact{}, *us, "Jo Doe").address == "139 Elm St, Austin, TX 78701");
  // Words, not parts of words: "USA" is not printed in "USABILITY".
  CHECK(merge_qr(Contact{}, *us, "USABILITY LAB").address == "139 Elm St, Austin, TX 78701");
  CHECK(merge_qr(Contact{}, *us, "Austin TX, USA").address == "139 Elm St, Austin, TX 78701, USA");
}

TEST_CASE("a QR phone libphonenumber cannot read keeps its text and gets no E.164", "[parse][qr]") {
  const auto c = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nTEL:-49301234567\r\nTEL:+\r\nTEL:0\r\n"
      "TEL;TYPE=CELL:+1 615-555-0187\r\nEND:VCARD\r\n");
  REQUIRE(c);
  REQUIRE(c->phones.size() == 2);  // "+" and "0" carry no number at all
  CHECK(c->phones[0].text == "-49301234567");
  CHECK(c->phones[0].e164.empty());
  CHECK(c->phones[1].e164 == "+16155550187");
}

TEST_CASE("a firm's own vCard, its FN the name in its ORG, names no person", "[parse][qr]") {
  const auto qr = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Lakeshore Builders PLLC\r\nORG:Lakeshore Builders PLLC\r\n"
      "EMAIL;TYPE=INTERNET:hello@lakeshore.example\r\nEND:VCARD\r\n");
  REQUIRE(qr);
  const Contact merged = merge_qr(Contact{}, *qr, "LAKESHORE BUILDERS PLLC\nhello@lakeshore.example");
  CHECK(merged.name.empty());
  CHECK(merged.company == "Lakeshore Builders PLLC");
  CHECK(merged.emails == std::vector<std::string>{"hello@lakeshore.example"});
  // A person's vCard still names the person.
  const auto person = parse_qr_payload(
      "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Gupta;Serena;;;\r\nFN:Serena Gupta\r\nORG:Dovetail Marine\r\nEND:VCARD\r\n");
  REQUIRE(person);
  CHECK(merge_qr(Contact{}, *person, "").name == "Serena Gupta");
}
