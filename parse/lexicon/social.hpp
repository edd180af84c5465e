#pragma once
// Lexicon: the social networks cards print, with the hosts of their profile
// links and the label words that name them beside a bare @handle.

#include <span>
#include <string_view>
#include <vector>

namespace cardscan::parse::lexicon {

struct SocialNetwork {
  std::string_view service;              // the name contacts carry: "linkedin", "x", "tiktok"
  std::vector<std::string_view> hosts;   // profile hosts, without "www."
  std::vector<std::string_view> labels;  // lower-case words naming it on a line
};

// Every network, the one a bare @handle defaults to (X) among them.
[[nodiscard]] std::span<const SocialNetwork> social_networks();

// The network whose profile host this is ("twitter.com" -> x), or nullptr.
[[nodiscard]] const SocialNetwork* network_of_host(std::string_view host);

}  // namespace cardscan::parse::lexicon
