#include <catch2/catch.hpp>

#include "page_fixture.hpp"
#include "parse/extract.hpp"
#include "parse/field_finders.hpp"

using namespace cardscan::parse;

namespace {
std::vector<std::string> sites(std::string_view line) {
  std::vector<std::string> out;
  for (const auto& h : find_websites(line)) out.push_back(h.url);
  return out;
}
}  // namespace

TEST_CASE("web addresses with scheme, www or a known TLD are found", "[parse][web]") {
  CHECK(sites("https://www.acme.example/") == std::vector<std::string>{"https://www.acme.example"});
  CHECK(sites("Web: www.acme.co.uk") == std::vector<std::string>{"www.acme.co.uk"});
  CHECK(sites("acme.io") == std::vector<std::string>{"acme.io"});
}

TEST_CASE("the domain of an email is not a website", "[parse][web]") { CHECK(sites("jane@acme.com").empty()); }

TEST_CASE("abbreviations are not websites", "[parse][web]") {
  CHECK(sites("Acme Inc. and Co.").empty());
  CHECK(sites("e.g. this").empty());
}

TEST_CASE("OCR-garbled web addresses are repaired where the shape proves it", "[parse][web]") {
  CHECK(sites("Website https:/Avww.northwind.example") == std::vector<std::string>{"https://www.northwind.example"});
  CHECK(sites("W https://www oakridgehq example") == std::vector<std::string>{"https://www.oakridgehq.example"});
  CHECK(sites("www.meadowarc hitects.de") == std::vector<std::string>{"www.meadowarchitects.de"});
}

TEST_CASE("social profiles are handles, not websites or emails", "[parse][social]") {
  CHECK(sites("linkedin.com/in/jane-doe").empty());
  const auto social = find_social("linkedin.com/in/jane-doe");
  REQUIRE(social.size() == 1);
  CHECK(social[0].handle.service == "linkedin");
  CHECK(social[0].handle.handle == "linkedin.com/in/jane-doe");
  const auto x = find_social("X @janedoe");
  REQUIRE(x.size() == 1);
  CHECK(x[0].handle.handle == "@janedoe");
  CHECK(find_social("jane@acme.com").empty());
}

TEST_CASE("domains reduce to their registrable name and region", "[parse][web]") {
  CHECK(domain_stem("www.acme-corp.co.uk") == "acme-corp");
  CHECK(domain_stem("mail.bright.io") == "bright");
  CHECK(region_of_tld("uk") == "GB");
  CHECK(region_of_tld("de") == "DE");
  CHECK(region_of_tld("io").empty());
  CHECK(region_of_tld("com").empty());
}

TEST_CASE("a www OCR garbled is put right, nothing else is touched", "[parse][web]") {
  using cardscan::parse::tidy_www;
  CHECK(tidy_www("wwwhaasgroup.de") == "www.haasgroup.de");
  CHECK(tidy_www("WwW.www.aster.de") == "www.aster.de");
  CHECK(tidy_www("ww.pinnacleventures.uk") == "www.pinnacleventures.uk");
  CHECK(tidy_www("wvw.acme.com") == "www.acme.com");
  CHECK(tidy_www("Awww.larchmontphotography.com") == "www.larchmontphotography.com");
  CHECK(tidy_www("https://wwwacme.com/team") == "https://www.acme.com/team");
  for (const char* same : {"www.acme.com", "WWW.ACME.COM", "https://www.acme.com", "acme.com", "wwf.org", "www.com"}) {
    INFO(same);
    CHECK(tidy_www(same) == same);
  }
}

TEST_CASE("a website that is a card's email with its @ misread is no website", "[parse][web]") {
  cardscan::test::PageBuilder b;
  b.line("Serena Gupta", 80, 100, 60, 0)
      .line("serena.gupta@dovetailco.in", 80, 400, 26, 1)
      .line("serena guptaedovetailco.in", 80, 440, 26, 1)
      .line("www.dovetailmarine.com", 80, 480, 26, 1);
  CHECK(cardscan::parse::extract(b.page).websites == std::vector<std::string>{"www.dovetailmarine.com"});
}

TEST_CASE("a website OCR cut at one of its email domain's dots is that domain", "[parse][web]") {
  cardscan::test::PageBuilder b;
  b.line("Ophelie Moreau", 80, 100, 60, 0)
      .line("ophelie_moreau@silverlineprin.co.in", 80, 400, 26, 1)
      .line("https://silverlineprin.co", 80, 440, 26, 1, 50);
  CHECK(cardscan::parse::extract(b.page).websites == std::vector<std::string>{"https://silverlineprin.co.in"});
}

TEST_CASE("a space OCR put beside a dot of a web address is closed", "[parse][web]") {
  CHECK(sites("Web www.copperleafnet .com. au") == std::vector<std::string>{"www.copperleafnet.com.au"});
  CHECK(sites("ww .ridgeline.io") == std::vector<std::string>{"www.ridgeline.io"});
  // The end of a sentence stays apart, and so does a dot with no web address before it.
  CHECK(sites("www.acme.com. Call us today") == std::vector<std::string>{"www.acme.com"});
  CHECK(sites("Acme Co. Ltd").empty());
}
