#include <catch2/catch.hpp>

#include "page_fixture.hpp"
#include "parse/card_language.hpp"
#include "parse/extract.hpp"
#include "parse/field_finders.hpp"

using namespace cardscan::parse;

namespace {
std::vector<PhoneHit> phones(std::string_view line, std::string region = "US", std::vector<std::string> regions = {}) {
  PhoneContext context;
  context.default_region = std::move(region);
  context.regions = std::move(regions);
  return find_phones(line, context);
}
}  // namespace

TEST_CASE("numbers are normalised to E.164 in the default region", "[parse][phone]") {
  const auto hits = phones("(415) 555-0123");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].phone.e164 == "+14155550123");
  CHECK(hits[0].phone.text == "(415) 555-0123");
}

TEST_CASE("printed labels type the number", "[parse][phone]") {
  CHECK(phones("Mobile: 415.555.0123").at(0).phone.type == PhoneType::mobile);
  CHECK(phones("M +1 415 555 0123").at(0).phone.type == PhoneType::mobile);
  CHECK(phones("Cell 415-555-0123").at(0).phone.type == PhoneType::mobile);
  CHECK(phones("Fax (415) 555-0123").at(0).phone.type == PhoneType::fax);
  CHECK(phones("F: 415 555 0123").at(0).phone.type == PhoneType::fax);
  CHECK(phones("Tel. 415 555 0123").at(0).phone.type == PhoneType::work);
  CHECK(phones("T 415 555 0123").at(0).phone.type == PhoneType::work);
  CHECK(phones("Telefon 089 99998047", "DE").at(0).phone.type == PhoneType::work);
  CHECK(phones("Handy 0171 3920087", "DE").at(0).phone.type == PhoneType::mobile);
}

TEST_CASE("rare one-letter labels need their colon, common ones do not", "[parse][phone]") {
  CHECK(phones("O: 415 555 0123").at(0).labelled);
  CHECK_FALSE(phones("O 415 555 0123").at(0).labelled);  // an icon read as a letter
  CHECK(phones("M 415 555 0123").at(0).labelled);
}

TEST_CASE("two numbers on one line each take their own label", "[parse][phone]") {
  const auto hits = phones("T 415 555 0123 | F 415 555 0199");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].phone.type == PhoneType::work);
  CHECK(hits[1].phone.type == PhoneType::fax);
  CHECK(hits[1].phone.e164 == "+14155550199");
}

TEST_CASE("numbers printed glued to the next label are split", "[parse][phone]") {
  const auto hits = phones("Tel 800.555.0171Mobile 1-514-555-0180");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].phone.e164 == "+18005550171");
  CHECK(hits[1].phone.e164 == "+15145550180");
  CHECK(hits[1].phone.type == PhoneType::mobile);
}

TEST_CASE("without a label libphonenumber's number type decides", "[parse][phone]") {
  CHECK(phones("+49 171 3920087").at(0).phone.type == PhoneType::mobile);
  CHECK(phones("+49 89 99998047").at(0).phone.type == PhoneType::work);
}

TEST_CASE("tax, VAT, bank and registration numbers are not phones", "[parse][phone]") {
  CHECK(phones("VAT GB 123 4567 89", "GB").empty());
  CHECK(phones("USt-IdNr. DE 811 907 980", "DE").empty());
  CHECK(phones("IBAN DE89 3704 0044 0532 0130 00", "DE").empty());
  CHECK(phones("HRB 123456 Amtsgericht München", "DE").empty());
  CHECK(phones("ABN 51 824 753 556", "AU").empty());
}

TEST_CASE("postcodes on an address line are not phones", "[parse][phone]") {
  PhoneContext context;
  context.default_region = "DE";
  context.address_line = true;
  CHECK(find_phones("Am Rosengarten 66 10115 Berlin", context).empty());
}

