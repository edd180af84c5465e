#pragma once
// Hex SHA-256, the one digest cardscan writes: the pipeline keys a scanned
// file's bytes with it (the store's idempotency), sync a resource's content.
// Header-only (OpenSSL only), so tools/sync/ uses it without linking the
// pipeline and its OpenCV and Tesseract.

#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace cardscan::pipeline {

// Lower-case hex SHA-256 of `bytes` (64 characters).
[[nodiscard]] inline std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace cardscan::pipeline
