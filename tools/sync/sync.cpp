#include "tools/sync/sync.hpp"

#include <chrono>
#include <map>
#include <optional>

#include "parse/qr_payload.hpp"
#include "store/icalendar.hpp"
#include "store/local_time.hpp"
#include "store/vcard.hpp"
#include "tools/pipeline/sha256.hpp"

namespace cardscan::sync {

namespace {

constexpr const char* kVCardType = "text/vcard; charset=utf-8";
constexpr const char* kCalendarType = "text/calendar; charset=utf-8";

// What one local contact or follow-up should look like on the server.
struct LocalItem {
  std::string uid;
  std::string label;  // "contact #3 Jane Doe", for messages
  std::string body;
  std::int64_t contact_id = 0;
  std::int64_t followup_id = 0;  // 0 for contacts
  bool followup_open = false;
};

std::string vcard_of(const store::StoredContact& c, const SyncOptions& options) {
  store::VCardOptions v;
  v.version = options.vcard_version;
  return store::to_vcard(c, v);
}

std::string vtodo_of(store::StoredContact contact, const store::FollowUp& f) {
  contact.followups = {f};
  store::ICalendarOptions options;
  options.stamp_epoch = store::to_epoch(std::chrono::system_clock::now());
  return store::to_icalendar({contact}, options);
}

std::vector<LocalItem> local_contacts(store::Store& store, const SyncOptions& options) {
  std::vector<LocalItem> out;
  for (const auto& c : store.contacts())
    out.push_back({c.uid, "contact #" + std::to_string(c.id) + " " + store::display_name(c.contact),
                   vcard_of(c, options), c.id, 0, false});
  return out;
}

std::vector<LocalItem> local_followups(store::Store& store) {
  std::vector<LocalItem> out;
  for (const auto& c : store.contacts())
    for (const auto& f : c.followups)
      out.push_back({f.uid, "follow-up #" + std::to_string(f.id) + " (" + store::display_name(c.contact) + ")",
                     vtodo_of(c, f), c.id, f.id, f.status == "open"});
  return out;
}

// Content lines of a calendar or vCard body, unfolded.
std::vector<std::string> unfolded_lines(const std::string& body) {
  std::vector<std::string> lines;
  std::string current;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    auto eol = body.find('\n', pos);
    std::string line = body.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      current += line.substr(1);
    } else {
      if (!current.empty()) lines.push_back(current);
      current = line;
    }
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  if (!current.empty()) lines.push_back(current);
  return lines;
}

// When the VTODO says it was completed: COMPLETED's time, else now; nullopt while not completed.
std::optional<std::chrono::system_clock::time_point> completed_at(const std::string& body) {
  bool completed = false;
  std::optional<std::int64_t> when;
  for (const auto& line : unfolded_lines(body)) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, line.find_first_of(";:"));
    for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::string value = line.substr(colon + 1);
    if (name == "STATUS" && value == "COMPLETED") completed = true;
    if (name == "COMPLETED" && value.size() >= 15) {
      // 20261202T101500Z, the form RFC 5545 requires for COMPLETED.
      std::string iso = value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2) + "T" +
                        value.substr(9, 2) + ":" + value.substr(11, 2) + ":" + value.substr(13, 2) + "Z";
      if (auto epoch = store::parse_utc_iso(iso)) when = *epoch;
    }
  }
  if (!completed) return std::nullopt;
  auto now = std::chrono::system_clock::now();
  // A time in the future (a phone with a wrong clock) would be refused by the store.
  if (!when || std::chrono::system_clock::from_time_t(static_cast<std::time_t>(*when)) > now) return now;
  return std::chrono::system_clock::from_time_t(static_cast<std::time_t>(*when));
}

// The store edit that makes a contact what the server's vCard says.
store::ContactEdit edit_from_vcard(const parse::Contact& v) {
  store::ContactEdit e;
  e.name = v.name;
  e.prefix = v.prefix;
  e.given = v.given;
  e.middle = v.middle;
  e.family = v.family;
  e.suffix = v.suffix;
  e.title = v.title;
  e.company = v.company;
  e.department = v.department;
  e.emails = v.emails;
  e.websites = v.websites;
  e.phones = v.phones;
  e.address = v.address;
  e.street = v.address_parts.street;
  e.city = v.address_parts.city;
  e.region = v.address_parts.region;
  e.postcode = v.address_parts.postcode;
  e.country = v.address_parts.country;
  return e;
}

