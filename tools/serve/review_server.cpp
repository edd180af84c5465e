#include "tools/serve/review_server.hpp"

#include <unistd.h>

#include <httplib.h>
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "parse/field_finders.hpp"
#include "parse/name_parser.hpp"
#include "store/csv_export.hpp"
#include "store/icalendar.hpp"
#include "store/local_time.hpp"
#include "store/store.hpp"
#include "store/vcard.hpp"
#include "tools/cli/scan_store.hpp"
#include "tools/pipeline/worker_pool.hpp"
#include "tools/serve/field_sources.hpp"
#include "tools/serve/request_guard.hpp"
#include "tools/serve/upload_check.hpp"
#include "tools/serve/web_assets.hpp"

namespace cardscan::serve {

namespace {

using nlohmann::json;

// Follow-ups due within this many days show under "coming up" on the page.
constexpr int kUpcomingDays = 7;

bool has_person_name(const parse::Contact& c) { return !c.name.empty() || !c.given.empty() || !c.family.empty(); }

json summary_json(const store::ReviewItem& item) {
  const auto& s = item.contact;
  const auto& c = s.contact;
  return {{"id", s.id},
          {"name", store::display_name(c)},
          {"person", has_person_name(c)},
          {"title", c.title},
          {"company", c.company},
          {"email", c.emails.empty() ? "" : c.emails.front()},
          {"event", s.event},
          {"session", item.session},
          {"lowest", item.lowest_confidence},
          {"weakest", item.weakest_field},
          {"reviewed", !s.reviewed_at.empty()},
          {"cards", s.scan_count}};
}

json followup_json(const store::FollowUp& f) {
  return {{"id", f.id},
          {"contact_id", f.contact_id},
          {"contact", f.contact_name},
          {"company", f.company},
          {"due", f.due},
          {"snoozed_until", f.snoozed_until},
          {"status", f.status},
          {"event", f.event},
          {"due_epoch", f.effective_due_epoch()},
          {"note", f.note}};
}

json detail_json(const store::StoredContact& s, const std::vector<store::CardScan>& cards,
                 const std::optional<store::StoredContact>& back_side) {
  const auto& c = s.contact;
  std::vector<std::string> lines;
  json card_list = json::array();
  for (const auto& card : cards) {
    auto these = ocr_lines(card.ocr_text);
    lines.insert(lines.end(), these.begin(), these.end());
    card_list.push_back({{"id", card.id},
                         {"file", card.source_name},
                         {"scanned_at", card.scanned_at},
                         {"event", card.event},
                         {"has_crop", card.has_crop},
                         {"lines", these}});
  }
  json sources = json::object();
  const std::pair<const char*, const std::string*> scalars[] = {{"name", &c.name},
                                                                {"title", &c.title},
                                                                {"company", &c.company},
                                                                {"department", &c.department},
                                                                {"address", &c.address}};
  for (const auto& [field, value] : scalars) sources[field] = source_lines(*value, lines);
  json email_sources = json::array(), phone_sources = json::array(), web_sources = json::array();
  for (const auto& e : c.emails) email_sources.push_back(source_lines(e, lines));
  for (const auto& p : c.phones) phone_sources.push_back(source_lines(p.text.empty() ? p.e164 : p.text, lines, true));
  for (const auto& w : c.websites) web_sources.push_back(source_lines(w, lines));
  sources["emails"] = email_sources;
  sources["phones"] = phone_sources;
  sources["websites"] = web_sources;

  json phones = json::array();
  for (const auto& p : c.phones)
    phones.push_back(
        {{"type", parse::to_string(p.type)}, {"e164", p.e164}, {"text", p.text}, {"confidence", p.confidence}});
  json confidence = json::object();
  for (const auto& [field, member] : parse::kConfidenceFields) {
    if (const auto& value = c.confidence.*member) confidence[std::string(field)] = *value;
  }
  json alternates = json::array();
  for (const auto& [field, value] : s.alternates) alternates.push_back({{"field", field}, {"value", value}});
  json followups = json::array();
  for (const auto& f : s.followups) followups.push_back(followup_json(f));
  json back = nullptr;
  if (back_side)
    back = {{"id", back_side->id},
            {"name", store::display_name(back_side->contact)},
            {"company", back_side->contact.company},
            {"person", has_person_name(back_side->contact)}};
  return {{"id", s.id},
          {"display", store::display_name(c)},
          {"person", has_person_name(c)},
          {"reviewed", !s.reviewed_at.empty()},
          {"name", c.name},
          {"title", c.title},
          {"company", c.company},
          {"department", c.department},
          {"address", c.address},
          {"note", s.note},
          {"event", s.event},
          {"emails", c.emails},
          {"phones", phones},
          {"websites", c.websites},
          {"confidence", confidence},
          {"sources", sources},
          {"cards", card_list},
          {"alternates", alternates},
          {"followups", followups},
          {"back_side", back}};
}

void send_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, const std::string& message, int status = 400) {
  send_json(res, {{"error", message}}, status);
}

// The ID in the route's first group; 0 (no such row) when it does not fit.
std::int64_t id_param(const httplib::Request& req) {
  if (req.matches.size() < 2) return 0;
  try {
    return std::stoll(req.matches[1].str());
  } catch (const std::exception&) {
    return 0;
  }
}

std::optional<json> json_body(const httplib::Request& req, httplib::Response& res) {
  try {
    return json::parse(req.body);
  } catch (const std::exception&) {
    send_error(res, "the request body is not JSON");
    return std::nullopt;
  }
}

// The page's filter from the query: scope=review (unreviewed only) or all, q=search.
store::ContactFilter filter_of(const httplib::Request& req) {
  store::ContactFilter filter;
  filter.unreviewed = req.get_param_value("scope") != "all";
  filter.search = req.get_param_value("q");
  if (req.has_param("event")) filter.event = req.get_param_value("event");
  return filter;
}

std::string string_or(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

struct ReviewServer::Impl {
  ServeOptions options;
  store::Store store;
  std::mutex store_mutex;  // a Store is one connection: one thread at a time
  std::mutex pool_mutex;                    // guards starting `pool`
  std::unique_ptr<pipeline::WorkerPool> pool;  // one worker, started at the first upload: uploads share its engine
  std::string token = new_token();
  std::filesystem::path upload_dir;  // private (0700) folder for uploads being read
  std::atomic<std::uint64_t> upload_count{0};
  int port = 0;
  httplib::Server http;

  Impl(ServeOptions opts, store::Store s) : options(std::move(opts)), store(std::move(s)) {}
  ~Impl() {
    std::error_code ec;
    if (!upload_dir.empty()) std::filesystem::remove_all(upload_dir, ec);
  }

  void routes();
  void guard();
  json upload(const std::string& bytes, const std::string& file_name, const std::string& event);
  // The edit a review-page body asks for, against what is stored; an error names a value it cannot take.
  std::expected<store::ContactEdit, std::string> edit_from(const json& body, const store::StoredContact& current);
};

void ReviewServer::Impl::guard() {
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    RequestFacts facts;
    facts.method = req.method;
    facts.path = req.path;
    facts.host = req.get_header_value("Host");
    facts.origin = req.get_header_value("Origin");
    facts.sec_fetch_site = req.get_header_value("Sec-Fetch-Site");
    facts.token_header = req.get_header_value("X-CSRF-Token");
    facts.token_query = req.get_param_value("t");
    facts.is_public_asset =
        req.path == "/" || req.path == "/app.js" || req.path == "/app.css" || req.path == "/favicon.svg";
    if (auto why = refusal(facts, port, token)) {
      res.status = 403;
      res.set_content(*why + "\n", "text/plain; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });
}

std::expected<store::ContactEdit, std::string> ReviewServer::Impl::edit_from(const json& body,
                                                                             const store::StoredContact& current) {
  store::ContactEdit edit;
  const auto& c = current.contact;
  auto scalar = [&](const char* key, std::optional<std::string>& target, const std::string& now) {
    if (body.contains(key) && body[key].is_string() && body[key].get<std::string>() != now)
      target = body[key].get<std::string>();
  };
  scalar("name", edit.name, c.name);
  if (edit.name) {  // the parts follow the printed name, or exports would keep the old ones
    auto parts = parse::split_name(*edit.name);
    edit.name = parts.full;
    edit.prefix = parts.prefix;
    edit.given = parts.given;
    edit.middle = parts.middle;
    edit.family = parts.family;
    edit.suffix = parts.suffix;
  }
  scalar("title", edit.title, c.title);
  scalar("company", edit.company, c.company);
  scalar("department", edit.department, c.department);
  scalar("address", edit.address, c.address);
  scalar("note", edit.note, current.note);
  auto list = [&](const char* key, std::optional<std::vector<std::string>>& target,
                  const std::vector<std::string>& now) {
    if (!body.contains(key) || !body[key].is_array()) return;
    std::vector<std::string> values;
    for (const auto& v : body[key])
      if (v.is_string() && !v.get<std::string>().empty()) values.push_back(v.get<std::string>());
    if (values != now) target = values;
  };
  list("emails", edit.emails, c.emails);
  list("websites", edit.websites, c.websites);
  if (body.contains("phones") && body["phones"].is_array()) {
    std::vector<parse::Phone> phones;
    for (const auto& p : body["phones"]) {
      const std::string text = string_or(p, "text");
      if (text.empty()) continue;
      const parse::PhoneType type = parse::parse_phone_type(string_or(p, "type")).value_or(parse::PhoneType::other);
      // Unchanged numbers keep what the card gave (E.164, confidence).
      auto same = std::find_if(c.phones.begin(), c.phones.end(), [&](const parse::Phone& old) {
        return old.text == text || (!old.e164.empty() && old.e164 == text);
      });
      if (same != c.phones.end()) {
        parse::Phone kept = *same;
        kept.type = type;
        phones.push_back(kept);
        continue;
      }
      parse::PhoneContext context;
      context.default_region = options.pipeline.parse.region.empty() ? "US" : options.pipeline.parse.region;
      for (const auto& old : c.phones)  // a number typed nationally is most likely in the card's own country
        if (!old.e164.empty()) context.regions = parse::regions_from_country_codes(old.e164);
      auto hits = parse::find_phones(text, context);
      parse::Phone phone;
      phone.type = type;
      phone.text = text;
      phone.confidence = 1.0;
      if (hits.size() == 1) {
        phone.e164 = hits.front().phone.e164;
        phone.extension = hits.front().phone.extension;
      } else {
        return std::unexpected("'" + text + "' is not a phone number cardscan can read; " +
                               "write it with its country code, as +1 415 555 0123");
      }
      phones.push_back(phone);
    }
    bool changed = phones.size() != c.phones.size();
    for (std::size_t i = 0; !changed && i < phones.size(); ++i)
      changed = phones[i].text != c.phones[i].text || phones[i].type != c.phones[i].type;
    if (changed) edit.phones = phones;
  }
  return edit;
}

json ReviewServer::Impl::upload(const std::string& bytes, const std::string& file_name, const std::string& event) {
  json result = {{"file", file_name}, {"contacts", json::array()}, {"error", nullptr}};
  auto type = check_upload(bytes, options.max_upload_bytes);
  if (!type) {
    result["error"] = type.error();
    return result;
  }
  // Our own name in our own folder: nothing from the request becomes a path.
  std::filesystem::path path = upload_dir / ("upload-" + std::to_string(++upload_count) + *type);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      result["error"] = "cannot write the upload to a temporary file";
      return result;
    }
  }
  pipeline::WorkerPool* workers = nullptr;
  {
    std::lock_guard pool_lock(pool_mutex);
    if (!pool) {
      auto started_pool = std::make_unique<pipeline::WorkerPool>(options.pipeline, 1, [this](const std::string& sha) {
        std::lock_guard lock(store_mutex);
        return store.has_scan(sha);
      });
      if (auto started = started_pool->start(); !started) {
        std::filesystem::remove(path);
        result["error"] = "OCR engine: " + started.error();
        return result;
      }
      pool = std::move(started_pool);
    }
    workers = pool.get();
  }
  std::promise<pipeline::FileOutput> read;
  auto reading = read.get_future();
  workers->submit(path, [&read](pipeline::FileOutput&& out) { read.set_value(std::move(out)); });
  pipeline::FileOutput file = reading.get();
  std::filesystem::remove(path);
  if (file.skipped) {
    result["skipped"] = true;
    result["error"] = "already scanned: this photo is in the store";
    return result;
  }
  if (file.error) {
    result["error"] = *file.error;
    return result;
  }
  const store::ScanRecord record = cli::to_scan_record(file, "uploaded/" + file_name, event);
  std::lock_guard lock(store_mutex);
  auto stored = store.add_scan(record);
  if (!stored) {
    result["error"] = stored.error();
    return result;
  }
  for (std::size_t i = 0; i < stored->size(); ++i) {
    const auto& card = (*stored)[i];
    result["contacts"].push_back({{"id", card.contact_id},
                                  {"name", store::display_name(file.cards[i].contact)},
                                  {"outcome", card.outcome == store::CardOutcome::created  ? "created"
                                              : card.outcome == store::CardOutcome::merged ? "merged"
                                                                                           : "already scanned"}});
  }
  if (stored->empty()) result["error"] = "no card found in this photo";
  return result;
}

void ReviewServer::Impl::routes() {
  auto page = [this](const httplib::Request&, httplib::Response& res) {
    std::string html(web::kIndexHtml);
    const std::string marker = "@CSRF_TOKEN@";
    if (auto at = html.find(marker); at != std::string::npos) html.replace(at, marker.size(), token);
    res.set_content(html, "text/html; charset=utf-8");
  };
  http.Get("/", page);
  http.Get("/app.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(web::kAppJs), "text/javascript; charset=utf-8");
  });
  http.Get("/app.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(web::kAppCss), "text/css; charset=utf-8");
  });
  http.Get("/favicon.svg", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(web::kFaviconSvg), "image/svg+xml");
  });

  http.Get("/api/queue", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(store_mutex);
    json items = json::array();
    for (const auto& item : store.review_queue(filter_of(req))) items.push_back(summary_json(item));
    auto stats = store.stats();
    std::int64_t now = store::to_epoch(std::chrono::system_clock::now());
    int due = 0;
    for (const auto& f : store.open_followups())
      if (f.effective_due_epoch() < store::local_next_day_start(now)) ++due;
    send_json(res, {{"items", items},
                    {"counts",
                     {{"contacts", stats.contacts},
                      {"reviewed", stats.reviewed},
                      {"unreviewed", stats.contacts - stats.reviewed},
                      {"followups_due", due}}}});
  });

  http.Get(R"(/api/contact/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto id = id_param(req);
    std::lock_guard lock(store_mutex);
    auto contact = store.contact(id);
    if (!contact) return send_error(res, contact.error(), 404);
    std::optional<store::StoredContact> back;
    if (auto other = store.back_side_candidate(id))
      if (auto loaded = store.contact(*other)) back = std::move(*loaded);
    send_json(res, detail_json(*contact, store.card_scans(id), back));
  });

  http.Get(R"(/api/crop/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto id = id_param(req);
    std::lock_guard lock(store_mutex);
    auto crop = store.card_crop(id);
    if (!crop) return send_error(res, crop.error(), 404);
    res.set_content(std::string(crop->begin(), crop->end()), "image/jpeg");
  });

  http.Post(R"(/api/contact/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto id = id_param(req);
    auto body = json_body(req, res);
    if (!body) return;
    std::lock_guard lock(store_mutex);
    auto current = store.contact(id);
    if (!current) return send_error(res, current.error(), 404);
    auto edit = edit_from(*body, *current);
    if (!edit) return send_error(res, edit.error());
    if (!edit->empty())
      if (auto done = store.edit_contact(id, *edit); !done) return send_error(res, done.error());
    bool reviewed = !body->contains("reviewed") || (*body)["reviewed"] != false;
    if (auto done = store.set_reviewed(id, reviewed); !done) return send_error(res, done.error());
    send_json(res, {{"ok", true}, {"changed", !edit->empty()}});
  });

  http.Post("/api/merge", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    if (!(*body)["keep"].is_number_integer() || !(*body)["other"].is_number_integer())
      return send_error(res, "merge takes {\"keep\": ID, \"other\": ID}");
    std::lock_guard lock(store_mutex);
    auto keep = (*body)["keep"].get<std::int64_t>(), other = (*body)["other"].get<std::int64_t>();
    if (auto done = store.merge_contacts(keep, other); !done) return send_error(res, done.error());
    send_json(res, {{"ok", true}, {"id", keep}});
  });

  http.Get("/api/followups", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(store_mutex);
    std::int64_t now = store::to_epoch(std::chrono::system_clock::now());
    std::int64_t tomorrow = store::local_next_day_start(now);
    json overdue = json::array(), today = json::array(), upcoming = json::array();
    for (const auto& f : store.open_followups()) {
      std::int64_t due = f.effective_due_epoch();
      if (due < now)
        overdue.push_back(followup_json(f));
      else if (due < tomorrow)
        today.push_back(followup_json(f));
      else if (due < now + kUpcomingDays * 86400)
        upcoming.push_back(followup_json(f));
    }
    send_json(res, {{"overdue", overdue}, {"today", today}, {"upcoming", upcoming}});
  });

  http.Post(R"(/api/followup/(\d+)/done)", [this](const httplib::Request& req, httplib::Response& res) {
    auto id = id_param(req);
    std::lock_guard lock(store_mutex);
    if (auto done = store.complete_followup(id); !done) return send_error(res, done.error());
    send_json(res, {{"ok", true}});
  });

  http.Post(R"(/api/followup/(\d+)/snooze)", [this](const httplib::Request& req, httplib::Response& res) {
    auto id = id_param(req);
    auto body = json_body(req, res);
    if (!body) return;
    int days = (*body).value("days", 1);
    if (days < 1 || days > 365) return send_error(res, "snooze takes 1 to 365 days");
    std::lock_guard lock(store_mutex);
    // N mornings from now, at the store's follow-up time (weekends skipped if set).
    const auto& o = store.options();
    store::FollowupTime when{o.followup_hour, o.followup_minute, o.skip_weekends};
    std::int64_t until = store::to_epoch(std::chrono::system_clock::now());
    for (int i = 0; i < days; ++i) until = store::next_followup_due(until, when);
    if (auto done = store.snooze_followup(id, until); !done) return send_error(res, done.error());
    send_json(res, {{"ok", true}, {"until", store::format_local_minutes(until)}});
  });

  http.Post("/api/upload", [this](const httplib::Request& req, httplib::Response& res) {
    std::string name = display_file_name(req.get_param_value("name"));
    std::string event = req.get_param_value("event");
    if (event.size() > 200 ||
        !std::all_of(event.begin(), event.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x20; }))
      return send_error(res, "the event name must be one line of at most 200 bytes");
    json result = upload(req.body, name, event);
    send_json(res, result, result["error"].is_null() ? 200 : 422);
  });

  auto export_route = [this](const char* pattern, const char* kind) {
    http.Get(pattern, [this, kind](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(store_mutex);
      auto contacts = store.contacts(filter_of(req));
      std::string k = kind, body, type, name;
      if (k == "vcf") {
        body = store::to_vcards(contacts);
        type = "text/vcard; charset=utf-8";
      } else if (k == "csv") {
        body = store::to_csv(contacts, store::CsvFormat::google);
        type = "text/csv; charset=utf-8";
      } else {
        bool any = false;
        for (const auto& c : contacts) any = any || !c.followups.empty();
        if (!any) return send_error(res, "no follow-ups among these contacts", 404);
        store::ICalendarOptions ics;
        ics.stamp_epoch = store::to_epoch(std::chrono::system_clock::now());
        body = store::to_icalendar(contacts, ics);
        type = "text/calendar; charset=utf-8";
      }
      res.set_header("Content-Disposition", std::string("attachment; filename=\"cardscan-contacts.") + kind + "\"");
      res.set_content(body, type.c_str());
    });
  };
  export_route("/api/export.vcf", "vcf");
  export_route("/api/export.csv", "csv");
  export_route("/api/export.ics", "ics");
}

