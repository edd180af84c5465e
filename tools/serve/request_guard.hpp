#pragma once
// Who may talk to the review server: only this machine's browser, on the
// page the server itself served. Pure decisions on header values, so the
// rules are tested without a socket.
//
// - Host must name the loopback address and our port (127.0.0.1:PORT or
//   localhost:PORT): a DNS-rebinding page reaches us under its own name.
// - Origin, when sent, must be that same origin.
// - Sec-Fetch-Site, when sent, must say same-origin (or none: the user typed
//   the address), except for the page itself, which any navigation may load.
// - Every request but the page and its static assets carries the page's
//   token (X-CSRF-Token header; GETs for images and downloads may use ?t=),
//   and every change (POST) carries it in the header.

#include <optional>
#include <string>
#include <string_view>

namespace cardscan::serve {

struct RequestFacts {
  std::string method;            // GET, POST, ...
  std::string path;              // without the query
  std::string host;              // Host header ("" if absent)
  std::string origin;            // Origin header ("" if absent)
  std::string sec_fetch_site;    // Sec-Fetch-Site header ("" if absent)
  std::string token_header;      // X-CSRF-Token
  std::string token_query;       // ?t=
  bool is_public_asset = false;  // the page, its CSS/JS, the icon: no token needed
};

// Why the request is refused, or nullopt when it may go on.
[[nodiscard]] std::optional<std::string> refusal(const RequestFacts& request, int port, std::string_view token);

// True when `host` is 127.0.0.1:PORT or localhost:PORT (case-insensitive name).
[[nodiscard]] bool is_loopback_host(std::string_view host, int port);

// Compares two secrets in time independent of where they differ.
[[nodiscard]] bool same_secret(std::string_view a, std::string_view b);

// 32 random bytes from the system's generator, hex-encoded.
[[nodiscard]] std::string new_token();

}  // namespace cardscan::serve
