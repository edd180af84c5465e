#include "tools/cli/pipeline_cli.hpp"

#include <cctype>
#include <set>

#include <phonenumbers/phonenumberutil.h>

#include "tools/cli/scan_report.hpp"

namespace cardscan::cli {

CLI::Validator region_check() {
  return CLI::Validator(
      [](const std::string& v) {
        std::set<std::string> regions;
        i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
        if (regions.contains(v)) return std::string();
        return "'" + v + "' is not a region libphonenumber knows; give a two-letter ISO 3166 code such as US, GB or DE";
      },
      "REGION");
}

CLI::Validator followup_time_check() {
  return CLI::Validator(
      [](const std::string& v) {
        if (parse_clock(v)) return std::string();
        return "'" + v + "' is not a time of day: give HH:MM on the 24-hour clock, e.g. 09:00 or 17:30";
      },
      "HH:MM");
}

void add_pipeline_options(CLI::App& command, pipeline::PipelineOptions& options) {
  command
      .add_option("--region", options.parse.region,
                  "Region (ISO 3166 code, e.g. US, GB, DE) for phone numbers printed without a country code")
      ->default_val("US")
      ->transform(
          [](std::string v) {
            for (auto& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return v;
          },
          "", "")
      ->check(region_check());
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

}  // namespace cardscan::cli
