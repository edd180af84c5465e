// Every row of the lexicon tables run through the code that reads it.
#include <catch2/catch.hpp>
#include <string>

#include "page_fixture.hpp"
#include "parse/address_finder.hpp"
#include "parse/extract.hpp"
#include "parse/field_finders.hpp"
#include "parse/lexicon/countries.hpp"
#include "parse/lexicon/labels.hpp"
#include "parse/lexicon/social.hpp"
#include "parse/lexicon/words.hpp"
#include "parse/qr_payload.hpp"
#include "parse/role_words.hpp"
#include "parse/text.hpp"

using namespace cardscan::parse;
using lexicon::LabelKind;

namespace {
PhoneType phone_type_of(LabelKind k) {
  switch (k) {
    case LabelKind::work:
      return PhoneType::work;
    case LabelKind::mobile:
      return PhoneType::mobile;
    case LabelKind::fax:
      return PhoneType::fax;
    default:
      return PhoneType::other;
  }
}
}  // namespace

TEST_CASE("every phone label types the number printed after it", "[parse][lexicon]") {
  PhoneContext context;
  context.default_region = "GB";
  for (const auto& row : lexicon::labels()) {
    if (!lexicon::is_phone_label(row.kind)) continue;
    const std::string line = std::string(row.word) + ": +44 20 7946 0018";
    INFO(line);
    const auto hits = find_phones(line, context);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].labelled);
    CHECK(hits[0].phone.type == phone_type_of(row.kind));
  }
}

TEST_CASE("every not-a-phone label keeps the number after it out of the phones", "[parse][lexicon]") {
  PhoneContext context;
  context.default_region = "GB";
  for (const auto& row : lexicon::labels()) {
    if (!lexicon::is_not_phone_label(row.kind)) continue;
    const std::string line = std::string(row.word) + ": +44 20 7946 0018";
    INFO(line);
    CHECK(find_phones(line, context).empty());
  }
}

TEST_CASE("no label printed with a dot before an email is glued into its local part", "[parse][lexicon]") {
  for (const auto& row : lexicon::labels()) {
    const std::string line = std::string(row.word) + ". priya.hegde@marlow.example";
    INFO(line);
    const auto hits = find_emails(line);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].address == "priya.hegde@marlow.example");
  }
}

TEST_CASE("every address label and office word is dropped from the address it opens", "[parse][lexicon][address]") {
  auto address_of = [](const std::string& first_line) {
    cardscan::test::PageBuilder b;
    b.line("Amelia Hart", 80, 100, 50, 0).line(first_line, 80, 400, 28, 1).line("Leeds LS1 4AP", 80, 440, 28, 1);
    return extract(b.page, {"GB"}).address;
  };
  for (const auto& row : lexicon::labels()) {
    if (row.kind != LabelKind::address) continue;
    const std::string line = std::string(row.word) + ": 44 High Street";
    INFO(line);
    CHECK(address_of(line) == "44 High Street, Leeds LS1 4AP");
  }
  for (const auto word : lexicon::office_words()) {
    const std::string w(word);
    const bool ends = w == "office" || w == "hq" || w == "headquarters";
    const std::string line = title_case(w) + (ends ? ":" : " Office") + " 44 High Street";
    INFO(line);
    CHECK(address_of(line) == "44 High Street, Leeds LS1 4AP");
  }
  // A lone office word without its colon may be the street's own.
  CHECK(address_of("Office Park 4") == "Office Park 4, Leeds LS1 4AP");
  // A label mid-line starts the address: what is before it is not.
  CHECK(address_of("Hart Partners Ltd, Address: 44 High Street") == "44 High Street, Leeds LS1 4AP");
}

TEST_CASE("label words are found whatever their case and closing punctuation", "[parse][lexicon]") {
  CHECK(lexicon::label_kind("Tel.") == LabelKind::work);
  CHECK(lexicon::label_kind("E-Mail:") == LabelKind::email);
  CHECK(lexicon::label_kind("Fax-") == LabelKind::fax);
  CHECK(lexicon::label_kind("Amelia") == LabelKind::none);
}

TEST_CASE("addresses on newer top-level domains survive whole", "[parse][lexicon][domains]") {
  const auto emails = find_emails("E: hannelore@nordlicht.berlin");
  REQUIRE(emails.size() == 1);
  CHECK(emails[0].address == "hannelore@nordlicht.berlin");
  const auto sites = find_websites("www.nordlicht.berlin");
  REQUIRE(sites.size() == 1);
  CHECK(sites[0].url == "www.nordlicht.berlin");
  CHECK(domain_stem("www.nordlicht.berlin") == "nordlicht");
}

