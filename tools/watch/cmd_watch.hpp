#pragma once
// `cardscan watch`: a drop folder whose card photos become contacts as they arrive.

#include <CLI/CLI.hpp>

#include "tools/cli/commands.hpp"

namespace cardscan::watch {

void register_watch(CLI::App& app, cli::GlobalOptions& global);

}  // namespace cardscan::watch
