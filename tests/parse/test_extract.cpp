#include <catch2/catch.hpp>

#include "page_fixture.hpp"
#include "parse/card_lines.hpp"
#include "parse/extract.hpp"
#include "parse/field_finders.hpp"
#include "parse/roles.hpp"

using cardscan::parse::extract;
using cardscan::parse::PhoneType;
using cardscan::test::PageBuilder;

TEST_CASE("the largest name-shaped line is the name, the line under it the title", "[parse][extract]") {
  PageBuilder b;
  b.line("Northwind Traders", 80, 60, 34, 0)
      .line("Amelia Hart", 80, 300, 60, 1)
      .line("Head of Procurement", 80, 380, 30, 1)
      .line("amelia.hart@northwind.example", 700, 560, 28, 2)
      .line("T (415) 555-0123", 700, 610, 28, 2);
  const auto c = extract(b.page);
  CHECK(c.name == "Amelia Hart");
  CHECK(c.given == "Amelia");
  CHECK(c.family == "Hart");
  CHECK(c.title == "Head of Procurement");
  CHECK(c.company == "Northwind Traders");  // matches the email's domain
  CHECK(c.emails == std::vector<std::string>{"amelia.hart@northwind.example"});
  REQUIRE(c.phones.size() == 1);
  CHECK(c.phones[0].type == PhoneType::work);
}

TEST_CASE("a company printed larger than the name is still the company", "[parse][extract]") {
  PageBuilder b;
  b.line("BLUE HARBOR LOGISTICS GMBH", 80, 60, 70, 0)
      .line("Jonas Keller", 80, 300, 40, 1)
      .line("Vertriebsleiter", 80, 360, 26, 1)
      .line("j.keller@blueharbor.example", 80, 600, 24, 2);
  const auto c = extract(b.page, {"DE"});
  CHECK(c.name == "Jonas Keller");
  CHECK(c.company == "BLUE HARBOR LOGISTICS GMBH");
  CHECK(c.title == "Vertriebsleiter");
}

TEST_CASE("names printed in capitals come out title-cased, with the email confirming them", "[parse][extract]") {
  PageBuilder b;
  b.line("MARCUS OYELARAN", 80, 100, 44, 0)
      .line("QUANTUM FIELD ANALYTICS", 80, 400, 44, 1)
      .line("Chief Data Officer", 80, 180, 26, 0)
      .line("marcus@quantumfield.example", 80, 600, 24, 2);
  const auto c = extract(b.page);
  CHECK(c.name == "Marcus Oyelaran");
  CHECK(c.company == "QUANTUM FIELD ANALYTICS");
  CHECK(c.title == "Chief Data Officer");
}

TEST_CASE("address lines of one block are joined in print order, icon marks dropped", "[parse][extract]") {
  PageBuilder b;
  b.line("Amelia Hart", 80, 100, 50, 0).line("Partner", 80, 170, 28, 0);
  b.line("\xC3\x88 44 High Street", 700, 500, 28, 1)  // È: a map pin read as a letter
      .line("Leeds LS1 4AP", 700, 540, 28, 1)
      .line("United Kingdom", 700, 580, 28, 1);
  const auto c = extract(b.page);
  CHECK(c.address == "44 High Street, Leeds LS1 4AP, United Kingdom");
  CHECK(c.address_parts.postcode == "LS1 4AP");
  CHECK(c.address_parts.city == "Leeds");
}

TEST_CASE("an address does not borrow a line from another block", "[parse][extract]") {
  PageBuilder b;
  b.line("Amelia Hart", 80, 100, 50, 0)
      .line("906 Market St", 700, 300, 28, 1)
      .line("Nashville, TN 37203", 700, 340, 28, 1)
      .line("Ironwood Architects LLP", 80, 340, 28, 2);
  const auto c = extract(b.page);
  CHECK(c.address == "906 Market St, Nashville, TN 37203");
  CHECK(c.company == "Ironwood Architects LLP");
}

TEST_CASE("a lost dot between given and family name in an email is restored", "[parse][extract]") {
  PageBuilder b;
  b.line("Elena Ferrari", 80, 100, 50, 0).line("E elena ferrari@pinnacle.example", 80, 500, 26, 1);
  const auto c = extract(b.page);
  CHECK(c.emails == std::vector<std::string>{"elena.ferrari@pinnacle.example"});
}

TEST_CASE("national numbers take the region of the card's domain", "[parse][extract]") {
  PageBuilder b;
  b.line("Hugo Lambert", 80, 100, 50, 0)
      .line("Tél. 01 42 68 53 00", 80, 500, 26, 1)
      .line("hugo@lambert.fr", 80, 540, 26, 1);
  const auto c = extract(b.page);
  REQUIRE(c.phones.size() == 1);
  CHECK(c.phones[0].e164 == "+33142685300");
}

TEST_CASE("every field found carries a confidence in [0,1]", "[parse][extract]") {
  PageBuilder b;
  b.line("Northwind Traders Inc.", 80, 60, 34, 0)
      .line("Amelia Hart", 80, 300, 60, 1)
      .line("Head of Procurement", 80, 380, 30, 1)
      .line("amelia@northwind.example", 700, 560, 28, 2)
      .line("www.northwind.example", 700, 600, 28, 2)
      .line("M (415) 555-0123", 700, 640, 28, 2);
  const auto c = extract(b.page);
  for (const auto& field : {c.confidence.name, c.confidence.title, c.confidence.company, c.confidence.emails,
                            c.confidence.phones, c.confidence.website}) {
    REQUIRE(field.has_value());
    CHECK(*field >= 0.0);
    CHECK(*field <= 1.0);
  }
  CHECK(c.phones.at(0).type == PhoneType::mobile);
}

