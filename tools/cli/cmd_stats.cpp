// `cardscan stats`: cards per event and how the follow-ups went.

#include <iomanip>
#include <iostream>
#include <memory>

#include "store/store.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/store_cli.hpp"

namespace cardscan::cli {

void register_stats(CLI::App& app, GlobalOptions& global) {
  auto json = std::make_shared<bool>(false);
  auto* stats = app.add_subcommand(
      "stats",
      "Cards scanned per event, and follow-ups done on time (no later than their due or snooze time),\n"
      "done late, and still open (of which overdue).");
  stats->add_flag("--json", *json, "Print one JSON object");
  stats->callback([&global, json] {
    auto db = open_store_or_report(global, StoreAccess::read);
    if (!db) return;
    store::Stats s = db->stats();
    if (*json) {
      nlohmann::json events = nlohmann::json::array();
      for (const auto& e : s.per_event)
        events.push_back({{"event", e.event.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.event)},
                          {"cards", e.cards},
                          {"contacts", e.contacts}});
      std::cout << nlohmann::json{{"contacts", s.contacts},
                                  {"reviewed", s.reviewed},
                                  {"files", s.files},
                                  {"cards", s.cards},
                                  {"events", events},
                                  {"followups",
                                   {{"done_on_time", s.followups_done_on_time},
                                    {"done_late", s.followups_done_late},
                                    {"open", s.followups_open},
                                    {"overdue", s.followups_overdue}}}}
                       .dump()
                << "\n";
      return;
    }
    std::cout << s.contacts << " contacts from " << s.cards << " cards in " << s.files << " scanned files\n";
    std::cout << "Reviewed: " << s.reviewed << " of " << s.contacts << " contacts (" << (s.contacts - s.reviewed)
              << " to check with `cardscan serve`)\n";
    if (!s.per_event.empty()) {
      std::cout << "Cards per event:\n";
      for (const auto& e : s.per_event)
        std::cout << "  " << std::left << std::setw(32) << (e.event.empty() ? "(no event)" : e.event) << std::right
                  << std::setw(6) << e.cards << " cards" << std::setw(6) << e.contacts << " contacts\n";
    }
    std::cout << "Follow-ups: " << s.followups_done_on_time << " done on time, " << s.followups_done_late
              << " done late, " << s.followups_open << " still open (" << s.followups_overdue << " overdue)\n";
  });
}

}  // namespace cardscan::cli