TEST_CASE("the public suffix list tells where the registrable name starts", "[parse][lexicon][domains]") {
  struct Row {
    const char* host;
    const char* stem;
  };
  for (const Row& row : {Row{"mail.acme-corp.co.uk", "acme-corp"}, Row{"www.kingfisher.com.au", "kingfisher"},
                         Row{"tpj.co.jp", "tpj"}, Row{"blaiklock.uk.com", "blaiklock"}, Row{"acme.example", "acme"}}) {
    INFO(row.host);
    CHECK(domain_stem(row.host) == row.stem);
  }
  CHECK(known_tld("berlin"));
  CHECK(known_tld("example"));
  CHECK_FALSE(known_tld("aj"));
  CHECK_FALSE(known_tld("nordlicht"));
}

TEST_CASE("a legal form read as a top-level domain is not a website", "[parse][lexicon][domains]") {
  CHECK(find_websites("HOLON Co.Ltd").empty());
  CHECK(find_websites("Acme.Inc").empty());
  CHECK(find_websites("acme.co").size() == 1);
}

TEST_CASE("every social network's hosts and labels name that network", "[parse][lexicon][social]") {
  for (const auto& network : lexicon::social_networks()) {
    for (auto host : network.hosts) {
      const std::string line = "https://www." + std::string(host) + "/@jane.doe";
      INFO(line);
      const auto hits = find_social(line);
      REQUIRE(hits.size() == 1);
      CHECK(hits[0].handle.service == network.service);
      CHECK(find_websites(line).empty());
    }
    for (auto label : network.labels) {
      const std::string line = std::string(label) + ": @jane.doe";
      INFO(line);
      const auto hits = find_social(line);
      REQUIRE(hits.size() == 1);
      CHECK(hits[0].handle.service == network.service);
      CHECK(hits[0].handle.handle == "@jane.doe");
    }
  }
}

TEST_CASE("tiktok and threads profiles are their own networks, not X handles", "[parse][lexicon][social]") {
  const auto tiktok = find_social("tiktok.com/@nordlicht");
  REQUIRE(tiktok.size() == 1);
  CHECK(tiktok[0].handle.service == "tiktok");
  CHECK(tiktok[0].handle.handle == "tiktok.com/@nordlicht");
  const auto threads = find_social("threads.net/@nordlicht");
  REQUIRE(threads.size() == 1);
  CHECK(threads[0].handle.service == "threads");
}

TEST_CASE("Debian's word lists tell ordinary words from people's names", "[parse][lexicon]") {
  REQUIRE(lexicon::common_word_count() > 100000);  // the lists install-deps.sh installs were read
  // Ordinary words, in any case, in each language's list.
  for (const char* w : {"services", "Global", "LAKE", "city", "logistics"}) {
    INFO(w);
    CHECK(lexicon::common_word(w).english);
  }
  for (const char* w : {"société", "servicio", "tecnologia", "verkoop", "entreprise"}) {
    INFO(w);
    CHECK(lexicon::common_word(w).other);
  }
  // Given and family names the lists spell capitalised or do not know.
  for (const char* w : {"Wojciech", "Przybylski", "Thandiwe", "Okonkwo", "Ngozi"}) {
    INFO(w);
    CHECK_FALSE(lexicon::common_word(w).english);
    CHECK_FALSE(lexicon::common_word(w).other);
  }
  // Too short to say anything.
  CHECK_FALSE(lexicon::common_word("de").other);
}

TEST_CASE("ordinary English words that the lists also spell as names are known as names", "[parse][lexicon]") {
  for (const char* w : {"Lee", "ROSE", "king", "Young"}) {
    INFO(w);
    CHECK(lexicon::common_word(w).english);
    CHECK(lexicon::common_word(w).name);
  }
  for (const char* w : {"services", "logistics", "global"}) {
    INFO(w);
    CHECK_FALSE(lexicon::common_word(w).name);
  }
}

TEST_CASE("every country's names are read on a country line and after a city", "[parse][lexicon][address]") {
  for (const auto& row : lexicon::countries()) {
    std::string_view names = row.names;
    while (!names.empty()) {
      const auto bar = names.find('|');
      const std::string name(names.substr(0, bar));
      INFO(name);
      const auto whole = lexicon::country_named(name);
      REQUIRE(whole);
      CHECK(whole->region == row.region);
      const auto after = lexicon::country_at_end("Springfield, " + name);
      REQUIRE(after);
      CHECK(after->region == row.region);
      CHECK(address_evidence("Springfield, " + name).country);
      if (bar == std::string_view::npos) break;
      names.remove_prefix(bar + 1);
    }
  }
  CHECK_FALSE(lexicon::country_at_end("Japan"));  // a whole line is a country line, not a city's
}

