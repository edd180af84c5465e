// cardscan scan: photos and scans in, contacts with follow-ups stored.

#include <unistd.h>
#include <iostream>
#include <mutex>

#include "store/store.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/contact_json.hpp"
#include "tools/cli/pipeline_cli.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/scan_report.hpp"
#include "tools/cli/scan_store.hpp"
#include "tools/pipeline/worker_pool.hpp"

namespace cardscan::cli {
namespace {

struct ScanOptions {
  std::vector<std::string> inputs;
  bool json = false;
  bool with_ocr_text = false;
  bool no_store = false;
  ScanStoreOptions store;
  pipeline::PipelineOptions pipeline;
};

int run_scan(ScanOptions& opt, GlobalOptions& global) {
  const pipeline::CollectedInputs inputs = pipeline::collect_inputs(opt.inputs);
  const auto& files = inputs.files;
  int failures = 0;
  for (const auto& e : inputs.errors) {
    std::cerr << "cardscan: " << printable(e) << "\n";
    ++failures;
  }
  if (files.empty()) {
    std::cerr << "cardscan: no image files found in the given paths\n";
    return kExitFailed;
  }

  std::optional<store::Store> db;
  if (!opt.no_store) {
    auto opened = open_scan_store(global, opt.store);
    if (!opened) {
      std::cerr << "cardscan: " << printable(opened.error().message) << "\n";
      return opened.error().exit_code;
    }
    db.emplace(std::move(*opened));
  }
  opt.pipeline.keep_crops = db.has_value();

  Progress progress(files.size(), !opt.json || isatty(STDOUT_FILENO) == 0);
  Summary summary;
  // The workers' skip checks and this thread's writes share one connection:
  // every use of `db` holds db_mutex (see store.hpp), never the pool's lock.
  std::mutex db_mutex;
  auto skip = [&](const std::string& sha) {
    if (!db) return false;
    std::lock_guard lock(db_mutex);
    return db->has_scan(sha);
  };
  const auto ran = pipeline::run_in_order(opt.pipeline, files, skip, [&](pipeline::FileOutput&& file) {
    progress.clear();
    if (file.error) {
      ++failures;
      summary.failures.push_back(printable_path(file.path) + ": " + printable(*file.error));
      std::cerr << "cardscan: " << printable_path(file.path) << ": " << printable(*file.error) << "\n";
      if (!opt.json) print_notes(std::cerr, file, "cardscan: ");
    }
    if (file.skipped) {
      ++summary.skipped;
      if (!opt.json) std::cout << printable_path(file.path) << ": already scanned, nothing new\n";
      progress.advance(0);
      return;
    }
    std::vector<store::CardResult> stored;
    if (db && !file.error) {
      auto record = to_scan_record(file, std::filesystem::absolute(file.path).string(), opt.store.event);
      std::unique_lock db_lock(db_mutex);
      auto result = db->add_scan(record);
      db_lock.unlock();
      if (!result) {
        ++failures;
        summary.failures.push_back(printable_path(file.path) + ": not stored: " + printable(result.error()));
        std::cerr << "cardscan: " << printable_path(file.path) << ": not stored: " << printable(result.error()) << "\n";
      } else {
        stored = *result;
      }
    }
    if (opt.json) {
      std::cout << file_to_json(file, opt.with_ocr_text).dump() << "\n";
    } else if (!file.error) {  // a failed file has had its one line on stderr
      print_card_lines(std::cout, file, stored);
    }
    std::cout.flush();
    count_stored(summary, file, stored);
    progress.advance(file.cards.size());
  });
  progress.clear();
  if (!ran) {
    std::cerr << "cardscan: " << printable(ran.error()) << "\n";
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
  add_scan_store_options(*cmd, opt->store);
  add_pipeline_options(*cmd, opt->pipeline);
  cmd->callback([opt, &global]() { global.exit_code = run_scan(*opt, global); });
}

}  // namespace cardscan::cli
