#pragma once
// Value types capture hands to the rest of the pipeline.

#include <array>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace cardscan::capture {

// A decoded source image, pixels turned as a viewer would show them.
struct LoadedImage {
  cv::Mat pixels;            // 8-bit BGR
  int exif_orientation = 0;  // EXIF Orientation tag as stored (0 = none)
  int source_width = 0;      // stored size, before EXIF rotation
  int source_height = 0;
  // What the user should know about how the file was read, one sentence each
  // ("animated WebP: only the first of 12 frames was read"); empty normally.
  std::vector<std::string> notes;
};

// One card cut out of a source image: flat, deskewed and (when capture could
// decide) upright.
struct CardImage {
  cv::Mat pixels;                        // 8-bit BGR, the rectified card
  std::array<cv::Point2f, 4> quad;       // corners in the displayed source image: TL, TR, BR, BL of the card as read
  int rotation = 0;                      // clockwise quarter turns applied after the warp, in degrees (0/90/180/270)
  bool whole_image = false;              // no card outline found: the whole image was used
  bool outline_from_print = false;       // no edge was seen: the outline was drawn around print on a sheet
  std::vector<std::string> qr_payloads;  // raw text of QR codes printed on this card
  // Corners (in order around the code, in `pixels`) of every code printed on the card,
  // decoded or not: OCR leaves these regions out.
  std::vector<std::array<cv::Point2f, 4>> code_quads;
};

}  // namespace cardscan::capture
