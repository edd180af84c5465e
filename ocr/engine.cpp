#include "ocr/engine.hpp"

#include "ocr/layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
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

// debug_file is one of Tesseract's global parameters, shared by every
// TessBaseAPI in the process: it is set once, by whichever engine comes
// first, so that workers creating their engines at the same time do not
// write the one global string together (ThreadSanitizer reported it).
void send_tesseract_debug_output_nowhere(tesseract::TessBaseAPI& api) {
  static std::once_flag once;
  std::call_once(once, [&api] { api.SetVariable("debug_file", "/dev/null"); });
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
    send_tesseract_debug_output_nowhere(*fresh);
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

// The words of the last recognition, boxes mapped through `to_card` when given.
std::vector<Word> take_words(tesseract::TessBaseAPI& api, const std::function<Box(const Box&)>& to_card) {
  std::vector<Word> words;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return words;
  do {
    Word word;
    word.text = take_text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (word.text.empty()) continue;
    word.confidence = it->Confidence(tesseract::RIL_WORD);
    int l = 0, t = 0, r = 0, b = 0;
    it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
    word.box = {l, t, r - l, b - t};
    if (to_card) word.box = to_card(word.box);
    words.push_back(std::move(word));
  } while (it->Next(tesseract::RIL_WORD));
  return words;
}

// A line image read as a single line of text: bordered with `border`
// white pixels (Tesseract's line finder wants ground around the text), and
// its words' boxes, in the bordered image, passed through `place`. No words
// when Tesseract finds no text.
std::vector<Word> read_one_line(tesseract::TessBaseAPI& api, cv::Mat img, int border,
                                const std::function<Box(const Box&)>& place) {
  cv::copyMakeBorder(img, img, border, border, border, border, cv::BORDER_CONSTANT, cv::Scalar(255));
  set_image(api, img);
  std::vector<Word> words;
  if (api.Recognize(nullptr) == 0) words = take_words(api, place);
  api.Clear();
  return words;
}

// Single-line segmentation for as long as it lives, the engine's own mode after.
class SingleLineMode {
 public:
  SingleLineMode(tesseract::TessBaseAPI& api, int restore) : api_(api), restore_(restore) {
    api_.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  }
  ~SingleLineMode() { api_.SetPageSegMode(static_cast<tesseract::PageSegMode>(restore_)); }
  SingleLineMode(const SingleLineMode&) = delete;
  SingleLineMode& operator=(const SingleLineMode&) = delete;

 private:
  tesseract::TessBaseAPI& api_;
  int restore_;
};

// How a doubtful line is read again. The first pass reads the whole card
// at capture's scale, where small type has capitals of 15-25 pixels and
// Tesseract's binarisation is one threshold for the card; a line cut out
// and scaled to a comfortable height, or thresholded on its own contrast,
// fails on other glyphs than the first pass did.
struct LineReread {
  double text_height;  // capital height the line is scaled to, in pixels
  bool threshold;      // Otsu threshold on the line's own crop
};
constexpr LineReread kLineRereads[] = {{40, false}, {40, true}, {28, false}};
// Margin kept round a line's box, in text heights: room for ascenders,
// descenders and a glyph the first pass left out at either end.
constexpr double kRereadMarginY = 0.35;
constexpr double kRereadMarginX = 0.8;
constexpr double kMinRereadScale = 0.5, kMaxRereadScale = 4.0;

// A turned strip is read at this capital height, with this margin of white
// round it and this much of the card beside it (in strip widths), and kept when its mean word confidence reaches
// kMinTurnedConfidence: Tesseract reads a turned line the wrong way round,
// or a picture's edge, as low-confidence garbage.
constexpr double kTurnedTextHeight = 40;
constexpr double kTurnedPad = 0.3;
constexpr double kTurnedHair = 0.08;  // across the strip
constexpr double kTurnedEnds = 0.6;   // along it, past its first and last glyph
constexpr float kMinTurnedConfidence = 55;
// ... or reaches kMinTurnedFallback and beats the other way round by this much.
constexpr float kMinTurnedFallback = 35;
constexpr float kTurnedMargin = 15;

// The bars and brackets a band's or frame's ends read as, at the ends of a
// turned line ("[Moonstone Imaging]").
void trim_frame_marks(std::vector<Word>& words) {
  auto frame_mark = [](char c) { return std::string_view("[]{}()|").find(c) != std::string_view::npos; };
  if (!words.empty()) {
    std::string& first = words.front().text;
    while (!first.empty() && frame_mark(first.front())) first.erase(first.begin());
    std::string& last = words.back().text;
    while (!last.empty() && frame_mark(last.back())) last.pop_back();
  }
  std::erase_if(words, [](const Word& w) { return w.text.empty(); });
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
  send_tesseract_debug_output_nowhere(*engine.reader_);
  return engine;
}

Engine* Engine::with_model(const std::string& model) {
  if (model.empty()) return this;
  auto found = with_model_.find(model);
  if (found == with_model_.end()) {
    OcrOptions options = options_;
    options.languages = options_.languages + "+" + model;
    auto engine = Engine::create(options);
    // Tesseract starts with the languages it could load and skips the
    // rest: the engine is only the one asked for when `model` is loaded.
    std::vector<std::string> loaded;
    if (engine) engine->reader_->GetLoadedLanguagesAsVector(&loaded);
    const bool has_model = std::find(loaded.begin(), loaded.end(), model) != loaded.end();
    found = with_model_.emplace(model, has_model ? std::make_unique<Engine>(std::move(*engine)) : nullptr).first;
  }
  return found->second.get();
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
  return read_prepared(prepare_for_ocr(card, blank));
}

Page Engine::read_prepared(const cv::Mat& prepared) {
  Page page;
  page.width = prepared.cols;
  page.height = prepared.rows;
  if (prepared.empty()) return page;
  set_image(*reader_, prepared);
  if (reader_->Recognize(nullptr) != 0) {
    reader_->Clear();
    return page;
  }
  std::vector<Word> words = take_words(*reader_, {});
  reader_->Clear();
  page.lines = assemble_lines(std::move(words));
  return page;
}

std::vector<Line> Engine::reread_line(const cv::Mat& prepared, const Line& line) {
  std::vector<Line> out;
  if (prepared.empty() || line.box.width <= 0 || line.box.height <= 0) return out;
  const double h = std::max<double>({line.text_height, 0.6 * line.box.height, 4.0});
  const int pad_y = static_cast<int>(std::lround(kRereadMarginY * h));
  const int pad_x = static_cast<int>(std::lround(kRereadMarginX * h));
  const cv::Rect rect =
      cv::Rect(line.box.x - pad_x, line.box.y - pad_y, line.box.width + 2 * pad_x, line.box.height + 2 * pad_y) &
      cv::Rect(0, 0, prepared.cols, prepared.rows);
  if (rect.width < 4 || rect.height < 4) return out;
  const cv::Mat crop = prepared(rect);
  const SingleLineMode single_line(*reader_, options_.page_seg_mode);
  for (const LineReread& how : kLineRereads) {
    const double scale = std::clamp(how.text_height / h, kMinRereadScale, kMaxRereadScale);
    cv::Mat img;
    cv::resize(crop, img, cv::Size(), scale, scale, scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
    if (how.threshold) cv::threshold(img, img, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    const int border = static_cast<int>(std::lround(0.5 * how.text_height));
    // Back to card coordinates.
    const auto to_card = [&](const Box& b) {
      const int l = rect.x + static_cast<int>(std::lround((b.x - border) / scale));
      const int t = rect.y + static_cast<int>(std::lround((b.y - border) / scale));
      const int r = rect.x + static_cast<int>(std::lround((b.right() - border) / scale));
      const int bt = rect.y + static_cast<int>(std::lround((b.bottom() - border) / scale));
      return Box{l, t, std::max(1, r - l), std::max(1, bt - t)};
    };
    Line reading;
    reading.block = line.block;
    reading.words = read_one_line(*reader_, img, border, to_card);
    if (!reading.words.empty()) {
      summarise_line(reading);
      out.push_back(std::move(reading));
    }
  }
  return out;
}

std::optional<Line> Engine::read_turned_strip(const cv::Mat& prepared, const Box& strip, bool light_on_dark) {
  if (prepared.empty() || strip.width <= 0 || strip.height <= 0) return std::nullopt;
  // Only the strip's own pixels, with a hair of margin, on white ground:
  // what lies beside it (a band's edge, a rule) would read as glyphs.
  const int hair = static_cast<int>(std::lround(kTurnedHair * strip.width));
  // A band's light glyphs are inverted with the band: past the band's end
  // the inverted paper would read as a bar, so only a hair is kept there.
  const int ends = static_cast<int>(std::lround((light_on_dark ? kTurnedHair : kTurnedEnds) * strip.width));
  const cv::Rect own = cv::Rect(strip.x - hair, strip.y - ends, strip.width + 2 * hair, strip.height + 2 * ends) &
                       cv::Rect(0, 0, prepared.cols, prepared.rows);
  if (own.width < 4 || own.height < 4) return std::nullopt;
  const int pad = static_cast<int>(std::lround(kTurnedPad * strip.width));
  cv::Mat ground(own.height + 2 * pad, own.width + 2 * pad, CV_8UC1, cv::Scalar(255));
  cv::Mat strip_pixels = prepared(own).clone();
  if (light_on_dark) cv::bitwise_not(strip_pixels, strip_pixels);
  strip_pixels.copyTo(ground(cv::Rect(pad, pad, own.width, own.height)));
  const double scale = std::clamp(kTurnedTextHeight / strip.width, kMinRereadScale, kMaxRereadScale);
  std::vector<Line> ways;
  {
    const SingleLineMode single_line(*reader_, options_.page_seg_mode);
    for (const auto turn : {cv::ROTATE_90_COUNTERCLOCKWISE, cv::ROTATE_90_CLOCKWISE}) {
      cv::Mat img;
      cv::rotate(ground, img, turn);
      cv::resize(img, img, cv::Size(), scale, scale, scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
      const int border = static_cast<int>(std::lround(0.5 * kTurnedTextHeight));
      // The reading frame: along the strip from its top-left corner, one strip width tall.
      const auto to_frame = [&](const Box& b) {
        const int along = static_cast<int>(std::lround((b.x - border) / scale));
        const int length = std::max(1, static_cast<int>(std::lround(b.width / scale)));
        return Box{strip.x + along, strip.y, length, strip.width};
      };
      Line reading;
      reading.words = read_one_line(*reader_, img, border, to_frame);
      trim_frame_marks(reading.words);
      if (!reading.words.empty()) {
        summarise_line(reading);
        ways.push_back(std::move(reading));
      }
    }
  }
  // The right way round reads surely, or at least far surer than the wrong
  // way (which reads mirrored letter shapes as garbage).
  std::sort(ways.begin(), ways.end(), [](const Line& a, const Line& b) { return a.confidence > b.confidence; });
  if (ways.empty()) return std::nullopt;
  const float other = ways.size() > 1 ? ways[1].confidence : 0;
  const bool sure = ways[0].confidence >= kMinTurnedConfidence ||
                    (ways[0].confidence >= kMinTurnedFallback && ways[0].confidence - other >= kTurnedMargin);
  if (!sure) return std::nullopt;
  return ways[0];
}

}  // namespace cardscan::ocr
