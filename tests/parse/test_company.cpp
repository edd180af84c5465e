#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "page_fixture.hpp"
#include "parse/extract.hpp"

using cardscan::parse::extract;
using cardscan::test::PageBuilder;

TEST_CASE("a web address or a list of services is never the company", "[parse][extract][company]") {
  // Each printed large at the top, where a company's logo line would be,
  // with the firm's name in small print further down.
  for (const char* line : {"WWW.NORTHWIND.", "www northwindtraders 00m", "northwind. co. uk"}) {
    PageBuilder b;
    b.line(line, 80, 40, 60, 0)
        .line("Ines Vandermeer", 80, 200, 44, 1)
        .line("Sales Director", 80, 260, 26, 1)
        .line("Northwind Traders", 80, 420, 26, 2)
        .line("ines@northwind.example", 80, 520, 22, 2);
    INFO(line);
    CHECK(extract(b.page).company == "Northwind Traders");
  }
  // A list of services under the name is not more of the name, nor a
  // company by itself.
  for (const char* list : {"TAX / PAYROLL / ADVISORY / AUDIT", "MAINTENANCE > INSTALLATION > DESIGN"}) {
    PageBuilder firm;
    firm.line("Hollowmere Accounting Group", 300, 40, 50, 0)
        .line(list, 80, 120, 26, 0)
        .line("Ines Vandermeer", 80, 300, 44, 1)
        .line("Sales Director", 80, 360, 26, 1)
        .line("ines@hollowmerehq.example", 80, 520, 22, 2);
    INFO(list);
    CHECK(extract(firm.page).company == "Hollowmere Accounting Group");
    PageBuilder none;
    none.line(list, 80, 120, 40, 0)
        .line("Ines Vandermeer", 80, 300, 44, 1)
        .line("Sales Director", 80, 360, 26, 1)
        .line("ines@hollowmerehq.example", 80, 520, 22, 2);
    CHECK(extract(none.page).company.empty());
  }
  // A dotted legal form is no web address.
  PageBuilder b;
  b.line("Harbor Law Group GmbH & Co. KG", 80, 40, 40, 0)
      .line("Stefan Brandt", 80, 200, 44, 1)
      .line("Art Director", 80, 260, 26, 1)
      .line("stefan@harborlaw.example", 80, 520, 22, 2);
  CHECK(extract(b.page).company == "Harbor Law Group GmbH & Co. KG");
}

TEST_CASE("a company name printed in pieces beside or under each other is put together", "[parse][extract][company]") {
  auto card = [](PageBuilder& b) {
    b.line("Ines Vandermeer", 80, 300, 44, 1)
        .line("Sales Director", 80, 360, 26, 1)
        .line("ines@example.org", 80, 520, 22, 2);
    return extract(b.page).company;
  };
  // Two type sizes on one row: the generic tail takes the name before it.
  PageBuilder sizes;
  sizes.line("GLOBAL LOGISTICS", 80, 40, 60, 0).line("SERVICES L.L.C", 80 + 16 * 33 + 20, 62, 30, 3);
  CHECK(card(sizes) == "GLOBAL LOGISTICS SERVICES L.L.C");
  // Three pieces along one row, read out of order.
  PageBuilder row;
  row.line("STUDIO CORP.", 400, 40, 30, 0).line("DESIGN", 250, 36, 40, 0).line("UPLAND", 130, 40, 30, 0);
  CHECK(card(row) == "UPLAND DESIGN STUDIO CORP.");
  // A legal form spelt out on the row under the name, which OCR read
  // before the name.
  PageBuilder stacked;
  stacked.line("JOINT STOCK COMPANY", 300, 90, 40, 0).line("JINNO INTERNATIONAL COOPERATION", 300, 40, 40, 1);
  CHECK(card(stacked) == "JINNO INTERNATIONAL COOPERATION JOINT STOCK COMPANY");
  // Noise OCR made of a logo beside the generic words is no piece of the name.
  PageBuilder noise;
  noise.line("O pana", 80, 40, 60, 0, 20).line("Realty", 80 + 6 * 33 + 20, 50, 40, 1);
  CHECK(card(noise) == "Realty");
}

TEST_CASE("a word OCR split is rejoined from the domain only inside a capitalised name", "[parse][extract][company]") {
  auto company = [](const std::string& line, const std::string& email) {
    PageBuilder b;
    b.line(line, 80, 40, 60, 0)
        .line("Ines Vandermeer", 80, 200, 44, 1)
        .line("Sales Director", 80, 260, 26, 1)
        .line(email, 80, 520, 22, 2);
    return extract(b.page).company;
  };
  CHECK(company("Lakes hore Builders", "ines@lakeshorebuilders.example") == "Lakeshore Builders");
  // A name set all in lower case: each word is one of its own, though the
  // domain spells them together.
  CHECK(company("oakhaven dental care", "ines@oakhavendentalcare.example") == "oakhaven dental care");
  CHECK(company("marlow law group", "ines@marlowlawgroup.example") == "marlow law group");
}

