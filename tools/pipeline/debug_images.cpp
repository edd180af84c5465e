#include "tools/pipeline/debug_images.hpp"

#include <algorithm>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/prepare.hpp"

namespace cardscan::pipeline {
namespace fs = std::filesystem;

// Longest side of the overlay: enough to see every outline, small enough to open at once.
constexpr int kOverlaySide = 1600;

void write_debug_images(const fs::path& dir, const fs::path& source, const cv::Mat& image,
                        const std::vector<capture::CardImage>& cards) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::string stem = source.stem().string();
  cv::Mat overlay = image.clone();
  const int thickness = std::max(2, std::max(image.cols, image.rows) / 400);
  for (std::size_t i = 0; i < cards.size(); ++i) {
    std::vector<cv::Point> pts;
    for (const auto& p : cards[i].quad) pts.emplace_back(cvRound(p.x), cvRound(p.y));
    cv::polylines(overlay, pts, true, cv::Scalar(0, 0, 255), thickness);
    cv::circle(overlay, pts[0], thickness * 4, cv::Scalar(0, 255, 0),
               cv::FILLED);  // the card's top-left as read
    cv::putText(overlay, std::to_string(i + 1), pts[0], cv::FONT_HERSHEY_SIMPLEX, thickness, cv::Scalar(255, 0, 0),
                thickness);
    const std::string card_stem = stem + "_card" + std::to_string(i + 1);
    cv::imwrite((dir / (card_stem + ".jpg")).string(), cards[i].pixels);
    // The exact image Tesseract is given (lossless), so a misread line can be
    // told apart from a capture fault.
    cv::imwrite((dir / (card_stem + "_ocr.png")).string(), ocr::prepare_for_ocr(cards[i].pixels, cards[i].code_quads));
  }
  cv::Mat small;
  const double s = std::min(1.0, static_cast<double>(kOverlaySide) / std::max(overlay.cols, overlay.rows));
  cv::resize(overlay, small, cv::Size(), s, s, cv::INTER_AREA);
  cv::imwrite((dir / (stem + "_overlay.jpg")).string(), small);
}

}  // namespace cardscan::pipeline
