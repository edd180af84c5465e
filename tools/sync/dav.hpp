#pragma once
// WebDAV with the CardDAV (RFC 6352) and CalDAV (RFC 4791) pieces sync needs:
// finding a user's address book and calendar from a base URL, listing a
// collection's resources with their ETags, and conditional GET/PUT/DELETE.

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "tools/sync/http_client.hpp"

namespace cardscan::sync {

enum class CollectionKind { addressbook, calendar };

// A member of a collection as PROPFIND reports it.
struct DavResource {
  std::string url;   // absolute
  std::string etag;  // quotes kept
};

// How a conditional write ended.
enum class WriteOutcome { done, precondition_failed, gone };

struct WriteResult {
  WriteOutcome outcome = WriteOutcome::done;
  std::string etag;  // of the new version, when the server said
};

// One DAV response of a 207 Multi-Status body, properties of its 200 propstat.
struct DavProps {
  std::string href;
  std::vector<std::string> resource_types;  // local names: collection, addressbook, calendar, ...
  std::string etag;
  std::string displayname;
  std::string current_user_principal;   // href
  std::string addressbook_home;         // href
  std::string calendar_home;            // href
  std::vector<std::string> components;  // supported-calendar-component-set names (VTODO, VEVENT)
};

// Parses a 207 Multi-Status body; error when it is not XML or not multistatus.
[[nodiscard]] std::expected<std::vector<DavProps>, std::string> parse_multistatus(const std::string& xml);

class DavClient {
 public:
  DavClient(HttpClient& http, std::string user) : http_(http), user_(std::move(user)) {}

  // The collection URL of `kind`: `url` itself when it is one; else found
  // through .well-known, current-user-principal and the home set. With
  // `create`, a missing collection (the URL given, or "cardscan-contacts" /
  // "cardscan-followups" in the home) is created. Errors say what is wrong in words a user can act on.
  [[nodiscard]] std::expected<std::string, std::string> find_collection(const std::string& url, CollectionKind kind,
                                                                        bool create);
  // Every non-collection member of a collection with its ETag.
  [[nodiscard]] std::expected<std::vector<DavResource>, std::string> list(const std::string& collection);
  // The body of a resource, nullopt when it does not exist.
  [[nodiscard]] std::expected<std::optional<HttpResponse>, std::string> get(const std::string& url);
  // PUT with If-Match: etag, or If-None-Match: * when `etag` is empty
  // (create only): a version changed on the server is never overwritten.
  [[nodiscard]] std::expected<WriteResult, std::string> put(const std::string& url, const std::string& body,
                                                            const std::string& content_type, const std::string& etag);
  // DELETE with If-Match: etag.
  [[nodiscard]] std::expected<WriteResult, std::string> remove(const std::string& url, const std::string& etag);
  // ETag of one resource (for servers that answer a PUT without one).
  [[nodiscard]] std::expected<std::string, std::string> etag_of(const std::string& url);

 private:
  [[nodiscard]] std::expected<HttpResponse, std::string> send(HttpRequest request);
  [[nodiscard]] std::expected<std::vector<DavProps>, std::string> propfind(const std::string& url, int depth,
                                                                           const std::string& props,
                                                                           long* status = nullptr);
  [[nodiscard]] std::expected<std::string, std::string> create_collection(const std::string& url, CollectionKind kind);
  HttpClient& http_;
  std::string user_;
};

}  // namespace cardscan::sync
