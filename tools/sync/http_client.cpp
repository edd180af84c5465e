#include "tools/sync/http_client.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace cardscan::sync {

namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

struct HeaderSink {
  HttpResponse* response;
};

std::size_t read_header(char* data, std::size_t size, std::size_t count, void* out) {
  auto* sink = static_cast<HeaderSink*>(out);
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon == std::string::npos) {
    // A new status line (after "100 Continue" or an auth round) starts a fresh set.
    if (line.rfind("HTTP/", 0) == 0) sink->response->etag.clear(), sink->response->location.clear();
    return size * count;
  }
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string value = line.substr(colon + 1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.erase(value.begin());
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
  if (name == "etag") sink->response->etag = value;
  if (name == "location") sink->response->location = value;
  return size * count;
}

}  // namespace

struct HttpClient::Impl {
  Credentials credentials;
  HttpOptions options;
  CURL* curl = nullptr;
  char error[CURL_ERROR_SIZE] = {};
};

HttpClient::HttpClient(Credentials credentials, HttpOptions options) : impl_(std::make_unique<Impl>()) {
  global_init_once();
  impl_->credentials = std::move(credentials);
  impl_->options = std::move(options);
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw std::runtime_error("libcurl could not start");
}

HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpClient::~HttpClient() {
  if (impl_ && impl_->curl) curl_easy_cleanup(impl_->curl);
}

std::expected<HttpResponse, std::string> HttpClient::send(const HttpRequest& request) {
  CURL* curl = impl_->curl;
  curl_easy_reset(curl);  // keeps the live connection and TLS session, drops last request's options
  HttpResponse response;
  HeaderSink sink{&response};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, impl_->error);
  impl_->error[0] = '\0';
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, impl_->options.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, impl_->options.connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!impl_->options.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, impl_->options.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "cardscan-sync/0.1");
  if (!impl_->credentials.user.empty()) {
    // Basic is what Radicale, Nextcloud, Baikal and the hosted services take;
    // libcurl sends it only to the host named in the request.
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(curl, CURLOPT_USERNAME, impl_->credentials.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, impl_->credentials.password.c_str());
  }
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.body.empty() || request.method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_slist* headers = nullptr;
  for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip for small bodies
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);

  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    std::string detail = impl_->error[0] ? impl_->error : curl_easy_strerror(rc);
    return std::unexpected(detail);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

std::string resolve_url(const std::string& base, const std::string& reference) {
  CURLU* url = curl_url();
  std::string out = reference;
  if (curl_url_set(url, CURLUPART_URL, base.c_str(), 0) == CURLUE_OK &&
      curl_url_set(url, CURLUPART_URL, reference.c_str(), 0) == CURLUE_OK) {
    char* text = nullptr;
    if (curl_url_get(url, CURLUPART_URL, &text, 0) == CURLUE_OK) out = text;
    curl_free(text);
  }
  curl_url_cleanup(url);
  return out;
}

std::string url_path(const std::string& url) {
  CURLU* handle = curl_url();
  std::string out;
  if (curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char* text = nullptr;
    if (curl_url_get(handle, CURLUPART_PATH, &text, 0) == CURLUE_OK) out = text;
    curl_free(text);
  } else {
    out = url;
  }
  curl_url_cleanup(handle);
  return out;
}

}  // namespace cardscan::sync
