#pragma once
// `cardscan serve`: the review page on http://127.0.0.1:PORT/.

#include <CLI/CLI.hpp>

#include "tools/cli/commands.hpp"

namespace cardscan::serve {

void register_serve(CLI::App& app, cli::GlobalOptions& global);

}  // namespace cardscan::serve
