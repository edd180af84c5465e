#include "tools/cli/store_cli.hpp"

#include <charconv>
#include <filesystem>
#include <iostream>

#include "store/contact_validation.hpp"
#include "tools/cli/contact_json.hpp"

namespace cardscan::cli {

std::string resolve_db_path(const GlobalOptions& global) {
  return global.db_path.empty() ? store::default_db_path() : global.db_path;
}

std::optional<store::Store> open_store_or_report(GlobalOptions& global, StoreAccess access) {
  const std::string path = resolve_db_path(global);
  store::StoreOptions options;
  options.read_only = access == StoreAccess::read;
  std::error_code ec;
  // Nothing scanned yet: reading a store that is still to be made needs no
  // file (and makes none); a folder that does not exist is a mistyped path.
  const auto folder = std::filesystem::path(path).parent_path();
  const bool nothing_yet = options.read_only && !std::filesystem::exists(path, ec) &&
                           (folder.empty() || std::filesystem::is_directory(folder, ec));
  auto opened = nothing_yet ? store::Store::open(":memory:") : store::Store::open(path, options);
  if (!opened) {
    report_error(global, "cannot open the database: " + opened.error(), kExitStore);
    return std::nullopt;
  }
  return std::move(*opened);
}

void report_error(GlobalOptions& global, const std::string& message, int exit_code) {
  std::cerr << "cardscan: " << message << "\n";
  global.exit_code = exit_code;
}

std::expected<std::int64_t, std::string> parse_id(const std::string& text, const std::string& what) {
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || id <= 0 || text[0] == '+')
    return std::unexpected("bad " + what + " ID '" + text + "': expected a positive number as listed by cardscan");
  return id;
}

std::expected<std::vector<std::int64_t>, std::string> parse_id_list(const std::string& text) {
  std::vector<std::int64_t> ids;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto dash = item.find('-');
    if (dash != std::string::npos && dash > 0) {
      auto first = parse_id(item.substr(0, dash), "contact");
      auto last = parse_id(item.substr(dash + 1), "contact");
      if (!first || !last || *last < *first || *last - *first > 1'000'000)
        return std::unexpected("bad --ids range '" + item + "': expected FIRST-LAST, as in 3-7");
      for (auto id = *first; id <= *last; ++id) ids.push_back(id);
    } else {
      auto id = parse_id(item, "contact");
      if (!id) return std::unexpected("bad --ids '" + text + "': expected IDs and ranges such as 3,5,10-12");
      ids.push_back(*id);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return ids;
}

std::expected<parse::Phone, std::string> parse_phone_argument(const std::string& text) {
  parse::Phone phone;
  phone.type = parse::PhoneType::work;
  std::string number = text;
  if (auto colon = text.find(':'); colon != std::string::npos) {
    const std::string word = text.substr(0, colon);
    const auto type = parse::parse_phone_type(word == "cell" ? "mobile" : word);
    if (!type) return std::unexpected("bad phone type '" + word + "': expected work, mobile, fax or other");
    phone.type = *type;
    number = text.substr(colon + 1);
  }
  std::string e164;
  for (char c : number) {
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    e164 += c;
  }
  phone.e164 = e164;
  phone.text = number;
  phone.confidence = 1.0;
  if (auto ok = store::validate_phone(phone); !ok) return std::unexpected(ok.error());
  return phone;
}

nlohmann::json followup_to_json(const store::FollowUp& f) {
  nlohmann::json j = {{"id", f.id},
                      {"contact_id", f.contact_id},
                      {"contact", f.contact_name},
                      {"company", f.company},
                      {"due", f.due},
                      {"status", f.status},
                      {"uid", f.uid}};
  j["snoozed_until"] = f.snoozed_until.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.snoozed_until);
  j["done_at"] = f.done_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.done_at);
  j["event"] = f.event.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.event);
  j["note"] = f.note;
  return j;
}

nlohmann::json stored_contact_to_json(const store::StoredContact& s) {
  const parse::Contact& c = s.contact;
  auto text_or_null = [](const std::string& v) { return v.empty() ? nlohmann::json(nullptr) : nlohmann::json(v); };
  nlohmann::json phones = nlohmann::json::array();
  for (const auto& p : c.phones) {
    nlohmann::json phone = {{"type", parse::to_string(p.type)}, {"e164", text_or_null(p.e164)}, {"text", p.text}};
    if (!p.extension.empty()) phone["extension"] = p.extension;
    phones.push_back(phone);
  }
  nlohmann::json social = nlohmann::json::array();
  for (const auto& h : c.social) social.push_back({{"service", h.service}, {"handle", h.handle}});
  nlohmann::json alternates = nlohmann::json::array();
  for (const auto& [field, value] : s.alternates) alternates.push_back({{"field", field}, {"value", value}});
  nlohmann::json followups = nlohmann::json::array();
  for (const auto& f : s.followups) followups.push_back(followup_to_json(f));
  nlohmann::json confidence = nlohmann::json::object();
  for (const auto& [field, member] : parse::kConfidenceFields) {
    if (const auto& value = c.confidence.*member) confidence[std::string(field)] = round_confidence(*value);
  }
  return {{"id", s.id},
          {"uid", s.uid},
          {"name", text_or_null(c.name)},
          {"prefix", text_or_null(c.prefix)},
          {"given", text_or_null(c.given)},
          {"middle", text_or_null(c.middle)},
          {"family", text_or_null(c.family)},
          {"suffix", text_or_null(c.suffix)},
          {"title", text_or_null(c.title)},
          {"company", text_or_null(c.company)},
          {"department", text_or_null(c.department)},
          {"emails", c.emails},
          {"phones", phones},
          {"website", c.websites.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.websites.front())},
          {"websites", c.websites},
          {"address", text_or_null(c.address)},
          {"address_parts",
           {{"street", c.address_parts.street},
            {"city", c.address_parts.city},
            {"region", c.address_parts.region},
            {"postcode", c.address_parts.postcode},
            {"country", c.address_parts.country}}},
          {"social", social},
          {"confidence", confidence},
          {"event", text_or_null(s.event)},
          {"events", s.events},
          {"note", s.note},
          {"alternates", alternates},
          {"followups", followups},
          {"cards", s.scan_count},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

}  // namespace cardscan::cli
