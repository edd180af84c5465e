#pragma once
// The benchmark commands: `cardscan bench` (accuracy and speed over a labelled
// set), `bench-capture` (capture alone) and `bench-store` (store timings).

#include <CLI/CLI.hpp>

#include "tools/cli/commands.hpp"

namespace cardscan::bench {

void register_bench(CLI::App& app, cli::GlobalOptions& global);
void register_bench_capture(CLI::App& app, cli::GlobalOptions& global);  // capture-only speed and card finding
void register_bench_store(CLI::App& app, cli::GlobalOptions& global);    // store insert/merge timings

}  // namespace cardscan::bench
