// The pipeline library without the command around it: read_cards, the one
// entry point from a picture to its cards, and the WorkerPool every command
// runs files on.

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "capture/image_loader.hpp"
#include "ocr/prepare.hpp"
#include "ocr/unread_lines.hpp"
#include "parse/extract.hpp"
#include "tools/pipeline/read_cards.hpp"
#include "tools/pipeline/worker_pool.hpp"

namespace {

namespace fs = std::filesystem;
using namespace cardscan;

const fs::path samples = CARDSCAN_SAMPLES_DIR;

nlohmann::json sample_truth() {
  std::ifstream in(samples / "truth.json");
  return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("read_cards gives every card of each sample with its corners, turn and contact", "[tools][read-cards]") {
  auto engine = ocr::Engine::create();
  REQUIRE(engine);
  for (const auto& t : sample_truth()) {
    const std::string file = t["file"];
    INFO(file);
    auto image = capture::load_image(samples / file);
    REQUIRE(image);
    const auto cards = pipeline::read_cards(image->pixels, *engine);
    REQUIRE(cards.size() == t["cards"].size());
    for (std::size_t i = 0; i < cards.size(); ++i) {
      const auto& card = cards[i];
      CHECK(pipeline::reads_as_card(card.contact));
      CHECK(card.rotation % 90 == 0);
      CHECK_FALSE(card.page.lines.empty());
      for (std::size_t k = 0; k < 4; ++k) {  // every corner lies on the picture
        CHECK(card.quad[2 * k] >= -1.0f);
        CHECK(card.quad[2 * k] <= static_cast<float>(image->pixels.cols) + 1);
        CHECK(card.quad[2 * k + 1] >= -1.0f);
        CHECK(card.quad[2 * k + 1] <= static_cast<float>(image->pixels.rows) + 1);
      }
      CHECK(card.crop_jpeg.empty());  // only when asked
    }
  }
}

TEST_CASE("read_cards finds no card on pictures with nothing printed", "[tools][read-cards][no-card]") {
  auto engine = ocr::Engine::create();
  REQUIRE(engine);
  CHECK(pipeline::read_cards(cv::Mat(600, 900, CV_8UC3, cv::Scalar(255, 255, 255)), *engine).empty());
  CHECK(pipeline::read_cards(cv::Mat(600, 900, CV_8UC3, cv::Scalar(0, 0, 0)), *engine).empty());
  CHECK(pipeline::read_cards(cv::Mat(1, 1, CV_8UC3, cv::Scalar(128, 128, 128)), *engine).empty());
}

TEST_CASE("when the one outline found reads as nothing the whole picture is read instead", "[tools][read-cards]") {
  auto engine = ocr::Engine::create();
  REQUIRE(engine);
  // A one-card sample's picture, and a blank crop standing for the outline
  // capture took for its card (a cup's ring on the desk).
  for (const auto& t : sample_truth()) {
    if (t["cards"].size() != 1) continue;
    const std::string file = t["file"];
    INFO(file);
    auto image = capture::load_image(samples / file);
    REQUIRE(image);
    auto blank_crop = [] {
      capture::CardImage c;
      c.pixels = cv::Mat(800, 1400, CV_8UC3, cv::Scalar(250, 250, 250));
      c.quad = {cv::Point2f(0, 0), cv::Point2f(140, 0), cv::Point2f(140, 80), cv::Point2f(0, 80)};
      return c;
    };
    pipeline::StageTimes times;
    auto alone = blank_crop();
    CHECK_FALSE(pipeline::reads_as_card(pipeline::read_card(*engine, alone, {}, times).contact));
    auto with_picture = blank_crop();
    const pipeline::CardReading reading = pipeline::read_card(*engine, with_picture, {}, times, &image->pixels);
    CHECK(pipeline::reads_as_card(reading.contact));
    CHECK(reading.whole_image);
    CHECK(reading.quad[4] == static_cast<float>(image->pixels.cols));  // the picture's corners
    break;
  }
}

TEST_CASE("a file with one outline keeps its bytes, not a decoded copy, and is decoded again to be read whole",
          "[tools][read-cards]") {
  auto engine = ocr::Engine::create();
  REQUIRE(engine);
  const pipeline::Pipeline pipeline({});
  for (const auto& t : sample_truth()) {
    if (t["cards"].size() != 1) continue;
    const std::string file = t["file"];
    INFO(file);
    pipeline::PreparedFile prepared = pipeline.prepare(samples / file, {});
    REQUIRE(prepared.cards.size() == 1);
    if (prepared.cards[0].whole_image) continue;
    CHECK(prepared.encoded.size() == fs::file_size(samples / file));
    CHECK(prepared.image.empty());
    // The outline read as nothing (a blank crop stands for it): the picture
    // is decoded from the bytes and read whole, its corners the picture's.
    prepared.cards[0].pixels = cv::Mat(800, 1400, CV_8UC3, cv::Scalar(250, 250, 250));
    prepared.cards[0].code_quads.clear();
    prepared.cards[0].qr_payloads.clear();
    pipeline::StageTimes times;
    const pipeline::CardReading reading = pipeline.read_card(*engine, prepared, 0, times);
    auto image = capture::load_image(samples / file);
    REQUIRE(image);
    CHECK(reading.whole_image);
    CHECK(pipeline::reads_as_card(reading.contact));
    CHECK(std::max({reading.quad[0], reading.quad[2], reading.quad[4], reading.quad[6]}) ==
          static_cast<float>(image->pixels.cols));
    return;
  }
  FAIL("no one-card sample with an outline");
}

TEST_CASE("a card whose outline was drawn around print must give an email, phone or website", "[tools][read-cards]") {
  auto engine = ocr::Engine::create();
  REQUIRE(engine);
  // Print that reads as a name and an address, but as no way to reach anyone.
  auto crop = [](bool from_print) {
    capture::CardImage c;
    c.pixels = cv::Mat(800, 1400, CV_8UC3, cv::Scalar(255, 255, 255));
    cv::putText(c.pixels, "Jane Doe", {100, 250}, cv::FONT_HERSHEY_SIMPLEX, 3.0, cv::Scalar(0, 0, 0), 6);
    cv::putText(c.pixels, "12 Main Street", {100, 450}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0, 0, 0), 4);
    cv::putText(c.pixels, "Springfield, IL 62704", {100, 580}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0, 0, 0), 4);
    c.quad = {cv::Point2f(0, 0), cv::Point2f(1400, 0), cv::Point2f(1400, 800), cv::Point2f(0, 800)};
    c.outline_from_print = from_print;
    return c;
  };
  pipeline::StageTimes times;
  auto seen = crop(false);
  CHECK(pipeline::reads_as_card(pipeline::read_card(*engine, seen, {}, times).contact));
  auto drawn = crop(true);
  CHECK_FALSE(pipeline::reads_as_card(pipeline::read_card(*engine, drawn, {}, times).contact));
}

