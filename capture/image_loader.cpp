#include "capture/image_loader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

// libjpeg's header needs FILE and size_t declared before it.
#include <jerror.h>
#include <jpeglib.h>
#include <leptonica/allheaders.h>
#include <libexif/exif-data.h>
#include <libheif/heif.h>
#include <webp/demux.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace cardscan::capture {
namespace {

enum class Format { unknown, jpeg, png, tiff, webp, bmp, heif, gif };

// A JPEG needs at least this many bytes per megapixel of its declared size:
// a blank white 12 MP photo, Huffman-optimised, progressive, quality 50, is
// still 3,900 bytes per MP (grey) and 5,900 (colour). A header that declares
// far more pixels than the data could hold lies (a patched or cut file) and
// would otherwise be "decoded" into a huge grey image.
constexpr double kMinJpegBytesPerMegapixel = 1000;

// Pages of a multi-page TIFF read as further parts of the same image; the
// rest are named in a note. A fax or a scanner's batch rarely has more, and
// each page costs its full decode.
constexpr int kMaxTiffPages = 32;
// Rows of neutral grey between the pages of a multi-page TIFF laid out one
// below the other, so the edge of one page never touches the next.
constexpr int kTiffPageGap = 48;

bool starts_with(const std::string& s, std::string_view prefix, std::size_t at = 0) {
  return s.size() >= at + prefix.size() && std::string_view(s).substr(at, prefix.size()) == prefix;
}

Format sniff(const std::string& b) {
  if (starts_with(b, "\xFF\xD8\xFF")) return Format::jpeg;
  if (starts_with(b, "\x89PNG\r\n\x1A\n")) return Format::png;
  if (starts_with(b, std::string_view("II*\0", 4)) || starts_with(b, std::string_view("MM\0*", 4))) return Format::tiff;
  if (starts_with(b, "RIFF") && starts_with(b, "WEBP", 8)) return Format::webp;
  if (starts_with(b, "BM")) return Format::bmp;
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return Format::gif;
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

std::string dims(long long w, long long h) { return std::to_string(w) + "x" + std::to_string(h); }

bool above_limit(long long w, long long h, double limit_mp) {
  return static_cast<double>(w) * static_cast<double>(h) > limit_mp * 1e6;
}

std::uint32_t le32(const std::string& b, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return v;
}
std::uint16_t le16(const std::string& b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}

// --- JPEG: decoded with libjpeg directly, so that data ending before the
// image does is an error instead of rows of grey.

struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  bool data_ended = false;  // the scan data ran out before the last row
};

[[noreturn]] void jpeg_fail(j_common_ptr cinfo) {
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, errors->message);
  std::longjmp(errors->jump, 1);
}

void jpeg_note(j_common_ptr cinfo, int level) {
  if (level >= 0) return;  // trace messages
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  // libjpeg pads missing data with grey and calls it a warning; other
  // warnings (stray bytes between markers) are what cameras write and
  // every viewer shows, so they pass.
  if (cinfo->err->msg_code == JWRN_JPEG_EOF || cinfo->err->msg_code == JWRN_HIT_MARKER) {
    errors->data_ended = true;
    std::longjmp(errors->jump, 1);
  }
}

