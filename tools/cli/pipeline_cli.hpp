#pragma once
// Command-line options shared by every command that runs the pipeline.

#include <CLI/CLI.hpp>

#include "tools/pipeline/pipeline.hpp"

namespace cardscan::cli {

// Accepts a region libphonenumber supports ("US", "DE"; upper case).
[[nodiscard]] CLI::Validator region_check();
// Accepts a 24-hour time of day, "9:00" or "17:30".
[[nodiscard]] CLI::Validator followup_time_check();

// Adds --region, --lang, --tessdata, --workers, --max-megapixels, --debug-dir.
void add_pipeline_options(CLI::App& command, pipeline::PipelineOptions& options);

}  // namespace cardscan::cli
