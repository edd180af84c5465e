// `cardscan scan` end to end on the shipped sample cards: the JSON contract,
// the store with its follow-ups, idempotency, and per-file errors.

#include <catch2/catch.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "cli_test_support.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using cardscan::test::run_cardscan;
using cardscan::test::TempDir;

namespace {

const fs::path samples = CARDSCAN_SAMPLES_DIR;

std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

nlohmann::json truth_for(const std::string& file) {
  std::ifstream in(samples / "truth.json");
  const auto truth = nlohmann::json::parse(in);
  for (const auto& t : truth) {
    if (t["file"] == file) return t;
  }
  FAIL("no truth for " << file);
  return {};
}

// The single-card sample images listed in samples/truth.json.
std::vector<std::string> single_card_samples() {
  std::ifstream in(samples / "truth.json");
  std::vector<std::string> out;
  for (const auto& t : nlohmann::json::parse(in)) {
    if (t["cards"].size() == 1) out.push_back(t["file"]);
  }
  return out;
}

std::string tomorrow_at(int hour) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  tm.tm_mday += 1;
  tm.tm_hour = hour;
  tm.tm_min = 0;
  tm.tm_sec = 0;
  tm.tm_isdst = -1;
  std::time_t due = std::mktime(&tm);
  localtime_r(&due, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

}  // namespace

TEST_CASE("scan --json prints one contract-shaped object per image", "[tools][scan]") {
  const auto files = single_card_samples();
  REQUIRE(files.size() >= 2);
  std::vector<std::string> args = {"scan", "--json", "--no-store"};
  for (const auto& f : files) args.push_back((samples / f).string());
  const auto run = run_cardscan("", args, true);
  REQUIRE(run.status == 0);
  const auto objects = json_lines(run.output);
  REQUIRE(objects.size() == files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& j = objects[i];
    INFO(files[i]);
    CHECK(fs::path(j["file"].get<std::string>()).filename() == files[i]);  // input order is kept
    CHECK(j["error"].is_null());
    REQUIRE(j["contacts"].size() == 1);
    const auto& c = j["contacts"][0];
    for (const char* key : {"name", "given", "family", "title", "company", "department", "emails", "phones", "website",
                            "address", "confidence"}) {
      CHECK(c.contains(key));
    }
    for (const auto& p : c["phones"]) {
      CHECK(p.contains("type"));
      CHECK(p.contains("e164"));
      CHECK(p.contains("text"));
    }
    for (const auto& [field, value] : c["confidence"].items()) {
      CHECK(value.get<double>() >= 0.0);
      CHECK(value.get<double>() <= 1.0);
    }
    // The emails printed on the card are read.
    const auto truth = truth_for(files[i])["cards"][0];
    std::set<std::string> expected(truth["emails"].begin(), truth["emails"].end());
    std::set<std::string> got(c["emails"].begin(), c["emails"].end());
    CHECK(got == expected);
  }
}

TEST_CASE(
    "scanning stores a contact with one follow-up due tomorrow, and "
    "rescanning adds nothing",
    "[tools][scan]") {
  TempDir dir;
  const std::string db = (dir.path() / "cards.db").string();
  const std::string file = (samples / single_card_samples().front()).string();
  const auto first = run_cardscan(db, {"scan", file});
  REQUIRE(first.status == 0);
  CHECK(first.output.find("new contact #1") != std::string::npos);

  auto store = cardscan::store::Store::open(db);
  REQUIRE(store);
  REQUIRE(store->contacts().size() == 1);
  const auto followups = store->open_followups();
  REQUIRE(followups.size() == 1);
  CHECK(followups[0].due == tomorrow_at(9));
  CHECK(followups[0].contact_id == store->contacts()[0].id);

  const auto second = run_cardscan(db, {"scan", file});
  REQUIRE(second.status == 0);
  CHECK(second.output.find("already scanned") != std::string::npos);
  auto again = cardscan::store::Store::open(db);
  REQUIRE(again);
  CHECK(again->contacts().size() == 1);
  CHECK(again->open_followups().size() == 1);
}

TEST_CASE("a multi-card sheet becomes one contact per card", "[tools][scan]") {
  std::ifstream in(samples / "truth.json");
  for (const auto& t : nlohmann::json::parse(in)) {
    if (t["cards"].size() < 2) continue;
    const auto run =
        run_cardscan("", {"scan", "--json", "--no-store", (samples / t["file"].get<std::string>()).string()}, true);
    REQUIRE(run.status == 0);
    const auto objects = json_lines(run.output);
    REQUIRE(objects.size() == 1);
    CHECK(objects[0]["contacts"].size() == t["cards"].size());
    return;
  }
  FAIL("samples/truth.json lists no multi-card sheet");
}

TEST_CASE(
    "two workers sharing a sheet's cards give what one worker gives, in "
    "input order",
    "[tools][scan]") {
  // The cards of a sheet are read by whichever worker is free; each must still
  // land in its own file's result, in the card order capture gave.
  const auto one = run_cardscan("", {"scan", "--json", "--no-store", "-j", "1", samples.string()}, true);
  const auto two = run_cardscan("", {"scan", "--json", "--no-store", "-j", "2", samples.string()}, true);
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  const auto a = json_lines(one.output);
  const auto b = json_lines(two.output);
  REQUIRE(a.size() == b.size());
  std::size_t cards = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i]["file"] == b[i]["file"]);
    if (i > 0) CHECK(a[i - 1]["file"].get<std::string>() < a[i]["file"].get<std::string>());
    REQUIRE(a[i]["contacts"].size() == b[i]["contacts"].size());
    for (std::size_t c = 0; c < a[i]["contacts"].size(); ++c) {
      CHECK(a[i]["contacts"][c]["name"] == b[i]["contacts"][c]["name"]);
      CHECK(a[i]["contacts"][c]["emails"] == b[i]["contacts"][c]["emails"]);
      CHECK(a[i]["contacts"][c]["phones"] == b[i]["contacts"][c]["phones"]);
      ++cards;
    }
  }
  CHECK(cards > a.size());  // a sheet was among them
}

