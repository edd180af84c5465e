#include "store/contact_validation.hpp"

#include "parse/text.hpp"

namespace cardscan::store {

namespace {

constexpr std::size_t kMaxField = 1000;
constexpr std::size_t kMaxNote = 20000;

std::expected<void, std::string> validate_text(std::string_view field, std::string_view value, bool multiline) {
  std::string name(field);
  if (!is_valid_utf8(value)) return std::unexpected("--" + name + ": not valid UTF-8 text");
  if (value.size() > (multiline ? kMaxNote : kMaxField))
    return std::unexpected("--" + name + ": too long (" + std::to_string(value.size()) + " bytes, at most " +
                           std::to_string(multiline ? kMaxNote : kMaxField) + ")");
  for (unsigned char c : value) {
    bool allowed_break = multiline && (c == '\n' || c == '\r' || c == '\t');
    if ((c < 0x20 || c == 0x7F) && !allowed_break)
      return std::unexpected("--" + name + ": control characters are not allowed" +
                             (multiline ? "" : " (line breaks only in --note)"));
  }
  return {};
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = parse::utf8_char_at(text, i).length;
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::expected<void, std::string> validate_email(std::string_view email) {
  auto bad = [&](const char* why) {
    return std::unexpected("bad e-mail '" + std::string(email) + "': " + why + " (expected name@domain.tld)");
  };
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0) return bad("no name before '@'");
  if (email.find('@', at + 1) != std::string_view::npos) return bad("more than one '@'");
  std::string_view domain = email.substr(at + 1);
  auto dot = domain.rfind('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size())
    return bad("the domain needs a dot, as in example.com");
  for (unsigned char c : email)
    if (c <= ' ' || c == 0x7F || c == ',' || c == ';' || c == '<' || c == '>')
      return bad("spaces, commas and <> are not allowed");
  if (!is_valid_utf8(email)) return bad("not valid UTF-8");
  return {};
}

std::expected<void, std::string> validate_e164(std::string_view number) {
  auto bad = [&] {
    return std::unexpected("bad phone number '" + std::string(number) +
                           "': expected E.164, '+' and 7 to 15 digits, as in +14155550123");
  };
  if (number.size() < 8 || number.size() > 16 || number[0] != '+' || number[1] == '0') return bad();
  for (char c : number.substr(1))
    if (c < '0' || c > '9') return bad();
  return {};
}

std::expected<void, std::string> validate_phone(const parse::Phone& phone) {
  if (!phone.e164.empty()) return validate_e164(phone.e164);
  int digits = 0;
  for (char c : phone.text) digits += (c >= '0' && c <= '9');
  if (digits < 5) return std::unexpected("bad phone number '" + phone.text + "': too few digits");
  return validate_text("phone", phone.text, false);
}

std::expected<void, std::string> validate_edit(const ContactEdit& edit) {
  const std::pair<const char*, const std::optional<std::string>*> scalars[] = {
      {"name", &edit.name},       {"prefix", &edit.prefix},     {"given", &edit.given},
      {"middle", &edit.middle},   {"family", &edit.family},     {"suffix", &edit.suffix},
      {"title", &edit.title},     {"company", &edit.company},   {"department", &edit.department},
      {"address", &edit.address}, {"street", &edit.street},     {"city", &edit.city},
      {"region", &edit.region},   {"postcode", &edit.postcode}, {"country", &edit.country},
      {"event", &edit.event},
  };
  for (const auto& [field, value] : scalars)
    if (*value)
      if (auto ok = validate_text(field, **value, false); !ok) return ok;
  if (edit.note)
    if (auto ok = validate_text("note", *edit.note, true); !ok) return ok;
  if (edit.emails)
    for (const auto& email : *edit.emails)
      if (auto ok = validate_email(email); !ok) return ok;
  if (edit.phones)
    for (const auto& phone : *edit.phones)
      if (auto ok = validate_phone(phone); !ok) return ok;
  if (edit.websites)
    for (const auto& url : *edit.websites) {
      if (url.empty()) return std::unexpected(std::string("bad website: empty"));
      for (unsigned char c : url)
        if (c <= ' ' || c == 0x7F) return std::unexpected("bad website '" + url + "': no spaces or control characters");
      if (auto ok = validate_text("website", url, false); !ok) return ok;
    }
  return {};
}

}  // namespace cardscan::store
