#include "store/store.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <system_error>

#include <sqlite3.h>

#include "store/contact_keys.hpp"
#include "store/contact_uid.hpp"
#include "store/contact_validation.hpp"
#include "store/local_time.hpp"
#include "store/schema.hpp"
#include "store/store_impl.hpp"

namespace cardscan::store {

namespace {

std::string trimmed(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return std::string(s);
}

std::string digits_of(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

// The scalar columns of contacts, in one order shared by reads and writes.
struct Scalar {
  const char* column;
  std::string parse::Contact::*member;
  bool keep_alternates;  // a differing value on another card is worth keeping
};

constexpr Scalar kScalars[] = {
    {"name", &parse::Contact::name, true},
    {"prefix", &parse::Contact::prefix, false},
    {"given", &parse::Contact::given, false},
    {"middle", &parse::Contact::middle, false},
    {"family", &parse::Contact::family, false},
    {"suffix", &parse::Contact::suffix, false},
    {"title", &parse::Contact::title, true},
    {"company", &parse::Contact::company, true},
    {"department", &parse::Contact::department, true},
    {"address", &parse::Contact::address, true},
};

struct AddressPart {
  const char* column;
  std::string parse::PostalAddress::*member;
};

constexpr AddressPart kAddressParts[] = {
    {"street", &parse::PostalAddress::street},   {"city", &parse::PostalAddress::city},
    {"region", &parse::PostalAddress::region},   {"postcode", &parse::PostalAddress::postcode},
    {"country", &parse::PostalAddress::country},
};

// The person's name for matching: as printed, else the parts joined.
std::string display_name_for_key(const parse::Contact& c) {
  if (!c.name.empty()) return c.name;
  std::string joined;
  for (const std::string* part : {&c.given, &c.middle, &c.family}) {
    if (part->empty()) continue;
    if (!joined.empty()) joined += ' ';
    joined += *part;
  }
  return joined;
}

std::string error_text(const std::exception& e) { return std::string("database error: ") + e.what(); }

}  // namespace

std::string display_name(const parse::Contact& c) {
  if (!c.name.empty()) return c.name;
  std::string joined = c.given;
  if (!c.family.empty()) joined += (joined.empty() ? "" : " ") + c.family;
  if (!joined.empty()) return joined;
  if (!c.company.empty()) return c.company;
  if (!c.emails.empty()) return c.emails.front();
  return "(no name)";
}

bool ContactEdit::empty() const {
  return !name && !prefix && !given && !middle && !family && !suffix && !title && !company && !department && !address &&
         !street && !city && !region && !postcode && !country && !note && !event && !emails && !websites && !phones;
}

// ---------------------------------------------------------------- Impl writes

std::optional<std::int64_t> Store::Impl::find_match(const parse::Contact& contact) {
  std::optional<std::int64_t> best;
  auto consider = [&](Statement& st) {
    if (st.step()) {
      std::int64_t id = st.column_int(0);
      if (!best || id < *best) best = id;
    }
    st.reset();
  };
  for (const auto& email : contact.emails) {
    std::string key = email_key(email);
    if (key.empty()) continue;
    auto& st = db.prepare("SELECT contact_id FROM contact_emails WHERE email_key = ?1 ORDER BY contact_id LIMIT 1");
    st.bind(1, key);
    consider(st);
  }
  for (const auto& phone : contact.phones) {
    if (phone.e164.empty()) continue;
    auto& st =
        db.prepare("SELECT contact_id FROM contact_phones WHERE e164 = ?1 AND e164 <> '' ORDER BY contact_id LIMIT 1");
    st.bind(1, phone.e164);
    consider(st);
  }
  std::string nk = name_key(display_name_for_key(contact)), ck = company_key(contact.company);
  if (!nk.empty() && !ck.empty()) {
    auto& st = db.prepare(
        "SELECT id FROM contacts WHERE name_key = ?1 AND company_key = ?2 AND name_key <> '' AND company_key <> '' "
        "ORDER BY id LIMIT 1");
    st.bind(1, nk).bind(2, ck);
    consider(st);
  }
  return best;
}

std::optional<std::int64_t> Store::Impl::ensure_event(const std::string& raw_name, const std::string& now_iso) {
  std::string name = trimmed(raw_name);
  if (name.empty()) return std::nullopt;
  auto& find = db.prepare("SELECT id FROM events WHERE name = ?1");
  find.bind(1, name);
  if (find.step()) {
    std::int64_t id = find.column_int(0);
    find.reset();
    return id;
  }
  find.reset();
  auto& insert = db.prepare("INSERT INTO events (name, created_at) VALUES (?1, ?2)");
  insert.bind(1, name).bind(2, now_iso);
  insert.run();
  return db.last_insert_id();
}

std::int64_t Store::Impl::insert_contact(const parse::Contact& c, std::optional<std::int64_t> event_id,
                                         const std::string& now_iso) {
  auto& st = db.prepare(
      "INSERT INTO contacts (uid, name, prefix, given, middle, family, suffix, title, company, department, address, "
      "street, city, region, postcode, country, event_id, name_key, company_key, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)");
  int index = 1;
  st.bind(index++, new_contact_uid());
  for (const auto& scalar : kScalars) st.bind(index++, trimmed(c.*scalar.member));
  for (const auto& part : kAddressParts) st.bind(index++, trimmed(c.address_parts.*part.member));
  st.bind_or_null(index++, event_id);
  st.bind(index++, name_key(display_name_for_key(c)));
  st.bind(index++, company_key(c.company));
  st.bind(index++, now_iso);
  st.run();
  std::int64_t id = db.last_insert_id();
  add_list_values(id, c);
  return id;
}

void Store::Impl::add_list_values(std::int64_t id, const parse::Contact& c) {
  for (const auto& raw : c.emails) {
    std::string email = trimmed(raw);
    if (email.empty()) continue;
    auto& st = db.prepare("INSERT OR IGNORE INTO contact_emails (contact_id, email, email_key) VALUES (?1, ?2, ?3)");
    st.bind(1, id).bind(2, email).bind(3, email_key(email));
    st.run();
  }

  if (!c.phones.empty()) {
    struct Existing {
      std::int64_t row;
      parse::PhoneType type;
      std::string e164, digits, extension;
    };
    std::vector<Existing> existing;
    auto& load = db.prepare("SELECT id, type, e164, text, extension FROM contact_phones WHERE contact_id = ?1");
    load.bind(1, id);
    while (load.step())
      existing.push_back({load.column_int(0),
                          parse::parse_phone_type(load.column_text(1)).value_or(parse::PhoneType::other),
                          load.column_text(2), digits_of(load.column_text(3)), load.column_text(4)});
    load.reset();
    for (const auto& phone : c.phones) {
      std::string text = trimmed(phone.text);
      if (phone.e164.empty() && text.empty()) continue;
      const parse::PhoneType type = phone.type;
      auto same = std::find_if(existing.begin(), existing.end(), [&](const Existing& e) {
        if (!phone.e164.empty() || !e.e164.empty()) return e.e164 == phone.e164 && e.extension == phone.extension;
        return !e.digits.empty() && e.digits == digits_of(text);
      });
      if (same != existing.end()) {
        // A later card may say what kind of number it is.
        if (same->type == parse::PhoneType::other && type != parse::PhoneType::other) {
          auto& update = db.prepare("UPDATE contact_phones SET type = ?1 WHERE id = ?2");
          update.bind(1, parse::to_string(type)).bind(2, same->row);
          update.run();
          same->type = type;
        }
        continue;
      }
      auto& st = db.prepare(
          "INSERT INTO contact_phones (contact_id, type, e164, text, extension, confidence) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      st.bind(1, id)
          .bind(2, parse::to_string(type))
          .bind(3, phone.e164)
          .bind(4, text)
          .bind(5, phone.extension)
          .bind(6, phone.confidence);
      st.run();
      existing.push_back({db.last_insert_id(), type, phone.e164, digits_of(text), phone.extension});
    }
  }

  for (const auto& raw : c.websites) {
    std::string url = trimmed(raw);
    if (url.empty()) continue;
    auto& st = db.prepare("INSERT OR IGNORE INTO contact_websites (contact_id, url, url_key) VALUES (?1, ?2, ?3)");
    st.bind(1, id).bind(2, url).bind(3, website_key(url));
    st.run();
  }
  for (const auto& social : c.social) {
    if (trimmed(social.handle).empty()) continue;
    auto& st = db.prepare("INSERT OR IGNORE INTO contact_social (contact_id, service, handle) VALUES (?1, ?2, ?3)");
    st.bind(1, id).bind(2, trimmed(social.service)).bind(3, trimmed(social.handle));
    st.run();
  }
  for (const auto& [field, member] : parse::kConfidenceFields) {
    const std::optional<double>& confidence = c.confidence.*member;
    if (!confidence) continue;
    auto& st = db.prepare(
        "INSERT INTO contact_confidences (contact_id, field, confidence) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (contact_id, field) DO UPDATE SET confidence = max(confidence, excluded.confidence)");
    st.bind(1, id).bind(2, field).bind(3, *confidence);
    st.run();
  }
}

void Store::Impl::merge_values(std::int64_t id, const parse::Contact& incoming, std::optional<std::int64_t> event_id,
                               const std::string& now_iso) {
  auto& load = db.prepare(
      "SELECT name, prefix, given, middle, family, suffix, title, company, department, address, "
      "street, city, region, postcode, country, event_id FROM contacts WHERE id = ?1");
  load.bind(1, id);
  if (!load.step()) {
    load.reset();
    throw SqliteError("contact " + std::to_string(id) + " vanished during a merge", 0);
  }
  parse::Contact current;
  int column = 0;
  for (const auto& scalar : kScalars) current.*scalar.member = load.column_text(column++);
  for (const auto& part : kAddressParts) current.address_parts.*part.member = load.column_text(column++);
  bool has_event = !load.column_is_null(column);
  load.reset();

  parse::Contact merged = current;
  for (const auto& scalar : kScalars) {
    std::string value = trimmed(incoming.*scalar.member);
    std::string& kept = merged.*scalar.member;
    if (value.empty()) continue;
    if (kept.empty()) {
      kept = value;
    } else if (scalar.keep_alternates && name_key(kept) != name_key(value)) {
      auto& st = db.prepare("INSERT OR IGNORE INTO contact_alternates (contact_id, field, value) VALUES (?1, ?2, ?3)");
      st.bind(1, id).bind(2, scalar.column).bind(3, value);
      st.run();
    }
  }
  for (const auto& part : kAddressParts) {
    std::string value = trimmed(incoming.address_parts.*part.member);
    if (!value.empty() && (merged.address_parts.*part.member).empty()) merged.address_parts.*part.member = value;
  }

  auto& update = db.prepare(
      "UPDATE contacts SET name = ?2, prefix = ?3, given = ?4, middle = ?5, family = ?6, suffix = ?7, title = ?8, "
      "company = ?9, department = ?10, address = ?11, street = ?12, city = ?13, region = ?14, postcode = ?15, "
      "country = ?16, name_key = ?17, company_key = ?18, updated_at = ?19, event_id = coalesce(event_id, ?20) "
      "WHERE id = ?1");
  int index = 1;
  update.bind(index++, id);
  for (const auto& scalar : kScalars) update.bind(index++, merged.*scalar.member);
  for (const auto& part : kAddressParts) update.bind(index++, merged.address_parts.*part.member);
  update.bind(index++, name_key(display_name_for_key(merged)));
  update.bind(index++, company_key(merged.company));
  update.bind(index++, now_iso);
  update.bind_or_null(index++, has_event ? std::nullopt : event_id);
  update.run();
  add_list_values(id, incoming);
}

std::optional<std::int64_t> Store::Impl::open_followup_of(std::int64_t contact_id) {
  auto& st = db.prepare("SELECT id FROM followups WHERE contact_id = ?1 AND status = 'open'");
  st.bind(1, contact_id);
  std::optional<std::int64_t> id;
  if (st.step()) id = st.column_int(0);
  st.reset();
  return id;
}

Store::Impl::OpenedFollowup Store::Impl::open_followup(std::int64_t contact_id, std::optional<std::int64_t> event_id,
                                                       std::int64_t now_epoch, const std::string& now_iso) {
  FollowupTime when{options.followup_hour, options.followup_minute, options.skip_weekends};
  const std::int64_t due = next_followup_due(now_epoch, when);
  auto& st = db.prepare(
      "INSERT INTO followups (contact_id, due_at, status, event_id, created_at, uid) "
      "VALUES (?1, ?2, 'open', ?3, ?4, ?5)");
  st.bind(1, contact_id).bind(2, due).bind_or_null(3, event_id).bind(4, now_iso).bind(5, new_followup_uid());
  st.run();
  return {db.last_insert_id(), due};
}

// ---------------------------------------------------------------- Store

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

namespace {

// `path` as an SQLite URI file name: the characters URIs reserve escaped.
std::string file_uri(const std::string& path) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      uri += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  return uri;
}

}  // namespace

std::expected<Store, std::string> Store::open_read_only(const std::string& path, const StoreOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
      return std::unexpected("no database at " + path + " (folder " + parent.string() + " does not exist)");
    return std::unexpected("no database at " + path);
  }
  // A WAL database is read through its shared-memory file, which SQLite
  // creates beside it; in a folder we cannot write to, it is opened as
  // immutable instead (nobody without write access there can change it).
  for (const char* mode : {"?mode=ro", "?mode=ro&immutable=1"}) {
    try {
      auto impl = std::make_unique<Impl>(file_uri(path) + mode, options, Database::ReadOnly{});
      impl->db.exec("PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms));
      const auto version = impl->db.query_int("PRAGMA user_version");
      if (version != kSchemaVersion)
        return std::unexpected(path + ": database schema version " + std::to_string(version) +
                               (version > kSchemaVersion
                                    ? " is newer than this cardscan understands; upgrade cardscan"
                                    : " is older than this cardscan's (" + std::to_string(kSchemaVersion) +
                                          "); open it once with write access to upgrade it"));
      return Store(std::move(impl));
    } catch (const SqliteError& e) {
      const int primary = e.code() & 0xFF;
      if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN) continue;
      return std::unexpected(path + ": " + e.what());
    } catch (const std::exception& e) {
      return std::unexpected(path + ": " + e.what());
    }
  }
  return std::unexpected(path + ": cannot be read (permissions?)");
}

std::expected<Store, std::string> Store::open(const std::string& path, const StoreOptions& options) {
  if (options.followup_hour < 0 || options.followup_hour > 23)
    return std::unexpected("follow-up hour must be 0-23, not " + std::to_string(options.followup_hour));
  if (options.followup_minute < 0 || options.followup_minute > 59)
    return std::unexpected("follow-up minute must be 0-59, not " + std::to_string(options.followup_minute));
  if (path.empty()) return std::unexpected(std::string("no database path given"));
  bool on_disk = path != ":memory:" && !path.starts_with("file::memory:");
  if (options.read_only) return open_read_only(path, options);
  if (on_disk) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return std::unexpected("cannot create " + parent.string() + ": " + ec.message());
  }
  try {
    auto impl = std::make_unique<Impl>(path, options);
    if (on_disk && impl->db.read_only())
      return std::unexpected(path +
                             ": read-only (the file's or its folder's permissions); commands that only read "
                             "it still work");
    configure_connection(impl->db, on_disk, options.busy_timeout_ms);
    migrate(impl->db, kSchemaVersion);
    return Store(std::move(impl));
  } catch (const std::exception& e) {
    return std::unexpected(path + ": " + e.what());
  }
}