TEST_CASE("a title OCR read on the company's line in another case is cut off", "[parse][extract][company]") {
  struct Row {
    const char* line;
    const char* company;
    const char* title;  // read from the company's line when the card has no other
  };
  for (const auto& row :
       std::vector<Row>{{"IRONWOOD CONSULTING Vertriebsleiterin", "IRONWOOD CONSULTING", "Vertriebsleiterin"},
                        {"Physical Therapist quartz biotech", "quartz biotech", "Physical Therapist"},
                        // One case throughout, or no job word on either side: one name.
                        {"Ironwood Consulting Partners", "Ironwood Consulting Partners", ""},
                        {"IRONWOOD Consulting Group", "IRONWOOD Consulting Group", ""}}) {
    PageBuilder b;
    b.line("Khalid Nasser", 80, 40, 50, 0)
        .line(row.line, 80, 200, 30, 1)
        .line("khalid@ironwood.example", 80, 520, 22, 2)
        .line("www.quartz.example", 80, 560, 22, 2);
    INFO(row.line);
    const auto c = extract(b.page);
    CHECK(c.company == row.company);
    CHECK(c.title == row.title);
  }
}

TEST_CASE("a legal form whose l OCR read as a capital I is put right", "[parse][extract][company]") {
  for (const auto& [line, company] : std::vector<std::pair<std::string, std::string>>{
           {"Newbees Co., Itd.", "Newbees Co., ltd."},
           {"Newbees IIc", "Newbees llc"},
           {"Newbees Co.,Itd", "Newbees Co.,ltd"},
           {"IT Newbees Ltd.", "IT Newbees Ltd."}}) {  // an I that makes no legal form stays
    PageBuilder b;
    b.line(line, 80, 40, 40, 0)
        .line("Masashi Arai", 80, 200, 44, 1)
        .line("General Manager", 80, 260, 26, 1)
        .line("arai@newbees.example", 80, 520, 22, 2);
    INFO(line);
    CHECK(extract(b.page).company == company);
  }
}

TEST_CASE("a company that spells part of the domain is completed to all of it", "[parse][extract][company]") {
  auto card = [](PageBuilder& b, const std::string& site) {
    b.line("Mauricio Regner", 80, 300, 44, 1)
        .line("Sales Manager", 80, 360, 26, 1)
        .line("mregner@" + site, 80, 520, 22, 2)
        .line("www." + site, 80, 560, 22, 2);
    return extract(b.page).company;
  };
  // The rest printed over it, in a logo OCR read with a word of noise.
  PageBuilder logo;
  logo.line("CIS NAS", 860, 40, 40, 0, 40).line("Global Services", 860, 88, 44, 0);
  CHECK(card(logo, "cisglobalservices.example") == "CIS Global Services");
  // The rest nowhere in print: a hyphenated label names its words.
  PageBuilder hyphen;
  hyphen.line("OVERSEAS", 500, 40, 40, 0);
  CHECK(card(hyphen, "seli-overseas.example") == "SELI OVERSEAS");
  PageBuilder mixed;
  mixed.line("Overseas Freight", 500, 40, 40, 0);
  CHECK(card(mixed, "seli-overseas-freight.example") == "Seli Overseas Freight");
  // A label that is not hyphenated and whose rest is not printed beside
  // the company leaves it as it is.
  PageBuilder plain;
  plain.line("Global Services", 860, 88, 44, 0);
  CHECK(card(plain, "cisglobalservices.example") == "Global Services");
}

TEST_CASE("a name followed by the word for the firm's trade is a company even in small print",
          "[parse][extract][company]") {
  for (const char* line : {"Dovetail Builders", "NORTHWIND BAKERY", "Harbor Law Group"}) {
    PageBuilder b;
    b.line("Joost Bergström", 80, 40, 80, 0)
        .line("Senior Product Designer", 80, 140, 30, 0)
        .line(line, 800, 600, 20, 3)
        .line("joost.bergstrom86@gmail.com", 80, 480, 30, 2);
    INFO(line);
    CHECK(extract(b.page).company == line);
  }
  // Trade words alone, or after a word that is one too, are no firm's name.
  for (const char* line : {"International Freight", "Logistics Services"}) {
    PageBuilder b;
    b.line("Joost Bergström", 80, 40, 80, 0)
        .line("Senior Product Designer", 80, 140, 30, 0)
        .line(line, 800, 600, 20, 3)
        .line("joost.bergstrom86@gmail.com", 80, 480, 30, 2);
    INFO(line);
    CHECK(extract(b.page).company.empty());
  }
}

