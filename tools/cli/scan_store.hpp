#pragma once
// The store side that `scan` and `watch` share: the options that shape what
// is stored (--event, --followup-time, --skip-weekends), opening the store
// with them, and the record a scanned file becomes.

#include <expected>
#include <string>

#include <CLI/CLI.hpp>

#include "store/store.hpp"
#include "tools/cli/commands.hpp"
#include "tools/pipeline/pipeline.hpp"

namespace cardscan::cli {

struct ScanStoreOptions {
  std::string event;                   // --event: recorded on each contact and its follow-up
  std::string followup_time = "09:00";  // --followup-time HH:MM
  bool skip_weekends = false;          // --skip-weekends
};

// Adds --event, --followup-time (checked while parsing) and --skip-weekends to `command`.
void add_scan_store_options(CLI::App& command, ScanStoreOptions& options);

struct OpenStoreError {
  std::string message;  // for "cardscan: MESSAGE"
  int exit_code;        // kExitUsage for a malformed --followup-time, kExitStore for a database that cannot be opened
};

// Opens the store at --db (or the default path) with the follow-up rules of `options`.
[[nodiscard]] std::expected<store::Store, OpenStoreError> open_scan_store(const GlobalOptions& global,
                                                                          const ScanStoreOptions& options);

// The record `file` is stored as, under `source_path`; moves the card crops out of `file`.
[[nodiscard]] store::ScanRecord to_scan_record(pipeline::FileOutput& file, const std::string& source_path,
                                               const std::string& event);

}  // namespace cardscan::cli
