#include "capture/qr_reader.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <opencv2/imgproc.hpp>

namespace cardscan::capture {

std::vector<PrintedCode> read_printed_codes(const cv::Mat& image) {
  cv::Mat gray;
  if (image.channels() == 3) {
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  } else {
    gray = image;
  }
  if (!gray.isContinuous()) gray = gray.clone();
  ZXing::DecodeHints hints;
  // Matrix codes only: cards print QR codes, now and then another 2-D code;
  // the linear symbologies would cost more time than their rare use is worth.
  hints.setFormats(ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::MicroQRCode | ZXing::BarcodeFormat::DataMatrix |
                   ZXing::BarcodeFormat::Aztec | ZXing::BarcodeFormat::PDF417);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  // A code found but not decoded (damaged, blurred) still spoils the OCR of
  // the lines around it: keep its position.
  hints.setReturnErrors(true);
  const ZXing::ImageView view(gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum, static_cast<int>(gray.step));
  std::vector<PrintedCode> out;
  for (const auto& result : ZXing::ReadBarcodes(view, hints)) {
    if (result.format() == ZXing::BarcodeFormat::None) continue;
    PrintedCode code;
    code.qr = result.format() == ZXing::BarcodeFormat::QRCode || result.format() == ZXing::BarcodeFormat::MicroQRCode;
    if (result.isValid()) code.payload = result.text();
    const auto& position = result.position();
    for (std::size_t i = 0; i < 4; ++i)
      code.corners[i] = cv::Point2f(static_cast<float>(position[i].x), static_cast<float>(position[i].y));
    out.push_back(std::move(code));
  }
  return out;
}

std::vector<std::string> read_qr_codes(const cv::Mat& image) {
  std::vector<std::string> out;
  for (const auto& code : read_printed_codes(image)) {
    if (code.qr && !code.payload.empty()) out.push_back(code.payload);
  }
  return out;
}

}  // namespace cardscan::capture