TEST_CASE(
    "a possible number under a phone label is kept even if metadata "
    "calls it invalid",
    "[parse][phone]") {
  // 07700 900xxx is reserved for drama in the UK: possible, not valid.
  const auto hits = phones("Mobile 07700 900825", "GB");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].phone.e164 == "+447700900825");
  CHECK(hits[0].phone.type == PhoneType::mobile);
  // Without a label such a number is not trusted inside other text...
  CHECK(phones("Order 07700 900825 shipped", "GB").empty());
}

TEST_CASE(
    "a possible number alone on its line in the national grouping needs "
    "no label",
    "[parse][phone]") {
  // ...but alone on its line, as the region prints it, it is a phone.
  const auto hits = phones("[) 07700 900825", "GB");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].phone.e164 == "+447700900825");
  CHECK(hits[0].phone.confidence < 0.9);
  // Another grouping is not the plan's: not trusted.
  CHECK(phones("077 009 00825", "GB").empty());
}

TEST_CASE("a possible number in its plan's international grouping needs no label", "[parse][phone]") {
  CHECK(phones("+44 7700 900118").at(0).phone.e164 == "+447700900118");
  // Without the plan's grouping it is not trusted.
  CHECK(phones("+4477009 00118").empty());
  // The trunk zero many cards print in brackets after the country code is
  // no group of the number.
  CHECK(phones("+44 (0)7700 900118").at(0).phone.e164 == "+447700900118");
  CHECK(phones("+33 (0)6 39 98 66 39").at(0).phone.e164 == "+33639986639");
  CHECK(phones("+44 (0)77009 00118").empty());
}

TEST_CASE("extensions are kept apart from the number", "[parse][phone]") {
  const auto hits = phones("Tel (415) 555-0123 ext. 42");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].phone.e164 == "+14155550123");
  CHECK(hits[0].phone.extension == "42");
}

TEST_CASE("letters OCR confused with digits are repaired inside numbers only", "[parse][phone]") {
  CHECK(phones("Tel 415 555 O123").at(0).phone.e164 == "+14155550123");
  CHECK(phones("Telephone o161 496 0056", "GB").at(0).phone.e164 == "+441614960056");
  CHECK(phones("Direct: +1 602 $$$ 0144").at(0).phone.e164 == "+16025550144");
  CHECK(phones("M: 1-41$-$$$-01$$").at(0).phone.e164 == "+14155550155");
  // Words are left alone.
  CHECK(phones("Oslo 0150, Tel 22 33 44 55", "NO").at(0).phone.e164 == "+4722334455");
}

TEST_CASE("national numbers pick the card's region from their own shape", "[parse][phone]") {
  PhoneContext context;  // default US: neither number is valid there
  const std::string card = "Telephone 0161 496 0056\nMobile 07700 900825\n";
  CHECK(region_for_national_numbers(card, context) == "GB");
  context.regions = {"AU"};                                               // a .au domain on the card
  CHECK(region_for_national_numbers("(02) 5550 2946", context).empty());  // AU already reads it
}

TEST_CASE("country codes on a card suggest regions", "[parse][phone]") {
  CHECK(regions_from_country_codes("T +49 89 1234567\nM +44 7700 900825") == std::vector<std::string>{"DE", "GB"});
}

TEST_CASE("a calling code printed in brackets gives the number its country", "[parse][phone]") {
  cardscan::test::PageBuilder b;
  b.line("Wing Tai Trading", 80, 60, 40, 0)
      .line("T : (852) 2123 4567", 80, 300, 24, 1)
      .line("DL : (852) 3123 4568", 80, 340, 24, 1);
  const auto c = cardscan::parse::extract(b.page);  // --region US
  REQUIRE(c.phones.size() == 2);
  CHECK(c.phones[0].e164 == "+85221234567");
  CHECK(c.phones[1].e164 == "+85231234568");
}

TEST_CASE("an area code in brackets without a trunk 0 is read in the plan it fits", "[parse][phone]") {
  cardscan::test::PageBuilder b;
  b.line("Oficina Central", 80, 60, 40, 0).line("Tel : (11) 98765-4321", 80, 300, 24, 1);
  const auto c = cardscan::parse::extract(b.page);  // --region US, where it is no number
  REQUIRE(c.phones.size() == 1);
  CHECK(c.phones[0].e164 == "+5511987654321");
}