// Decodes into `out` (8-bit BGR), or says why not. Only plain C objects
// live across the setjmp, and `out` belongs to the caller.
std::expected<void, std::string> decode_jpeg_into(const std::string& bytes, const LoadOptions& options, cv::Mat& out) {
  jpeg_decompress_struct cinfo{};
  JpegErrors errors{};
  cinfo.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = jpeg_fail;
  errors.mgr.emit_message = jpeg_note;
  volatile long long declared_w = 0, declared_h = 0;  // read after a longjmp
  if (setjmp(errors.jump) != 0) {
    jpeg_destroy_decompress(&cinfo);
    out.release();
    if (errors.data_ended)
      return std::unexpected("JPEG data ends before the image does (the header says " + dims(declared_w, declared_h) +
                             "): truncated or damaged file");
    return std::unexpected(std::string("cannot decode JPEG (") + errors.message + ")");
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&cinfo, TRUE);
  declared_w = cinfo.image_width;
  declared_h = cinfo.image_height;
  if (above_limit(declared_w, declared_h, options.max_megapixels)) {
    jpeg_destroy_decompress(&cinfo);
    return std::unexpected(too_large_message(declared_w, declared_h, options.max_megapixels));
  }
  const double megapixels = static_cast<double>(declared_w) * static_cast<double>(declared_h) / 1e6;
  if (static_cast<double>(bytes.size()) < megapixels * kMinJpegBytesPerMegapixel) {
    jpeg_destroy_decompress(&cinfo);
    return std::unexpected("JPEG header says " + dims(declared_w, declared_h) + " but the file holds only " +
                           std::to_string(bytes.size()) + " bytes, far too few for that: truncated or damaged file");
  }
  const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_BGR;
  jpeg_start_decompress(&cinfo);
  out.create(static_cast<int>(cinfo.output_height), static_cast<int>(cinfo.output_width), cmyk ? CV_8UC4 : CV_8UC3);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = out.ptr<unsigned char>(static_cast<int>(cinfo.output_scanline));
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return {};
}

std::expected<cv::Mat, std::string> decode_jpeg(const std::string& bytes, const LoadOptions& options) {
  cv::Mat out;
  if (auto decoded = decode_jpeg_into(bytes, options, out); !decoded) return std::unexpected(decoded.error());
  if (out.type() == CV_8UC4) {
    // CMYK as Adobe writes it (inverted): each channel is already 255 - ink.
    cv::Mat bgr(out.size(), CV_8UC3);
    for (int y = 0; y < out.rows; ++y) {
      const auto* in = out.ptr<cv::Vec4b>(y);
      auto* px = bgr.ptr<cv::Vec3b>(y);
      for (int x = 0; x < out.cols; ++x) {
        const int k = in[x][3];
        px[x] = cv::Vec3b(static_cast<uchar>(in[x][2] * k / 255), static_cast<uchar>(in[x][1] * k / 255),
                          static_cast<uchar>(in[x][0] * k / 255));
      }
    }
    return bgr;
  }
  return out;
}

// --- BMP: the header is checked against the file before OpenCV sees it.

std::expected<void, std::string> check_bmp_header(const std::string& b, const LoadOptions& options) {
  constexpr std::size_t kFileHeader = 14;
  if (b.size() < kFileHeader + 12)
    return std::unexpected(std::string("truncated BMP (the file ends inside its header)"));
  const std::uint32_t data_offset = le32(b, 10);
  const std::uint32_t info_size = le32(b, kFileHeader);
  long long w = 0, h = 0;
  int bpp = 0;
  std::uint32_t compression = 0;
  if (info_size == 12) {  // OS/2 BITMAPCOREHEADER
    w = le16(b, 18);
    h = le16(b, 20);
    bpp = le16(b, 24);
  } else if (info_size >= 40 && b.size() >= kFileHeader + 40) {
    w = static_cast<std::int32_t>(le32(b, 18));
    h = static_cast<std::int32_t>(le32(b, 22));
    bpp = le16(b, 28);
    compression = le32(b, 30);
  } else {
    return std::unexpected(std::string("not a readable BMP (unknown or cut header)"));
  }
  const long long rows = h < 0 ? -h : h;
  if (w <= 0 || rows == 0) return std::unexpected("BMP header gives an impossible size (" + dims(w, h) + ")");
  if (above_limit(w, rows, options.max_megapixels))
    return std::unexpected(too_large_message(w, rows, options.max_megapixels));
  if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
    return std::unexpected("BMP with " + std::to_string(bpp) + " bits per pixel is not a format cardscan reads");
  constexpr std::uint32_t kRgb = 0, kBitfields = 3;
  if (compression == kRgb || compression == kBitfields) {
    const long long stride = (w * bpp + 31) / 32 * 4;
    const long long need = static_cast<long long>(data_offset) + stride * rows;
    if (data_offset > b.size() || need > static_cast<long long>(b.size()))
      return std::unexpected("BMP header says " + dims(w, rows) + " but the file holds only " +
                             std::to_string(b.size()) + " bytes, too few for that: truncated or damaged file");
  }
  return {};
}