TEST_CASE("the words under a logo that say what the firm does go on with its name", "[parse][extract][company]") {
  auto card = [](const std::string& under) {
    PageBuilder b;
    // OCR read the line under the logo first, and its top into the logo's box.
    b.line(under, 260, 150, 40, 0).line("BELTIS", 80, 40, 120, 0);
    b.line("Daniel Carlos", 700, 300, 44, 1)
        .line("Sales Manager", 700, 360, 26, 1)
        .line("daniel@beltis.example", 700, 520, 22, 2);
    return extract(b.page).company;
  };
  CHECK(card("IT Solutions") == "BELTIS IT Solutions");
  CHECK(card("ENGINEERING SERVICES") == "BELTIS ENGINEERING SERVICES");
  // A slogan that mixes cases, or runs on past a trade word, is not the name.
  CHECK(card("Smart logistics Solutions") == "BELTIS");
  CHECK(card("Solutions for your business") == "BELTIS");
}

TEST_CASE("a job word before a legal form is part of the firm's name", "[parse][extract][company]") {
  for (const char* line : {"SCHÄFER & PARTNER E.K,", "Ames & Associates LLP"}) {
    PageBuilder b;
    b.line(line, 280, 130, 26, 0)
        .line("MAINTENANCE > INSTALLATION > DESIGN > STRATEGY", 170, 460, 16, 2)
        .line("Günter N. Schäfer", 80, 640, 30, 3)
        .line("P +49 89 99998 854", 80, 700, 30, 3);
    INFO(line);
    CHECK(extract(b.page).company == line);
  }
}

TEST_CASE("a name particle that starts the company is kept but debris before it is not", "[parse][extract][company]") {
  for (const auto& [line, company] :
       std::vector<std::pair<std::string, std::string>>{{"de Jong & Associates", "de Jong & Associates"},
                                                        {"van Dijk Logistics B.V.", "van Dijk Logistics B.V."},
                                                        {"ai Northwind Capital PLLC", "Northwind Capital PLLC"}}) {
    PageBuilder b;
    b.line(line, 80, 60, 44, 0)
        .line("Sanne Visser", 80, 300, 50, 1)
        .line("Procurement Specialist", 80, 370, 28, 1)
        .line("sanne@example.org", 80, 520, 24, 2);
    INFO(line);
    CHECK(extract(b.page).company == company);
  }
}

TEST_CASE("two lines of one row whose boxes overlap are joined in the order their words start",
          "[parse][extract][company]") {
  PageBuilder b;
  b.line("Huỳnh Thị Tố Loan", 780, 240, 50, 1).line("Trưởng phòng Môi giới", 830, 310, 34, 1);
  b.line("Ty TNHH", 147, 494, 40, 2);
  // OCR boxed "Công" over "Ty TNHH", which it read as a line of its own.
  b.line("Công Chứng Khoán Mirae Asset (Việt Nam)", 58, 500, 40, 3);
  auto& long_line = b.page.lines.back();
  long_line.words[0].box.width = 240;
  for (std::size_t i = 1; i < long_line.words.size(); ++i) long_line.words[i].box.x += 160;
  long_line.box.width += 160;
  b.line("Email: loan.htt@miraeasset.example", 615, 690, 30, 4);
  CHECK(extract(b.page).company == "Công Ty TNHH Chứng Khoán Mirae Asset (Việt Nam)");
}

TEST_CASE("a firm word OCR misread by a letter is put right in the company", "[parse][extract][company]") {
  for (const auto& [line, company] :
       std::vector<std::pair<std::string, std::string>>{{"Pinnacle Coffee Roaster3", "Pinnacle Coffee Roasters"},
                                                        {"Hartwell Design Studic", "Hartwell Design Studio"},
                                                        {"HARTWELL DESIGN STUDIC", "HARTWELL DESIGN STUDIO"},
                                                        {"Riverbend Eneray", "Riverbend Energy"},
                                                        // A brand's own spelling, and words of a language's list, stay.
                                                        {"SupplyX GmbH", "SupplyX GmbH"},
                                                        {"Supplyx GmbH", "Supplyx GmbH"},
                                                        {"Pinnacle Logistic", "Pinnacle Logistic"}}) {
    PageBuilder b;
    b.line(line, 80, 60, 44, 0)
        .line("Gaia Ma", 80, 300, 50, 1)
        .line("Sales Director", 80, 370, 28, 1)
        .line("gaia@" + cardscan::parse::to_lower(line.substr(0, line.find(' '))) + ".example", 80, 520, 24, 2);
    INFO(line);
    CHECK(extract(b.page).company == company);
  }
}