TEST_CASE("doubtful OCR lowers the name's confidence", "[parse][extract]") {
  PageBuilder clear, doubtful;
  clear.line("Amelia Hart", 80, 300, 60, 0, 96).line("amelia@northwind.example", 700, 560, 28, 1);
  doubtful.line("Amelia Hart", 80, 300, 60, 0, 40).line("amelia@northwind.example", 700, 560, 28, 1);
  CHECK(extract(doubtful.page).confidence.name.value() < extract(clear.page).confidence.name.value());
}

TEST_CASE("a QR payload on the card wins over what OCR read", "[parse][extract]") {
  PageBuilder b;
  b.line("Jos3ph Robinsn", 80, 100, 50, 0).line("joseph@oakridge.example", 80, 500, 26, 1);
  const auto c = extract(b.page, {},
                         {"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Joseph Robinson\r\nN:Robinson;Joseph;;;\r\nEND:VCARD\r\n"});
  CHECK(c.name == "Joseph Robinson");
  CHECK(c.confidence.name == 1.0);
}

TEST_CASE("numbers no label types follow card conventions", "[parse][extract][phone]") {
  SECTION("a lone bare North American number is the holder's mobile") {
    PageBuilder b;
    b.line("Amelia Hart", 80, 100, 50, 0).line("415 555 0123", 80, 500, 26, 1);
    CHECK(extract(b.page).phones.at(0).type == PhoneType::mobile);
  }
  SECTION("two untyped numbers are office then mobile") {
    PageBuilder b;
    b.line("Amelia Hart", 80, 100, 50, 0).line("415 555 0123", 80, 500, 26, 1).line("415 555 0199", 80, 540, 26, 1);
    const auto c = extract(b.page);
    REQUIRE(c.phones.size() == 2);
    CHECK(c.phones[0].type == PhoneType::work);
    CHECK(c.phones[1].type == PhoneType::mobile);
  }
  SECTION("next to a labelled mobile, an untyped number is the office line") {
    PageBuilder b;
    b.line("Amelia Hart", 80, 100, 50, 0).line("M 415 555 0123", 80, 500, 26, 1).line("415 555 0199", 80, 540, 26, 1);
    const auto c = extract(b.page);
    REQUIRE(c.phones.size() == 2);
    CHECK(c.phones[1].type == PhoneType::work);
  }
  SECTION("a tall icon before the number marks a mobile") {
    PageBuilder b;
    b.line("Amelia Hart", 80, 100, 50, 0).line("T 415 555 0123", 80, 500, 26, 1);
    b.page.lines.push_back({});
    auto& l = b.page.lines.back();
    l.words = {{"[]", {80, 540, 16, 28}, 40},
               {"415", {110, 540, 45, 26}, 95},
               {"555", {165, 540, 45, 26}, 95},
               {"0199", {220, 540, 60, 26}, 95}};
    l.text = "[] 415 555 0199";
    l.box = {80, 540, 200, 28};
    l.block = 1;
    l.text_height = 26;
    l.confidence = 90;
    const auto c = extract(b.page);
    REQUIRE(c.phones.size() == 2);
    CHECK(c.phones[0].type == PhoneType::work);
    CHECK(c.phones[1].type == PhoneType::mobile);
  }
}

TEST_CASE("a one-letter slip inside an email's name part is mended from the printed name", "[parse][extract][email]") {
  PageBuilder b;
  b.line("Niamh Lindqvist", 80, 100, 50, 0).line("n.lindqgvist@ridgeline.example", 80, 500, 26, 1);
  CHECK(extract(b.page).emails == std::vector<std::string>{"n.lindqvist@ridgeline.example"});
  PageBuilder german;
  german.line("Jürgen Simon", 80, 100, 50, 0).line("juergan.simon@ridgeline.example", 80, 500, 26, 1);
  CHECK(extract(german.page).emails == std::vector<std::string>{"juergen.simon@ridgeline.example"});
  // An initial before the family name is how the address is made, not a slip.
  PageBuilder initial;
  initial.line("Juan Flores", 80, 100, 50, 0).line("jflores@lumen.example", 80, 500, 26, 1);
  CHECK(extract(initial.page).emails == std::vector<std::string>{"jflores@lumen.example"});
  PageBuilder nordic;
  nordic.line("Søren Şahin", 80, 100, 50, 0).line("soren@cedar.example", 80, 500, 26, 1);
  CHECK(extract(nordic.page).emails == std::vector<std::string>{"soren@cedar.example"});
  // Nor when the initial is the family name's own first letter.
  PageBuilder same_letter;
  same_letter.line("Orla O'Brien", 80, 100, 50, 0).line("oobrien@cedar.example", 80, 500, 26, 1);
  CHECK(extract(same_letter.page).emails == std::vector<std::string>{"oobrien@cedar.example"});
  PageBuilder doubled;
  doubled.line("Lucia Lopez", 80, 100, 50, 0).line("llopez@cedar.example", 80, 500, 26, 1);
  CHECK(extract(doubled.page).emails == std::vector<std::string>{"llopez@cedar.example"});
}

TEST_CASE("an email domain and a website a letter apart are unified to the better-read one", "[parse][extract][web]") {
  PageBuilder b;
  b.line("Klaus Weber", 80, 100, 50, 0)
      .line("klaus@oakridgeco.example", 80, 500, 26, 1, 95)
      .line("www.oakndgeco.example", 80, 540, 26, 1, 60);
  const auto c = extract(b.page);
  CHECK(c.emails == std::vector<std::string>{"klaus@oakridgeco.example"});
  CHECK(c.websites == std::vector<std::string>{"www.oakridgeco.example"});
}

TEST_CASE("a website printed in capitals is unified with the email domain too", "[parse][extract][web]") {
  PageBuilder b;
  b.line("Klaus Weber", 80, 100, 50, 0)
      .line("klaus@oakridgeco.example", 80, 500, 26, 1, 95)
      .line("WWW.OAKNDGECO.EXAMPLE", 80, 540, 26, 1, 60);
  const auto c = extract(b.page);
  CHECK(c.emails == std::vector<std::string>{"klaus@oakridgeco.example"});
  REQUIRE(c.websites.size() == 1);
  CHECK(cardscan::parse::url_host(c.websites[0]) == "oakridgeco.example");
}