namespace {

// A card with a black name and a black "Tel." label, and an email and the
// number after the label printed light grey: the card's one threshold,
// set by the black print, leaves the grey lines unread.
cv::Mat card_with_grey_contact_lines() {
  cv::Mat card(800, 1400, CV_8UC3, cv::Scalar(245, 245, 240));
  const cv::Scalar black(20, 20, 20), grey(170, 170, 170);
  cv::putText(card, "Amelia Hart", {90, 180}, cv::FONT_HERSHEY_DUPLEX, 2.4, black, 4, cv::LINE_AA);
  cv::putText(card, "amelia@northwind.com", {90, 560}, cv::FONT_HERSHEY_DUPLEX, 1.2, grey, 2, cv::LINE_AA);
  cv::putText(card, "Tel.", {90, 660}, cv::FONT_HERSHEY_DUPLEX, 1.2, black, 2, cv::LINE_AA);
  cv::putText(card, "415 555 0123", {200, 660}, cv::FONT_HERSHEY_DUPLEX, 1.2, grey, 2, cv::LINE_AA);
  return card;
}

// A card with a black name, a row of grey ornaments (dots) and grey
// speckle like a stone or recycled-paper print: glyph-sized marks, some in
// rows, none of them text.
cv::Mat card_with_ornaments_and_speckle() {
  cv::Mat card(800, 1400, CV_8UC3, cv::Scalar(245, 245, 240));
  cv::putText(card, "Amelia Hart", {90, 180}, cv::FONT_HERSHEY_DUPLEX, 2.4, cv::Scalar(20, 20, 20), 4, cv::LINE_AA);
  for (int k = 0; k < 14; ++k) cv::circle(card, {100 + 40 * k, 400}, 9, cv::Scalar::all(170), cv::FILLED, cv::LINE_AA);
  cv::RNG rng(5);
  for (int k = 0; k < 400; ++k) {
    cv::ellipse(card, {rng.uniform(700, 1350), rng.uniform(350, 750)}, {rng.uniform(3, 14), rng.uniform(3, 10)},
                rng.uniform(0, 180), 0, 360, cv::Scalar::all(rng.uniform(140, 200)), cv::FILLED, cv::LINE_AA);
  }
  return card;
}

bool page_has(const ocr::Page& page, const std::string& text) { return page.text().find(text) != std::string::npos; }

}  // namespace

