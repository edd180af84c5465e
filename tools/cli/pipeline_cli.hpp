#pragma once
// Command-line options shared by every command that runs the pipeline.

#include <CLI/CLI.hpp>

#include "tools/pipeline/pipeline.hpp"

namespace cardscan::tools {

// Adds --region, --lang, --tessdata, --workers, --max-megapixels, --debug-dir.
void add_pipeline_options(CLI::App& command, PipelineOptions& options);

}  // namespace cardscan::tools