TEST_CASE("a house-number line above a postcode line is the street even without a street word",
          "[parse][extract][address]") {
  PageBuilder b;
  b.line("Francesca De Luca", 80, 100, 50, 0)
      .line("Am Rosengarten 78a", 700, 500, 28, 1)
      .line("80331 München", 700, 540, 28, 1);
  CHECK(extract(b.page, {"DE"}).address == "Am Rosengarten 78a, 80331 München");
}

TEST_CASE("separators printed inside an address line become commas", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Paul Park", 80, 100, 50, 0).line("1163 Cedar Lane #114 | Phoenix, AZ 85004", 300, 500, 28, 1);
  CHECK(extract(b.page).address == "1163 Cedar Lane #114, Phoenix, AZ 85004");
}

TEST_CASE("names with particles from any language's list are read as names", "[parse][extract][lexicon]") {
  for (const char* printed : {"Anna della Rovere", "Pieter ter Horst", "Ahmed bin Rashid"}) {
    PageBuilder b;
    b.line(printed, 80, 100, 50, 0).line("Sales Director", 80, 170, 28, 0);
    b.line("T +44 20 7946 0018", 700, 500, 28, 1);
    INFO(printed);
    const auto c = extract(b.page, {"GB"});
    CHECK(c.name == printed);
    CHECK(c.title == "Sales Director");
  }
}

TEST_CASE("a person's name in small print is found below larger lines of ordinary words", "[parse][extract][lexicon]") {
  PageBuilder b;
  b.line("GFS", 80, 20, 60, 0)
      .line("GLOBAL FREIGHT", 80, 100, 44, 0)
      .line("Ngozi Okonkwo", 80, 200, 23, 1)
      .line("MANAGING DIRECTOR", 80, 240, 14, 1)
      .line("ops@gfs-cargo.example", 80, 560, 18, 2)
      .line("+48 22 555 01 23", 80, 600, 18, 2);
  const auto c = extract(b.page, {"PL"});
  CHECK(c.name == "Ngozi Okonkwo");
}

TEST_CASE("a block-numbered address with a shaped postcode and its country is assembled", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Kitagawa Seiki Co., Ltd.", 80, 60, 40, 0)
      .line("3-12-7, Minamimachi, Hikone City,", 80, 300, 22, 1)
      .line("Shiga, 522-0041 Japan", 80, 330, 22, 1)
      .line("info@kitagawa-seiki.example", 80, 600, 20, 2);
  const auto c = extract(b.page);
  CHECK(c.address == "3-12-7, Minamimachi, Hikone City, Shiga, 522-0041 Japan");
}

TEST_CASE("a city line that ends with its country is an address", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Meridian Freight", 80, 60, 40, 0)
      .line("Lucia Ferrante", 80, 200, 30, 1)
      .line("lucia@meridian-freight.example", 80, 500, 20, 2)
      .line("Valencia, Spain", 80, 540, 20, 2);
  const auto c = extract(b.page);
  CHECK(c.address == "Valencia, Spain");
  CHECK(c.name == "Lucia Ferrante");
}

TEST_CASE("a company name goes on in the trade words printed under it", "[parse][extract][company]") {
  PageBuilder b;
  b.line("Harwick", 80, 40, 90, 0)
      .line("international freight", 80, 140, 26, 0)
      .line("Elena Moravec", 80, 260, 34, 1)
      .line("Project Manager", 80, 310, 22, 1)
      .line("elena.moravec@harwick.example", 80, 500, 20, 2);
  const auto c = extract(b.page);
  CHECK(c.company == "Harwick international freight");
}

TEST_CASE("the legal name printed elsewhere completes a logo's company name", "[parse][extract][company]") {
  PageBuilder b;
  b.line("Orbis Tech", 80, 40, 70, 0)
      .line("Kenji Arakawa", 80, 200, 40, 1)
      .line("Director", 80, 260, 22, 1)
      .line("Orbis Tech Co.,Ltd", 80, 400, 26, 2)
      .line("kenji@orbistech.example", 80, 500, 20, 2);
  const auto c = extract(b.page);
  CHECK(c.company == "Orbis Tech Co.,Ltd");
}

TEST_CASE("a name and a title printed side by side on one line are read apart", "[parse][extract][roles]") {
  for (const char* line : {"Henrike Solberg | Lab Manager", "Henrike Solberg, Lab Manager",
                           "Henrike Solberg i Lab Manager", "Henrike Solberg Lab Manager"}) {
    PageBuilder b;
    b.line("Fjordline Analytics", 80, 60, 44, 0)
        .line(line, 80, 300, 50, 1)
        .line("h.solberg@fjordline.example", 80, 520, 24, 2)
        .line("+47 22 33 44 55", 80, 570, 24, 2);
    const auto c = extract(b.page, {"NO"});
    INFO(line);
    CHECK(c.name == "Henrike Solberg");
    CHECK(c.title == "Lab Manager");
    CHECK(c.company == "Fjordline Analytics");
  }
}

TEST_CASE("a line splits into name and title only where one side reads as a name alone", "[parse][roles]") {
  using cardscan::parse::split_name_and_title;
  const auto a = split_name_and_title("José Ramírez Graphic Designer");
  REQUIRE(a);
  CHECK(a->first == "José Ramírez");
  CHECK(a->second == "Graphic Designer");
  const auto b = split_name_and_title("ceo Lee Tae Suk");  // the title first
  REQUIRE(b);
  CHECK(b->first == "ceo");
  CHECK(b->second == "Lee Tae Suk");
  const auto c = split_name_and_title("Ana María Gómez Sales Director");  // not "Ana María" | "Gómez Sales ..."
  REQUIRE(c);
  CHECK(c->first == "Ana María Gómez");
  CHECK(!split_name_and_title("Head of New Business EMEA"));  // a title's own "of" is no separator
  CHECK(!split_name_and_title("Air Freight Sales Manager"));  // ordinary English words are no name
  CHECK(!split_name_and_title("Senior Product Designer"));
  CHECK(!split_name_and_title("Harbour View Logistics GmbH"));
}