TEST_CASE("read_page reads light grey lines the card's OCR left unread", "[tools][read-page][unread-lines]") {
  auto engine = ocr::Engine::create();
  REQUIRE(engine);
  const cv::Mat card = card_with_grey_contact_lines();
  const ocr::Page first = engine->read(card);
  INFO(first.text());
  REQUIRE(page_has(first, "Amelia Hart"));
  REQUIRE_FALSE(page_has(first, "northwind"));  // without the unread lines, not there
  REQUIRE_FALSE(page_has(first, "555"));

  const ocr::Page page = pipeline::read_page(*engine, card, {}, "US");
  INFO(page.text());
  CHECK(page_has(page, "amelia@northwind.com"));
  CHECK(page_has(page, "415 555 0123"));
  const parse::Contact contact = parse::extract(page);
  CHECK(contact.emails == std::vector<std::string>{"amelia@northwind.com"});
  REQUIRE(contact.phones.size() == 1);
  CHECK(contact.phones[0].e164 == "+14155550123");
}

TEST_CASE("read_page adds no line for ornaments or speckle that look like a row of glyphs",
          "[tools][read-page][unread-lines]") {
  auto engine = ocr::Engine::create();
  REQUIRE(engine);
  const cv::Mat card = card_with_ornaments_and_speckle();
  const cv::Mat prepared = ocr::prepare_for_ocr(card);
  const ocr::Page first = engine->read_prepared(prepared);
  // The marks do make runs to read again, so the reading's own test is what keeps them out.
  REQUIRE_FALSE(ocr::find_unread_lines(prepared, first).empty());
  const ocr::Page page = pipeline::read_page(*engine, card, {}, "US");
  INFO(page.text());
  CHECK(page.lines.size() == first.lines.size());
}

TEST_CASE("a card with only a title or a company does not read as a card, any contact field or a name does",
          "[tools][read-cards][no-card]") {
  parse::Contact c;
  CHECK_FALSE(pipeline::reads_as_card(c));
  c.title = "Minutes of the meeting";
  c.company = "Agreed";
  CHECK_FALSE(pipeline::reads_as_card(c));
  for (int field = 0; field < 6; ++field) {
    parse::Contact one;
    if (field == 0) one.emails = {"jane@acme.example"};
    if (field == 1) one.phones = {parse::Phone{}};
    if (field == 2) one.websites = {"acme.example"};
    if (field == 3) one.address = "1 Main St, Springfield";
    if (field == 4) one.social = {{"github", "@jane"}};
    if (field == 5) one.name = "Jane Doe";
    INFO(field);
    CHECK(pipeline::reads_as_card(one));
  }
}

