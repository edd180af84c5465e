#pragma once
// Lexicon: which names are top-level domains and where a host's registrable
// name starts, from the Public Suffix List (libpsl with Debian's copy of the
// list, the newer of it and libpsl's built-in one), plus the names RFC 2606
// reserves for examples.

#include <string>
#include <string_view>
#include <vector>

namespace cardscan::parse::lexicon {

// True when `tld` ("com", "berlin", "uk") is a top-level domain the Public
// Suffix List lists, or a reserved example name ("example", "test").
[[nodiscard]] bool is_top_level_domain(std::string_view tld);

// The registrable domain of a lower-case host ("mail.acme.co.uk" ->
// "acme.co.uk", "www.nordlicht.berlin" -> "nordlicht.berlin"); the host
// itself when it has no registrable part.
[[nodiscard]] std::string registrable_domain(std::string_view host);

// The public mail services people print on their cards ("gmail.com",
// "gmx.de", "orange.fr"), lower case: every row, for the tests.
[[nodiscard]] const std::vector<std::string_view>& mail_providers();

// The region of a national mail service whose domain names no country
// ("naver.com" -> "KR"), else "".
[[nodiscard]] std::string_view mail_provider_region(std::string_view domain);

// True when `domain` (lower case) is one of mail_providers().
[[nodiscard]] bool is_mail_provider(std::string_view domain);

}  // namespace cardscan::parse::lexicon
