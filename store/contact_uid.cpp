#include "store/contact_uid.hpp"

#include <sys/random.h>

#include <cstdint>
#include <cstdio>
#include <random>

namespace cardscan::store {

std::string new_contact_uid() {
  // Fresh kernel randomness per UID: a seeded generator would repeat itself
  // in processes forked after seeding.
  std::uint64_t words[2] = {0, 0};
  if (getrandom(words, sizeof words, 0) != static_cast<ssize_t>(sizeof words)) {
    std::random_device device;
    words[0] = (static_cast<std::uint64_t>(device()) << 32) ^ device();
    words[1] = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  }
  std::uint64_t hi = words[0], lo = words[1];
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "urn:uuid:%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buffer;
}

std::string new_followup_uid() { return new_contact_uid().substr(9) + "@cardscan"; }

}  // namespace cardscan::store
