// cardscan scan: photos and scans in, contacts with follow-ups stored.

#include <unistd.h>
#include <iostream>

#include "store/store.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/contact_json.hpp"
#include "tools/cli/pipeline_cli.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/scan_report.hpp"
#include "tools/pipeline/pipeline.hpp"

namespace cardscan::tools {
namespace {

struct ScanOptions {
  std::vector<std::string> inputs;
  bool json = false;
  bool with_ocr_text = false;
  bool no_store = false;
  std::string event;
  std::string followup_time = "09:00";
  bool skip_weekends = false;
  PipelineOptions pipeline;
};

int run_scan(ScanOptions& opt, GlobalOptions& global) {
  std::vector<std::string> input_errors;
  const auto files = collect_inputs(opt.inputs, input_errors);
  int failures = 0;
  for (const auto& e : input_errors) {
    std::cerr << "cardscan: " << e << "\n";
    ++failures;
  }
  if (files.empty()) {
    std::cerr << "cardscan: no image files found in the given paths\n";
    return kExitFailed;
  }

  std::optional<store::Store> db;
  if (!opt.no_store) {
    const std::string path = resolve_db_path(global);
    store::StoreOptions store_options;
    store_options.skip_weekends = opt.skip_weekends;
    if (!parse_clock(opt.followup_time, store_options.followup_hour, store_options.followup_minute)) {
      std::cerr << "cardscan: --followup-time takes HH:MM (24-hour), e.g. 09:00\n";
      return kExitUsage;
    }
    auto opened = store::Store::open(path, store_options);
    if (!opened) {
      std::cerr << "cardscan: cannot open database " << path << ": " << opened.error() << "\n";
      return kExitStore;
    }
    db.emplace(std::move(*opened));
  }
  opt.pipeline.keep_crops = db.has_value();

  Progress progress(files.size(), !opt.json || isatty(STDOUT_FILENO) == 0);
  Summary summary;
  const Pipeline pipeline(opt.pipeline);
  auto skip = [&](const std::string& sha) { return db && db->has_scan(sha); };
  const std::string engine_error = pipeline.run(files, skip, [&](FileOutput&& file) {
    progress.clear();
    if (!file.error.empty()) {
      ++failures;
      summary.failures.push_back(file.path.string() + ": " + file.error);
      std::cerr << "cardscan: " << file.path.string() << ": " << file.error << "\n";
    }
    if (file.skipped) {
      ++summary.skipped;
      if (!opt.json) std::cout << file.path.string() << ": already scanned, nothing new\n";
      progress.advance(0);
      return;
    }
    std::vector<store::CardResult> stored;
    if (db && file.error.empty()) {
      store::ScanRecord record;
      record.source_path = std::filesystem::absolute(file.path).string();
      record.sha256 = file.sha256;
      record.event = opt.event;
      for (auto& card : file.cards) {
        record.cards.push_back({card.contact, card.ocr_text, std::move(card.crop_jpeg)});
      }
      auto result = db->add_scan(record);
      if (!result) {
        ++failures;
        summary.failures.push_back(file.path.string() + ": not stored: " + result.error());
        std::cerr << "cardscan: " << file.path.string() << ": not stored: " << result.error() << "\n";
      } else {
        stored = *result;
      }
    }
    if (opt.json) {
      std::cout << file_to_json(file, opt.with_ocr_text).dump() << "\n";
    } else if (file.error.empty()) {  // a failed file has had its one line on stderr
      print_card_lines(std::cout, file, stored, db ? &*db : nullptr);
    }
    std::cout.flush();
    count_stored(summary, file, stored);
    progress.advance(file.cards.size());
  });
  progress.clear();
  if (!engine_error.empty()) {
    std::cerr << "cardscan: " << engine_error << "\n";
    return kExitFailed;
  }
  summary.files = files.size();
  summary.stored = db.has_value();
  if (!opt.json) summary.print(std::cerr, progress.elapsed_seconds());
  return failures > 0 ? kExitFailed : kExitOk;
}

}  // namespace

void register_scan(CLI::App& app, GlobalOptions& global) {
  auto opt = std::make_shared<ScanOptions>();
  CLI::App* cmd = app.add_subcommand(
      "scan",
      "Scan card photos or scans (files or folders): each card becomes a contact with a follow-up due the next day.\n"
      "Files already scanned (same content) are skipped; the same person seen again is merged.");
  cmd->add_option("paths", opt->inputs, "Image files (JPEG, PNG, TIFF, WebP, BMP, HEIC) or folders")->required();
  cmd->add_flag("--json", opt->json, "Print one JSON object per image (JSON Lines) instead of text");
  cmd->add_flag("--ocr-text", opt->with_ocr_text, "With --json: include the OCR text of each card");
  cmd->add_flag("--no-store", opt->no_store, "Only print what was read; leave the database alone");
  cmd->add_option("--event", opt->event, "Record the event the cards come from (e.g. \"WebSummit 2026\")");
  cmd->add_option("--followup-time", opt->followup_time,
                  "Local time of day new follow-ups are due, the next calendar day (HH:MM)")
      ->capture_default_str()
      ->check(followup_time_check());
  cmd->add_flag("--skip-weekends", opt->skip_weekends,
                "Follow-ups that would fall on a Saturday or Sunday are due Monday");
  add_pipeline_options(*cmd, opt->pipeline);
  cmd->callback([opt, &global]() { global.exit_code = run_scan(*opt, global); });
}

}  // namespace cardscan::tools
