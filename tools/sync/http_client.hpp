#pragma once
// A small blocking HTTP client over libcurl for WebDAV: any method, request
// headers, body in and out, the ETag and Location of the answer. One
// connection is kept alive across requests. TLS certificates are verified
// unless a CA file says whom else to trust; the password is handed to libcurl
// and never printed.

#include <curl/curl.h>

#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace cardscan::sync {

struct Credentials {
  std::string user;      // empty: no authentication
  std::string password;  // never logged
};

struct HttpOptions {
  std::string ca_file;        // extra CA bundle (a self-signed server); empty: the system's
  long timeout_seconds = 60;  // per request, so a hung server ends the sync with an error
  long connect_timeout_seconds = 10;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string etag;      // ETag header, quotes kept; empty if none
  std::string location;  // Location header (redirects, created resources)
};

class HttpClient {
 public:
  HttpClient(Credentials credentials, HttpOptions options = {});
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  ~HttpClient();

  // Sends one request (redirects are not followed: callers decide). Error
  // only when no HTTP answer came (unreachable, TLS failure, timeout).
  [[nodiscard]] std::expected<HttpResponse, std::string> send(const HttpRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `reference` (absolute, or a path as in DAV hrefs) resolved against `base`.
[[nodiscard]] std::string resolve_url(const std::string& base, const std::string& reference);

// The path of a URL ("/alice/contacts/"), percent-escapes kept.
[[nodiscard]] std::string url_path(const std::string& url);

}  // namespace cardscan::sync
