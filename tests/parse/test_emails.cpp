#include <catch2/catch.hpp>

#include <algorithm>

#include "page_fixture.hpp"
#include "parse/card_context.hpp"
#include "parse/card_lines.hpp"
#include "parse/extract.hpp"
#include "parse/field_finders.hpp"
#include "parse/lexicon/domains.hpp"

using cardscan::parse::find_emails;
using cardscan::parse::find_emails_with_lost_at;

namespace {
std::vector<std::string> addresses(std::string_view line) {
  std::vector<std::string> out;
  for (const auto& h : find_emails(line)) out.push_back(h.address);
  return out;
}
}  // namespace

TEST_CASE("plain email addresses are found and lower-cased", "[parse][email]") {
  CHECK(addresses("Email: Jane.Doe@Acme.example") == std::vector<std::string>{"jane.doe@acme.example"});
  CHECK(addresses("jane@acme.co.uk / info@acme.co.uk") ==
        std::vector<std::string>{"jane@acme.co.uk", "info@acme.co.uk"});
  CHECK(addresses("no address here, just text").empty());
}

TEST_CASE("look-alike at signs read by OCR are repaired only between word characters", "[parse][email]") {
  CHECK(addresses("E: jane\xC2\xA9"
                  "acme.com") == std::vector<std::string>{"jane@acme.com"});                                  // ©
  CHECK(addresses("kowusu\xC3\xB8oakridge.example") == std::vector<std::string>{"kowusu@oakridge.example"});  // ø
  CHECK(addresses("siobhan_oz\xC2\xAE@bright.io") == std::vector<std::string>{"siobhan_oz@bright.io"});       // ®@
  CHECK(addresses("jane (at) acme.com") == std::vector<std::string>{"jane@acme.com"});
  // A copyright sign in running text is not an email.
  CHECK(addresses("\xC2\xA9 2026 Acme Corp").empty());
}

TEST_CASE("spaces OCR put next to separators inside an address are closed", "[parse][email]") {
  CHECK(addresses("E: giulia. owusu@hollowmere.com") == std::vector<std::string>{"giulia.owusu@hollowmere.com"});
  CHECK(addresses("giulia _bruno@marlow.example") == std::vector<std::string>{"giulia_bruno@marlow.example"});
}

TEST_CASE("a comma or a space read for the dot before the TLD is repaired", "[parse][email]") {
  CHECK(addresses("jane@acme,com") == std::vector<std::string>{"jane@acme.com"});
  CHECK(addresses("E kowusu@oakridgehq example") == std::vector<std::string>{"kowusu@oakridgehq.example"});
  // Followed by another web address, the dotted form wins.
  CHECK(addresses("Email divya_singh@orchid.io www.orchid.io") == std::vector<std::string>{"divya_singh@orchid.io"});
}

TEST_CASE("accents OCR added inside an address are dropped", "[parse][email]") {
  CHECK(addresses("chiara.ferrar\xC3\xAD@stonebridge.co") == std::vector<std::string>{"chiara.ferrari@stonebridge.co"});
  // In the domain too: OCR put an accent on the top-level domain's vowel.
  CHECK(addresses("gregoire.rousseau@brookhaven.i\xC3\xB3") ==
        std::vector<std::string>{"gregoire.rousseau@brookhaven.io"});
}

TEST_CASE("the lower-case word before an address is offered for a lost dot", "[parse][email]") {
  const auto hits = find_emails("E elena ferrari@pinnacle.example");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].address == "ferrari@pinnacle.example");
  CHECK(hits[0].word_before == "elena");
}

TEST_CASE("an email whose '@' was read as another glyph is recovered at a domain the card prints", "[parse][email]") {
  using cardscan::parse::find_emails_with_lost_at;
  const std::vector<std::string> domains = {"elmstead.com", "coralbay-solut.uk"};
  auto found = [&](std::string_view line) {
    std::vector<std::string> out;
    for (const auto& h : find_emails_with_lost_at(line, domains)) out.push_back(h.address);
    return out;
  };
  CHECK(found("anais.price2elmstead.com") == std::vector<std::string>{"anais.price@elmstead.com"});
  CHECK(found("e: contactgelmstead.com") == std::vector<std::string>{"contact@elmstead.com"});
  CHECK(found("clemence\xC4\x9D"
              "coralbay-solut.uk") == std::vector<std::string>{"clemence@coralbay-solut.uk"});  // ĝ
  // Not emails: the site itself, a subdomain, a name joined by a hyphen,
  // another letter before the domain, a one-letter local part.
  CHECK(found("www.elmstead.com").empty());
  CHECK(found("mail.elmstead.com").empty());
  CHECK(found("shop-elmstead.com").empty());
  CHECK(found("shopelmstead.com").empty());
  CHECK(found("x2elmstead.com").empty());
  CHECK(found("anais.price2other.com").empty());
  // The ring read as two symbols, and a space before the last dot.
  const std::vector<std::string> uk = {"pinnacleventures.uk"};
  const auto two = find_emails_with_lost_at("E-mail emilio.fuentes\xC4\x9D\xC3\xB0pinnacleventures .uk", uk);
  REQUIRE(two.size() == 1);
  CHECK(two[0].address == "emilio.fuentes@pinnacleventures.uk");
}

