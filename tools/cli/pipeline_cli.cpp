#include "tools/cli/pipeline_cli.hpp"

namespace cardscan::tools {

void add_pipeline_options(CLI::App& command, PipelineOptions& options) {
  command
      .add_option("--region", options.parse.region,
                  "Region (ISO code) for phone numbers printed without a country code")
      ->default_val("US")
      ->check([](const std::string& v) {
        return v.size() == 2 && std::isupper(static_cast<unsigned char>(v[0])) &&
                       std::isupper(static_cast<unsigned char>(v[1]))
                   ? std::string()
                   : std::string("--region takes a two-letter upper-case code such as US, GB or DE");
      });
  command
      .add_option("--lang", options.ocr.languages,
                  "Tesseract model: Latin (all Latin-script languages, accents included) or languages joined with + "
                  "(e.g. eng+deu)")
      ->default_val("Latin");
  command.add_option("--tessdata", options.ocr.tessdata_dir, "Folder holding the *.traineddata files");
  command.add_option("-j,--workers", options.workers, "Worker threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  command.add_option("--max-megapixels", options.load.max_megapixels, "Refuse images larger than this many megapixels")
      ->default_val(100.0)
      ->check(CLI::PositiveNumber);
  command.add_option("--psm", options.ocr.page_seg_mode, "Tesseract page segmentation mode (advanced)")
      ->check(CLI::Range(0, 13));
  command
      .add_option("--card-px", options.capture.card_long_side,
                  "Long side, in pixels, that each card is rectified to before OCR (advanced)")
      ->check(CLI::Range(400, 4000));
  command.add_option(
      "--debug-dir", options.debug_dir,
      "Write each card crop, the image Tesseract was given and an overlay of what was detected into this folder");
}

}  // namespace cardscan::tools
