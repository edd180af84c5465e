// Images that hold no business card (a black or white frame, a single pixel,
// a blank page) must not become contacts: each reports "no card found", the
// store gains no contact and no follow-up, the summary counts the file as
// failed and the exit status is 1. The images are made here, with OpenCV.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "cli_test_support.hpp"
#include "store/store.hpp"
#include "synthetic_cards.hpp"

namespace {

namespace fs = std::filesystem;
using cardscan::test::run_cardscan;
using cardscan::test::TempDir;

// The pictures with nothing on them that reads as a card, by file name.
std::vector<fs::path> write_blank_images(const fs::path& dir) {
  std::vector<fs::path> files;
  auto write = [&](const std::string& name, const cv::Mat& image) {
    const fs::path path = dir / name;
    REQUIRE(cv::imwrite(path.string(), image));
    files.push_back(path);
  };
  write("black.png", cv::Mat(600, 900, CV_8UC3, cv::Scalar(0, 0, 0)));
  write("white.png", cv::Mat(600, 900, CV_8UC3, cv::Scalar(255, 255, 255)));
  write("pixel.png", cv::Mat(1, 1, CV_8UC3, cv::Scalar(128, 128, 128)));
  // A blank A4 page as a 100 dpi scan gives it: off-white paper with sensor noise.
  cv::Mat page(1169, 827, CV_8UC3, cv::Scalar(238, 240, 242));
  cv::Mat noise(page.size(), CV_8UC3);
  cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(4));
  page += noise;
  write("blank_page.jpg", page);
  return files;
}

std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

}  // namespace

TEST_CASE("images without a card report no card found, store nothing and fail the scan", "[tools][scan][no-card]") {
  TempDir tmp;
  const auto files = write_blank_images(tmp.path());
  const std::string db = (tmp.path() / "cards.db").string();
  std::vector<std::string> args = {"scan"};
  for (const auto& f : files) args.push_back(f.string());
  const auto run = run_cardscan(db, args, true);
  INFO("stdout:\n" << run.output << "stderr:\n" << run.errors);
  CHECK(run.status == 1);
  for (const auto& f : files) {
    INFO(f);
    CHECK(run.errors.find("cardscan: " + f.string() + ": no card found\n") != std::string::npos);
    CHECK(run.output.find(f.string()) == std::string::npos);  // no "(no name)" card line
  }
  CHECK_THAT(run.errors, Catch::Contains(std::to_string(files.size()) + " failed"));
  auto store = cardscan::store::Store::open(db);
  REQUIRE(store);
  CHECK(store->contacts().empty());
  CHECK(store->open_followups().empty());
}

TEST_CASE("scan --json gives an image without a card no contacts and the error no card found",
          "[tools][scan][no-card]") {
  TempDir tmp;
  const auto files = write_blank_images(tmp.path());
  // A real card among them still reads, and the batch goes on.
  const fs::path card = tmp.path() / "card.jpg";
  {
    const std::string jpeg = cardscan::test::render_card(0);
    std::ofstream(card, std::ios::binary) << jpeg;
  }
  std::vector<std::string> args = {"scan", "--json", "--no-store", "-j", "2"};
  for (const auto& f : files) args.push_back(f.string());
  args.push_back(card.string());
  const auto run = run_cardscan("", args, true);
  INFO("stdout:\n" << run.output << "stderr:\n" << run.errors);
  CHECK(run.status == 1);
  const auto objects = json_lines(run.output);
  REQUIRE(objects.size() == files.size() + 1);
  for (std::size_t i = 0; i < files.size(); ++i) {
    INFO(files[i]);
    CHECK(objects[i]["file"] == files[i].string());
    CHECK(objects[i]["contacts"] == nlohmann::json::array());
    CHECK(objects[i]["error"] == "no card found");
  }
  CHECK(objects.back()["error"].is_null());
  REQUIRE(objects.back()["contacts"].size() == 1);
  CHECK(objects.back()["contacts"][0]["emails"] == nlohmann::json::array({cardscan::test::email_of(0)}));
}

TEST_CASE("scan exits 1 when not one of its images holds a card", "[tools][scan][no-card]") {
  TempDir tmp;
  const auto files = write_blank_images(tmp.path());
  const auto run = run_cardscan("", {"scan", "--no-store", files.front().string()}, true);
  INFO("stdout:\n" << run.output << "stderr:\n" << run.errors);
  CHECK(run.status == 1);
  CHECK_THAT(run.errors, Catch::Contains("no card found") && Catch::Contains("1 failed"));
}

TEST_CASE("watch --once stores no contact for an image without a card and fails the file",
          "[tools][watch][no-card]") {
  TempDir tmp;
  const fs::path inbox = tmp.path() / "inbox";
  fs::create_directories(inbox);
  const auto files = write_blank_images(inbox);
  const std::string db = (tmp.path() / "cards.db").string();
  const auto run = run_cardscan(db, {"watch", inbox.string(), "--once", "--settle", "0"}, true);
  INFO("stdout:\n" << run.output << "stderr:\n" << run.errors);
  CHECK(run.status == 1);
  for (const auto& f : files) CHECK(run.errors.find("cardscan: " + f.string() + ": no card found") != std::string::npos);
  auto store = cardscan::store::Store::open(db);
  REQUIRE(store);
  CHECK(store->contacts().empty());
  CHECK(store->open_followups().empty());
}

TEST_CASE("every sample card still becomes its contact under the no-card rule", "[tools][scan][no-card]") {
  const fs::path samples = CARDSCAN_SAMPLES_DIR;
  std::ifstream in(samples / "truth.json");
  const auto truth = nlohmann::json::parse(in);
  const auto run = run_cardscan("", {"scan", "--json", "--no-store", samples.string()}, true);
  INFO("stderr:\n" << run.errors);
  CHECK(run.status == 0);
  const auto objects = json_lines(run.output);
  REQUIRE(objects.size() == truth.size());
  for (const auto& t : truth) {
    const std::string file = (samples / t["file"].get<std::string>()).string();
    INFO(file);
    bool found = false;
    for (const auto& o : objects) {
      if (o["file"] != file) continue;
      found = true;
      CHECK(o["error"].is_null());
      CHECK(o["contacts"].size() == t["cards"].size());
    }
    CHECK(found);
  }
}
