#include "tools/pipeline/read_cards.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>
#include <utility>

#include <opencv2/imgcodecs.hpp>

#include "ocr/orientation.hpp"
#include "ocr/prepare.hpp"
#include "ocr/unread_lines.hpp"
#include "ocr/vertical_text.hpp"
#include "parse/reading_choice.hpp"
#include "tools/pipeline/stage_clock.hpp"

namespace cardscan::pipeline {

namespace {

// A line the card's OCR left unread is taken when its surest reading
// reaches this mean word confidence and holds this many letters or digits:
// ornaments, speckle or a logo's edge read as a line give low-confidence
// marks and punctuation.
constexpr float kMinUnreadConfidence = 75;
constexpr int kMinUnreadAlnum = 3;

// Letters and digits in `text`; any byte of a UTF-8 sequence counts (an
// accented letter counts twice, which the threshold above can bear).
int alnum_count(const std::string& text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80;
  }));
}

// The surest reading of `run`, a line the card's OCR left unread, when it
// is sure enough to be taken.
std::optional<ocr::Line> read_unread_line(ocr::Engine& engine, const cv::Mat& image, const ocr::UnreadLine& run) {
  ocr::Line line;
  line.box = run.box;
  line.text_height = run.text_height;
  std::vector<ocr::Line> readings = engine.reread_line(image, line);
  const auto surest = std::max_element(readings.begin(), readings.end(), [](const ocr::Line& a, const ocr::Line& b) {
    return a.confidence < b.confidence;
  });
  if (surest == readings.end() || surest->confidence < kMinUnreadConfidence ||
      alnum_count(surest->text) < kMinUnreadAlnum)
    return std::nullopt;
  return std::move(*surest);
}

bool carries_contact_field(const parse::Contact& c) {
  return !c.emails.empty() || !c.phones.empty() || !c.websites.empty() || !c.address.empty() || !c.social.empty();
}

// A way to reach someone: what a card nobody saw the edges of (a whole
// photo read as one, an outline drawn around print) must give to be taken
// for a card. Clutter and texture read as a name or an address line; they
// rarely read as an email, a phone number or a web address.
bool carries_reach(const parse::Contact& c) { return !c.emails.empty() || !c.phones.empty() || !c.websites.empty(); }

}  // namespace

bool reads_as_card(const parse::Contact& c) { return carries_contact_field(c) || !c.name.empty(); }

ocr::Page read_page(ocr::Engine& engine, const cv::Mat& card, const std::vector<ocr::Quad>& blank,
                    const std::string& region, ocr::Ground ground) {
  const cv::Mat prepared = ocr::prepare_for_ocr(card, blank, ground);
  ocr::Page page = engine.read_prepared(prepared);
  for (const std::size_t i : parse::doubtful_lines(page, region)) {
    const std::vector<ocr::Line> readings = engine.reread_line(prepared, page.lines[i]);
    const int chosen = parse::choose_reading(page, i, readings, region);
    if (chosen >= 0) page.lines[i] = readings[static_cast<std::size_t>(chosen)];
  }
  int block = 0;
  for (const auto& line : page.lines) block = std::max(block, line.block + 1);
  // Lines too light for the card's one threshold (grey print, light print
  // on a plate left dark): each read on its own contrast from an image that
  // holds only such lines, a block of its own after the card's lines.
  const std::vector<ocr::UnreadLine> unread = ocr::find_unread_lines(prepared, page);
  for (const bool light_on_dark : {false, true}) {
    cv::Mat image;  // made only for a polarity that has runs
    for (const ocr::UnreadLine& run : unread) {
      if (run.light_on_dark != light_on_dark) continue;
      if (image.empty()) image = ocr::unread_lines_image(prepared, unread, light_on_dark);
      if (auto line = read_unread_line(engine, image, run)) {
        line->block = block++;
        page.lines.push_back(std::move(*line));
      }
    }
  }
  // Lines printed along an edge, turned on their side: read turned, each a
  // block of its own after the card's lines.
  for (const ocr::TurnedStrip& strip : ocr::find_turned_text(prepared, page)) {
    if (auto turned = engine.read_turned_strip(prepared, strip.box, strip.light_on_dark)) {
      turned->block = block++;
      page.lines.push_back(std::move(*turned));
    }
  }
  return page;
}

capture::CaptureOptions whole_picture_options(const capture::CaptureOptions& options, cv::Size picture) {
  // A card in a photo fills part of it: the picture is read at twice the
  // size a card is, to give its print about a card's x-height, but never
  // larger than it was taken.
  constexpr int kWholePictureScale = 2;
  capture::CaptureOptions larger = options;
  larger.card_long_side = std::min(options.card_long_side * kWholePictureScale, std::max(picture.width, picture.height));
  return larger;
}

CardReading read_card(ocr::Engine& engine, capture::CardImage& card, const ReadOptions& options, StageTimes& times,
                      const cv::Mat* picture) {
  if (picture == nullptr) return read_card(engine, card, options, times, PictureSource{});
  return read_card(engine, card, options, times, PictureSource([picture] { return *picture; }));
}

