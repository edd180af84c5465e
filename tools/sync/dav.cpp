#include "tools/sync/dav.hpp"

#include <pugixml.hpp>

#include <algorithm>

namespace cardscan::sync {

namespace {

constexpr const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
constexpr const char* kNamespaces =
    " xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\"";

// Element names without their prefix: DAV bodies use any prefix for the
// DAV:, CardDAV and CalDAV namespaces, and no two properties we read share a
// local name.
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (auto c : node.children())
    if (local_name(c) == name) return c;
  return {};
}

std::string trimmed_text(const pugi::xml_node& node) {
  std::string text = node.text().get();
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string href_in(const pugi::xml_node& node) { return node ? trimmed_text(child(node, "href")) : std::string(); }

bool has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string with_slash(std::string url) {
  if (url.empty() || url.back() != '/') url += '/';
  return url;
}

std::string last_segment(const std::string& url) {
  std::string path = url_path(url);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path.substr(path.rfind('/') + 1);
}

const char* noun(CollectionKind kind) { return kind == CollectionKind::addressbook ? "address book" : "calendar"; }

// What --create names the collections in a home: distinct, since many
// servers keep address books and calendars in one home.
std::string own_name(CollectionKind kind) {
  return kind == CollectionKind::addressbook ? "cardscan-contacts" : "cardscan-followups";
}

bool is_kind(const DavProps& p, CollectionKind kind) {
  if (kind == CollectionKind::addressbook) return has(p.resource_types, "addressbook");
  // A calendar without a component set takes every component (RFC 4791 5.2.3).
  return has(p.resource_types, "calendar") && (p.components.empty() || has(p.components, "VTODO"));
}

}  // namespace

std::expected<std::vector<DavProps>, std::string> parse_multistatus(const std::string& xml) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) return std::unexpected("the server's answer is not XML");
  pugi::xml_node root = doc.document_element();
  if (local_name(root) != "multistatus") return std::unexpected("the server's answer is not a WebDAV multistatus");
  std::vector<DavProps> out;
  for (auto response : root.children()) {
    if (local_name(response) != "response") continue;
    DavProps p;
    p.href = href_in(response);
    for (auto propstat : response.children()) {
      if (local_name(propstat) != "propstat") continue;
      // Only properties the server has: 404 propstats list the ones it lacks.
      std::string status = trimmed_text(child(propstat, "status"));
      if (status.find(" 200") == std::string::npos) continue;
      for (auto prop : child(propstat, "prop").children()) {
        auto name = local_name(prop);
        if (name == "resourcetype") {
          for (auto t : prop.children()) p.resource_types.emplace_back(local_name(t));
        } else if (name == "getetag") {
          p.etag = trimmed_text(prop);
        } else if (name == "displayname") {
          p.displayname = trimmed_text(prop);
        } else if (name == "current-user-principal") {
          p.current_user_principal = href_in(prop);
        } else if (name == "addressbook-home-set") {
          p.addressbook_home = href_in(prop);
        } else if (name == "calendar-home-set") {
          p.calendar_home = href_in(prop);
        } else if (name == "supported-calendar-component-set") {
          for (auto comp : prop.children())
            if (local_name(comp) == "comp") p.components.emplace_back(comp.attribute("name").value());
        }
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::expected<HttpResponse, std::string> DavClient::send(HttpRequest request) {
  auto response = http_.send(request);
  if (!response) return std::unexpected("cannot reach " + request.url + ": " + response.error());
  if (response->status == 401)
    return std::unexpected("the server refused the user name or password" +
                           (user_.empty() ? std::string(" (no --user given)") : " for user '" + user_ + "'") +
                           " (HTTP 401 at " + request.url + ")");
  if (response->status == 403)
    return std::unexpected("user '" + user_ + "' may not " + request.method + " " + request.url + " (HTTP 403)");
  if (response->status >= 500)
    return std::unexpected("the server failed on " + request.method + " " + request.url + " (HTTP " +
                           std::to_string(response->status) + ")");
  return response;
}

std::expected<std::vector<DavProps>, std::string> DavClient::propfind(const std::string& url, int depth,
                                                                      const std::string& props, long* status) {
  HttpRequest request{
      "PROPFIND",
      url,
      {"Depth: " + std::to_string(depth), "Content-Type: application/xml; charset=utf-8"},
      std::string(kXmlHead) + "<d:propfind" + kNamespaces + "><d:prop>" + props + "</d:prop></d:propfind>"};
  auto response = send(request);
  if (!response) return std::unexpected(response.error());
  if (status) *status = response->status;
  if (response->status != 207) {
    if (status) return std::vector<DavProps>{};
    return std::unexpected("PROPFIND " + url + " answered HTTP " + std::to_string(response->status));
  }
  auto parsed = parse_multistatus(response->body);
  if (!parsed) return std::unexpected(parsed.error() + " (PROPFIND " + url + ")");
  for (auto& p : *parsed) p.href = resolve_url(url, p.href);
  return parsed;
}

std::expected<std::string, std::string> DavClient::create_collection(const std::string& url, CollectionKind kind) {
  std::string target = with_slash(url);
  HttpRequest request;
  request.url = target;
  request.headers = {"Content-Type: application/xml; charset=utf-8"};
  if (kind == CollectionKind::addressbook) {
    // Extended MKCOL (RFC 5689), as RFC 6352 section 6.3.1 asks.
    request.method = "MKCOL";
    request.body = std::string(kXmlHead) + "<d:mkcol" + kNamespaces +
                   "><d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>"
                   "<d:displayname>cardscan</d:displayname></d:prop></d:set></d:mkcol>";
  } else {
    request.method = "MKCALENDAR";
    request.body = std::string(kXmlHead) + "<cal:mkcalendar" + kNamespaces +
                   "><d:set><d:prop><d:displayname>cardscan follow-ups</d:displayname>"
                   "<cal:supported-calendar-component-set><cal:comp name=\"VTODO\"/>"
                   "</cal:supported-calendar-component-set></d:prop></d:set></cal:mkcalendar>";
  }
  auto response = send(request);
  if (!response) return std::unexpected(response.error());
  if (response->status != 201)
    return std::unexpected(std::string("could not create the ") + noun(kind) + " " + target + " (HTTP " +
                           std::to_string(response->status) + ")");
  return target;
}

std::expected<std::string, std::string> DavClient::find_collection(const std::string& url, CollectionKind kind,
                                                                   bool create) {
  const std::string props =
      "<d:resourcetype/><d:current-user-principal/><card:addressbook-home-set/><cal:calendar-home-set/>"
      "<cal:supported-calendar-component-set/>";
  const std::string hint = kind == CollectionKind::addressbook ? "--carddav" : "--caldav";

  // From a home set: the one cardscan made, else the first of the kind.
  auto from_home = [&](const std::string& home) -> std::expected<std::string, std::string> {
    auto members = propfind(home, 1, "<d:resourcetype/><d:displayname/><cal:supported-calendar-component-set/>");
    if (!members) return std::unexpected(members.error());
    std::string chosen;
    for (const auto& m : *members) {
      if (!is_kind(m, kind) || url_path(m.href) == url_path(home)) continue;
      if (last_segment(m.href) == own_name(kind)) return with_slash(m.href);
      if (chosen.empty()) chosen = with_slash(m.href);
    }
    if (!chosen.empty()) return chosen;
    if (create) return create_collection(resolve_url(with_slash(home), own_name(kind) + "/"), kind);
    return std::unexpected(std::string("no ") + noun(kind) + " under " + home +
                           ": create one on the server, give its URL with " + hint + ", or pass --create");
  };
  auto from_principal = [&](const std::string& principal) -> std::expected<std::string, std::string> {
    auto found = propfind(principal, 0, props);
    if (!found) return std::unexpected(found.error());
    for (const auto& p : *found) {
      const std::string& home = kind == CollectionKind::addressbook ? p.addressbook_home : p.calendar_home;
      if (!home.empty()) return from_home(resolve_url(principal, home));
    }
    return std::unexpected(std::string("the server names no ") + noun(kind) + " home for " + principal + " (is it a " +
                           (kind == CollectionKind::addressbook ? "CardDAV" : "CalDAV") + " server?)");
  };

  long status = 0;
  auto here = propfind(url, 0, props, &status);
  if (!here) return std::unexpected(here.error());
  if (status == 207 && !here->empty()) {
    const DavProps& p = here->front();
    if (is_kind(p, kind)) return with_slash(url);
    if (kind == CollectionKind::calendar && has(p.resource_types, "calendar"))
      return std::unexpected("the calendar " + url + " does not take tasks (VTODO); give another with --caldav");
    const std::string& home = kind == CollectionKind::addressbook ? p.addressbook_home : p.calendar_home;
    if (!home.empty()) return from_home(resolve_url(url, home));
    if (!p.current_user_principal.empty()) return from_principal(resolve_url(url, p.current_user_principal));
  } else if (status == 404 && url_path(url) != "/" && url_path(url).rfind("/.well-known", 0) != 0) {
    if (create) return create_collection(url, kind);
    return std::unexpected(std::string("no ") + noun(kind) + " at " + url + " (HTTP 404): check " + hint +
                           ", or pass --create to make it");
  }

  // RFC 6764: /.well-known/carddav (or caldav) redirects to the context path.
  std::string well_known =
      resolve_url(url, kind == CollectionKind::addressbook ? "/.well-known/carddav" : "/.well-known/caldav");
  std::string context = well_known;
  for (int hop = 0; hop < 5; ++hop) {
    auto response = send({"PROPFIND",
                          context,
                          {"Depth: 0", "Content-Type: application/xml; charset=utf-8"},
                          std::string(kXmlHead) + "<d:propfind" + kNamespaces +
                              "><d:prop><d:current-user-principal/></d:prop></d:propfind>"});
    if (!response) return std::unexpected(response.error());
    if (response->status >= 300 && response->status < 400 && !response->location.empty()) {
      context = resolve_url(context, response->location);
      continue;
    }
    if (response->status == 207) {
      auto parsed = parse_multistatus(response->body);
      if (parsed)
        for (const auto& p : *parsed)
          if (!p.current_user_principal.empty()) return from_principal(resolve_url(context, p.current_user_principal));
    }
    break;
  }
  return std::unexpected(std::string("found no ") + noun(kind) + " from " + url +
                         " (no collection there, and neither .well-known nor current-user-principal led to one): give "
                         "the collection's URL with " +
                         hint);
}

std::expected<std::vector<DavResource>, std::string> DavClient::list(const std::string& collection) {
  long status = 0;
  auto members = propfind(collection, 1, "<d:getetag/><d:resourcetype/>", &status);
  if (!members) return std::unexpected(members.error());
  if (status == 404) return std::unexpected("the collection " + collection + " does not exist (HTTP 404)");
  if (status != 207) return std::unexpected("PROPFIND " + collection + " answered HTTP " + std::to_string(status));
  std::vector<DavResource> out;
  for (const auto& m : *members) {
    if (has(m.resource_types, "collection") || url_path(m.href) == url_path(collection)) continue;
    out.push_back({m.href, m.etag});
  }
  return out;
}

std::expected<std::optional<HttpResponse>, std::string> DavClient::get(const std::string& url) {
  auto response = send({"GET", url, {}, {}});
  if (!response) return std::unexpected(response.error());
  if (response->status == 404 || response->status == 410) return std::optional<HttpResponse>{};
  if (response->status != 200)
    return std::unexpected("GET " + url + " answered HTTP " + std::to_string(response->status));
  return std::optional<HttpResponse>(std::move(*response));
}

std::expected<WriteResult, std::string> DavClient::put(const std::string& url, const std::string& body,
                                                       const std::string& content_type, const std::string& etag) {
  HttpRequest request{"PUT", url, {"Content-Type: " + content_type}, body};
  request.headers.push_back(etag.empty() ? "If-None-Match: *" : "If-Match: " + etag);
  auto response = send(request);
  if (!response) return std::unexpected(response.error());
  if (response->status == 412) return WriteResult{WriteOutcome::precondition_failed, {}};
  if (response->status == 404 || response->status == 409)
    return std::unexpected("PUT " + url + " answered HTTP " + std::to_string(response->status) +
                           ": does the collection still exist?");
  if (response->status < 200 || response->status >= 300)
    return std::unexpected("the server refused " + url + " (HTTP " + std::to_string(response->status) + ")" +
                           (response->body.empty() ? "" : ": " + response->body.substr(0, 200)));
  return WriteResult{WriteOutcome::done, response->etag};
}

std::expected<WriteResult, std::string> DavClient::remove(const std::string& url, const std::string& etag) {
  HttpRequest request{"DELETE", url, {}, {}};
  if (!etag.empty()) request.headers.push_back("If-Match: " + etag);
  auto response = send(request);
  if (!response) return std::unexpected(response.error());
  if (response->status == 412) return WriteResult{WriteOutcome::precondition_failed, {}};
  if (response->status == 404 || response->status == 410) return WriteResult{WriteOutcome::gone, {}};
  if (response->status < 200 || response->status >= 300)
    return std::unexpected("DELETE " + url + " answered HTTP " + std::to_string(response->status));
  return WriteResult{WriteOutcome::done, {}};
}

std::expected<std::string, std::string> DavClient::etag_of(const std::string& url) {
  auto found = propfind(url, 0, "<d:getetag/>");
  if (!found) return std::unexpected(found.error());
  for (const auto& p : *found)
    if (!p.etag.empty()) return p.etag;
  return std::string();
}

}  // namespace cardscan::sync
