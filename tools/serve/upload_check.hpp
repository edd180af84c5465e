#pragma once
// Checks on an uploaded photo before anything decodes it: the size limit and
// the file's leading bytes (its "magic"), so a renamed text file or archive
// is refused with a clear message and never reaches an image decoder.

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

namespace cardscan::serve {

// The file extension (".jpg", ".png", ".tif", ".webp", ".bmp", ".heic") the
// bytes' signature says, or an error naming what was accepted.
[[nodiscard]] std::expected<std::string, std::string> sniff_image_type(std::string_view bytes);

// The extension for an upload of `bytes`, or why it is refused (empty,
// larger than max_bytes, not one of the image formats cardscan reads).
[[nodiscard]] std::expected<std::string, std::string> check_upload(std::string_view bytes, std::size_t max_bytes);

// A client-supplied file name reduced to something safe to show and store:
// the last path component, control characters dropped, at most 120 bytes.
// Never used as a path.
[[nodiscard]] std::string display_file_name(std::string_view name);

}  // namespace cardscan::serve