namespace {
// One OCR line made of what two columns print at one height: the second
// column's words appended after a gutter `gutter` text heights wide.
cardscan::test::PageBuilder& joined_columns(cardscan::test::PageBuilder& b, const std::string& left,
                                            const std::string& right, int y, int h, double gutter, int block) {
  return b.line(left, 80, y, h, block).words_after(right, static_cast<int>(gutter * h), y, h);
}
}  // namespace

TEST_CASE("what two columns print at one height is read as two lines", "[parse][extract][lines]") {
  cardscan::test::PageBuilder b;
  b.line("Marta Kowalczyk", 80, 60, 50, 0).line("Research Scientist", 80, 130, 28, 0);
  joined_columns(b, "2898 Cedar Lane, Denver CO 80202", "TIDEWATER ENGINEERING GROUP", 400, 24, 3.0, 1);
  CHECK(cardscan::parse::split_at_column_gaps(b.page).lines.size() == 4);
  b.line("marta@tidewatereng.example", 80, 470, 24, 1);
  const auto c = extract(b.page);
  CHECK(c.company == "TIDEWATER ENGINEERING GROUP");
  CHECK(c.address.find("TIDEWATER") == std::string::npos);
  CHECK(c.address.find("Denver") != std::string::npos);

  // A word space, however wide the type is set, is no gutter; nor is the gap
  // after a label with nothing else before it.
  cardscan::test::PageBuilder w;
  joined_columns(w, "Mobil / Cell", "+49 171 555 0113", 100, 24, 3.0, 0);
  w.line("Anna Berg", 80, 40, 40, 0);
  const auto pages = cardscan::parse::split_at_column_gaps(w.page);
  CHECK(pages.lines.size() == 2);
  cardscan::test::PageBuilder spaced;
  joined_columns(spaced, "Kai", "Oona Lind", 100, 24, 0.55, 0);
  CHECK(cardscan::parse::split_at_column_gaps(spaced.page).lines.size() == 1);
}

TEST_CASE("one printed line that OCR cut into two layout blocks is read as one line", "[parse][extract][lines]") {
  auto card = [](int gap, int second_height, float second_confidence) {
    cardscan::test::PageBuilder b;
    b.line("Warit Saelim", 80, 60, 40, 0).line("National Sales Manager", 80, 120, 28, 0);
    b.line("ISS Global", 80, 200, 30, 1);
    b.line("Forwarding (Thailand) Co.,Ltd.", b.page.lines.back().box.right() + gap, 200, second_height, 2,
           second_confidence);
    b.line("warit.saelim@iss-gf.example", 80, 300, 24, 3).line("www.iss-globalforwarding.example", 80, 340, 24, 3);
    return b.page;
  };
  const auto joined = cardscan::parse::join_row_fragments(card(6, 30, 95));
  REQUIRE(joined.lines.size() == 5);
  CHECK(joined.lines[2].text == "ISS Global Forwarding (Thailand) Co.,Ltd.");
  CHECK(extract(card(6, 30, 95)).company == "ISS Global Forwarding (Thailand) Co.,Ltd.");
  // A gutter's width apart, in another type size, or a fragment OCR could
  // not read: two things, kept apart.
  CHECK(cardscan::parse::join_row_fragments(card(45, 30, 95)).lines.size() == 6);
  CHECK(cardscan::parse::join_row_fragments(card(6, 48, 95)).lines.size() == 6);
  CHECK(cardscan::parse::join_row_fragments(card(6, 30, 30)).lines.size() == 6);
}

TEST_CASE("a Vietnamese limited company's line is the company, not the first line of its address",
          "[parse][extract][company][address]") {
  cardscan::test::PageBuilder b;
  b.line("Phan Thanh Phương", 80, 60, 44, 0)
      .line("Công Ty TNHH Một Thành Viên Bò Sữa Việt Nam", 80, 400, 26, 1)
      .line("ĐC: Số 10, Đường Tân Trào, Phường Tân Phú, Quận 7, TP. HCM, Việt Nam", 80, 440, 26, 1)
      .line("ptphuong@example.com.vn", 80, 480, 26, 1);
  const auto c = extract(b.page);
  CHECK(c.company == "Công Ty TNHH Một Thành Viên Bò Sữa Việt Nam");
  CHECK(c.address.find("Công Ty") == std::string::npos);
  CHECK(c.address.find("Số 10") != std::string::npos);
}

TEST_CASE("an address with no postcode is found by the main city it ends with", "[parse][extract][address]") {
  cardscan::test::PageBuilder b;
  b.line("RYO IMAI", 80, 60, 44, 0)
      .line("38B Trieu Viet Vuong, Bui Thi Xuan,", 80, 400, 26, 1)
      .line("Hai Ba Trung, Ha Noi", 80, 440, 26, 1)
      .line("Tel: +84-43-943-6161", 80, 480, 26, 1);
  const auto c = extract(b.page);
  CHECK(c.address == "38B Trieu Viet Vuong, Bui Thi Xuan, Hai Ba Trung, Ha Noi");
  // The city alone is no address.
  cardscan::test::PageBuilder alone;
  alone.line("RYO IMAI", 80, 60, 44, 0).line("Hai Ba Trung, Ha Noi", 80, 440, 26, 1);
  CHECK(extract(alone.page).address.empty());
}