ReviewServer::ReviewServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReviewServer::~ReviewServer() = default;

std::expected<std::unique_ptr<ReviewServer>, std::string> ReviewServer::create(ServeOptions options) {
  options.pipeline.keep_crops = true;  // the page shows every card's crop
  auto opened = store::Store::open(options.db_path);
  if (!opened) return std::unexpected("cannot open database " + options.db_path + ": " + opened.error());
  auto impl = std::make_unique<Impl>(std::move(options), std::move(*opened));
  std::string pattern = (std::filesystem::temp_directory_path() / "cardscan-serve-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return std::unexpected(std::string("cannot create a temporary folder for uploads"));
  impl->upload_dir = pattern;  // mkdtemp makes it 0700
  impl->http.set_payload_max_length(impl->options.max_upload_bytes + 1);
  impl->guard();
  impl->routes();
  return std::unique_ptr<ReviewServer>(new ReviewServer(std::move(impl)));
}

std::expected<int, std::string> ReviewServer::bind() {
  auto& http = impl_->http;
  int port = impl_->options.port;
  if (port == 0) {
    port = http.bind_to_any_port("127.0.0.1");
    if (port <= 0) return std::unexpected(std::string("cannot listen on 127.0.0.1"));
  } else if (!http.bind_to_port("127.0.0.1", port)) {
    return std::unexpected("cannot listen on 127.0.0.1:" + std::to_string(port) +
                           " (in use? pick another with --port)");
  }
  impl_->port = port;
  return port;
}

void ReviewServer::run() { impl_->http.listen_after_bind(); }

void ReviewServer::stop() { impl_->http.stop(); }

}  // namespace cardscan::serve
