#pragma once
// Loading card photos and scans from disk: format sniffing, size limits
// checked before full decoding, EXIF orientation, HEIC/HEIF via libheif.

#include <expected>
#include <filesystem>
#include <string>

#include "capture/card_image.hpp"

namespace cardscan::capture {

struct LoadOptions {
  double max_megapixels = 100.0;  // refuse larger images before decoding them
  bool apply_exif = true;         // turn pixels as the EXIF Orientation tag says
};

// The bytes of a file named as input. Only regular files (and symlinks to one)
// are read: a FIFO, socket, device or directory fails at once with a message
// saying what it is, instead of blocking or reading forever.
[[nodiscard]] std::expected<std::string, std::string> read_image_file(const std::filesystem::path& path);

// Reads an image file (JPEG, PNG, TIFF, WebP, BMP, HEIC/HEIF). On failure the
// error is a one-line message fit to show the user next to the file name,
// never a decoder's internal text: a header declaring more pixels than the
// data holds (JPEG, BMP) is an error, not an image padded with grey. Every
// page of a multi-page TIFF (up to 32, within the pixel limit) is read, laid
// out one below the other; an animated WebP gives its first frame. Pages or
// frames left out are named in LoadedImage::notes.
[[nodiscard]] std::expected<LoadedImage, std::string> load_image(const std::filesystem::path& path,
                                                                 const LoadOptions& options = {});

// Same, from bytes already in memory.
[[nodiscard]] std::expected<LoadedImage, std::string> decode_image(const std::string& bytes,
                                                                   const LoadOptions& options = {});

// Turns pixels stored with EXIF Orientation `tag` (1..8) upright as viewers show them.
[[nodiscard]] cv::Mat apply_exif_orientation(const cv::Mat& stored, int tag);

}  // namespace cardscan::capture
