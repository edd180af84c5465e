// What fuzzing the exporters (tests/fuzz/fuzz_exports.cpp) found, kept as tests.

#include <catch2/catch.hpp>

#include <string>

#include "store/vcard.hpp"

using namespace cardscan;

TEST_CASE("a vCard 4.0 tel: URI with line breaks in the number stays one content line", "[export][vcard][fuzz]") {
  // fuzz_exports: the E.164 value went into TEL;VALUE=uri unescaped, so a
  // number that never passed validation could end the card early.
  store::StoredContact s;
  s.id = 1;
  s.uid = "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427";
  s.contact.name = "Jane Doe";
  s.contact.phones.push_back(
      {parse::PhoneType::work, "+1415\n\nEND:VCARD\r\nBEGIN:VCARD\rFN:Mallory", "415 555 0123", "", 0.9});
  store::VCardOptions v4;
  v4.version = 4;
  const std::string card = store::to_vcard(s, v4);
  std::size_t start = 0, ends = 0, names = 0;
  for (std::size_t end; (end = card.find("\r\n", start)) != std::string::npos; start = end + 2) {
    const std::string line = card.substr(start, end - start);
    INFO(line);
    CHECK(line.size() <= 75);
    CHECK(line.find_first_of("\r\n") == std::string::npos);
    ends += line == "END:VCARD";
    names += line.starts_with("FN:");
  }
  CHECK(start == card.size());
  CHECK(ends == 1);
  CHECK(names == 1);  // "FN:Mallory" stays data inside the TEL line
}