class CollectionSync {
 public:
  CollectionSync(store::Store& store, DavClient& dav, const SyncOptions& options, SyncReport& report,
                 std::string collection, bool contacts)
      : store_(store),
        dav_(dav),
        options_(options),
        report_(report),
        collection_(std::move(collection)),
        contacts_(contacts),
        counts_(contacts ? report.contacts : report.followups) {}

  std::expected<void, std::string> run() {
    auto listed = dav_.list(collection_);
    if (!listed) return std::unexpected(listed.error());
    for (auto& r : *listed) server_[url_path(r.url)] = r;
    for (auto& r : store_.sync_resources(collection_)) records_[r.uid] = r;

    auto items = contacts_ ? local_contacts(store_, options_) : local_followups(store_);
    std::map<std::string, bool> present;
    for (auto& item : items) {
      present[item.uid] = true;
      if (auto done = sync_item(item); !done) return done;
    }
    for (auto& [uid, record] : records_) {
      if (present.count(uid)) continue;
      if (auto done = remove_gone(record); !done) return done;
    }
    return {};
  }

 private:
  std::optional<DavResource> on_server(const std::string& url) {
    auto it = server_.find(url_path(url));
    if (it == server_.end()) return std::nullopt;
    return it->second;
  }

  void notice(const std::string& text) { report_.notices.push_back(text); }

  std::expected<void, std::string> sync_item(const LocalItem& item) {
    store::SyncResource record;
    if (auto it = records_.find(item.uid); it != records_.end()) {
      record = it->second;
    } else {
      record = {collection_,
                item.uid,
                contacts_ ? "contact" : "followup",
                resolve_url(collection_, resource_name(item.uid, contacts_ ? ".vcf" : ".ics")),
                "",
                "",
                ""};
    }
    auto server = on_server(record.href);
    if (!record.pending_hash.empty()) {
      // The last run started this write and never heard back. A version we
      // did not know means it landed; the same version means it did not.
      if (server && server->etag != record.etag) {
        record.etag = server->etag;
        record.sent_hash = record.pending_hash;
      }
      record.pending_hash.clear();
      store_.save_sync_resource(record);
    }
    const std::string hash = content_hash(item.body);

    if (record.etag.empty() && !server) return write(item, record, hash, /*create=*/true);
    if (!server) {
      notice(item.label + " was deleted on the server; not uploaded again (it stays in the store)");
      return {};
    }
    if (server->etag == record.etag) {
      if (hash == record.sent_hash) {
        ++counts_.unchanged;
        return {};
      }
      return write(item, record, hash, /*create=*/false);
    }
    return take_server_change(item, record, *server, hash);
  }

  std::expected<void, std::string> write(const LocalItem& item, store::SyncResource record, const std::string& hash,
                                         bool create) {
    record.pending_hash = hash;
    store_.save_sync_resource(record);
    auto result = dav_.put(record.href, item.body, contacts_ ? kVCardType : kCalendarType, create ? "" : record.etag);
    if (!result) return std::unexpected(result.error());
    if (result->outcome == WriteOutcome::precondition_failed) {
      record.pending_hash.clear();
      store_.save_sync_resource(record);
      ++report_.conflicts;
      notice(item.label + " changed on the server while syncing; not overwritten (run sync again)");
      return {};
    }
    std::string etag = result->etag;
    if (etag.empty()) {
      // The server changed what it stored (RFC 6352 lets it then omit the ETag): ask.
      auto asked = dav_.etag_of(record.href);
      if (!asked) return std::unexpected(asked.error());
      etag = *asked;
    }
    record.etag = etag;
    record.sent_hash = hash;
    record.pending_hash.clear();
    store_.save_sync_resource(record);
    ++(create ? counts_.created : counts_.updated);
    return {};
  }