CardReading read_card(ocr::Engine& engine, capture::CardImage& card, const ReadOptions& options, StageTimes& times,
                      const PictureSource& picture) {
  auto t = stage_clock_ms();
  const ocr::OrientationDecision turn = ocr::decide_orientation(engine, card.pixels, card.whole_image);
  capture::rotate_card(card, turn.degrees);
  times.orient += stage_clock_ms() - t;

  // The card read and parsed on one ground.
  const auto read_with = [&](ocr::Engine& reader, ocr::Ground ground) {
    auto start = stage_clock_ms();
    ocr::Page page = read_page(reader, card.pixels, card.code_quads, options.parse.region, ground);
    times.ocr += stage_clock_ms() - start;
    start = stage_clock_ms();
    parse::Contact contact = parse::extract(page, options.parse, card.qr_payloads);
    times.parse += stage_clock_ms() - start;
    return std::pair{std::move(page), std::move(contact)};
  };
  const auto read_on = [&](ocr::Ground ground) { return read_with(engine, ground); };
  t = stage_clock_ms();
  const ocr::Ground ground = ocr::decided_ground(card.pixels);
  times.ocr += stage_clock_ms() - t;
  auto [page, contact] = read_on(ground);
  ocr::Ground read_ground = ground;
  // A card whose ground is mid-tone (wood, kraft, grey stock) can be taken
  // for dark and its dark print inverted into light-on-light, or the other
  // way round: when the reading gives nothing a card carries, the card is
  // read once more on the other ground, and that reading kept if it does.
  if (!reads_as_card(contact)) {
    auto second = read_on(ground == ocr::Ground::dark ? ocr::Ground::light : ocr::Ground::dark);
    if (reads_as_card(second.second)) {
      std::tie(page, contact) = std::move(second);
      read_ground = ground == ocr::Ground::dark ? ocr::Ground::light : ocr::Ground::dark;
    }
  }
  // Which way up a card is can be misjudged where a photo or a logo fills
  // much of it; text upside down reads as nothing. The opposite turn is
  // tried before the card is given up.
  if (!reads_as_card(contact)) {
    capture::rotate_card(card, 180);
    auto turned = read_on(ground);
    if (reads_as_card(turned.second)) {
      std::tie(page, contact) = std::move(turned);
    } else {
      capture::rotate_card(card, 180);
    }
  }
  // The one outline found was not the card (a cup's ring, a shadow, a
  // light card on light ground outlined by something else): the whole
  // picture is read, as if no outline had been found.
  if (!reads_as_card(contact) && picture && !card.whole_image) {
    capture::CardImage whole;
    {
      const cv::Mat full = picture();
      if (!full.empty()) whole = capture::whole_image_card(full, whole_picture_options(options.capture, full.size()));
    }
    if (!whole.pixels.empty()) {
      CardReading reading = read_card(engine, whole, options, times);
      if (carries_reach(reading.contact)) return reading;
    }
  }
  // A card the evidence places where a national model reads the script
  // better than the general one (Vietnamese tone marks stacked on vowel
  // marks) is read once more with it, and that reading kept when it still
  // reads as a card. Without the model installed the first reading stands.
  if (reads_as_card(contact)) {
    if (const std::string model = parse::national_ocr_model(page, options.parse); !model.empty()) {
      if (ocr::Engine* national = engine.with_model(model); national != nullptr && national != &engine) {
        auto again = read_with(*national, read_ground);
        if (reads_as_card(again.second)) std::tie(page, contact) = std::move(again);
      }
    }
  }
  CardReading reading;
  if (card.outline_from_print && !carries_reach(contact)) contact = parse::Contact{};
  reading.contact = std::move(contact);
  reading.ocr_text = page.text();
  reading.page = page;
  reading.qr_payloads = card.qr_payloads;
  reading.rotation = card.rotation;
  reading.whole_image = card.whole_image;
  reading.qr = !card.qr_payloads.empty();
  for (std::size_t i = 0; i < 4; ++i) {
    reading.quad[2 * i] = card.quad[i].x;
    reading.quad[2 * i + 1] = card.quad[i].y;
  }
  if (options.keep_crops) cv::imencode(".jpg", card.pixels, reading.crop_jpeg, {cv::IMWRITE_JPEG_QUALITY, 80});
  return reading;
}

std::vector<CardReading> read_cards(const cv::Mat& image, ocr::Engine& engine, const ReadOptions& options) {
  std::vector<capture::CardImage> cards = capture::find_cards(image, options.capture);
  std::vector<CardReading> readings;
  StageTimes times;
  const cv::Mat* picture = cards.size() == 1 ? &image : nullptr;
  for (auto& card : cards) readings.push_back(read_card(engine, card, options, times, picture));
  std::erase_if(readings, [](const CardReading& r) { return !reads_as_card(r.contact); });
  return readings;
}

}  // namespace cardscan::pipeline
