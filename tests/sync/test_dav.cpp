// WebDAV answers as servers other than Radicale write them.

#include <catch2/catch.hpp>

#include "tools/sync/dav.hpp"
#include "tools/sync/http_client.hpp"
#include "tools/sync/sync.hpp"

using namespace cardscan::sync;

TEST_CASE("a multistatus is read whatever prefixes it uses, ignoring properties the server lacks", "[sync][dav]") {
  // Nextcloud/sabre style: d: and card: prefixes, a 404 propstat alongside the 200 one.
  const std::string xml = R"(<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav" xmlns:cal="urn:ietf:params:xml:ns:caldav">
 <d:response>
  <d:href>/remote.php/dav/addressbooks/users/alice/contacts/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>
   <d:getetag>"abc"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:displayname>ignored</d:displayname></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/principals/users/alice/</d:href>
  <d:propstat><d:prop><card:addressbook-home-set><d:href>/remote.php/dav/addressbooks/users/alice/</d:href>
   </card:addressbook-home-set><cal:supported-calendar-component-set><cal:comp name="VEVENT"/><cal:comp name="VTODO"/>
   </cal:supported-calendar-component-set></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
</d:multistatus>)";
  auto parsed = parse_multistatus(xml);
  REQUIRE(parsed);
  REQUIRE(parsed->size() == 2);
  const auto& book = (*parsed)[0];
  CHECK(book.href == "/remote.php/dav/addressbooks/users/alice/contacts/");
  CHECK(book.resource_types == std::vector<std::string>{"collection", "addressbook"});
  CHECK(book.etag == "\"abc\"");
  CHECK(book.displayname.empty());
  CHECK((*parsed)[1].addressbook_home == "/remote.php/dav/addressbooks/users/alice/");
  CHECK((*parsed)[1].components == std::vector<std::string>{"VEVENT", "VTODO"});
}

TEST_CASE("an answer that is not a multistatus is an error, not an empty listing", "[sync][dav]") {
  CHECK_FALSE(parse_multistatus("<html><body>Login</body></html>"));
  CHECK_FALSE(parse_multistatus("not xml at all <"));
}

TEST_CASE("hrefs resolve against the URL asked, and resources are named by UID", "[sync][dav]") {
  CHECK(resolve_url("https://dav.example/a/b/", "/c/d.vcf") == "https://dav.example/c/d.vcf");
  CHECK(resolve_url("https://dav.example/a/b/", "x.vcf") == "https://dav.example/a/b/x.vcf");
  CHECK(url_path("https://dav.example:8443/a/b/") == "/a/b/");
  CHECK(resource_name("urn:uuid:0f1e-22", ".vcf") == "0f1e-22.vcf");
  CHECK(resource_name("abc@cardscan", ".ics") == "abc-cardscan.ics");
  CHECK(resource_name("../../etc/passwd", ".vcf") == "..-..-etc-passwd.vcf");
}

TEST_CASE("the content hash ignores DTSTAMP and line folding but nothing else", "[sync]") {
  const std::string a = "BEGIN:VTODO\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Follow up\r\nEND:VTODO\r\n";
  const std::string b = "BEGIN:VTODO\r\nDTSTAMP:20261231T235959Z\r\nSUMMARY:Follow\r\n  up\r\nEND:VTODO\r\n";
  const std::string c = "BEGIN:VTODO\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Follow up!\r\nEND:VTODO\r\n";
  CHECK(content_hash(a) == content_hash(b));
  CHECK(content_hash(a) != content_hash(c));
}
