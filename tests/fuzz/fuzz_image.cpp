// libFuzzer: image bytes -> capture::decode_image. Every failure must be a
// sentence (no decoder's internal text, one line); nothing may crash.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "capture/image_loader.hpp"

using namespace cardscan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  capture::LoadOptions options;
  options.max_megapixels = 4;  // keeps one run's memory far below libFuzzer's -rss_limit_mb
  const auto image = capture::decode_image(bytes, options);
  if (!image) {
    const std::string& e = image.error();
    if (e.empty() || e.find('\n') != std::string::npos || e.find("OpenCV") != std::string::npos ||
        e.find("Assertion") != std::string::npos || e.find("error:") != std::string::npos)
      __builtin_trap();
    return 0;
  }
  if (image->pixels.empty() || image->pixels.type() != CV_8UC3) __builtin_trap();
  if (static_cast<double>(image->pixels.total()) > options.max_megapixels * 1e6 * 1.5) __builtin_trap();
  return 0;
}