// --- TIFF: every page (up to kMaxTiffPages) is read.

struct TiffPage {
  long long width = 0, height = 0;
};

// The pages of a classic TIFF as its chain of image directories lists them,
// with the sizes they declare; at most `limit` (one more tells that there are
// more). A chain that loops or points outside the file ends the list.
std::vector<TiffPage> tiff_pages(const std::string& b, std::size_t limit) {
  std::vector<TiffPage> pages;
  const bool little = b[0] == 'I';
  auto u16 = [&](std::size_t at) -> std::uint32_t {
    const auto x = static_cast<unsigned char>(b[at]), y = static_cast<unsigned char>(b[at + 1]);
    return little ? (x | (y << 8)) : ((x << 8) | y);
  };
  auto u32 = [&](std::size_t at) -> std::uint32_t {
    return little ? (u16(at) | (u16(at + 2) << 16)) : ((u16(at) << 16) | u16(at + 2));
  };
  if (b.size() < 8) return pages;
  std::size_t ifd = u32(4);
  std::vector<std::size_t> seen;
  while (ifd != 0 && ifd + 2 <= b.size() && pages.size() < limit) {
    if (std::find(seen.begin(), seen.end(), ifd) != seen.end()) break;
    seen.push_back(ifd);
    const std::size_t entries = u16(ifd);
    if (ifd + 2 + entries * 12 + 4 > b.size()) break;
    TiffPage page;
    for (std::size_t e = 0; e < entries; ++e) {
      const std::size_t at = ifd + 2 + e * 12;
      const std::uint32_t tag = u16(at), type = u16(at + 2);
      const std::uint32_t value = type == 3 ? u16(at + 8) : u32(at + 8);  // SHORT or LONG
      if (tag == 256) page.width = value;
      if (tag == 257) page.height = value;
    }
    pages.push_back(page);
    ifd = u32(ifd + 2 + entries * 12);
  }
  return pages;
}

// A Leptonica image of any depth as 8-bit BGR.
cv::Mat bgr_from_pix(PIX* pix) {
  PIX* rgb = pixConvertTo32(pix);
  if (rgb == nullptr) return {};
  const int w = static_cast<int>(pixGetWidth(rgb)), h = static_cast<int>(pixGetHeight(rgb));
  const int wpl = pixGetWpl(rgb);
  const l_uint32* data = pixGetData(rgb);
  cv::Mat out(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    auto* px = out.ptr<cv::Vec3b>(y);
    for (int x = 0; x < w; ++x) {
      l_int32 r = 0, g = 0, bl = 0;
      extractRGBValues(line[x], &r, &g, &bl);
      px[x] = cv::Vec3b(static_cast<uchar>(bl), static_cast<uchar>(g), static_cast<uchar>(r));
    }
  }
  pixDestroy(&rgb);
  return out;
}

