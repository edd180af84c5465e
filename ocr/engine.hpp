#pragma once
// One Tesseract engine (per worker thread): reads a rectified card image into
// a plain Page and decides which way up a card is.

#include <expected>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/page.hpp"
#include "ocr/prepare.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace cardscan::ocr {

struct OcrOptions {
  // Tesseract model(s): "Latin" reads every Latin-script language (by default
  // cardscan's build of it, see tools/make-tessdata.sh); or e.g. "eng+deu".
  std::string languages = "Latin";
  std::string tessdata_dir;        // empty: cardscan's model folder if it has the languages, else Tesseract's default
  int page_seg_mode = 11;          // PSM_SPARSE_TEXT: cards are scattered short lines
  bool detect_orientation = true;  // allow Tesseract OSD for cards whose layout does not tell which way is up
};

struct Orientation {
  int degrees = 0;       // clockwise turn that makes the card upright (0/90/180/270)
  float confidence = 0;  // Tesseract OSD confidence; < 1 means a guess
};

class Engine {
 public:
  // Loads the language data. Fails with a message naming the missing data.
  [[nodiscard]] static std::expected<Engine, std::string> create(const OcrOptions& options = {});
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  // Reads a card image (BGR or gray), prepared by prepare_for_ocr: light text
  // on dark plates inverted in place, regions in `blank` (printed codes) left out.
  [[nodiscard]] Page read(const cv::Mat& card, const std::vector<Quad>& blank = {});

  // Reads a card already prepared by prepare_for_ocr (read() is that
  // preparation followed by this).
  [[nodiscard]] Page read_prepared(const cv::Mat& prepared);

  // Other readings of one line of a prepared card: the line's box, with a
  // margin, cut out and read as a single line of text under each of a few
  // other preparations (scaled to other text heights, thresholded on the
  // line's own contrast). Each reading is a Line in card coordinates with
  // its own words, boxes and confidences; preparations Tesseract finds no
  // text in give none. Costs a few tens of milliseconds per reading: meant
  // for the few doubtful lines.
  [[nodiscard]] std::vector<Line> reread_line(const cv::Mat& prepared, const Line& line);

  // One strip of a prepared card that holds a line of text turned by 90
  // degrees (find_turned_text), read as a single line both ways round; the
  // way Tesseract is surer of wins. The line is given in its own reading
  // frame: its words laid out left to right from the strip's top-left
  // corner, as tall as the strip is wide, so that parse sees its type size
  // and not its length. Nothing when neither way reads as text.
  // A light-on-dark strip is inverted first.
  [[nodiscard]] std::optional<Line> read_turned_strip(const cv::Mat& prepared, const Box& strip, bool light_on_dark);

  // Which clockwise turn makes the card upright, from Tesseract's
  // orientation and script detection on the text itself.
  [[nodiscard]] Orientation detect_orientation(const cv::Mat& card);

  // An engine like this one that also reads with `model` ("vie" gives
  // "Latin+vie"): Tesseract takes a word from the national model where it
  // reads it better than the general one, which is its script's marks
  // (Vietnamese stacks two on one letter, the Latin model guesses). The
  // general model stays first: with the national one first, plain type
  // reads worse ("amelia@nor†thwind.com").
  // Loaded on first use and kept; nullptr when the model is not installed
  // (the caller keeps the general reading). Owned by this engine.
  [[nodiscard]] Engine* with_model(const std::string& model);

  [[nodiscard]] const OcrOptions& options() const { return options_; }

 private:
  Engine() = default;
  OcrOptions options_;
  std::unique_ptr<tesseract::TessBaseAPI> reader_;
  // with_model's engines by model; a null entry: that model failed to load.
  std::map<std::string, std::unique_ptr<Engine>> with_model_;
};

}  // namespace cardscan::ocr
