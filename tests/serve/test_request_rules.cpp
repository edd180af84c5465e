// The review server's pure rules: who may ask, what an upload must look
// like, and which OCR line a field came from.

#include <catch2/catch.hpp>

#include "tools/serve/field_sources.hpp"
#include "tools/serve/request_guard.hpp"
#include "tools/serve/upload_check.hpp"

using namespace cardscan::serve;

namespace {

RequestFacts get(const std::string& path, const std::string& host = "127.0.0.1:8765") {
  RequestFacts r;
  r.method = "GET";
  r.path = path;
  r.host = host;
  return r;
}

const std::string kToken(64, 'c');

}  // namespace

TEST_CASE("only 127.0.0.1 or localhost with our own port is our host", "[serve][guard]") {
  CHECK(is_loopback_host("127.0.0.1:8765", 8765));
  CHECK(is_loopback_host("LOCALHOST:8765", 8765));
  CHECK_FALSE(is_loopback_host("127.0.0.1", 8765));
  CHECK_FALSE(is_loopback_host("127.0.0.1:8766", 8765));
  CHECK_FALSE(is_loopback_host("evil.example:8765", 8765));
  CHECK_FALSE(is_loopback_host("127.0.0.1.evil.example:8765", 8765));
  CHECK_FALSE(is_loopback_host("", 8765));
}

TEST_CASE("the page loads without a token, data and changes need it", "[serve][guard]") {
  auto page = get("/");
  page.is_public_asset = true;
  CHECK_FALSE(refusal(page, 8765, kToken));
  page.sec_fetch_site = "cross-site";  // following a link to the page is fine: it holds no data
  CHECK_FALSE(refusal(page, 8765, kToken));

  auto data = get("/api/queue");
  CHECK(refusal(data, 8765, kToken));
  data.token_query = kToken;
  CHECK_FALSE(refusal(data, 8765, kToken));
  data.sec_fetch_site = "same-site";  // another port of this machine embedding our crops
  CHECK(refusal(data, 8765, kToken));

  RequestFacts change = get("/api/merge");
  change.method = "POST";
  change.token_query = kToken;
  CHECK(refusal(change, 8765, kToken));
  change.token_header = kToken;
  CHECK_FALSE(refusal(change, 8765, kToken));
  change.origin = "http://evil.example";
  CHECK(refusal(change, 8765, kToken));
  change.origin = "http://localhost:8765";
  CHECK_FALSE(refusal(change, 8765, kToken));
  change.token_header = std::string(64, 'd');
  CHECK(refusal(change, 8765, kToken));
}

TEST_CASE("page tokens are 64 hex digits and differ every time", "[serve][guard]") {
  auto a = new_token(), b = new_token();
  CHECK(a.size() == 64);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != b);
  CHECK(same_secret(a, a));
  CHECK_FALSE(same_secret(a, b));
  CHECK_FALSE(same_secret("", ""));
}

TEST_CASE("uploads are recognised by their leading bytes, not their name", "[serve][upload]") {
  CHECK(sniff_image_type("\xFF\xD8\xFF\xE0rest") == ".jpg");
  CHECK(sniff_image_type("\x89PNG\r\n\x1A\nrest") == ".png");
  CHECK(sniff_image_type(std::string("II*\0rest", 8)) == ".tif");
  CHECK(sniff_image_type(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)) == ".webp");
  CHECK(sniff_image_type(std::string("\0\0\0\x18"
                                     "ftypheic\0\0\0\0",
                                     16)) == ".heic");
  CHECK_FALSE(sniff_image_type("PK\x03\x04 a zip archive"));
  CHECK_FALSE(sniff_image_type("<svg xmlns='http://www.w3.org/2000/svg'/>"));
  CHECK_FALSE(check_upload("", 100));
  CHECK_FALSE(check_upload(std::string("\xFF\xD8\xFF") + std::string(200, 'x'), 100));
  CHECK(check_upload("\xFF\xD8\xFF\xE0", 100) == ".jpg");
}

TEST_CASE("a client's file name is only ever a label", "[serve][upload]") {
  CHECK(display_file_name("../../etc/passwd") == "passwd");
  CHECK(display_file_name("C:\\Users\\x\\IMG_1.HEIC") == "IMG_1.HEIC");
  CHECK(display_file_name("..") == "upload");
  CHECK(display_file_name("a\nb\x01.jpg") == "ab.jpg");
  CHECK(display_file_name(std::string(300, 'x')).size() == 120);
}

TEST_CASE("each field is traced to the OCR line it was read from, misreads included", "[serve][sources]") {
  auto lines = ocr_lines(
      "  Jane Q. Doe \n\nVP Sales\nAcme Corp.\nT +1 (415) 555-0123\njane@acme.examp1e\n"
      "1 Main St\nSpringfield, IL 62701\n");
  REQUIRE(lines.size() == 7);
  CHECK(lines[0] == "Jane Q. Doe");
  CHECK(source_lines("Jane Q. Doe", lines) == std::vector<std::string>{"Jane Q. Doe"});
  CHECK(source_lines("Acme Corp", lines) == std::vector<std::string>{"Acme Corp."});
  CHECK(source_lines("+14155550123", lines, true) == std::vector<std::string>{"T +1 (415) 555-0123"});
  CHECK(source_lines("jane@acme.example", lines) == std::vector<std::string>{"jane@acme.examp1e"});
  CHECK(source_lines("1 Main St, Springfield, IL 62701", lines) ==
        std::vector<std::string>{"1 Main St", "Springfield, IL 62701"});
  CHECK(source_lines("Completely Different", lines).empty());
}