TEST_CASE("a Canadian number on a card read as US stays a +1 number", "[parse][phone]") {
  cardscan::test::PageBuilder b;
  b.line("Maple Systems", 80, 60, 40, 0)
      .line("Cell (613) 555-0179", 80, 300, 24, 1)
      .line("T 1-613-555-0114", 80, 340, 24, 1);
  const auto c = cardscan::parse::extract(b.page);
  REQUIRE(c.phones.size() == 2);
  for (const auto& p : c.phones) CHECK(p.e164.rfind("+1613", 0) == 0);
}

TEST_CASE("each phone type reads back from its word, and no other word is a type", "[parse][phone]") {
  for (PhoneType t : {PhoneType::work, PhoneType::mobile, PhoneType::fax, PhoneType::other})
    CHECK(parse_phone_type(to_string(t)) == t);
  CHECK(to_string(PhoneType::mobile) == "mobile");
  CHECK_FALSE(parse_phone_type("cell").has_value());
  CHECK_FALSE(parse_phone_type("Work").has_value());
  CHECK_FALSE(parse_phone_type("").has_value());
}

TEST_CASE("an icon read as a lone digit before a number is not part of it", "[parse][phone]") {
  const auto hits = phones("0 514 555 0182", "CA");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].phone.e164 == "+15145550182");
  CHECK(hits[0].phone.text == "514 555 0182");
  CHECK(phones("[0 617 555 0118").at(0).phone.e164 == "+16175550118");
  // A lone digit that belongs to the number stays: "1 800 555 0199".
  CHECK(phones("1 800 555 0199").at(0).phone.e164 == "+18005550199");
}

TEST_CASE("a country named in a number's label reads the number in that country's plan", "[parse][phone]") {
  PhoneContext jp;
  jp.default_region = "JP";
  auto e164 = [&](const std::string& line) {
    const auto hits = find_phones(line, jp);
    return hits.empty() ? std::string() : hits.front().phone.e164;
  };
  CHECK(e164("TEL (VN mobile): 093-8123743") == "+84938123743");
  CHECK(e164("Vietnam office 093-8123743") == "+84938123743");
  CHECK(e164("UK: 020 7946 0958") == "+442079460958");
  // Without a country in the label the card's own plan reads it.
  CHECK(e164("Mobile: 093-8123743") == "+81938123743");
  // A printed country code is not overruled.
  CHECK(e164("TEL (VN): +81 90 4695 1463") == "+819046951463");
}

TEST_CASE("a number wrapped onto the next line of its block is read whole", "[parse][phone]") {
  cardscan::test::PageBuilder b;
  b.line("Rodrigo Schneider", 80, 100, 60, 0)
      .line("T 0191 498 0347 / F 0191", 80, 400, 26, 1)
      .line("498 0219", 80, 440, 26, 1);
  std::vector<std::string> numbers;
  for (const auto& p : cardscan::parse::extract(b.page, {"GB"}).phones) numbers.push_back(p.e164);
  CHECK(numbers == std::vector<std::string>{"+441914980347", "+441914980219"});
  // A house number over a postcode line is no number.
  cardscan::test::PageBuilder a;
  a.line("Silke Haas", 80, 100, 60, 0).line("Königsallee 22", 80, 400, 26, 1).line("10115 Berlin", 80, 440, 26, 1);
  const auto c = cardscan::parse::extract(a.page, {"DE"});
  CHECK(c.phones.empty());
  CHECK(c.address == "Königsallee 22, 10115 Berlin");
}

