#include "parse/lexicon/social.hpp"

namespace cardscan::parse::lexicon {

std::span<const SocialNetwork> social_networks() {
  static const std::vector<SocialNetwork> networks = {
      {"linkedin", {"linkedin.com"}, {"linkedin"}},
      {"x", {"x.com", "twitter.com"}, {"twitter", "x"}},
      {"instagram", {"instagram.com"}, {"instagram", "insta"}},
      {"facebook", {"facebook.com", "fb.com"}, {"facebook", "fb"}},
      {"github", {"github.com"}, {"github"}},
      {"youtube", {"youtube.com"}, {"youtube"}},
      {"xing", {"xing.com"}, {"xing"}},
      // Threads and TikTok are networks of their own, not X: "tiktok.com/@x".
      {"tiktok", {"tiktok.com"}, {"tiktok"}},
      {"threads", {"threads.net"}, {"threads"}},
  };
  return networks;
}

const SocialNetwork* network_of_host(std::string_view host) {
  for (const auto& n : social_networks()) {
    for (auto h : n.hosts) {
      if (h == host) return &n;
    }
  }
  return nullptr;
}

}  // namespace cardscan::parse::lexicon
