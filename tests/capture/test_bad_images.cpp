// Decoding what a careless user or an attacker hands over: headers that lie
// about the size, multi-page and animated files, formats not read. Every bad
// input made here from a small good one, so the repository holds no binaries.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <random>

#include <webp/encode.h>
#include <webp/mux.h>
#include <opencv2/imgcodecs.hpp>

#include "capture/image_loader.hpp"

using namespace cardscan::capture;
namespace fs = std::filesystem;

namespace {

// A noisy picture, so that its JPEG holds a realistic amount of data.
cv::Mat noisy(cv::Size size, unsigned seed = 7) {
  cv::Mat img(size, CV_8UC3);
  std::mt19937 rng(seed);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x)
      img.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(rng()), static_cast<uchar>(rng()), 200);
  return img;
}

std::string encoded(const std::string& ext, const cv::Mat& img) {
  std::vector<uchar> buf;
  REQUIRE(cv::imencode(ext, img, buf));
  return {buf.begin(), buf.end()};
}

void put_be16(std::string& b, std::size_t at, unsigned v) {
  b[at] = static_cast<char>((v >> 8) & 0xFF);
  b[at + 1] = static_cast<char>(v & 0xFF);
}
void put_le32(std::string& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// The JPEG with its frame header (SOF0/SOF2) declaring `w` x `h` instead.
std::string jpeg_claiming(std::string jpeg, unsigned w, unsigned h) {
  for (std::size_t i = 2; i + 9 < jpeg.size(); ++i) {
    const auto a = static_cast<unsigned char>(jpeg[i]), m = static_cast<unsigned char>(jpeg[i + 1]);
    if (a == 0xFF && (m == 0xC0 || m == 0xC2)) {
      put_be16(jpeg, i + 5, h);
      put_be16(jpeg, i + 7, w);
      return jpeg;
    }
  }
  FAIL("no SOF marker");
  return {};
}

bool in_words(const std::string& error) {
  return !error.empty() && error.find("OpenCV") == std::string::npos && error.find("Assertion") == std::string::npos &&
         error.find('\n') == std::string::npos;
}

}  // namespace

TEST_CASE("a JPEG whose header declares more pixels than its data holds is an error, not a grey picture",
          "[capture][load][bad]") {
  const std::string good = encoded(".jpg", noisy({320, 200}));
  REQUIRE(decode_image(good));

  // Far too few bytes for the size declared: refused before any pixel is allocated.
  auto huge = decode_image(jpeg_claiming(good, 9000, 9000));
  REQUIRE_FALSE(huge);
  CHECK_THAT(huge.error(), Catch::Contains("9000x9000") && Catch::Contains("too few"));
  CHECK(in_words(huge.error()));

  // Plausible byte count, but the scan data ends (at the EOI) before the rows do.
  auto taller = decode_image(jpeg_claiming(good, 320, 400));
  REQUIRE_FALSE(taller);
  CHECK_THAT(taller.error(), Catch::Contains("ends before") && Catch::Contains("320x400"));

  // The same data cut in the middle and given an EOI marker back.
  std::string cut = good.substr(0, good.size() / 2) + "\xFF\xD9";
  auto cut_result = decode_image(cut);
  REQUIRE_FALSE(cut_result);
  CHECK_THAT(cut_result.error(), Catch::Contains("ends before"));

  // Grey JPEGs (one component) still decode, to BGR.
  cv::Mat grey(60, 80, CV_8UC1, cv::Scalar(90));
  auto grey_result = decode_image(encoded(".jpg", grey));
  REQUIRE(grey_result);
  CHECK(grey_result->pixels.type() == CV_8UC3);
  CHECK(std::abs(grey_result->pixels.at<cv::Vec3b>(30, 40)[0] - 90) <= 2);
}

TEST_CASE("a BMP header with an impossible or lying size is an error in words", "[capture][load][bad]") {
  const std::string good = encoded(".bmp", noisy({16, 8}));
  REQUIRE(decode_image(good));
  struct Case {
    std::int32_t w, h;
    const char* expect;
  };
  for (const Case c : {Case{50000, 1000, "too few"}, Case{-16, 8, "impossible"}, Case{16, 0, "impossible"},
                       Case{2147483647, 2147483647, "limit"}, Case{1, 90000000, "too few"}}) {
    INFO(c.w << "x" << c.h);
    std::string bad = good;
    put_le32(bad, 18, static_cast<std::uint32_t>(c.w));
    put_le32(bad, 22, static_cast<std::uint32_t>(c.h));
    auto r = decode_image(bad);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error(), Catch::Contains(c.expect));
    CHECK(in_words(r.error()));
  }
  std::string odd_depth = good;
  odd_depth[28] = 7;  // bits per pixel
  auto r = decode_image(odd_depth);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error(), Catch::Contains("7 bits per pixel"));
}