TEST_CASE("a card that names no region is read in the plan of a region speaking its language", "[parse][phone]") {
  // Portuguese, no country code, no national domain, no postcode: the
  // numbers read in Brazil's plan, where the default US reads them wrong.
  cardscan::test::PageBuilder pt;
  pt.line("Mariana Tavares", 80, 100, 60, 0)
      .line("Fotografia de casamentos e eventos", 80, 200, 28, 1)
      .line("Atendimento com hora marcada", 80, 240, 28, 1)
      .line("Telefone: 21 3345-7788", 80, 400, 26, 2)
      .line("Celular: 21 9 8123-4567", 80, 440, 26, 2)
      .line("mariana.tavares@gmail.com", 80, 480, 26, 2);
  std::vector<std::string> numbers;
  for (const auto& p : cardscan::parse::extract(pt.page).phones) numbers.push_back(p.e164);
  CHECK(numbers == std::vector<std::string>{"+552133457788", "+5521981234567"});

  // The same card in English keeps the default region's plan.
  cardscan::test::PageBuilder en;
  en.line("Mariana Tavares", 80, 100, 60, 0)
      .line("Wedding and event photography", 80, 200, 28, 1)
      .line("Sessions by appointment only", 80, 240, 28, 1)
      .line("Phone: 21 3345-7788", 80, 400, 26, 2)
      .line("mariana.tavares@gmail.com", 80, 480, 26, 2);
  const auto english = cardscan::parse::extract(en.page).phones;
  REQUIRE(english.size() == 1);
  CHECK(english[0].e164.rfind("+55", 0) != 0);
}

TEST_CASE("numbers the default region reads keep it whatever language the card is in", "[parse][phone]") {
  // Spanish text, US numbers: Mexico's plan reads them no better.
  cardscan::test::PageBuilder es;
  es.line("Lucía Fernández", 80, 100, 60, 0)
      .line("Asesora de seguros para familias y empresas", 80, 200, 28, 1)
      .line("Oficina: (415) 555-0123", 80, 400, 26, 2)
      .line("Móvil: (415) 555-0188", 80, 440, 26, 2);
  for (const auto& p : cardscan::parse::extract(es.page).phones) CHECK(p.e164.rfind("+1415", 0) == 0);
}

TEST_CASE("the language of a card's text is told apart from English and from too little text", "[parse][language]") {
  CHECK(card_language("Atendimento com hora marcada, fotografia de casamentos e eventos") == "pt");
  const std::string spanish = "Asesora de seguros para familias y empresas. Atención personalizada de lunes a viernes";
  CHECK(card_language(spanish) == "es");
  CHECK(card_language("Wedding and event photography, sessions by appointment only") == "");
  CHECK(card_language("") == "");
  // Bytes that are not UTF-8 (CLD2 read past its buffer on them: a SIGBUS
  // fuzz_parse found) count as U+FFFD; the rest of the text still tells.
  CHECK(card_language("Atendimento com hora marcada,\xFF fotografia de casamentos e \xC3" "eventos\x12") == "pt");
  CHECK(card_language("\x12\x12\x12" "ea eJnae Q.cee Co\xFF\xFF" "eYYYYYYYYYYYYYYY@acme.example\xF6*e.ne\nVet\xFF") == "");
  for (const std::string bad : {"\xFF", "\xF0\x9F", "\xE2\x82", "\xC0\xAF", "\xED\xA0\x80", "\xEF\xBF\xBE"})
    CHECK(card_language(std::string(200, 'a') + bad) == "");
  CHECK(card_language(std::string(20000, '\xFF')) == "");
  CHECK(lexicon::regions_speaking("pt").front() == "BR");
  CHECK(lexicon::regions_speaking("en").empty());
}

TEST_CASE("a printed country code outweighs the card's language", "[parse][phone]") {
  PhoneContext us;
  us.default_region = "US";
  const std::vector<std::string_view> french = {"FR", "BE", "CH", "CA", "LU"};
  // OCR read the trunk zero as a "Q", so the number after "+33" is cut
  // short; Luxembourg's plan would read "74 97 16 92", but the card says +33.
  CHECK(region_reading_better("Mob : +33 (Q) 6 74 97 16 92", french, us) == "FR");
  CHECK(region_reading_better("Mob : +352 (Q) 6 74 97 16 92", french, us) != "FR");
  CHECK(region_reading_better("Mob : 74 97 16 92", french, us) == "LU");
  CHECK(region_reading_better("Tél. 06 74 97 16 92", french, us) == "FR");
}