TEST_CASE("a logo mark read in front of the company name is left out", "[parse][extract][company]") {
  for (const auto& [line, company] : std::vector<std::pair<std::string, std::string>>{
           {"jl] ASTER TECHNIK GMBH", "ASTER TECHNIK GMBH"},
           {"NC. Northwind Capital PLLC", "Northwind Capital PLLC"},
           {"Il Northwind Capital PLLC", "Northwind Capital PLLC"},
           {"HA- Northwind Capital PLLC", "Northwind Capital PLLC"},
           {"ABC Northwind Capital PLLC", "ABC Northwind Capital PLLC"}}) {  // three letters, not the initials
    PageBuilder b;
    b.line(line, 80, 60, 44, 0)
        .line("Ines Vandermeer", 80, 300, 50, 1)
        .line("Sales Director", 80, 370, 28, 1)
        .line("ines@example.org", 80, 520, 24, 2);
    INFO(line);
    CHECK(extract(b.page).company == company);
  }
}

TEST_CASE("an address takes in the building line above its street and the town line above its postcode",
          "[parse][extract][address]") {
  PageBuilder b;
  b.line("Amelia Hart", 80, 100, 50, 0).line("Partner", 80, 170, 28, 0);
  b.line("Riverside House", 700, 460, 28, 1)
      .line("96 Kingsway", 700, 500, 28, 1)
      .line("NEWCASTLE UPON TYNE", 700, 540, 28, 1)
      .line("NE1 5DL", 700, 580, 28, 1);
  CHECK(extract(b.page).address == "Riverside House, 96 Kingsway, NEWCASTLE UPON TYNE, NE1 5DL");

  // A firm's line above the street, or a name in a larger size, stays out.
  PageBuilder f;
  f.line("Amelia Hart", 80, 100, 50, 0);
  f.line("Hill Partners LLP", 700, 460, 28, 1)
      .line("96 Kingsway", 700, 500, 28, 1)
      .line("Leeds LS1 4AP", 700, 540, 28, 1);
  const auto firm = extract(f.page);
  CHECK(firm.address == "96 Kingsway, Leeds LS1 4AP");
  CHECK(firm.company == "Hill Partners LLP");
  PageBuilder n;
  n.line("Jane Hill", 700, 400, 56, 1).line("96 Kingsway", 700, 500, 28, 1).line("Leeds LS1 4AP", 700, 540, 28, 1);
  const auto named = extract(n.page);
  CHECK(named.address == "96 Kingsway, Leeds LS1 4AP");
  CHECK(named.name == "Jane Hill");
}

TEST_CASE("a post box line above the street is the address's even in a smaller size", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Théo Marchand", 80, 100, 50, 0);
  b.line("BP 349", 700, 460, 22, 1)
      .line("37 rue de la République", 700, 500, 30, 1)
      .line("35000 Rennes", 700, 540, 23, 1);
  CHECK(extract(b.page, {"FR"}).address == "BP 349, 37 rue de la République, 35000 Rennes");
  // A speck OCR read as two letters between them is no gap in the address.
  PageBuilder s;
  s.line("Théo Marchand", 80, 100, 50, 0);
  s.line("BP 349", 700, 460, 22, 1)
      .line("Ka", 990, 470, 6, 1, 20)
      .line("37 rue de la République", 700, 500, 30, 1)
      .line("Ka", 990, 520, 6, 1, 20)
      .line("35000 Rennes", 700, 540, 23, 1);
  CHECK(extract(s.page, {"FR"}).address == "BP 349, 37 rue de la République, 35000 Rennes");
}

TEST_CASE("a country line below the contact lines that follow the city ends the address", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Divya Pandey", 80, 100, 50, 0);
  b.line("821 Oak Street #843", 700, 460, 30, 1)
      .line("San Diego, CA 92101", 700, 500, 30, 1)
      .line("Web bluestonelaw.com", 700, 540, 30, 1)
      .line("USA", 700, 580, 30, 1);
  const auto c = extract(b.page);
  CHECK(c.address == "821 Oak Street #843, San Diego, CA 92101, USA");
  CHECK(c.websites == std::vector<std::string>{"bluestonelaw.com"});
  // A country word inside a longer line is no country line.
  PageBuilder o;
  o.line("Divya Pandey", 80, 100, 50, 0);
  o.line("821 Oak Street #843", 700, 460, 30, 1)
      .line("San Diego, CA 92101", 700, 500, 30, 1)
      .line("Web bluestonelaw.com", 700, 540, 30, 1)
      .line("Proudly serving USA clients", 700, 580, 30, 1);
  CHECK(extract(o.page).address == "821 Oak Street #843, San Diego, CA 92101");
}

TEST_CASE("a town line over a line naming a country is the least address a card prints", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Majd Wehbeh", 80, 100, 50, 0).line("Beirut", 700, 460, 28, 1).line("Lebanon", 700, 500, 28, 1);
  CHECK(extract(b.page).address == "Beirut, Lebanon");
  // A firm's line over the country is no town.
  PageBuilder f;
  f.line("Majd Wehbeh", 80, 100, 50, 0).line("Compass Freight", 700, 460, 28, 1).line("Lebanon", 700, 500, 28, 1);
  CHECK(extract(f.page).address.find("Compass") == std::string::npos);
}

TEST_CASE("a registration number under the address stays out of it", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Amelia Hart", 80, 100, 50, 0)
      .line("36 George Street", 700, 500, 28, 1)
      .line("Leeds, LS1 4AP", 700, 540, 28, 1)
      .line("VAT No. GB 568 2473 68", 700, 580, 28, 1);
  const auto c = extract(b.page);
  CHECK(c.address == "36 George Street, Leeds, LS1 4AP");
  CHECK(c.phones.empty());
}