  std::expected<void, std::string> take_server_change(const LocalItem& item, store::SyncResource record,
                                                      const DavResource& server, const std::string& hash) {
    auto fetched = dav_.get(record.href);
    if (!fetched) return std::unexpected(fetched.error());
    if (!*fetched) return {};  // deleted since the listing: the next sync reports it
    const std::string& body = (*fetched)->body;
    const std::string server_etag = (*fetched)->etag.empty() ? server.etag : (*fetched)->etag;
    const bool known = !record.etag.empty();

    if (contacts_) {
      if (!options_.pull) {
        ++report_.conflicts;
        notice(item.label + (known ? " was edited on the server" : " already exists on the server") +
               "; not overwritten (`cardscan sync --pull` takes the server's version)");
        return {};
      }
      auto parsed = parse::parse_qr_payload(body);
      if (!parsed) {
        ++report_.conflicts;
        notice(item.label + ": the server's version is not a vCard cardscan can read; left as it is");
        return {};
      }
      if (auto edited = store_.edit_contact(item.contact_id, edit_from_vcard(*parsed)); !edited) {
        ++report_.conflicts;
        notice(item.label + ": the server's version was not taken: " + edited.error());
        return {};
      }
      auto now = store_.contact(item.contact_id);
      if (!now) return std::unexpected(now.error());
      record.etag = server_etag;
      record.sent_hash = content_hash(vcard_of(*now, options_));
      store_.save_sync_resource(record);
      ++counts_.taken;
      notice(item.label + ": took the version edited on the server");
      return {};
    }

    // A follow-up: completion on the phone comes back; other edits stay on the server.
    auto completed = completed_at(body);
    if (completed && item.followup_open) {
      if (auto done = store_.complete_followup(item.followup_id, *completed); !done)
        return std::unexpected(done.error());
      record.etag = server_etag;
      auto contact = store_.contact(item.contact_id);
      if (!contact) return std::unexpected(contact.error());
      for (const auto& f : contact->followups)
        if (f.id == item.followup_id) record.sent_hash = content_hash(vtodo_of(*contact, f));
      store_.save_sync_resource(record);
      ++counts_.taken;
      notice(item.label + " was completed on the server: done here too");
      return {};
    }
    if (known && (hash == record.sent_hash || options_.pull)) {
      // Changed only there (a new due date, a note): the server's version stands.
      record.etag = server_etag;
      record.sent_hash = hash;
      store_.save_sync_resource(record);
      ++counts_.unchanged;
      return {};
    }
    ++report_.conflicts;
    notice(item.label + (known ? " was edited both here and on the server" : " already exists on the server") +
           "; not overwritten");
    return {};
  }

  std::expected<void, std::string> remove_gone(const store::SyncResource& record) {
    auto server = on_server(record.href);
    if (!server) {
      store_.forget_sync_resource(collection_, record.uid);
      return {};
    }
    std::string etag = record.etag;
    if (!record.pending_hash.empty() && server->etag != record.etag) etag = server->etag;  // our unconfirmed write
    if (etag.empty()) return {};
    auto result = dav_.remove(record.href, etag);
    if (!result) return std::unexpected(result.error());
    if (result->outcome == WriteOutcome::precondition_failed) {
      ++report_.conflicts;
      notice(std::string(contacts_ ? "a contact" : "a follow-up") + " merged or deleted here (" + record.href +
             ") was edited on the server; left there");
      return {};
    }
    store_.forget_sync_resource(collection_, record.uid);
    ++counts_.removed;
    return {};
  }

  store::Store& store_;
  DavClient& dav_;
  const SyncOptions& options_;
  SyncReport& report_;
  std::string collection_;
  bool contacts_;
  SyncCounts& counts_;
  std::map<std::string, DavResource> server_;  // by URL path
  std::map<std::string, store::SyncResource> records_;
};

}  // namespace

std::string resource_name(const std::string& uid, const std::string& extension) {
  std::string id = uid.rfind("urn:uuid:", 0) == 0 ? uid.substr(9) : uid;
  for (auto& ch : id)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_' && ch != '.') ch = '-';
  return id + extension;
}

std::string content_hash(const std::string& body) {
  std::string kept;
  for (const auto& line : unfolded_lines(body))
    if (line.rfind("DTSTAMP", 0) != 0) kept += line + "\n";
  return pipeline::sha256_hex(kept);
}

std::expected<void, std::string> run_sync(store::Store& store, DavClient& dav, const SyncOptions& options,
                                          SyncReport& report) {
  if (!options.carddav_url.empty()) {
    auto book = dav.find_collection(options.carddav_url, CollectionKind::addressbook, options.create);
    if (!book) return std::unexpected(book.error());
    report.addressbook = *book;
  }
  if (!options.caldav_url.empty()) {
    auto calendar = dav.find_collection(options.caldav_url, CollectionKind::calendar, options.create);
    if (!calendar) return std::unexpected(calendar.error());
    report.calendar = *calendar;
  }
  // Follow-ups first: one completed on the phone changes its contact's NOTE,
  // which then goes up in the same run.
  if (!report.calendar.empty()) {
    CollectionSync followups(store, dav, options, report, report.calendar, false);
    if (auto done = followups.run(); !done) return done;
  }
  if (!report.addressbook.empty()) {
    CollectionSync contacts(store, dav, options, report, report.addressbook, true);
    if (auto done = contacts.run(); !done) return done;
  }
  return {};
}

}  // namespace cardscan::sync
