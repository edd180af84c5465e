#include "store/content_line.hpp"

#include <cstdint>

#include "parse/text.hpp"

namespace cardscan::store {

namespace {

// A UTF-8 character is a lead byte and at most 3 continuation bytes (RFC 3629).
constexpr std::size_t kMaxContinuationBytes = 3;

}  // namespace

std::string escape_text(std::string_view value, bool escape_semicolon) {
  std::string out;
  out.reserve(value.size() + 8);
  for (std::size_t i = 0; i < value.size();) {
    char c = value[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case ',':
        out += "\\,";
        ++i;
        continue;
      case ';':
        out += escape_semicolon ? "\\;" : ";";
        ++i;
        continue;
      case '\r':
        out += "\\n";
        i += (i + 1 < value.size() && value[i + 1] == '\n') ? 2 : 1;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\t':
        out += '\t';
        ++i;
        continue;  // HTAB is a valid value character
      default:
        break;
    }
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      ++i;
      continue;
    }
    std::size_t len = parse::utf8_char_at(value, i).length;
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      out.append(value.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string fold_line(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 74 * 3 + 2);
  std::size_t limit = 75;  // octets on the first physical line; 74 + the leading space after
  while (line.size() > limit) {
    // Step back to the start of the character the limit falls in. A UTF-8
    // character has at most 3 continuation bytes; a longer run is not text
    // (stray bytes) and is cut at the limit, so every turn makes progress.
    std::size_t cut = limit;
    while (cut > limit - kMaxContinuationBytes && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if ((static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) cut = limit;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string uri_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size();) {
    auto u = static_cast<unsigned char>(value[i]);
    if (u < 0x20 || u == 0x7F) {
      ++i;
      continue;
    }
    if (u == ' ') {
      out += "%20";
      ++i;
      continue;
    }
    std::size_t len = parse::utf8_char_at(value, i).length;
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      out.append(value.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string base64_encode(const std::vector<unsigned char>& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    std::uint32_t n = bytes[i] << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    std::uint32_t n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

}  // namespace cardscan::store
