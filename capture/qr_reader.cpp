#include "capture/qr_reader.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <opencv2/imgproc.hpp>

namespace cardscan::capture {

std::vector<std::string> read_qr_codes(const cv::Mat& image) {
  cv::Mat gray;
  if (image.channels() == 3) {
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  } else {
    gray = image;
  }
  if (!gray.isContinuous()) gray = gray.clone();
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::MicroQRCode);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  const ZXing::ImageView view(gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum, static_cast<int>(gray.step));
  std::vector<std::string> out;
  for (const auto& result : ZXing::ReadBarcodes(view, hints)) {
    if (result.isValid() && !result.text().empty()) out.push_back(result.text());
  }
  return out;
}

}  // namespace cardscan::capture