TEST_CASE("what one line prints in two type sizes is read as two lines", "[parse][extract][lines]") {
  // "Miami, FL 33131" in 20 px type, then the firm's name in 30 px.
  PageBuilder b;
  b.line("Ana Costa", 80, 60, 50, 0).line("288 Industrial Pkwy, Ste. 563", 80, 360, 20, 1);
  b.line("Miami, FL 33131", 80, 400, 20, 1).words_after("FOXHOLLOW NETWORKS CO.", 40, 395, 30);
  const auto lines = cardscan::parse::split_at_column_gaps(b.page).lines;
  REQUIRE(lines.size() == 4);
  CHECK(lines[2].text == "Miami, FL 33131");
  CHECK(lines[3].text == "FOXHOLLOW NETWORKS CO.");
  CHECK(lines[3].text_height > lines[2].text_height);
  const auto c = extract(b.page);
  CHECK(c.address == "288 Industrial Pkwy, Ste. 563, Miami, FL 33131");
  CHECK(c.company == "FOXHOLLOW NETWORKS CO.");

  // One size throughout, however wide the gaps: one line.
  PageBuilder one;
  one.line("288 Industrial Pkwy, Ste. 563 Miami, FL 33131", 80, 400, 24, 0);
  CHECK(cardscan::parse::split_at_column_gaps(one.page).lines.size() == 1);
}

TEST_CASE("a house number with a wide gap after it is kept, not dropped as an icon", "[parse][extract][lines]") {
  // Letter-spaced type: the gaps after "19" and after "High" are 37 and 26
  // pixels (the box of a built line ends 8 pixels, a word space, after it).
  PageBuilder b;
  b.line("19", 80, 400, 24, 0).words_after("High", 29, 400, 24).words_after("Street", 18, 400, 24);
  CHECK(cardscan::parse::text_without_edge_marks(b.page.lines.back()) == "19 High Street");
  // A lone glyph far from the text is still an icon.
  PageBuilder icon;
  icon.line("9", 80, 400, 24, 0);
  icon.words_after("2510 Harbor Blvd", 160 - icon.page.lines.back().box.right(), 400, 24);
  const auto& m = icon.page.lines.back();
  CHECK(cardscan::parse::text_without_edge_marks(m) == "2510 Harbor Blvd");
}

TEST_CASE("the line printed under the title in its type is the department, a second title is not",
          "[parse][extract][roles]") {
  SECTION("a department named without a department word") {
    PageBuilder b;
    b.line("Amelia Hart", 80, 200, 60, 1)
        .line("Director", 80, 280, 28, 1)
        .line("Global Business Development", 80, 320, 30, 1)
        .line("Northwind Traders Ltd.", 80, 480, 36, 2)
        .line("amelia.hart@northwind.example", 80, 560, 26, 2)
        .line("+44 20 7946 0123", 80, 600, 26, 2);
    const auto c = extract(b.page, {"GB"});
    CHECK(c.name == "Amelia Hart");
    CHECK(c.title == "Director");
    CHECK(c.department == "Global Business Development");
  }
  SECTION("department lines under the name of a card with no title") {
    PageBuilder b;
    b.line("Wataru Aoki", 80, 200, 56, 1)
        .line("Sensor Network Section", 80, 280, 28, 1)
        .line("Network Division", 80, 320, 28, 1)
        .line("Eastbay Systems Inc.", 80, 480, 36, 2)
        .line("w-aoki@eastbay.example", 80, 560, 26, 2);
    const auto c = extract(b.page, {"US"});
    CHECK(c.name == "Wataru Aoki");
    CHECK(c.title.empty());
    CHECK(c.department == "Sensor Network Section, Network Division");
  }
  SECTION("the title in a second language stays out of the department") {
    PageBuilder b;
    b.line("Lena Vogt", 80, 200, 60, 1)
        .line("Project Manager", 80, 280, 28, 1)
        .line("Projektleiterin", 80, 320, 28, 1)
        .line("Nordlicht Logistik GmbH", 80, 480, 36, 2)
        .line("l.vogt@nordlicht.example", 80, 560, 26, 2);
    const auto c = extract(b.page, {"DE"});
    CHECK(c.title == "Project Manager");
    CHECK(c.department.empty());
  }
  SECTION("an address line with a unit number is not a department") {
    PageBuilder b;
    b.line("Lena Vogt", 80, 200, 60, 1).line("Unit 901F, 9", 80, 600, 22, 3);
    CHECK(extract(b.page, {"DE"}).department.empty());
  }
}

TEST_CASE("an email domain one letter from a public mail service is that service misread", "[parse][extract][email]") {
  auto emails_of = [](const std::string& line) {
    PageBuilder b;
    b.line("Takumi Zhao", 80, 200, 60, 1).line(line, 80, 500, 26, 2).line("+81 3 5577 3950", 80, 560, 26, 2);
    return extract(b.page, {"JP"}).emails;
  };
  CHECK(emails_of("takumi.zhao17@gmall.com") == std::vector<std::string>{"takumi.zhao17@gmail.com"});
  CHECK(emails_of("takumi.zhao17@yahooo.com") == std::vector<std::string>{"takumi.zhao17@yahoo.com"});
  // Another top-level domain, a short service name, a service itself: kept.
  CHECK(emails_of("takumi.zhao17@gmall.de") == std::vector<std::string>{"takumi.zhao17@gmall.de"});
  CHECK(emails_of("takumi@gmz.de") == std::vector<std::string>{"takumi@gmz.de"});
  CHECK(emails_of("takumi@gmail.com") == std::vector<std::string>{"takumi@gmail.com"});
}

TEST_CASE("a web address that is an email with its '@' misread becomes the email", "[parse][extract][email]") {
  PageBuilder b;
  b.line("Elmstead Informatique", 80, 60, 40, 0)
      .line("Anaïs Price", 80, 200, 56, 1)
      .line("anais.price2elmstead.com", 80, 480, 26, 2)
      .line("www.elmstead.com", 80, 520, 26, 2);
  const auto c = extract(b.page, {"FR"});
  CHECK(c.emails == std::vector<std::string>{"anais.price@elmstead.com"});
  CHECK(c.websites == std::vector<std::string>{"www.elmstead.com"});
}

