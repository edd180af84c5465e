#pragma once
// Content lines as vCard (RFC 2426 / RFC 6350) and iCalendar (RFC 5545)
// share them: TEXT escaping, folding at 75 octets, CRLF line ends, base64.

#include <string>
#include <string_view>
#include <vector>

namespace cardscan::store {

// TEXT value escaping: backslash, comma, semicolon and line breaks (CRLF, LF
// or CR become "\n"); other control characters are dropped and invalid UTF-8
// bytes become U+FFFD, so the output is always one valid UTF-8 line.
// With escape_semicolon false, ';' stays as is: vCard TEXT outside compound
// values (RFC 6350 3.4), which ical.js and Nextcloud show verbatim otherwise.
[[nodiscard]] std::string escape_text(std::string_view value, bool escape_semicolon = true);

// One content line ("NAME;PARAMS:value", unfolded, no line end) folded so no
// physical line exceeds 75 octets, never inside a UTF-8 character, each line
// ended with CRLF and continuation lines starting with one space. Total over
// any bytes: a run of stray UTF-8 continuation bytes is cut at the limit.
[[nodiscard]] std::string fold_line(std::string_view line);

// A URI value (vCard URL, UID, SOCIALPROFILE; iCalendar RELATED-TO): written
// as is, not TEXT-escaped (commas and semicolons are part of a URI), with
// control characters dropped, spaces as %20 and invalid UTF-8 bytes as U+FFFD,
// so it stays one content line.
[[nodiscard]] std::string uri_value(std::string_view value);

// Standard base64 (RFC 4648) with padding, no line breaks.
[[nodiscard]] std::string base64_encode(const std::vector<unsigned char>& bytes);

}  // namespace cardscan::store