TEST_CASE(
    "bad files get a one-line error naming them, the batch goes on and "
    "the exit status says so",
    "[tools][scan]") {
  TempDir dir;
  const fs::path text_file = dir.path() / "notes.jpg";
  std::ofstream(text_file) << "these are not pixels\n";
  const fs::path empty_file = dir.path() / "empty.png";
  std::ofstream(empty_file).close();
  const fs::path good = samples / single_card_samples().front();
  const fs::path truncated = dir.path() / "cut.jpg";
  {
    std::ifstream in(good, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  const std::string db = (dir.path() / "cards.db").string();
  const auto run = run_cardscan(db,
                                {"scan", text_file.string(), empty_file.string(), good.string(), truncated.string(),
                                 (dir.path() / "missing.jpg").string()},
                                true);
  CHECK(run.status == 1);
  for (const auto& bad : {text_file, empty_file, truncated, dir.path() / "missing.jpg"}) {
    INFO(bad);
    std::istringstream errors(run.errors);
    std::string line;
    int mentions = 0;
    while (std::getline(errors, line)) {
      if (line.find(bad.string()) != std::string::npos && line.find("failed:") == std::string::npos) ++mentions;
    }
    CHECK(mentions == 1);
  }
  auto store = cardscan::store::Store::open(db);
  REQUIRE(store);
  CHECK(store->contacts().size() == 1);  // the good file in the middle was stored
}

TEST_CASE("bench scores the pipeline against a truth file", "[tools][bench]") {
  const auto run = run_cardscan(
      "", {"bench", (samples / "truth.json").string(), "--json", "--only", single_card_samples().front()}, true);
  REQUIRE(run.status == 0);
  const auto j = nlohmann::json::parse(run.output);
  CHECK(j["images"] == 1);
  for (const char* field : {"name", "email", "phone"}) {
    INFO(field);
    REQUIRE(j["fields"].contains(field));
    CHECK(j["fields"][field]["f1"].get<double>() >= 0.0);
  }
  CHECK(j["card_count"]["all"]["images"] == 1);
  CHECK(j["cards_per_second"].get<double>() > 0);
}

TEST_CASE("scan --help explains the command and its options", "[tools][scan]") {
  const auto run = run_cardscan("", {"scan", "--help"});
  CHECK(run.status == 0);
  for (const char* option : {"--json", "--no-store", "--event", "--region", "--lang", "--workers", "--debug-dir",
                             "--followup-time", "--skip-weekends", "--max-megapixels"}) {
    CHECK(run.output.find(option) != std::string::npos);
  }
}

TEST_CASE("an iPhone-style HEIC of a card gives the same contact as the JPEG", "[tools][scan][heic]") {
  TempDir dir;
  const fs::path jpeg = samples / single_card_samples().front();
  const fs::path heic = dir.path() / "card.heic";
  const std::string encode = "heif-enc -q 92 -o " + cardscan::test::shell_quote(heic.string()) + " " +
                             cardscan::test::shell_quote(jpeg.string()) + " >/dev/null 2>&1";
  REQUIRE(std::system(encode.c_str()) == 0);
  const auto from_jpeg = run_cardscan("", {"scan", "--json", "--no-store", jpeg.string()}, true);
  const auto from_heic = run_cardscan("", {"scan", "--json", "--no-store", heic.string()}, true);
  REQUIRE(from_jpeg.status == 0);
  REQUIRE(from_heic.status == 0);
  const auto a = json_lines(from_jpeg.output).at(0)["contacts"].at(0);
  const auto b = json_lines(from_heic.output).at(0)["contacts"].at(0);
  CHECK(b["name"] == a["name"]);
  CHECK(b["company"] == a["company"]);
  CHECK(b["emails"] == a["emails"]);
  std::set<std::string> pa, pb;
  for (const auto& p : a["phones"]) pa.insert(p["e164"].get<std::string>());
  for (const auto& p : b["phones"]) pb.insert(p["e164"].get<std::string>());
  CHECK(pa == pb);
}

TEST_CASE("a TIFF page left out for the pixel limit is named in a note line and in the JSON's notes", "[tools][scan][notes]") {
  TempDir dir;
  const cv::Mat card = cv::imread((samples / "img_002.jpg").string());
  REQUIRE(!card.empty());
  const double card_mp = card.total() / 1e6;
  const cv::Mat blank(card.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  const fs::path tiff = dir.path() / "two pages.tif";
  REQUIRE(cv::imwritemulti(tiff.string(), std::vector<cv::Mat>{card, blank}));
  // The first page fits the limit, a sheet of both pages would not.
  const std::string limit = std::to_string(card_mp * 1.5);
  const std::string note = "multi-page TIFF: 1 of 2 pages read (the rest would pass the pixel limit)";

  const auto text = run_cardscan("", {"scan", "--no-store", "--max-megapixels", limit, tiff.string()}, true);
  INFO(text.output << text.errors);
  CHECK(text.status == 0);
  CHECK(text.output.find(tiff.string() + ": note: " + note + "\n") != std::string::npos);

  const auto json =
      run_cardscan("", {"scan", "--json", "--no-store", "--max-megapixels", limit, tiff.string(),
                        (samples / "img_002.jpg").string()},
                   true);
  INFO(json.output << json.errors);
  CHECK(json.status == 0);
  const auto objects = json_lines(json.output);
  REQUIRE(objects.size() == 2);
  CHECK(objects[0]["notes"] == nlohmann::json::array({note}));
  CHECK(objects[0]["contacts"].size() == 1);
  CHECK(objects[1]["notes"] == nlohmann::json::array());  // a plain JPEG: the field is there, and empty
}
