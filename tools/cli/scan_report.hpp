#pragma once
// Pieces `scan` and `watch` share: how a stored card is described on one
// line, and the follow-up time option.

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "parse/contact.hpp"
#include "store/store.hpp"
#include "tools/cli/progress.hpp"
#include "tools/pipeline/pipeline.hpp"

namespace cardscan::cli {

// `text` (a file name, or a message naming one) fit for one line of a
// terminal: control characters are shown escaped (\n, \t, \r, \x1b, and
// C1 controls as \u0085), so a file is always one line and no escape
// sequence reaches the terminal. Everything else, UTF-8 included, is kept.
[[nodiscard]] std::string printable(std::string_view text);
[[nodiscard]] inline std::string printable_path(const std::filesystem::path& path) { return printable(path.string()); }

// One card on one line: "Jane Doe — VP Sales, Acme <jane@acme.example> +14155550123".
[[nodiscard]] std::string describe_contact(const parse::Contact& contact);

// One line per card of a scanned file, with what the store did with it
// ("new contact #3, follow-up #3 due 2026-11-22 09:00", from `stored`
// alone: the store is not asked again), then the file's notes
// (print_notes). `stored` is empty when nothing was stored.
void print_card_lines(std::ostream& out, const pipeline::FileOutput& file,
                      const std::vector<store::CardResult>& stored);

// One line per note on how the file was read ("PATH: note: animated WebP:
// only the first of 3 frames was read"), each after `prefix` ("cardscan: " on stderr).
void print_notes(std::ostream& out, const pipeline::FileOutput& file, std::string_view prefix = {});

// Adds a stored file's cards, new and merged contacts to the summary.
void count_stored(Summary& summary, const pipeline::FileOutput& file, const std::vector<store::CardResult>& stored);

struct ClockTime {
  int hour = 0, minute = 0;  // 24-hour clock
};

// "9:00" or "09:30" -> hour and minute (24-hour clock); none if malformed.
[[nodiscard]] std::optional<ClockTime> parse_clock(const std::string& text);

}  // namespace cardscan::cli
