#pragma once
// The one entry point from a decoded picture to what its cards say, in the
// spirit of zxing-cpp's ReadBarcodes(image, options): capture finds and
// flattens each card, the pipeline turns it the way ocr decides, Tesseract
// reads it and parse makes the contact. Plain values come back.

#include <array>
#include <functional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "capture/capture.hpp"
#include "ocr/engine.hpp"
#include "ocr/page.hpp"
#include "parse/contact.hpp"
#include "parse/extract.hpp"

namespace cardscan::pipeline {

struct ReadOptions {
  capture::CaptureOptions capture;
  parse::ParseOptions parse;
  bool keep_crops = false;  // JPEG-encode each card crop into its reading (for the store)
};

// CPU milliseconds a worker spent in each stage for one file.
struct StageTimes {
  double read = 0, load = 0, detect = 0, orient = 0, ocr = 0, parse = 0;
  [[nodiscard]] double total() const { return read + load + detect + orient + ocr + parse; }
};

// One card as read: where it lies in the picture, how it was turned, what
// OCR saw on it and the contact parse made of that.
struct CardReading {
  parse::Contact contact;
  std::string ocr_text;
  ocr::Page page;                        // what OCR read, with geometry
  std::vector<std::string> qr_payloads;  // raw QR text decoded on the card
  std::vector<unsigned char> crop_jpeg;  // when keep_crops
  std::array<float, 8> quad{};           // card corners in the displayed image: x0,y0,...,x3,y3
  int rotation = 0;                      // quarter turns applied to make it upright, degrees
  bool whole_image = false;
  bool qr = false;  // a QR payload was decoded on this card
};

// Whether what was read on a card makes it a card worth a contact: at least
// one e-mail, phone, website, address or social handle, or a line parse took
// for a person's name. A blank page, a black or white frame, wood grain or a
// page of prose gives none of these, and must not become a contact with a
// follow-up.
[[nodiscard]] bool reads_as_card(const parse::Contact& contact);

// What OCR reads on an upright card image: the page Tesseract gives, with
// each doubtful contact line (parse::doubtful_lines) read again
// (Engine::reread_line) and replaced by the reading the rest of the card
// supports (parse::choose_reading), and the lines it left unread
// (ocr::find_unread_lines: print too light for its one threshold) and the
// lines turned on their side added, each a block of its own, when read
// surely enough. `region` is parse's default region;
// `ground` is passed to ocr::prepare_for_ocr.
[[nodiscard]] ocr::Page read_page(ocr::Engine& engine, const cv::Mat& card, const std::vector<ocr::Quad>& blank,
                                  const std::string& region, ocr::Ground ground = ocr::Ground::automatic);

// The capture options a picture of `picture` size is read whole with when
// its one outline reads as nothing (read_card's `picture`): a long side
// twice a card's, or the picture's own when that is smaller.
[[nodiscard]] capture::CaptureOptions whole_picture_options(const capture::CaptureOptions& options, cv::Size picture);

// The picture a card was the only outline found in, made only when it is
// needed (read_card's fallback is rare, and a decoded photo is tens of MB);
// an empty Mat when it cannot be had.
using PictureSource = std::function<cv::Mat()>;

// Reads one card capture cut out: turns it upright in place (the turn
// ocr::decide_orientation chose, applied with capture::rotate_card), reads
// it with `engine` and parses the page. A card that reads as nothing is
// read again on the other ground, then turned half round; when it still
// reads as nothing and `picture` is given (the image the card was the only
// outline found in), the whole picture is read instead
// (capture::whole_image_card at whole_picture_options; its quad is
// `picture`'s corners) and kept if it gives an email, phone or
// website; a card whose outline was drawn around print
// (CardImage::outline_from_print) must give one too, or its contact is
// left empty. A card the reading places in a country with a national OCR
// model (parse::national_ocr_model) is read once more with it
// (Engine::with_model) and that reading kept when it reads as a card.
// Adds its stage times to `times`.
// May throw what OpenCV or Tesseract throw (e.g. std::bad_alloc).
[[nodiscard]] CardReading read_card(ocr::Engine& engine, capture::CardImage& card, const ReadOptions& options,
                                    StageTimes& times, const PictureSource& picture);
// The same with the picture at hand (none when null).
[[nodiscard]] CardReading read_card(ocr::Engine& engine, capture::CardImage& card, const ReadOptions& options,
                                    StageTimes& times, const cv::Mat* picture = nullptr);

// Every card in `image` (8-bit BGR, as displayed) that reads as a card, in
// capture's reading order; empty when there is none. read_card on each of
// capture::find_cards (with the whole image to fall back on when it finds
// one card), then reads_as_card: the worker pool runs the same steps with a
// sheet's cards shared between its workers.
[[nodiscard]] std::vector<CardReading> read_cards(const cv::Mat& image, ocr::Engine& engine,
                                                  const ReadOptions& options = {});

}  // namespace cardscan::pipeline