// Pages 2.. of a multi-page TIFF laid out below the first one (already
// decoded), so that capture finds the cards of every page as it does on a
// sheet. Pages past kMaxTiffPages or the pixel limit are left out and named
// in a note.
void add_tiff_pages(const std::string& bytes, const LoadOptions& options, cv::Mat& first,
                    std::vector<std::string>& notes) {
  const auto pages = tiff_pages(bytes, kMaxTiffPages + 1);
  if (pages.size() <= 1) return;
  std::vector<cv::Mat> read{first};
  // The limit counts the sheet the pages are laid out on, gaps included, so
  // that many thin pages cannot make a huge one.
  long long width = first.cols, height = first.rows;
  auto sheet_pixels = [&](long long w, long long h) {
    return static_cast<double>(std::max(width, w)) * static_cast<double>(height + kTiffPageGap + h);
  };
  std::size_t unreadable = 0, over_limit = 0;
  for (std::size_t i = 1; i < pages.size() && i < kMaxTiffPages; ++i) {
    if (pages[i].width <= 0 || pages[i].height <= 0) {
      ++unreadable;
      continue;
    }
    if (sheet_pixels(pages[i].width, pages[i].height) > options.max_megapixels * 1e6) {
      ++over_limit;
      continue;
    }
    PIX* pix = pixReadMemTiff(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size(), static_cast<l_int32>(i));
    cv::Mat page = pix != nullptr ? bgr_from_pix(pix) : cv::Mat();
    if (pix != nullptr) pixDestroy(&pix);
    if (page.empty()) {
      ++unreadable;
      continue;
    }
    if (sheet_pixels(page.cols, page.rows) > options.max_megapixels * 1e6) {  // the header's size was not the page's
      ++over_limit;
      continue;
    }
    width = std::max<long long>(width, page.cols);
    height += kTiffPageGap + page.rows;
    read.push_back(std::move(page));
  }
  if (read.size() == 1 && over_limit == 0 && unreadable == 0) return;
  cv::Mat sheet(static_cast<int>(height), static_cast<int>(width), CV_8UC3, cv::Scalar(128, 128, 128));
  int y = 0;
  for (const auto& page : read) {
    page.copyTo(sheet(cv::Rect(0, y, page.cols, page.rows)));
    y += page.rows + kTiffPageGap;
  }
  first = sheet;
  const std::string of =
      pages.size() > kMaxTiffPages ? "more than " + std::to_string(kMaxTiffPages) : std::to_string(pages.size());
  if (read.size() < pages.size()) {
    std::string why;
    if (pages.size() > kMaxTiffPages) why = "at most " + std::to_string(kMaxTiffPages) + " pages are read";
    if (over_limit > 0) why += std::string(why.empty() ? "" : "; ") + "the rest would pass the pixel limit";
    if (unreadable > 0) why += std::string(why.empty() ? "" : "; ") + std::to_string(unreadable) + " unreadable";
    notes.push_back("multi-page TIFF: " + std::to_string(read.size()) + " of " + of + " pages read (" + why + ")");
  }
}

// --- WebP: an animation's first frame (OpenCV reads only still WebP).

bool webp_animated(const std::string& b) {
  // RIFF header, then a VP8X chunk whose flags byte has the animation bit.
  constexpr unsigned char kAnimationFlag = 0x02;
  return b.size() >= 21 && std::string_view(b).substr(12, 4) == "VP8X" &&
         (static_cast<unsigned char>(b[20]) & kAnimationFlag) != 0;
}

