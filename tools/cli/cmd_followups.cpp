// `cardscan followups`: what to follow up on, marking done, snoozing.

#include <iostream>
#include <memory>

#include "store/icalendar.hpp"
#include "store/local_time.hpp"
#include "store/store.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/store_cli.hpp"

namespace cardscan::cli {

namespace {

struct FollowupsArgs {
  std::string due = "all";
  bool include_done = false;
  bool json = false;
  std::string id;
  std::string until;
};

void run_list(GlobalOptions& global, const FollowupsArgs& args) {
  store::FollowupQuery query;
  query.include_done = args.include_done;
  query.due = args.due == "today"     ? store::DueFilter::today
              : args.due == "overdue" ? store::DueFilter::overdue
                                      : store::DueFilter::all;
  auto db = open_store_or_report(global, StoreAccess::read);
  if (!db) return;
  auto now = std::chrono::system_clock::now();
  auto list = db->followups(query, now);
  if (args.json) {
    for (const auto& f : list) std::cout << followup_to_json(f).dump() << "\n";
    return;
  }
  if (list.empty()) {
    const char* what = query.due == store::DueFilter::today     ? "No open follow-ups due today."
                       : query.due == store::DueFilter::overdue ? "No overdue follow-ups."
                                                                : "No open follow-ups.";
    std::cout << what << "\n";
    return;
  }
  std::int64_t now_epoch = store::to_epoch(now);
  for (const auto& f : list) {
    std::string due = f.snoozed_until.empty() ? f.due : f.snoozed_until;
    std::cout << "#" << f.id << "  due " << due << "  " << store::followup_summary(f) << "  [contact #" << f.contact_id
              << "]";
    if (!f.event.empty()) std::cout << "  event: " << f.event;
    if (f.status == "done")
      std::cout << "  (done " << f.done_at << ")";
    else if (f.effective_due_epoch() < now_epoch)
      std::cout << "  (overdue)";
    if (!f.snoozed_until.empty()) std::cout << "  (snoozed; first due " << f.due << ")";
    if (!f.note.empty()) std::cout << "  note: " << f.note;
    std::cout << "\n";
  }
}

void run_done(GlobalOptions& global, const FollowupsArgs& args) {
  auto id = parse_id(args.id, "follow-up");
  if (!id) return report_error(global, id.error());
  auto db = open_store_or_report(global);
  if (!db) return;
  if (auto done = db->complete_followup(*id); !done) return report_error(global, done.error());
  std::cout << "Follow-up #" << *id << " done.\n";
}

void run_snooze(GlobalOptions& global, const FollowupsArgs& args) {
  auto id = parse_id(args.id, "follow-up");
  if (!id) return report_error(global, id.error());
  auto db = open_store_or_report(global);
  if (!db) return;
  const auto& options = db->options();
  auto until = store::parse_local_datetime(args.until, options.followup_hour, options.followup_minute);
  if (!until) return report_error(global, "--until: " + until.error());
  if (auto done = db->snooze_followup(*id, *until); !done) return report_error(global, done.error());
  std::cout << "Follow-up #" << *id << " snoozed until " << store::format_local_minutes(*until) << ".\n";
}

}  // namespace

void register_followups(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<FollowupsArgs>();
  auto* followups = app.add_subcommand(
      "followups",
      "Follow-up tasks: every new contact gets one, due the next day at 09:00 local time.\n"
      "Without a subcommand: list open follow-ups, earliest due first (a snoozed one by its snooze date).\n"
      "Exit status: 0 done, 1 refused (unknown ID, bad date, already done; nothing was changed),\n"
      "2 usage error, 3 database cannot be opened.");
  followups->require_subcommand(0, 1);
  followups
      ->add_option("--due", args->due,
                   "today: open follow-ups due today; overdue: open and past due; all: every open one (default)")
      ->check(CLI::IsMember({"today", "overdue", "all"}));
  followups->add_flag("--include-done", args->include_done, "Also list follow-ups already done");
  followups->add_flag("--json", args->json, "Print JSON Lines, one follow-up per line");

  auto* done = followups->add_subcommand("done", "Mark a follow-up done (now)");
  done->add_option("ID", args->id, "Follow-up ID (see `cardscan followups`)")->required();
  done->callback([&global, args] { run_done(global, *args); });

  auto* snooze = followups->add_subcommand("snooze", "Move an open follow-up to a later date");
  snooze->add_option("ID", args->id, "Follow-up ID")->required();
  snooze
      ->add_option(
          "--until", args->until,
          "YYYY-MM-DD (at the follow-up time, 09:00) or \"YYYY-MM-DD HH:MM\", local time; must be in the future")
      ->required();
  snooze->callback([&global, args] { run_snooze(global, *args); });

  followups->callback([&global, args, followups] {
    if (followups->get_subcommands().empty()) run_list(global, *args);
  });
}

}  // namespace cardscan::cli