TEST_CASE("the digits of a personal address read as 'l' or 'o' are digits again", "[parse][extract][email]") {
  auto emails_of = [](const std::string& name, const std::string& line) {
    PageBuilder b;
    b.line(name, 80, 200, 60, 1).line(line, 80, 500, 26, 2).line("+49 30 1234567", 80, 560, 26, 2);
    return extract(b.page, {"DE"}).emails;
  };
  CHECK(emails_of("Babajide Okafor", "babajide.okafor4l@gmail.com") ==
        std::vector<std::string>{"babajide.okafor41@gmail.com"});
  CHECK(emails_of("Uwe Seidel", "uwe.seidell3@gmail.com") == std::vector<std::string>{"uwe.seidel13@gmail.com"});
  CHECK(emails_of("Jerome Farouk", "jerome.faroukl3@gmail.com") ==
        std::vector<std::string>{"jerome.farouk13@gmail.com"});
  // Letters of the name itself, and an 'l' before digits with no name to
  // tell where the name ends, are kept.
  CHECK(emails_of("Paul Brandt", "paul3@gmail.com") == std::vector<std::string>{"paul3@gmail.com"});
  CHECK(emails_of("Marta Kowal", "sales.teaml3@gmail.com") == std::vector<std::string>{"sales.teaml3@gmail.com"});
}

TEST_CASE("a city line OCR read in pieces is put together into the address", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Oluwaseun O'Brien", 80, 100, 56, 0)
      .line("Interior Designer", 80, 170, 30, 0)
      .line("2078 Cedar Lane", 80, 400, 30, 1)
      .line("Boston,", 80, 440, 30, 1)
      .line("MA", 220, 440, 44, 1)
      .line("02110", 300, 440, 30, 1)
      .line("oobrien@blueheron.example", 80, 520, 26, 2);
  const auto c = extract(b.page, {"US"});
  CHECK(c.address == "2078 Cedar Lane, Boston MA 02110");
  // Longer lines are lines of their own, not pieces of a city line.
  PageBuilder l;
  l.line("2078 Cedar Lane", 80, 400, 30, 1)
      .line("Supermercado de Auto", 80, 440, 30, 1)
      .line("MA", 80, 480, 30, 1)
      .line("02110", 180, 480, 30, 1);
  CHECK(extract(l.page, {"US"}).address.find("Supermercado") == std::string::npos);
}

TEST_CASE("the other side of a line the name is read from is its title", "[parse][extract][roles]") {
  PageBuilder b;
  b.line("Elmstead Informatique", 80, 60, 44, 0)
      .line("Anaïs Price, Talent Acquisition Lead", 80, 300, 40, 1)
      .line("65 quai des Chartrons, 33000 Bordeaux", 80, 520, 24, 2)
      .line("+33 5 36 49 96 67", 80, 570, 24, 2);
  const auto c = extract(b.page, {"FR"});
  CHECK(c.name == "Anaïs Price");
  CHECK(c.title == "Talent Acquisition Lead");
}

TEST_CASE("a name of words that are also ordinary English words is read after its title on one line",
          "[parse][roles]") {
  PageBuilder b;
  b.line("HANBIT MICROSYSTEMS CO., LTD", 80, 60, 30, 0)
      .line("cto Lee Min Young", 80, 200, 48, 0)
      .line("12, Gukchaebosang-ro, Jung-gu, Daegu, Korea", 80, 300, 28, 0)
      .line("T. +82.53.555.0142 M. +82.10.5555.0199", 80, 350, 28, 0)
      .line("E-mail. skyline8401@hotmail.com", 80, 400, 28, 0);
  const auto c = extract(b.page, {"KR"});
  CHECK(c.name == "Lee Min Young");
  CHECK(c.title == "cto");
}

TEST_CASE("a unit number on its own line between street and city joins the address", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Andrew Lockwood", 80, 100, 50, 0)
      .line("869 Congress Ave", 80, 500, 28, 1)
      .line("#912", 80, 540, 28, 1)
      .line("Austin, TX 78701", 80, 580, 28, 1);
  CHECK(extract(b.page).address == "869 Congress Ave, #912, Austin, TX 78701");
}

TEST_CASE("a bar printed between an address's numbers is a separator, not a 1", "[parse][extract][address]") {
  PageBuilder b;
  b.line("Jose Aguilar", 80, 100, 50, 0).line("Gartenweg 128 | 10115 Berlin", 80, 500, 28, 1);
  CHECK(extract(b.page, {"DE"}).address == "Gartenweg 128, 10115 Berlin");
}

TEST_CASE("a label word that ends a contact line after the address's words stays in the address",
          "[parse][extract][address]") {
  // "Main" labels a phone number ("Main: 555 0100"), but nothing follows it here.
  PageBuilder b;
  b.line("Jonas Keller", 80, 100, 50, 0);
  b.line("Lindenallee 69", 80, 460, 28, 1)
      .line("Email: jonas@northgate.example 60311 Frankfurt am Main", 80, 500, 28, 1);
  const auto c = extract(b.page, {"DE"});
  CHECK(c.address == "Lindenallee 69, 60311 Frankfurt am Main");
  CHECK(c.emails == std::vector<std::string>{"jonas@northgate.example"});
}

