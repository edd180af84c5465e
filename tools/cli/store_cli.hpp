#pragma once
// Helpers the store-facing subcommands (contacts, followups, stats, export)
// share: opening the database with a clear error, reading IDs and dates from
// the command line, and the JSON shape of stored contacts.

#include <cstdint>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "tools/cli/commands.hpp"

namespace cardscan::tools {

// Exit statuses of the store commands (GlobalOptions::exit_code).
inline constexpr int kExitRefused = 1;  // unknown ID, bad value: nothing was changed
inline constexpr int kExitSetup = 2;    // the database cannot be opened

// Opens the store at --db (or the default path); on failure prints
// "cardscan: MESSAGE" to stderr, sets exit_code 2 and returns nullopt.
[[nodiscard]] std::optional<store::Store> open_store_or_report(GlobalOptions& global);

// Prints "cardscan: MESSAGE" to stderr and sets the exit code.
void report_error(GlobalOptions& global, const std::string& message, int exit_code = kExitRefused);

// A positive decimal ID ("12"); error names what was expected.
[[nodiscard]] std::expected<std::int64_t, std::string> parse_id(const std::string& text, const std::string& what);

// "3,5,10-12" -> {3, 5, 10, 11, 12}; error on anything else.
[[nodiscard]] std::expected<std::vector<std::int64_t>, std::string> parse_id_list(const std::string& text);

// A phone typed on the command line: "[work:|mobile:|fax:|other:]+NUMBER",
// spaces, dots, dashes and parentheses allowed in NUMBER.
[[nodiscard]] std::expected<parse::Phone, std::string> parse_phone_argument(const std::string& text);

// A stored contact in DESIGN.md's contract shape plus id, uid, event(s),
// note, alternates and follow-ups.
[[nodiscard]] nlohmann::json stored_contact_to_json(const store::StoredContact& contact);
[[nodiscard]] nlohmann::json followup_to_json(const store::FollowUp& followup);

}  // namespace cardscan::tools
