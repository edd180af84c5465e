#pragma once
// Selection: from scored outlines, the ones that are cards. Outlines of one
// object are merged; containers (a paper sheet or tray holding cards) and
// contents (a logo box, a colour band) are rejected; cards of one shot are
// kept only when of similar size. Internal to capture/ (tests call it on
// hand-made outlines).

#include <vector>

#include <opencv2/core.hpp>

#include "capture/quad_scoring.hpp"

namespace cardscan::capture {

// The cards among `scored` by geometry alone: duplicates merged (the larger
// kept when scores are close), containers and printed parts dropped, outlines
// on two frame sides dropped, partial overlaps resolved best first. Best first.
[[nodiscard]] std::vector<Scored> select_cards(std::vector<Scored> scored);

// The cards among `kept` once their print is read from `image` (the source
// picture; outlines are in the reduced copy, `scale` times its size): paper
// sheets dropped, far smaller outlines dropped, at most options.max_cards
// best first, and a logo box, photo or panel of a card filling the picture
// dropped.
[[nodiscard]] std::vector<Scored> keep_cards_by_print(const cv::Mat& image, double scale, std::vector<Scored> kept,
                                                      const CaptureOptions& options);

// The outlines of `outlines` with plain ground around them: the letters
// read around each (off the others) at most kMaxPrintAround of those inside.
// Where every region outline was a printed part, the picture may be a
// close-up of one card, on which a rule or a panel's edge and the frame
// make straight-edge outlines too; only a card lying on plain ground shows
// this.
[[nodiscard]] std::vector<Scored> keep_on_plain_ground(const cv::Mat& image, double scale,
                                                       std::vector<Scored> outlines);

}  // namespace cardscan::capture
