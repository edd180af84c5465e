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
