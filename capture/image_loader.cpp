#include "capture/image_loader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>

#include <leptonica/allheaders.h>
#include <libexif/exif-data.h>
#include <libheif/heif.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace cardscan::capture {
namespace {

enum class Format { unknown, jpeg, png, tiff, webp, bmp, heif };

bool starts_with(const std::string& s, std::string_view prefix, std::size_t at = 0) {
  return s.size() >= at + prefix.size() && std::string_view(s).substr(at, prefix.size()) == prefix;
}

Format sniff(const std::string& b) {
  if (starts_with(b, "\xFF\xD8\xFF")) return Format::jpeg;
  if (starts_with(b, "\x89PNG\r\n\x1A\n")) return Format::png;
  if (starts_with(b, std::string_view("II*\0", 4)) || starts_with(b, std::string_view("MM\0*", 4))) return Format::tiff;
  if (starts_with(b, "RIFF") && starts_with(b, "WEBP", 8)) return Format::webp;
  if (starts_with(b, "BM")) return Format::bmp;
  if (starts_with(b, "ftyp", 4)) {
    for (std::string_view brand : {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif"}) {
      if (starts_with(b, brand, 8)) return Format::heif;
    }
  }
  return Format::unknown;
}

std::string too_large_message(long long w, long long h, double limit_mp) {
  char msg[160];
  std::snprintf(msg, sizeof msg, "image is %lldx%lld (%.0f MP), above the %.0f MP limit", w, h,
                static_cast<double>(w) * static_cast<double>(h) / 1e6, limit_mp);
  return msg;
}

int exif_orientation_of(const std::string& bytes) {
  ExifData* data = exif_data_new_from_data(reinterpret_cast<const unsigned char*>(bytes.data()),
                                           static_cast<unsigned int>(bytes.size()));
  if (data == nullptr) return 0;
  int tag = 0;
  if (ExifEntry* entry = exif_data_get_entry(data, EXIF_TAG_ORIENTATION);
      entry != nullptr && entry->format == EXIF_FORMAT_SHORT && entry->components >= 1) {
    tag = exif_get_short(entry->data, exif_data_get_byte_order(data));
    if (tag < 1 || tag > 8) tag = 0;
  }
  exif_data_unref(data);
  return tag;
}

// JPEG data must end with an EOI marker; a file cut short in transfer does not.
bool jpeg_complete(const std::string& b) {
  const std::size_t window = std::min<std::size_t>(b.size(), 4096);
  for (std::size_t i = b.size() - window; i + 1 < b.size(); ++i) {
    if (static_cast<unsigned char>(b[i]) == 0xFF && static_cast<unsigned char>(b[i + 1]) == 0xD9) return true;
  }
  return false;
}

std::expected<LoadedImage, std::string> decode_heif(const std::string& bytes, const LoadOptions& options) {
  std::unique_ptr<heif_context, decltype(&heif_context_free)> ctx(heif_context_alloc(), heif_context_free);
  heif_error err = heif_context_read_from_memory_without_copy(ctx.get(), bytes.data(), bytes.size(), nullptr);
  if (err.code != heif_error_Ok) return std::unexpected(std::string("unreadable HEIF file: ") + err.message);
  heif_image_handle* raw_handle = nullptr;
  err = heif_context_get_primary_image_handle(ctx.get(), &raw_handle);
  if (err.code != heif_error_Ok) return std::unexpected(std::string("HEIF file has no image: ") + err.message);
  std::unique_ptr<heif_image_handle, decltype(&heif_image_handle_release)> handle(raw_handle,
                                                                                  heif_image_handle_release);
  const long long w = heif_image_handle_get_width(handle.get());
  const long long h = heif_image_handle_get_height(handle.get());
  if (static_cast<double>(w) * static_cast<double>(h) > options.max_megapixels * 1e6) {
    return std::unexpected(too_large_message(w, h, options.max_megapixels));
  }
  heif_image* raw_image = nullptr;
  // libheif applies the container's rotation and mirroring (irot/imir) itself.
  err = heif_decode_image(handle.get(), &raw_image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, nullptr);
  if (err.code != heif_error_Ok) return std::unexpected(std::string("cannot decode HEIF image: ") + err.message);
  std::unique_ptr<heif_image, decltype(&heif_image_release)> image(raw_image, heif_image_release);
  int stride = 0;
  const uint8_t* plane = heif_image_get_plane_readonly(image.get(), heif_channel_interleaved, &stride);
  const int iw = heif_image_get_width(image.get(), heif_channel_interleaved);
  const int ih = heif_image_get_height(image.get(), heif_channel_interleaved);
  if (plane == nullptr || iw <= 0 || ih <= 0) return std::unexpected(std::string("HEIF image has no pixels"));
  cv::Mat rgb(ih, iw, CV_8UC3, const_cast<uint8_t*>(plane), static_cast<std::size_t>(stride));
  LoadedImage out;
  cv::cvtColor(rgb, out.pixels, cv::COLOR_RGB2BGR);
  out.source_width = iw;
  out.source_height = ih;
  return out;
}

}  // namespace

cv::Mat apply_exif_orientation(const cv::Mat& stored, int tag) {
  cv::Mat out;
  switch (tag) {
    case 2:
      cv::flip(stored, out, 1);
      break;
    case 3:
      cv::rotate(stored, out, cv::ROTATE_180);
      break;
    case 4:
      cv::flip(stored, out, 0);
      break;
    case 5:
      cv::transpose(stored, out);
      break;
    case 6:
      cv::rotate(stored, out, cv::ROTATE_90_CLOCKWISE);
      break;
    case 7:
      cv::transpose(stored, out);
      cv::rotate(out, out, cv::ROTATE_180);
      break;
    case 8:
      cv::rotate(stored, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    default:
      out = stored;
      break;
  }
  return out;
}

std::expected<LoadedImage, std::string> decode_image(const std::string& bytes, const LoadOptions& options) {
  if (bytes.empty()) return std::unexpected(std::string("empty file (0 bytes)"));
  const Format format = sniff(bytes);
  if (format == Format::unknown) return std::unexpected(std::string("not an image (unrecognised file format)"));
  if (format == Format::heif) return decode_heif(bytes, options);
  if (format == Format::jpeg && !jpeg_complete(bytes)) {
    return std::unexpected(std::string("truncated JPEG (file ends before the image does)"));
  }

  setMsgSeverity(L_SEVERITY_NONE);  // a header Leptonica cannot read is not an error here
  l_int32 header_format = 0, w = 0, h = 0, bps = 0, spp = 0, iscmap = 0;
  const bool header_ok = pixReadHeaderMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size(), &header_format,
                                          &w, &h, &bps, &spp, &iscmap) == 0;
  if (header_ok && static_cast<double>(w) * static_cast<double>(h) > options.max_megapixels * 1e6) {
    return std::unexpected(too_large_message(w, h, options.max_megapixels));
  }

  const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
  cv::Mat stored;
  try {
    stored = cv::imdecode(buffer, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  } catch (const cv::Exception& e) {
    return std::unexpected("cannot decode image: " + std::string(e.what()));
  }
  if (stored.empty()) return std::unexpected(std::string("cannot decode image (corrupt or truncated)"));
  if (static_cast<double>(stored.total()) > options.max_megapixels * 1e6) {
    return std::unexpected(too_large_message(stored.cols, stored.rows, options.max_megapixels));
  }

  LoadedImage out;
  out.source_width = stored.cols;
  out.source_height = stored.rows;
  out.exif_orientation = format == Format::jpeg ? exif_orientation_of(bytes) : 0;
  out.pixels = options.apply_exif ? apply_exif_orientation(stored, out.exif_orientation) : stored;
  return out;
}

std::expected<std::string, std::string> read_image_file(const std::filesystem::path& path) {
  // O_NONBLOCK so that opening a FIFO nobody writes to returns at once (it
  // would wait for a writer otherwise); the type is then checked on the open
  // descriptor, not by name first, so nothing can be swapped in between.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENXIO) return std::unexpected(std::string("not a regular file (a socket): only image files are read"));
    if (errno == EISDIR) return std::unexpected(std::string("is a directory"));
    return std::unexpected(std::string("cannot open file (missing or unreadable)"));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return std::unexpected(std::string("cannot open file (missing or unreadable)"));
  if (S_ISDIR(st.st_mode)) return std::unexpected(std::string("is a directory"));
  if (!S_ISREG(st.st_mode)) {
    const char* kind = S_ISFIFO(st.st_mode)                         ? "a FIFO"
                       : S_ISSOCK(st.st_mode)                       ? "a socket"
                       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                                    : "not a file";
    return std::unexpected(std::string("not a regular file (") + kind + "): only image files are read");
  }
  std::string bytes;
  if (st.st_size > 0) bytes.reserve(static_cast<std::size_t>(st.st_size));
  char chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(std::string("read error"));
    }
    bytes.append(chunk, static_cast<std::size_t>(n));
  }
  return bytes;
}

std::expected<LoadedImage, std::string> load_image(const std::filesystem::path& path, const LoadOptions& options) {
  auto bytes = read_image_file(path);
  if (!bytes) return std::unexpected(bytes.error());
  return decode_image(*bytes, options);
}

}  // namespace cardscan::capture