TEST_CASE("an email whose domain OCR cut short is completed from a domain the card prints", "[parse][email]") {
  using cardscan::parse::find_emails_with_cut_domain;
  const std::vector<std::string> domains = {"brightrealt.io", "gmail.com"};
  auto found = [&](std::string_view line) {
    std::vector<std::string> out;
    for (const auto& h : find_emails_with_cut_domain(line, domains)) out.push_back(h.address);
    return out;
  };
  CHECK(found("aadeyemi@brightrealt.") == std::vector<std::string>{"aadeyemi@brightrealt.io"});
  CHECK(found("E jo.doe@gmail.c") == std::vector<std::string>{"jo.doe@gmail.com"});
  // Less than the domain's whole name could be another domain's.
  CHECK(found("aadeyemi@bright").empty());
  CHECK(found("aadeyemi@brightrealty.io").empty());
  // On a card, from the website line.
  cardscan::test::PageBuilder b;
  b.line("Adaeze Adeyemi", 80, 100, 60, 0)
      .line("aadeyemi@brightrealt.", 80, 400, 26, 1, 40)
      .line("www.brightrealt.io", 80, 440, 26, 1);
  CHECK(cardscan::parse::extract(b.page).emails == std::vector<std::string>{"aadeyemi@brightrealt.io"});
}

TEST_CASE("an email wrapped after its domain's first letters keeps the whole domain", "[parse][email]") {
  using cardscan::parse::find_emails_with_cut_domain;
  // The rest of the cut domain printed on its own ("land.co") completes it.
  const std::vector<std::string> domains = {"upland.co", "land.co"};
  CHECK(find_emails_with_cut_domain("555-0127 maximilian.braun@up", domains).at(0).address ==
        "maximilian.braun@upland.co");
  CHECK(find_emails_with_cut_domain("maximilian.braun@up", {"upland.co"}).empty());
  // On a card the tail read as a web address does not cut the other email.
  cardscan::test::PageBuilder b;
  b.line("Maximilian Braun", 80, 100, 60, 0)
      .line("land.co", 80, 360, 26, 1, 90)
      .line("maximilian.braun@up", 80, 400, 26, 1, 60)
      .line("office@upland.co", 80, 440, 26, 1, 70);
  const auto c = cardscan::parse::extract(b.page);
  CHECK(c.emails == std::vector<std::string>{"maximilian.braun@upland.co", "office@upland.co"});
}

TEST_CASE("every public mail service in the lexicon anchors a lost '@'", "[parse][email][lexicon]") {
  const auto& rows = cardscan::parse::lexicon::mail_providers();
  std::vector<std::string> domains(rows.begin(), rows.end());
  for (const auto row : rows) {
    INFO(row);
    CHECK(cardscan::parse::lexicon::is_mail_provider(row));
    const auto hits = cardscan::parse::find_emails_with_lost_at("jo.doe2" + std::string(row), domains);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].address == "jo.doe@" + std::string(row));
  }
  CHECK_FALSE(cardscan::parse::lexicon::is_mail_provider("elmstead.com"));
}

TEST_CASE("a national mail service places the card's numbers in its country", "[parse][email][phone][lexicon]") {
  for (const auto row : cardscan::parse::lexicon::mail_providers()) {
    const auto region = cardscan::parse::lexicon::mail_provider_region(row);
    INFO(row);
    cardscan::test::PageBuilder b;
    b.line("Jo Doe", 80, 60, 44, 0).line("jo.doe@" + std::string(row), 80, 300, 26, 1);
    const auto context = cardscan::parse::build_card_context(cardscan::parse::read_card_lines(b.page), "US");
    const bool named = std::find(context.phones.regions.begin(), context.phones.regions.end(), std::string(region)) !=
                       context.phones.regions.end();
    CHECK(named == !region.empty());
  }
  // A Korean mobile with a Korean mail service, read on a card with no
  // other evidence and --region US: Korean, not the Italian landline the
  // same digits also spell.
  cardscan::test::PageBuilder kr;
  kr.line("Mobile. 010-4600-9744", 80, 300, 26, 1).line("E-mail. seojin@naver.com", 80, 340, 26, 1);
  const auto c = cardscan::parse::extract(kr.page);
  REQUIRE(c.phones.size() == 1);
  CHECK(c.phones[0].e164 == "+821046009744");
}

TEST_CASE("a letter OCR read from an icon before an address in the holder's name form is dropped", "[parse][email]") {
  auto emails_of = [](const std::string& email_line) {
    cardscan::test::PageBuilder b;
    b.line("Arun Sharma", 80, 100, 60, 0).line("Managing Director", 80, 170, 28, 0).line(email_line, 80, 400, 26, 1);
    return cardscan::parse::extract(b.page).emails;
  };
  CHECK(emails_of("Qaruns@gsgoman.com") == std::vector<std::string>{"aruns@gsgoman.com"});
  // Addresses already in a form of the name, or in none even without it, stay.
  CHECK(emails_of("asharma@gsgoman.com") == std::vector<std::string>{"asharma@gsgoman.com"});
  CHECK(emails_of("info@gsgoman.com") == std::vector<std::string>{"info@gsgoman.com"});
  CHECK(emails_of("sales1@gsgoman.com") == std::vector<std::string>{"sales1@gsgoman.com"});
}

TEST_CASE("a name word OCR cut into a stub is joined where the email spells it whole", "[parse][names][email]") {
  auto name_of = [](const std::string& name, const std::string& email) {
    cardscan::test::PageBuilder b;
    b.line(name, 80, 100, 60, 0).line("Directrice Commerciale", 80, 170, 28, 0).line(email, 80, 400, 26, 1);
    return cardscan::parse::extract(b.page, {"FR"}).name;
  };
  CHECK(name_of("Clémen Ce Giraud", "clemence.giraud@pinnaclehq.fr") == "Clémence Giraud");
  // Names people write together in addresses stay apart on the card.
  CHECK(name_of("Mary Ann Smith", "maryann.smith@pinnaclehq.fr") == "Mary Ann Smith");
  CHECK(name_of("Francesca De Luca", "francesca.deluca@pinnaclehq.fr") == "Francesca De Luca");
}
