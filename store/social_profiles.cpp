#include "store/social_profiles.hpp"

#include <array>
#include <string_view>

namespace cardscan::store {

namespace {

struct Service {
  std::string_view key;     // lower-case service word as parse writes it
  std::string_view label;   // how people name it
  std::string_view prefix;  // profile URL without the user name
  std::string_view apple;   // X-SOCIALPROFILE TYPE Apple Contacts shows
};

// Profile URLs as each service links them today; Apple's types as Contacts
// on macOS/iOS writes them (X is still "twitter" there).
constexpr std::array kServices = {
    Service{"linkedin", "LinkedIn", "https://www.linkedin.com/in/", "linkedin"},
    Service{"x", "X", "https://x.com/", "twitter"},
    Service{"twitter", "X", "https://x.com/", "twitter"},
    Service{"instagram", "Instagram", "https://www.instagram.com/", "instagram"},
    Service{"facebook", "Facebook", "https://www.facebook.com/", "facebook"},
    Service{"github", "GitHub", "https://github.com/", "github"},
    Service{"youtube", "YouTube", "https://www.youtube.com/@", "youtube"},
    Service{"tiktok", "TikTok", "https://www.tiktok.com/@", "tiktok"},
    Service{"xing", "XING", "https://www.xing.com/profile/", "xing"},
    Service{"threads", "Threads", "https://www.threads.net/@", "threads"},
    Service{"bluesky", "Bluesky", "https://bsky.app/profile/", "bluesky"},
    Service{"mastodon", "Mastodon", "", "mastodon"},
};

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

const Service* find_service(const std::string& service) {
  const std::string key = lower(service);
  for (const auto& s : kServices)
    if (s.key == key) return &s;
  return nullptr;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

bool has_scheme(const std::string& s) { return s.starts_with("https://") || s.starts_with("http://"); }

// "linkedin.com/in/jane", "www.x.com/jane": a host with a dot before the first slash.
bool looks_like_host_path(const std::string& s) {
  auto slash = s.find('/');
  auto dot = s.find('.');
  return slash != std::string::npos && dot != std::string::npos && dot < slash && s.find(' ') == std::string::npos;
}

// Characters a user name may hold in a URL path without percent-encoding.
bool url_safe_user(const std::string& user) {
  if (user.empty()) return false;
  for (unsigned char c : user)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
      return false;
  return true;
}

}  // namespace

std::string social_profile_user(const parse::SocialHandle& social) {
  std::string h = trim(social.handle);
  if (has_scheme(h) || looks_like_host_path(h)) {
    while (!h.empty() && h.back() == '/') h.pop_back();
    auto query = h.find_first_of("?#");
    if (query != std::string::npos) h.resize(query);
    auto slash = h.rfind('/');
    h = slash == std::string::npos ? h : h.substr(slash + 1);
  }
  if (!h.empty() && h.front() == '@') h.erase(0, 1);
  if (auto at = h.find('@'); at != std::string::npos) h.resize(at);  // mastodon "user@host"
  return h;
}

std::string social_profile_url(const parse::SocialHandle& social) {
  std::string h = trim(social.handle);
  if (has_scheme(h)) return h;
  if (looks_like_host_path(h)) return "https://" + h;
  const Service* service = find_service(social.service);
  std::string user = h.starts_with('@') ? h.substr(1) : h;
  if (auto at = user.find('@'); at != std::string::npos) {
    // Fediverse handle "@user@host": the profile lives on the user's server.
    std::string host = user.substr(at + 1);
    user.resize(at);
    if (url_safe_user(user) && host.find('.') != std::string::npos && url_safe_user(host))
      return "https://" + host + "/@" + user;
    return {};
  }
  if (!service || service->prefix.empty() || !url_safe_user(user)) return {};
  return std::string(service->prefix) + user;
}

std::string social_service_label(const parse::SocialHandle& social) {
  if (const Service* s = find_service(social.service)) return std::string(s->label);
  std::string label = trim(social.service);
  if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

std::string apple_social_type(const parse::SocialHandle& social) {
  if (const Service* s = find_service(social.service)) return std::string(s->apple);
  std::string type;
  for (char c : lower(social.service))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') type += c;
  return type;
}

}  // namespace cardscan::store