const StoreOptions& Store::options() const { return impl_->options; }

int Store::schema_version() { return static_cast<int>(impl_->db.query_int("PRAGMA user_version")); }

bool Store::has_scan(const std::string& sha256) {
  auto& st = impl_->db.prepare("SELECT 1 FROM scans WHERE sha256 = ?1 LIMIT 1");
  st.bind(1, sha256);
  bool found = st.step();
  st.reset();
  return found;
}

std::expected<std::vector<CardResult>, std::string> Store::add_scan(const ScanRecord& scan,
                                                                    std::chrono::system_clock::time_point now) {
  if (scan.sha256.empty()) return std::unexpected("scan of '" + scan.source_path + "' has no SHA-256");
  auto& db = impl_->db;
  std::int64_t now_epoch = to_epoch(now);
  std::string now_iso = format_utc_iso(now_epoch);
  std::vector<CardResult> results;
  try {
    Transaction tx(db);
    // Checked under the write lock, so two processes scanning the same file
    // cannot both store it.
    auto& seen =
        db.prepare("SELECT card_index, coalesce(contact_id, 0) FROM scans WHERE sha256 = ?1 ORDER BY card_index");
    seen.bind(1, scan.sha256);
    while (seen.step()) results.push_back({CardOutcome::already_scanned, seen.column_int(1), std::nullopt, {}});
    seen.reset();
    if (!results.empty()) {
      tx.commit();
      return results;
    }

    std::optional<std::int64_t> event_id = impl_->ensure_event(scan.event, now_iso);
    for (std::size_t i = 0; i < scan.cards.size(); ++i) {
      const CardRecord& card = scan.cards[i];
      CardResult result;
      if (auto match = impl_->find_match(card.contact)) {
        impl_->merge_values(*match, card.contact, event_id, now_iso);
        // A new card may bring values nobody has checked.
        auto& unreview = db.prepare("UPDATE contacts SET reviewed_at = NULL WHERE id = ?1");
        unreview.bind(1, *match);
        unreview.run();
        result.outcome = CardOutcome::merged;
        result.contact_id = *match;
      } else {
        result.contact_id = impl_->insert_contact(card.contact, event_id, now_iso);
        result.outcome = CardOutcome::created;
      }
      auto& insert = db.prepare(
          "INSERT INTO scans (sha256, source_path, card_index, contact_id, event_id, crop_jpeg, ocr_text, scanned_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      insert.bind(1, scan.sha256)
          .bind(2, scan.source_path)
          .bind(3, static_cast<std::int64_t>(i))
          .bind(4, result.contact_id)
          .bind_or_null(5, event_id)
          .bind_blob(6, card.crop_jpeg)
          .bind(7, card.ocr_text)
          .bind(8, now_iso);
      insert.run();
      if (!impl_->open_followup_of(result.contact_id)) {
        const auto opened = impl_->open_followup(result.contact_id, event_id, now_epoch, now_iso);
        result.followup_id = opened.id;
        result.followup_due = format_local_minutes(opened.due_epoch);
      }
      results.push_back(result);
      if (impl_->options.on_card_written) impl_->options.on_card_written(i);
    }
    tx.commit();
  } catch (const std::exception& e) {
    return std::unexpected("cannot store " + scan.source_path + ": " + error_text(e));
  }
  return results;
}

std::expected<void, std::string> Store::edit_contact(std::int64_t id, const ContactEdit& edit,
                                                     std::chrono::system_clock::time_point now) {
  if (edit.empty()) return std::unexpected(std::string("nothing to change: give at least one field to edit"));
  if (auto valid = validate_edit(edit); !valid) return std::unexpected(valid.error());
  auto& db = impl_->db;
  std::string now_iso = format_utc_iso(to_epoch(now));
  try {
    Transaction tx(db);
    auto current = impl_->load_contact(id, false);
    if (!current) return std::unexpected("no contact with id " + std::to_string(id));
    parse::Contact c = current->contact;
    std::string note = current->note;
    auto set = [](std::string& field, const std::optional<std::string>& value) {
      if (value) field = trimmed(*value);
    };
    set(c.name, edit.name);
    set(c.prefix, edit.prefix);
    set(c.given, edit.given);
    set(c.middle, edit.middle);
    set(c.family, edit.family);
    set(c.suffix, edit.suffix);
    set(c.title, edit.title);
    set(c.company, edit.company);
    set(c.department, edit.department);
    set(c.address, edit.address);
    set(c.address_parts.street, edit.street);
    set(c.address_parts.city, edit.city);
    set(c.address_parts.region, edit.region);
    set(c.address_parts.postcode, edit.postcode);
    set(c.address_parts.country, edit.country);
    if (edit.note) note = *edit.note;  // notes keep their own line breaks and spacing
    if (edit.emails) c.emails = *edit.emails;
    if (edit.websites) c.websites = *edit.websites;
    if (edit.phones) c.phones = *edit.phones;
    if (c.name.empty() && c.given.empty() && c.family.empty() && c.company.empty() && c.emails.empty() &&
        c.phones.empty())
      return std::unexpected(
          std::string("refusing the edit: the contact would have no name, company, e-mail or phone"));

    auto& update = db.prepare(
        "UPDATE contacts SET name = ?2, prefix = ?3, given = ?4, middle = ?5, family = ?6, suffix = ?7, title = ?8, "
        "company = ?9, department = ?10, address = ?11, street = ?12, city = ?13, region = ?14, postcode = ?15, "
        "country = ?16, name_key = ?17, company_key = ?18, updated_at = ?19, note = ?20 WHERE id = ?1");
    int index = 1;
    update.bind(index++, id);
    for (const auto& scalar : kScalars) update.bind(index++, c.*scalar.member);
    for (const auto& part : kAddressParts) update.bind(index++, c.address_parts.*part.member);
    update.bind(index++, name_key(display_name_for_key(c)));
    update.bind(index++, company_key(c.company));
    update.bind(index++, now_iso);
    update.bind(index++, note);
    update.run();
    if (edit.event) {
      auto event_id = impl_->ensure_event(*edit.event, now_iso);
      auto& st = db.prepare("UPDATE contacts SET event_id = ?2 WHERE id = ?1");
      st.bind(1, id).bind_or_null(2, event_id);
      st.run();
    }
    parse::Contact lists;
    if (edit.emails) {
      auto& st = db.prepare("DELETE FROM contact_emails WHERE contact_id = ?1");
      st.bind(1, id);
      st.run();
      lists.emails = *edit.emails;
    }
    if (edit.phones) {
      auto& st = db.prepare("DELETE FROM contact_phones WHERE contact_id = ?1");
      st.bind(1, id);
      st.run();
      lists.phones = *edit.phones;
    }
    if (edit.websites) {
      auto& st = db.prepare("DELETE FROM contact_websites WHERE contact_id = ?1");
      st.bind(1, id);
      st.run();
      lists.websites = *edit.websites;
    }
    impl_->add_list_values(id, lists);
    tx.commit();
  } catch (const std::exception& e) {
    return std::unexpected(error_text(e));
  }
  return {};
}

std::expected<void, std::string> Store::merge_contacts(std::int64_t keep, std::int64_t other,
                                                       std::chrono::system_clock::time_point now) {
  if (keep == other) return std::unexpected("cannot merge contact " + std::to_string(keep) + " into itself");
  auto& db = impl_->db;
  std::string now_iso = format_utc_iso(to_epoch(now));
  try {
    Transaction tx(db);
    auto kept = impl_->load_contact(keep, false);
    if (!kept) return std::unexpected("no contact with id " + std::to_string(keep));
    auto gone = impl_->load_contact(other, false);
    if (!gone) return std::unexpected("no contact with id " + std::to_string(other));

    std::optional<std::int64_t> other_event;
    if (!gone->event.empty()) other_event = impl_->ensure_event(gone->event, now_iso);
    impl_->merge_values(keep, gone->contact, other_event, now_iso);
    auto& alternates = db.prepare(
        "INSERT OR IGNORE INTO contact_alternates (contact_id, field, value) "
        "SELECT ?1, field, value FROM contact_alternates WHERE contact_id = ?2");
    alternates.bind(1, keep).bind(2, other);
    alternates.run();
    if (!gone->note.empty() && gone->note != kept->note) {
      auto& st = db.prepare("UPDATE contacts SET note = ?2 WHERE id = ?1");
      st.bind(1, keep).bind(2, kept->note.empty() ? gone->note : kept->note + "\n" + gone->note);
      st.run();
    }

    // At most one open follow-up survives: the one due first.
    auto open_kept = impl_->open_followup_of(keep);
    auto open_gone = impl_->open_followup_of(other);
    if (open_kept && open_gone) {
      auto a = impl_->load_followup(*open_kept);
      auto b = impl_->load_followup(*open_gone);
      bool keep_a = a->effective_due_epoch() <= b->effective_due_epoch();
      const FollowUp& survivor = keep_a ? *a : *b;
      const FollowUp& dropped = keep_a ? *b : *a;
      if (!dropped.note.empty() && dropped.note != survivor.note) {
        auto& st = db.prepare("UPDATE followups SET note = ?2 WHERE id = ?1");
        st.bind(1, survivor.id).bind(2, survivor.note.empty() ? dropped.note : survivor.note + "\n" + dropped.note);
        st.run();
      }
      auto& del = db.prepare("DELETE FROM followups WHERE id = ?1");
      del.bind(1, dropped.id);
      del.run();
    }
    auto& move_followups = db.prepare("UPDATE followups SET contact_id = ?1 WHERE contact_id = ?2");
    move_followups.bind(1, keep).bind(2, other);
    move_followups.run();
    auto& move_scans = db.prepare("UPDATE scans SET contact_id = ?1 WHERE contact_id = ?2");
    move_scans.bind(1, keep).bind(2, other);
    move_scans.run();
    auto& del = db.prepare("DELETE FROM contacts WHERE id = ?1");
    del.bind(1, other);
    del.run();
    tx.commit();
  } catch (const std::exception& e) {
    return std::unexpected(error_text(e));
  }
  return {};
}

std::expected<void, std::string> Store::set_reviewed(std::int64_t id, bool reviewed,
                                                     std::chrono::system_clock::time_point now) {
  auto& db = impl_->db;
  try {
    Transaction tx(db);
    if (!impl_->contact_exists(id)) return std::unexpected("no contact with id " + std::to_string(id));
    auto& st = db.prepare("UPDATE contacts SET reviewed_at = ?2 WHERE id = ?1");
    st.bind(1, id);
    if (reviewed)
      st.bind(2, format_utc_iso(to_epoch(now)));
    else
      st.bind_null(2);
    st.run();
    tx.commit();
  } catch (const std::exception& e) {
    return std::unexpected(error_text(e));
  }
  return {};
}

std::expected<void, std::string> Store::delete_contact(std::int64_t id) {
  auto& db = impl_->db;
  try {
    Transaction tx(db);
    if (!impl_->contact_exists(id)) return std::unexpected("no contact with id " + std::to_string(id));
    auto& del = db.prepare("DELETE FROM contacts WHERE id = ?1");
    del.bind(1, id);
    del.run();
    tx.commit();
  } catch (const std::exception& e) {
    return std::unexpected(error_text(e));
  }
  return {};
}

std::expected<void, std::string> Store::complete_followup(std::int64_t id, std::chrono::system_clock::time_point now) {
  auto& db = impl_->db;
  try {
    Transaction tx(db);
    auto followup = impl_->load_followup(id);
    if (!followup) return std::unexpected("no follow-up with id " + std::to_string(id));
    if (followup->status == "done")
      return std::unexpected("follow-up " + std::to_string(id) + " is already done (since " + followup->done_at + ")");
    auto& st = db.prepare("UPDATE followups SET status = 'done', done_at = ?2 WHERE id = ?1");
    st.bind(1, id).bind(2, to_epoch(now));
    st.run();
    tx.commit();
  } catch (const std::exception& e) {
    return std::unexpected(error_text(e));
  }
  return {};
}

std::expected<void, std::string> Store::snooze_followup(std::int64_t id, std::int64_t until_epoch,
                                                        std::chrono::system_clock::time_point now) {
  auto& db = impl_->db;
  try {
    Transaction tx(db);
    auto followup = impl_->load_followup(id);
    if (!followup) return std::unexpected("no follow-up with id " + std::to_string(id));
    if (followup->status == "done")
      return std::unexpected("follow-up " + std::to_string(id) + " is already done; nothing to snooze");
    if (until_epoch <= to_epoch(now))
      return std::unexpected("cannot snooze until " + format_local_minutes(until_epoch) +
                             ": that is not in the future");
    auto& st = db.prepare("UPDATE followups SET snoozed_until = ?2 WHERE id = ?1");
    st.bind(1, id).bind(2, until_epoch);
    st.run();
    tx.commit();
  } catch (const std::exception& e) {
    return std::unexpected(error_text(e));
  }
  return {};
}

std::string default_db_path() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  std::filesystem::path base;
  if (xdg && *xdg == '/') {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = std::filesystem::path(home && *home ? home : ".") / ".local" / "share";
  }
  return (base / "cardscan" / "cardscan.db").string();
}

}  // namespace cardscan::store
