#include "tools/serve/upload_check.hpp"

namespace cardscan::serve {

std::expected<std::string, std::string> sniff_image_type(std::string_view b) {
  auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
  };
  if (starts("\xFF\xD8\xFF")) return ".jpg";
  if (starts("\x89PNG\r\n\x1A\n")) return ".png";
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return ".tif";
  if (starts("RIFF") && starts("WEBP", 8)) return ".webp";
  if (starts("BM") && b.size() > 26) return ".bmp";
  if (starts("ftyp", 4) && b.size() >= 12) {
    std::string_view brand = b.substr(8, 4);
    for (std::string_view heif : {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"})
      if (brand == heif) return ".heic";
  }
  return std::unexpected(std::string("not an image cardscan reads (JPEG, PNG, TIFF, WebP, BMP or HEIC)"));
}

std::expected<std::string, std::string> check_upload(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.empty()) return std::unexpected(std::string("empty file"));
  if (bytes.size() > max_bytes)
    return std::unexpected("file too large (" + std::to_string(bytes.size() / (1024 * 1024)) + " MB; the limit is " +
                           std::to_string(max_bytes / (1024 * 1024)) + " MB)");
  return sniff_image_type(bytes);
}

std::string display_file_name(std::string_view name) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  if (out.size() > 120) {
    std::size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  if (out.empty() || out == "." || out == "..") out = "upload";
  return out;
}

}  // namespace cardscan::serve
