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

namespace cardscan::cli {

inline constexpr int kExitRefused = kExitFailed;  // unknown ID, bad value: nothing was changed

enum class StoreAccess { read, write };

// Opens the store at --db (or the default path). For `read` the file is
// opened read-only (a read-only file or folder is fine) and nothing is
// created; a file not made yet reads as an empty store, a folder that does
// not exist is an error. On failure prints "cardscan: MESSAGE"
// to stderr, sets exit_code kExitStore and returns nullopt.
[[nodiscard]] std::optional<store::Store> open_store_or_report(GlobalOptions& global,
                                                               StoreAccess access = StoreAccess::write);

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

}  // namespace cardscan::cli