std::expected<cv::Mat, std::string> decode_webp_animation(const std::string& bytes, const LoadOptions& options,
                                                          std::vector<std::string>& notes) {
  WebPData data{reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
  WebPAnimDecoderOptions decoder_options;
  if (!WebPAnimDecoderOptionsInit(&decoder_options)) return std::unexpected(std::string("cannot decode WebP"));
  decoder_options.color_mode = MODE_BGRA;
  decoder_options.use_threads = 0;
  std::unique_ptr<WebPAnimDecoder, decltype(&WebPAnimDecoderDelete)> decoder(
      WebPAnimDecoderNew(&data, &decoder_options), WebPAnimDecoderDelete);
  if (!decoder) return std::unexpected(std::string("cannot decode animated WebP (corrupt or truncated)"));
  WebPAnimInfo info{};
  if (!WebPAnimDecoderGetInfo(decoder.get(), &info))
    return std::unexpected(std::string("cannot decode animated WebP (corrupt or truncated)"));
  if (above_limit(info.canvas_width, info.canvas_height, options.max_megapixels))
    return std::unexpected(too_large_message(info.canvas_width, info.canvas_height, options.max_megapixels));
  uint8_t* frame = nullptr;
  int timestamp = 0;
  if (!WebPAnimDecoderGetNext(decoder.get(), &frame, &timestamp) || frame == nullptr)
    return std::unexpected(std::string("cannot decode the first frame of an animated WebP (corrupt or truncated)"));
  const cv::Mat bgra(static_cast<int>(info.canvas_height), static_cast<int>(info.canvas_width), CV_8UC4, frame);
  // Transparent parts of the frame show as white, as on a page.
  cv::Mat out(bgra.size(), CV_8UC3);
  for (int y = 0; y < bgra.rows; ++y) {
    const auto* in = bgra.ptr<cv::Vec4b>(y);
    auto* px = out.ptr<cv::Vec3b>(y);
    for (int x = 0; x < bgra.cols; ++x) {
      const int a = in[x][3];
      for (int c = 0; c < 3; ++c) px[x][c] = static_cast<uchar>((in[x][c] * a + 255 * (255 - a)) / 255);
    }
  }
  if (info.frame_count > 1)
    notes.push_back("animated WebP: only the first of " + std::to_string(info.frame_count) + " frames was read");
  return out;
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

namespace {

std::expected<LoadedImage, std::string> decode_any(const std::string& bytes, const LoadOptions& options) {
  if (bytes.empty()) return std::unexpected(std::string("empty file (0 bytes)"));
  const Format format = sniff(bytes);
  if (format == Format::unknown) return std::unexpected(std::string("not an image (unrecognised file format)"));
  if (format == Format::gif)
    return std::unexpected(std::string("GIF is not a format cardscan reads (use JPEG, PNG, TIFF, WebP or HEIC)"));
  if (format == Format::heif) return decode_heif(bytes, options);
  if (format == Format::jpeg && !jpeg_complete(bytes)) {
    return std::unexpected(std::string("truncated JPEG (file ends before the image does)"));
  }
  if (format == Format::bmp) {
    if (auto checked = check_bmp_header(bytes, options); !checked) return std::unexpected(checked.error());
  }

  LoadedImage out;
  cv::Mat stored;
  if (format == Format::jpeg) {
    auto jpeg = decode_jpeg(bytes, options);
    if (!jpeg) return std::unexpected(jpeg.error());
    stored = std::move(*jpeg);
  } else if (format == Format::webp && webp_animated(bytes)) {
    auto frame = decode_webp_animation(bytes, options, out.notes);
    if (!frame) return std::unexpected(frame.error());
    stored = std::move(*frame);
  } else {
    setMsgSeverity(L_SEVERITY_NONE);  // a header Leptonica cannot read is not an error here
    l_int32 header_format = 0, w = 0, h = 0, bps = 0, spp = 0, iscmap = 0;
    const bool header_ok = pixReadHeaderMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size(),
                                            &header_format, &w, &h, &bps, &spp, &iscmap) == 0;
    if (header_ok && above_limit(w, h, options.max_megapixels)) {
      return std::unexpected(too_large_message(w, h, options.max_megapixels));
    }
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
    stored = cv::imdecode(buffer, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
    if (stored.empty()) return std::unexpected(std::string("cannot decode image (corrupt or truncated)"));
    if (static_cast<double>(stored.total()) > options.max_megapixels * 1e6) {
      return std::unexpected(too_large_message(stored.cols, stored.rows, options.max_megapixels));
    }
    // The limit counts the pixels of each page, not the gaps between them.
    if (format == Format::tiff) add_tiff_pages(bytes, options, stored, out.notes);
  }

  out.source_width = stored.cols;
  out.source_height = stored.rows;
  out.exif_orientation = format == Format::jpeg ? exif_orientation_of(bytes) : 0;
  out.pixels = options.apply_exif ? apply_exif_orientation(stored, out.exif_orientation) : stored;
  return out;
}

}  // namespace

std::expected<LoadedImage, std::string> decode_image(const std::string& bytes, const LoadOptions& options) {
  // Decoders throw on data they reject; the user gets a sentence, never an
  // assertion text from inside OpenCV.
  try {
    return decode_any(bytes, options);
  } catch (const cv::Exception&) {
    return std::unexpected(std::string("cannot decode image (the decoder rejected its data: corrupt or unsupported)"));
  } catch (const std::bad_alloc&) {
    return std::unexpected(std::string("not enough memory to decode this image"));
  }
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