TEST_CASE("a piece of a line OCR read again as a line of its own is dropped", "[parse][extract][lines]") {
  PageBuilder b;
  b.line("Rodrigo Schneider", 80, 100, 50, 0);
  b.line("T (0191) 498 0219 / M 07700 900943", 250, 700, 32, 1)
      .line("498 0219", 351, 700, 32, 1)  // on top of the first line's "498 0219"
      .line("175 Victoria Road", 250, 740, 18, 1)
      .line("NEWCASTLE UPON TYNE", 250, 770, 18, 1)
      .line("NE1 5DL", 250, 800, 18, 1);
  REQUIRE(cardscan::parse::drop_lines_read_twice(b.page).lines.size() == 5);
  const auto c = extract(b.page, {"GB"});
  CHECK(c.address == "175 Victoria Road, NEWCASTLE UPON TYNE, NE1 5DL");
  // A line beside another one, or printed elsewhere, stays.
  PageBuilder o;
  o.line("T (0191) 498 0219", 250, 700, 32, 1).line("498 0219", 900, 700, 32, 1);
  CHECK(cardscan::parse::drop_lines_read_twice(o.page).lines.size() == 2);
}

TEST_CASE("an address in one column of a two-column block passes over the other column's lines",
          "[parse][extract][address]") {
  // OCR reads the rows of both columns in turn: the email between the
  // street and the city line.
  PageBuilder b;
  b.line("Loic Leroy", 80, 100, 50, 0);
  b.line("11th Floor, Embassy Tech Square, 13 FC Road", 80, 500, 28, 1)
      .words_after("Email lleroy@pinecrest.example", 200, 500, 28)
      .line("Pune 411001", 80, 540, 28, 1)
      .line("www.pinecrest.example", 900, 540, 28, 1);
  const auto c = extract(b.page, {"IN"});
  CHECK(c.address == "11th Floor, Embassy Tech Square, 13 FC Road, Pune 411001");
  CHECK(c.emails == std::vector<std::string>{"lleroy@pinecrest.example"});

  // The premises line above the street, with the other column's phone between them.
  PageBuilder p;
  p.line("Jonas Keller", 80, 100, 50, 0);
  p.line("Hinterhaus", 900, 420, 28, 1)
      .line("Direct: 069 90009 328", 80, 440, 28, 1)
      .line("Lindenallee 69", 900, 460, 28, 1)
      .line("60311 Frankfurt", 900, 500, 28, 1);
  CHECK(extract(p.page, {"DE"}).address == "Hinterhaus, Lindenallee 69, 60311 Frankfurt");

  // Past the other column, a line far below is no line of the address.
  PageBuilder f;
  f.line("Loic Leroy", 80, 100, 50, 0);
  f.line("13 FC Road", 80, 500, 28, 1)
      .line("Email lleroy@pinecrest.example", 900, 500, 28, 1)
      .line("Pune 411001", 80, 700, 28, 1);
  CHECK(extract(f.page, {"IN"}).address == "13 FC Road");
}

TEST_CASE("a slogan that speaks to the reader is no title, job words and all", "[parse][extract][roles]") {
  PageBuilder b;
  b.line("OAKRIDGE BAKERY", 400, 160, 52, 0)
      .line("Your partner in growth", 400, 250, 37, 0)
      .line("sales@oakridge.example", 900, 570, 40, 2)
      .line("022-3701 8070", 70, 570, 33, 3)
      .line("Plot No. 133, MG Road", 70, 630, 38, 3)
      .line("Mumbai 400 001, Maharashtra", 70, 690, 38, 3);
  const auto c = extract(b.page, {"IN"});
  CHECK(c.title.empty());
  CHECK(c.company == "OAKRIDGE BAKERY");
  // A partner's title is one.
  PageBuilder p;
  p.line("Amelia Hart", 80, 100, 50, 0).line("Partner", 80, 170, 28, 0).line("T (415) 555-0123", 700, 560, 28, 2);
  CHECK(extract(p.page).title == "Partner");
}

TEST_CASE("a title of qualifying words that ends in its head word is the title", "[parse][extract][roles]") {
  PageBuilder b;
  b.line("huong.ma@sunpeakdat.example", 900, 110, 43, 0)
      .line("O 608.555.0192", 57, 136, 33, 1)
      .line("Huong Ma", 65, 551, 69, 2)
      .line("Talent Acquisition Lead", 62, 640, 43, 2)
      .line("SUNPEAK DATA PLLC", 64, 700, 33, 2);
  const auto c = extract(b.page);
  CHECK(c.name == "Huong Ma");
  CHECK(c.title == "Talent Acquisition Lead");
}

TEST_CASE("a title of qualifying words only is read under the name when it names a service",
          "[parse][extract][roles]") {
  PageBuilder b;
  b.line("Niamh Petrov", 650, 103, 48, 1)
      .line("Customer Service", 646, 184, 31, 1)
      .line("Atención al cliente", 643, 238, 31, 1)
      .line("Phone / Teléfono (305) 555-0172", 646, 506, 42, 2)
      .line("Email / Correo niamhp@juniper.example", 646, 617, 42, 2);
  const auto c = extract(b.page);
  CHECK(c.name == "Niamh Petrov");
  CHECK(c.title == "Customer Service");
}

TEST_CASE("a firm's name OCR read on the city line after the ZIP stays out of the address",
          "[parse][extract][address]") {
  PageBuilder b;
  b.line("Omar Barakat", 80, 80, 90, 0).line("Sales Representative", 80, 200, 38, 0);
  b.line("1729 Broadway, Floor 103", 80, 560, 36, 1).line("San Francisco, CA 94105 Oakridge Robotics", 80, 610, 36, 1);
  CHECK(extract(b.page).address == "1729 Broadway, Floor 103, San Francisco, CA 94105");
}

TEST_CASE("the bar between a name and its title that OCR read as two small letters is no word of the title",
          "[parse][extract][roles]") {
  using cardscan::parse::split_name_and_title;
  const auto bar = split_name_and_title("Xiaoming Jung ri Product Manager");
  REQUIRE(bar);
  CHECK(bar->first == "Xiaoming Jung");
  CHECK(bar->second == "Product Manager");
  // Small words of a title or of a language stay in it.
  const auto of = split_name_and_title("Zhiwei Karagiannis | of Sales Head");
  REQUIRE(of);
  CHECK(of->second == "of Sales Head");
}
