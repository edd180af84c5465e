#pragma once
// `cardscan sync`: the store's contacts and follow-ups to a CardDAV/CalDAV server, and back.

#include <CLI/CLI.hpp>

#include "tools/cli/commands.hpp"

namespace cardscan::sync {

void register_sync(CLI::App& app, cli::GlobalOptions& global);

}  // namespace cardscan::sync
