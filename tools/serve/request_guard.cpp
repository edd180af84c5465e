#include "tools/serve/request_guard.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace cardscan::serve {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

bool is_loopback_host(std::string_view host, int port) {
  const std::string want_port = ":" + std::to_string(port);
  const std::string h = lower(host);
  return h == "127.0.0.1" + want_port || h == "localhost" + want_port;
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::optional<std::string> refusal(const RequestFacts& r, int port, std::string_view token) {
  if (!is_loopback_host(r.host, port))
    return "refused: Host '" + r.host + "' is not this machine's review page (127.0.0.1:" + std::to_string(port) + ")";
  if (!r.origin.empty()) {
    const std::string o = lower(r.origin), p = std::to_string(port);
    if (o != "http://127.0.0.1:" + p && o != "http://localhost:" + p) return "refused: cross-origin request";
  }
  bool navigation = r.method == "GET" && r.is_public_asset;
  if (!navigation && !r.sec_fetch_site.empty() && r.sec_fetch_site != "same-origin" && r.sec_fetch_site != "none")
    return "refused: request from another site";
  if (r.is_public_asset && r.method == "GET") return std::nullopt;
  if (r.method == "GET" || r.method == "HEAD") {
    if (same_secret(r.token_header, token) || same_secret(r.token_query, token)) return std::nullopt;
    return "refused: missing or wrong page token; reload the page";
  }
  // A change: the token must come in the header, which only our own script can set.
  if (!same_secret(r.token_header, token)) return "refused: missing or wrong CSRF token; reload the page";
  return std::nullopt;
}

std::string new_token() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes for the page token");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace cardscan::serve