TEST_CASE("every page of a multi-page TIFF is read, one below the other", "[capture][load][bad]") {
  const fs::path dir = fs::temp_directory_path() / ("cardscan_tiff_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path tiff = dir / "pages.tif";
  const cv::Mat blank(200, 320, CV_8UC3, cv::Scalar(255, 255, 255));
  const cv::Mat blue(150, 300, CV_8UC3, cv::Scalar(200, 40, 20));
  const cv::Mat green(100, 200, CV_8UC3, cv::Scalar(30, 180, 40));
  REQUIRE(cv::imwritemulti(tiff.string(), std::vector<cv::Mat>{blank, blue, green}));

  auto r = load_image(tiff);
  REQUIRE(r);
  CHECK(r->pixels.cols == 320);
  REQUIRE(r->pixels.rows > 200 + 150 + 100);  // all three pages, with gaps between
  CHECK(r->notes.empty());
  // The second page's colour appears below the first page, the third's at the bottom.
  const cv::Vec3b second = r->pixels.at<cv::Vec3b>(r->pixels.rows / 2, 10);
  CHECK(std::abs(second[0] - 200) <= 4);
  const cv::Vec3b third = r->pixels.at<cv::Vec3b>(r->pixels.rows - 10, 10);
  CHECK(std::abs(third[1] - 180) <= 4);

  // The pixel limit counts every page: those past it are named, not silently dropped.
  LoadOptions tight;
  tight.max_megapixels = 0.12;  // a 320-wide sheet of pages 1 and 3 fits (111,360 pixels), with page 2 it would not
  auto limited = load_image(tiff, tight);
  INFO((limited ? std::string() : limited.error()));
  REQUIRE(limited);
  CHECK(limited->pixels.rows > 200 + 100);
  CHECK(limited->pixels.rows < 200 + 150 + 100);
  REQUIRE(limited->notes.size() == 1);
  CHECK_THAT(limited->notes[0], Catch::Contains("2 of 3 pages") && Catch::Contains("pixel limit"));
  fs::remove_all(dir);
}

TEST_CASE("an animated WebP is read from its first frame and says so", "[capture][load][bad]") {
  WebPAnimEncoderOptions anim_options;
  REQUIRE(WebPAnimEncoderOptionsInit(&anim_options));
  WebPAnimEncoder* encoder = WebPAnimEncoderNew(120, 80, &anim_options);
  REQUIRE(encoder);
  WebPConfig config;
  REQUIRE(WebPConfigInit(&config));
  config.lossless = 1;
  for (int i = 0; i < 3; ++i) {
    const cv::Mat frame(80, 120, CV_8UC3, i == 0 ? cv::Scalar(200, 40, 20) : cv::Scalar(20, 40.0 * i, 200));
    WebPPicture picture;
    REQUIRE(WebPPictureInit(&picture));
    picture.width = 120;
    picture.height = 80;
    picture.use_argb = 1;
    REQUIRE(WebPPictureImportBGR(&picture, frame.data, static_cast<int>(frame.step)));
    REQUIRE(WebPAnimEncoderAdd(encoder, &picture, i * 100, &config));
    WebPPictureFree(&picture);
  }
  REQUIRE(WebPAnimEncoderAdd(encoder, nullptr, 300, nullptr));
  WebPData webp;
  WebPDataInit(&webp);
  REQUIRE(WebPAnimEncoderAssemble(encoder, &webp));
  const std::string bytes(reinterpret_cast<const char*>(webp.bytes), webp.size);
  WebPDataClear(&webp);
  WebPAnimEncoderDelete(encoder);

  auto r = decode_image(bytes);
  REQUIRE(r);
  CHECK(r->pixels.size() == cv::Size(120, 80));
  CHECK(std::abs(r->pixels.at<cv::Vec3b>(40, 60)[0] - 200) <= 2);  // the first frame, not a later one
  REQUIRE(r->notes.size() == 1);
  CHECK_THAT(r->notes[0], Catch::Contains("first of 3 frames"));

  auto cut = decode_image(bytes.substr(0, bytes.size() - 20));
  if (!cut) CHECK(in_words(cut.error()));
}

TEST_CASE("a GIF gets a sentence naming the formats read, not 'unrecognised'", "[capture][load][bad]") {
  auto r = decode_image(std::string("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13));
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error(), Catch::Contains("GIF") && Catch::Contains("PNG"));
}
