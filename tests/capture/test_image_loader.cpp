// Loading: per-file errors a user can cause, the size limit, EXIF turns, and
// HEIC made here from a sample JPEG reading the same as the JPEG.

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>

#include <opencv2/imgcodecs.hpp>

#include "capture/capture.hpp"
#include "capture/image_loader.hpp"

using namespace cardscan::capture;
namespace fs = std::filesystem;

namespace {

std::string encoded(const std::string& ext, cv::Size size = {320, 200}) {
  cv::Mat img(size, CV_8UC3, cv::Scalar(200, 180, 160));
  std::vector<uchar> buf;
  cv::imencode(ext, img, buf);
  return {buf.begin(), buf.end()};
}

}  // namespace

TEST_CASE("empty, non-image and truncated files get a clear error", "[capture][load]") {
  auto empty = decode_image("");
  REQUIRE_FALSE(empty);
  CHECK_THAT(empty.error(), Catch::Contains("empty"));

  auto text = decode_image("BEGIN:VCARD\nFN:Not A Picture\nEND:VCARD\n");
  REQUIRE_FALSE(text);
  CHECK_THAT(text.error(), Catch::Contains("not an image"));

  const std::string jpeg = encoded(".jpg");
  auto cut = decode_image(jpeg.substr(0, jpeg.size() / 2));
  REQUIRE_FALSE(cut);
  CHECK_THAT(cut.error(), Catch::Contains("truncated"));

  const std::string png = encoded(".png");
  auto cut_png = decode_image(png.substr(0, 60));
  REQUIRE_FALSE(cut_png);
  CHECK_FALSE(cut_png.error().empty());

  auto missing = load_image("/nonexistent/card.jpg");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error(), Catch::Contains("cannot open"));
}

TEST_CASE("images above the pixel limit are refused with the sizes named", "[capture][load]") {
  LoadOptions small_limit;
  small_limit.max_megapixels = 0.05;  // 50,000 pixels; the images below have 64,000
  for (const char* ext : {".jpg", ".png", ".tif", ".bmp"}) {
    INFO(ext);
    auto r = decode_image(encoded(ext), small_limit);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error(), Catch::Contains("320x200") && Catch::Contains("limit"));
  }
  auto ok = decode_image(encoded(".png"));
  REQUIRE(ok);
  CHECK(ok->pixels.cols == 320);
}

TEST_CASE("EXIF orientation turns the pixels as a viewer shows them", "[capture][load]") {
  const cv::Mat stored(2, 3, CV_8UC1, cv::Scalar(0));
  CHECK(apply_exif_orientation(stored, 6).size() == cv::Size(2, 3));
  CHECK(apply_exif_orientation(stored, 8).size() == cv::Size(2, 3));
  CHECK(apply_exif_orientation(stored, 3).size() == cv::Size(3, 2));
  cv::Mat marked = stored.clone();
  marked.at<uchar>(0, 0) = 255;                                     // top-left stored
  CHECK(apply_exif_orientation(marked, 6).at<uchar>(0, 1) == 255);  // turned clockwise: top-right
  CHECK(apply_exif_orientation(marked, 8).at<uchar>(2, 0) == 255);  // counter-clockwise: bottom-left
}

TEST_CASE("a HEIC made from a sample JPEG yields the same cards and QR data", "[capture][load][heic]") {
  const fs::path jpeg = fs::path(CARDSCAN_SAMPLES_DIR) / "img_022.jpg";
  REQUIRE(fs::exists(jpeg));
  const fs::path dir = fs::temp_directory_path() / ("cardscan_heic_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path heic = dir / "img_022.heic";
  const std::string cmd = "heif-enc -q 92 '" + jpeg.string() + "' -o '" + heic.string() + "' >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);  // heif-enc comes with libheif-examples

  auto from_jpeg = load_image(jpeg);
  auto from_heic = load_image(heic);
  REQUIRE(from_jpeg);
  REQUIRE(from_heic);
  CHECK(from_heic->pixels.size() == from_jpeg->pixels.size());

  const auto a = find_cards(from_jpeg->pixels);
  const auto b = find_cards(from_heic->pixels);
  REQUIRE(a.size() == b.size());
  REQUIRE_FALSE(a.empty());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK_FALSE(b[i].whole_image);
    for (std::size_t k = 0; k < 4; ++k) {
      CHECK(std::abs(a[i].quad[k].x - b[i].quad[k].x) < 6);
      CHECK(std::abs(a[i].quad[k].y - b[i].quad[k].y) < 6);
    }
    CHECK(a[i].qr_payloads == b[i].qr_payloads);
  }
  CHECK_FALSE(b[0].qr_payloads.empty());  // the sample's card carries a vCard QR code
  fs::remove_all(dir);
}

TEST_CASE("only regular files are read: a FIFO, a device or a folder named as input fails at once", "[capture][load]") {
  char pattern[] = "/tmp/cardscan-fifo-XXXXXX";
  REQUIRE(mkdtemp(pattern));
  const fs::path dir = pattern;
  const fs::path fifo = dir / "card.jpg";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  // Nobody writes to the FIFO: a plain open() would wait here forever.
  auto from_fifo = load_image(fifo);
  REQUIRE_FALSE(from_fifo);
  CHECK(from_fifo.error() == "not a regular file (a FIFO): only image files are read");

  auto from_device = read_image_file("/dev/zero");  // would be read forever
  REQUIRE_FALSE(from_device);
  CHECK(from_device.error() == "not a regular file (a device): only image files are read");

  fs::create_directory(dir / "folder.jpg");
  auto from_folder = load_image(dir / "folder.jpg");
  REQUIRE_FALSE(from_folder);
  CHECK(from_folder.error() == "is a directory");

  // A symlink to a regular file is followed.
  cv::Mat img(200, 320, CV_8UC3, cv::Scalar(200, 180, 160));
  REQUIRE(cv::imwrite((dir / "real.png").string(), img));
  fs::create_symlink(dir / "real.png", dir / "link.png");
  auto via_link = load_image(dir / "link.png");
  REQUIRE(via_link);
  CHECK(via_link->pixels.cols == 320);
  fs::remove_all(dir);
}
