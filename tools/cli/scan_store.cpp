#include "tools/cli/scan_store.hpp"

#include "tools/cli/pipeline_cli.hpp"
#include "tools/cli/scan_report.hpp"

namespace cardscan::cli {

void add_scan_store_options(CLI::App& command, ScanStoreOptions& options) {
  command.add_option("--event", options.event, "Record the event the cards come from (e.g. \"WebSummit 2026\")");
  command
      .add_option("--followup-time", options.followup_time,
                  "Local time of day new follow-ups are due, the next calendar day (HH:MM)")
      ->capture_default_str()
      ->check(followup_time_check());
  command.add_flag("--skip-weekends", options.skip_weekends,
                   "Follow-ups that would fall on a Saturday or Sunday are due Monday");
}

std::expected<store::Store, OpenStoreError> open_scan_store(const GlobalOptions& global,
                                                            const ScanStoreOptions& options) {
  store::StoreOptions store_options;
  store_options.skip_weekends = options.skip_weekends;
  const auto followup = parse_clock(options.followup_time);
  if (!followup)
    return std::unexpected(OpenStoreError{"--followup-time takes HH:MM (24-hour), e.g. 09:00", kExitUsage});
  store_options.followup_hour = followup->hour;
  store_options.followup_minute = followup->minute;
  const std::string path = resolve_db_path(global);
  auto db = store::Store::open(path, store_options);
  if (!db) return std::unexpected(OpenStoreError{"cannot open database " + path + ": " + db.error(), kExitStore});
  return std::move(*db);
}

store::ScanRecord to_scan_record(pipeline::FileOutput& file, const std::string& source_path, const std::string& event) {
  store::ScanRecord record;
  record.source_path = source_path;
  record.sha256 = file.sha256;
  record.event = event;
  for (auto& card : file.cards) record.cards.push_back({card.contact, card.ocr_text, std::move(card.crop_jpeg)});
  return record;
}

}  // namespace cardscan::cli
