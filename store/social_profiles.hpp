#pragma once
// Social profiles as the exporters write them: a full profile URL built from
// the handle as printed ("@jane", "linkedin.com/in/jane", "@jane@mastodon.social"),
// and the service names vCard 4.0 (RFC 9554 SERVICE-TYPE) and Apple's
// vCard 3.0 X-SOCIALPROFILE read.

#include <string>

#include "parse/contact.hpp"

namespace cardscan::store {

// "https://www.linkedin.com/in/jane" for {linkedin, "@jane"}; a handle that is
// already a URL or a host/path gets https:// and is kept; "" when the service
// is unknown and the handle is no URL (the exporters then write it as text).
[[nodiscard]] std::string social_profile_url(const parse::SocialHandle& social);

// The user name without '@' or URL: "jane" for "@jane" and ".../in/jane/".
[[nodiscard]] std::string social_profile_user(const parse::SocialHandle& social);

// The service as people name it ("LinkedIn", "X", "Mastodon"); the handle's
// own service word, capitalised, when it is not a known one.
[[nodiscard]] std::string social_service_label(const parse::SocialHandle& social);

// The TYPE Apple Contacts reads in X-SOCIALPROFILE (vCard 3.0): "twitter"
// for X, "linkedin", ... lower-case letters, digits and '-' only.
[[nodiscard]] std::string apple_social_type(const parse::SocialHandle& social);

}  // namespace cardscan::store