TEST_CASE("every main city of a country marks the line it ends as a city line", "[parse][lexicon][address]") {
  for (const auto& row : lexicon::countries()) {
    std::string_view cities = row.cities;
    while (!cities.empty()) {
      const auto bar = cities.find('|');
      const std::string city(cities.substr(0, bar));
      INFO(city);
      const auto found = lexicon::country_of_city_at_end("Al Quoz, " + city);
      REQUIRE(found);
      CHECK(found->region == row.region);
      const auto ev = address_evidence("Al Quoz, " + city);
      CHECK(ev.locality >= 0.5);
      CHECK(ev.region == row.region);
      if (bar == std::string_view::npos) break;
      cities.remove_prefix(bar + 1);
    }
  }
  CHECK_FALSE(lexicon::country_of_city_at_end("Dubai"));  // a whole line: a city's name, maybe a firm's
}

TEST_CASE("every country's city line puts city and postcode in its own order", "[parse][lexicon][address]") {
  for (const auto& row : lexicon::countries()) {
    const std::string name(row.names.substr(0, row.names.find('|')));
    INFO(name);
    PostalAddress a;
    a.street = "1 Main Street";
    a.city = "Springfield";
    a.postcode = "12345";
    a.country = name;
    const std::string want = row.city_first ? "1 Main Street, Springfield 12345" : "1 Main Street, 12345 Springfield";
    CHECK(format_address(a, false) == want);
  }
}

TEST_CASE("a card placed in a country with its own OCR model asks to be read with it", "[parse][lexicon][ocr]") {
  for (const auto& row : lexicon::countries()) {
    const std::string name(row.names.substr(0, row.names.find('|')));
    INFO(name);
    cardscan::test::PageBuilder b;
    b.line("Minh Tran", 80, 60, 44, 0).line("12 Harbour Road", 80, 300, 26, 1).line("Springfield, " + name, 80, 340, 26, 1);
    CHECK(national_ocr_model(b.page) == std::string(row.ocr_model));
  }
  cardscan::test::PageBuilder none;
  none.line("Minh Tran", 80, 60, 44, 0).line("minh@example.com", 80, 300, 26, 1);
  CHECK(national_ocr_model(none.page).empty());
  // A domain under the country's TLD is evidence too.
  cardscan::test::PageBuilder vn;
  vn.line("Phan Thanh Phương", 80, 60, 44, 0).line("ptphuong@example.com.vn", 80, 300, 26, 1);
  CHECK(national_ocr_model(vn.page) == "vie");
}

TEST_CASE("every organisation or trade word makes the line it ends the card's company", "[parse][lexicon][company]") {
  for (const auto word : cardscan::parse::firm_word_rows()) {
    const std::string company = "Rookwood " + cardscan::parse::title_case(std::string(word));
    CHECK(cardscan::parse::company_word_evidence(company) >= 0.6);
    cardscan::test::PageBuilder b;
    b.line(company, 80, 60, 56, 0)
        .line("Ines Vandermeer", 80, 300, 44, 1)
        .line("Account Executive", 80, 360, 26, 1)
        .line("ines.vandermeer@gmail.com", 80, 520, 24, 2);
    const auto c = cardscan::parse::extract(b.page);
    INFO(company);
    CHECK(c.company == company);
    CHECK(c.name == "Ines Vandermeer");
  }
}

TEST_CASE("title words read whole job titles, ordinary words do not", "[parse][lexicon][roles]") {
  using cardscan::parse::title_word_evidence;
  for (const char* title : {"Talent Acquisition Lead", "Client Relations", "Senior Account Manager",
                            "Chargée de clientèle", "Vertriebsleiterin", "Giám Đốc", "GIÁM ĐỐC",
                            "Trưởng phòng Môi giới", "Phó Tổng Giám Đốc"}) {
    INFO(title);
    CHECK(title_word_evidence(title) > 0);
  }
  for (const char* department : {"Ban Cung Ứng", "Phòng Khách hàng Tổ chức", "Khoa Điện - Điện tử"}) {
    INFO(department);
    CHECK(cardscan::parse::department_words(department));
  }
  for (const char* other : {"Riverside House", "Good food, good company", "Harbor Bakery"}) {
    INFO(other);
    CHECK(title_word_evidence(other) == 0);
  }
}

TEST_CASE("a word that names a job only at a title's end does so there and not before another word",
          "[parse][lexicon][roles]") {
  using cardscan::parse::title_word_evidence;
  CHECK(title_word_evidence("Talent Acquisition Lead") >= 0.75);
  CHECK(title_word_evidence("Team Lead") >= 0.75);
  // Before another word it only qualifies it; alone it is no title.
  CHECK(title_word_evidence("Lead Generation") == 0);
  CHECK(title_word_evidence("Lead") < 0.75);
}
