#include "ocr/engine.hpp"

#include "ocr/layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#include <opencv2/imgproc.hpp>

namespace cardscan::ocr {
namespace {

std::string take_text(char* text) {
  if (text == nullptr) return {};
  std::string out(text);
  delete[] text;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

void set_image(tesseract::TessBaseAPI& api, const cv::Mat& gray) {
  api.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
  api.SetSourceResolution(300);
}

// Tesseract's orientation detection runs the legacy engine, about 30 MB per
// instance, and is asked only about cards whose layout does not tell which
// way is up: the workers share one instance behind a mutex.
struct SharedOsd {
  std::mutex mutex;
  std::unique_ptr<tesseract::TessBaseAPI> api;
  std::string datapath;
  bool failed = false;
  static constexpr const char* failed_message =
      "cannot load Tesseract orientation data 'osd' (install tesseract-ocr-osd)";

  // Loads the orientation data once (again if another data folder is asked for).
  std::string open(const char* path) {
    std::lock_guard lock(mutex);
    const std::string wanted = path ? path : "";
    if (datapath == wanted && (api || failed)) return api ? std::string() : failed_message;
    datapath = wanted;
    auto fresh = std::make_unique<tesseract::TessBaseAPI>();
    if (fresh->Init(path, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
      failed = true;  // not retried for every card
      api.reset();
      return failed_message;
    }
    failed = false;
    fresh->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    fresh->SetVariable("debug_file", "/dev/null");
    api = std::move(fresh);
    return {};
  }
};

// Where the models for `languages` are: $CARDSCAN_TESSDATA, then the folder
// the build made (cardscan's compact Latin model), when it holds every
// language asked for; "" means Tesseract's own default folder.
std::string default_tessdata_dir(const std::string& languages) {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("CARDSCAN_TESSDATA"); env && *env) candidates.emplace_back(env);
#ifdef CARDSCAN_TESSDATA_DIR
  candidates.emplace_back(CARDSCAN_TESSDATA_DIR);
#endif
  for (const auto& dir : candidates) {
    bool all = true;
    std::size_t start = 0;
    while (start <= languages.size()) {
      const auto plus = languages.find('+', start);
      const std::string lang = languages.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
      std::error_code ec;
      if (!lang.empty() && !std::filesystem::exists(std::filesystem::path(dir) / (lang + ".traineddata"), ec))
        all = false;
      if (plus == std::string::npos) break;
      start = plus + 1;
    }
    if (all) return dir;
  }
  return {};
}

SharedOsd& shared_osd() {
  static SharedOsd instance;
  return instance;
}

}  // namespace

Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() {
  if (reader_) reader_->End();
}

std::expected<Engine, std::string> Engine::create(const OcrOptions& options) {
  // Leptonica reports recoverable trouble on stderr; the user cannot act on it.
  setMsgSeverity(L_SEVERITY_NONE);
  Engine engine;
  engine.options_ = options;
  const std::string model_dir =
      options.tessdata_dir.empty() ? default_tessdata_dir(options.languages) : options.tessdata_dir;
  const char* datapath = model_dir.empty() ? nullptr : model_dir.c_str();
  engine.reader_ = std::make_unique<tesseract::TessBaseAPI>();
  if (engine.reader_->Init(datapath, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return std::unexpected("cannot load Tesseract language data for '" + options.languages +
                           "' (install tesseract-ocr-<lang> or pass --tessdata)");
  }
  engine.reader_->SetPageSegMode(static_cast<tesseract::PageSegMode>(options.page_seg_mode));
  engine.reader_->SetVariable("debug_file", "/dev/null");
  return engine;
}

Orientation Engine::detect_orientation(const cv::Mat& card) {
  Orientation out;
  if (!options_.detect_orientation) return out;
  // Loaded on first use: most cards are turned upright from their layout
  // and never need it. Orientation data comes from the folder the user
  // named, else Tesseract's own.
  SharedOsd& osd = shared_osd();
  if (!osd.open(options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str()).empty()) return out;
  const cv::Mat gray = prepare_for_ocr(card);
  std::lock_guard lock(osd.mutex);
  if (!osd.api) return out;
  set_image(*osd.api, gray);
  int degrees = 0;
  float confidence = 0, script_confidence = 0;
  const char* script = nullptr;
  if (osd.api->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence)) {
    // OSD reports how far the text is turned clockwise; undo it.
    out.degrees = (360 - degrees) % 360;
    out.confidence = confidence;
  }
  osd.api->Clear();
  return out;
}

Page Engine::read(const cv::Mat& card, const std::vector<Quad>& blank) {
  Page page;
  page.width = card.cols;
  page.height = card.rows;
  const cv::Mat gray = prepare_for_ocr(card, blank);
  set_image(*reader_, gray);
  if (reader_->Recognize(nullptr) != 0) {
    reader_->Clear();
    return page;
  }
  std::vector<Word> words;
  std::unique_ptr<tesseract::ResultIterator> it(reader_->GetIterator());
  if (it) {
    do {
      Word word;
      word.text = take_text(it->GetUTF8Text(tesseract::RIL_WORD));
      if (word.text.empty()) continue;
      word.confidence = it->Confidence(tesseract::RIL_WORD);
      int l = 0, t = 0, r = 0, b = 0;
      it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
      word.box = {l, t, r - l, b - t};
      words.push_back(std::move(word));
    } while (it->Next(tesseract::RIL_WORD));
  }
  reader_->Clear();
  page.lines = assemble_lines(std::move(words));
  return page;
}

}  // namespace cardscan::ocr