TEST_CASE("the worker pool finishes each submitted file once, as one worker would read it", "[tools][worker-pool]") {
  std::vector<fs::path> files;
  for (const auto& t : sample_truth()) files.push_back(samples / t["file"].get<std::string>());
  pipeline::PipelineOptions options;
  options.workers = 2;

  std::mutex mutex;
  std::condition_variable finished;
  std::map<fs::path, pipeline::FileOutput> results;
  int calls = 0;
  {
    pipeline::WorkerPool pool(options, 2);
    REQUIRE(pool.start());
    for (const auto& f : files) {
      pool.submit(f, [&](pipeline::FileOutput&& out) {
        std::lock_guard lock(mutex);
        ++calls;
        results[out.path] = std::move(out);
        finished.notify_all();
      });
    }
    std::unique_lock lock(mutex);
    REQUIRE(finished.wait_for(lock, std::chrono::minutes(5), [&] { return calls == static_cast<int>(files.size()); }));
  }
  CHECK(calls == static_cast<int>(files.size()));
  REQUIRE(results.size() == files.size());

  auto engine = ocr::Engine::create(options.ocr);
  REQUIRE(engine);
  const pipeline::Pipeline one(options);
  for (const auto& f : files) {
    INFO(f);
    const auto alone = one.process(f, *engine);
    const auto& pooled = results.at(f);
    CHECK(pooled.error == alone.error);
    CHECK(pooled.sha256 == alone.sha256);
    REQUIRE(pooled.cards.size() == alone.cards.size());
    for (std::size_t i = 0; i < alone.cards.size(); ++i) {
      CHECK(pooled.cards[i].ocr_text == alone.cards[i].ocr_text);
      CHECK(pooled.cards[i].contact.name == alone.cards[i].contact.name);
      CHECK(pooled.cards[i].rotation == alone.cards[i].rotation);
    }
  }
}

TEST_CASE("run_in_order reports each file in input order and asks skip before reading", "[tools][worker-pool]") {
  std::vector<fs::path> files;
  for (const auto& t : sample_truth()) files.push_back(samples / t["file"].get<std::string>());
  pipeline::PipelineOptions options;
  options.workers = 2;
  std::mutex mutex;
  std::set<std::string> asked;
  std::vector<fs::path> order;
  std::size_t skipped = 0;
  const auto ran = pipeline::run_in_order(
      options, files,
      [&](const std::string& sha) {
        std::lock_guard lock(mutex);
        asked.insert(sha);
        return asked.size() % 2 == 0;  // every second file "already stored"
      },
      [&](pipeline::FileOutput&& out) {
        order.push_back(out.path);
        if (out.skipped) {
          ++skipped;
          CHECK(out.cards.empty());
        }
      });
  REQUIRE(ran);
  CHECK(order == files);
  CHECK(asked.size() == files.size());
  CHECK(skipped == files.size() / 2);
}

TEST_CASE("a worker pool told to stop drops the files it has not started and never reports them",
          "[tools][worker-pool]") {
  std::vector<fs::path> files;
  for (const auto& t : sample_truth()) files.push_back(samples / t["file"].get<std::string>());
  pipeline::PipelineOptions options;
  std::mutex mutex;
  std::size_t reported = 0;
  std::vector<fs::path> dropped;
  {
    pipeline::WorkerPool pool(options, 1);
    REQUIRE(pool.start());
    for (int round = 0; round < 3; ++round) {
      for (const auto& f : files) {
        pool.submit(f, [&](pipeline::FileOutput&&) {
          std::lock_guard lock(mutex);
          ++reported;
        });
      }
    }
    dropped = pool.cancel_queued();
    pool.stop();
  }
  // Each file is either dropped (and never reported) or started, and then
  // finished and reported once, stop or not; one worker starts few at once.
  CHECK(reported + dropped.size() == 3 * files.size());
  CHECK(dropped.size() >= 3 * files.size() - 2);
}
