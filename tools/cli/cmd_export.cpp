// `cardscan export`: contacts to vCard / CSV, follow-ups to iCalendar.

#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "store/csv_export.hpp"
#include "store/export_files.hpp"
#include "store/icalendar.hpp"
#include "store/local_time.hpp"
#include "store/store.hpp"
#include "store/vcard.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/store_cli.hpp"

namespace cardscan::cli {

namespace {

struct ExportArgs {
  std::string vcard, split, csv, ics;
  int vcard_version = 3;
  bool with_photo = false;
  std::string format = "google-csv";
  CLI::Option* format_option = nullptr;
  std::string event, since, ids;
};

// Writes to FILE, or to standard output for "-".
std::expected<void, std::string> write_output(const std::string& target, const std::string& content) {
  if (target == "-") {
    std::cout << content << std::flush;
    if (!std::cout) return std::unexpected(std::string("cannot write to standard output"));
    return {};
  }
  return store::write_file_atomically(target, content);
}

void run_export(GlobalOptions& global, const ExportArgs& args) {
  if (args.vcard.empty() && args.split.empty() && args.csv.empty() && args.ics.empty())
    return report_error(global, "export: say what to write: --vcard FILE, --split DIR, --csv FILE and/or --ics FILE",
                        kExitUsage);
  if (args.format_option->count() > 0 && args.csv.empty())
    return report_error(global, "export: --format applies to --csv FILE", kExitUsage);
  int outputs_to_stdout = (args.vcard == "-") + (args.csv == "-") + (args.ics == "-");
  if (outputs_to_stdout > 1)
    return report_error(global, "export: only one output can be '-' (standard output)", kExitUsage);
  std::ostream& info = outputs_to_stdout ? std::cerr : std::cout;

  store::ContactFilter filter;
  filter.event = args.event;
  filter.with_photo = args.with_photo;
  if (!args.since.empty()) {
    auto since = store::parse_local_datetime(args.since);
    if (!since) return report_error(global, "--since: " + since.error());
    filter.since_epoch = *since;
  }
  if (!args.ids.empty()) {
    auto ids = parse_id_list(args.ids);
    if (!ids) return report_error(global, ids.error());
    filter.ids = *ids;
  }

  auto db = open_store_or_report(global, StoreAccess::read);
  if (!db) return;
  for (auto id : filter.ids)
    if (auto found = db->contact(id); !found)
      return report_error(global, "--ids: " + found.error() + "; nothing written");

  auto contacts = db->contacts(filter);
  if (contacts.empty()) {
    bool store_empty = db->stats().contacts == 0;
    info << "cardscan: nothing to export: "
         << (store_empty ? "the store has no contacts (" + resolve_db_path(global) + ")"
                         : std::string("no contact matches the filters"))
         << "; no file written.\n";
    return;
  }

  store::VCardOptions vcard_options{args.vcard_version, args.with_photo};
  std::string version_name = args.vcard_version == 4 ? "vCard 4.0" : "vCard 3.0";
  std::string plural = contacts.size() == 1 ? " contact" : " contacts";
  if (!args.vcard.empty()) {
    if (auto ok = write_output(args.vcard, store::to_vcards(contacts, vcard_options)); !ok)
      return report_error(global, ok.error());
    info << "Wrote " << contacts.size() << plural << " to " << args.vcard << " (" << version_name << ").\n";
  }
  if (!args.split.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(args.split, ec);
    if (ec) return report_error(global, "--split: cannot create " + args.split + ": " + ec.message());
    for (const auto& c : contacts) {
      std::string name = store::split_file_name(c.uid);
      if (auto ok =
              store::write_file_atomically(std::filesystem::path(args.split) / name, store::to_vcard(c, vcard_options));
          !ok)
        return report_error(global, ok.error());
    }
    // Files of contacts deleted or merged since, or left by an older name:
    // two files with one UID are duplicates in every contacts app.
    std::set<std::string> uids;
    for (const auto& c : db->contacts()) uids.insert(c.uid);
    auto removed = store::remove_stale_split_files(args.split, uids);
    if (!removed) return report_error(global, "--split: " + removed.error());
    info << "Wrote " << contacts.size() << plural << " to " << args.split << "/, one " << version_name
         << " file each, named by UID";
    if (*removed)
      info << "; removed " << *removed << " file" << (*removed == 1 ? "" : "s") << " of contacts no longer stored";
    info << ".\n";
  }
  if (!args.csv.empty()) {
    auto format = args.format == "outlook-csv" ? store::CsvFormat::outlook : store::CsvFormat::google;
    if (auto ok = write_output(args.csv, store::to_csv(contacts, format)); !ok) return report_error(global, ok.error());
    info << "Wrote " << contacts.size() << plural << " to " << args.csv << " (" << args.format << ").\n";
  }
  if (!args.ics.empty()) {
    std::size_t count = 0;
    for (const auto& c : contacts) count += c.followups.size();
    if (count == 0) {
      info << "cardscan: no follow-ups for the exported contacts; " << args.ics << " not written.\n";
    } else {
      store::ICalendarOptions ics_options{store::to_epoch(std::chrono::system_clock::now())};
      if (auto ok = write_output(args.ics, store::to_icalendar(contacts, ics_options)); !ok)
        return report_error(global, ok.error());
      info << "Wrote " << count << " follow-up" << (count == 1 ? "" : "s") << " to " << args.ics
           << " (iCalendar VTODO).\n";
    }
  }
}

}  // namespace

void register_export(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand(
      "export",
      "Export contacts as vCard or CSV and follow-ups as iCalendar tasks (VTODO).\n"
      "vCard 3.0 is the default because many apps reject 4.0; Outlook reads one vCard per file: use --split.\n"
      "Files are UTF-8 (no BOM, except Outlook CSV which needs one), CRLF line ends; a file is replaced\n"
      "whole or not at all. FILE may be '-' for standard output.\n"
      "When the store is empty or no contact matches the filters, nothing is written (existing files are\n"
      "left alone), a message says so and the exit status is 0. Unknown --ids or bad dates: exit 1,\n"
      "nothing written.");
  cmd->add_option("--vcard", args->vcard, "Write all contacts to one .vcf FILE");
  cmd->add_option("--vcard-version", args->vcard_version, "3 (RFC 2426, default) or 4 (RFC 6350)")
      ->check(CLI::IsMember({3, 4}));
  cmd->add_flag("--with-photo", args->with_photo, "Include the scanned card image as PHOTO (base64 JPEG)");
  cmd->add_option("--split", args->split,
                  "Write one .vcf per contact into DIR (created if missing), named UID.vcf: a vdir, as\n"
                  "vdirsyncer's filesystem storage reads it. Files cardscan wrote there for contacts since deleted\n"
                  "or merged are removed; other files are left alone");
  cmd->add_option("--csv", args->csv, "Write contacts as CSV to FILE (see --format)");
  args->format_option = cmd->add_option("--format", args->format,
                                        "CSV columns: google-csv (Google Contacts import, default) or outlook-csv")
                            ->check(CLI::IsMember({"google-csv", "outlook-csv"}));
  cmd->add_option("--ics", args->ics,
                  "Write the follow-ups of the exported contacts to FILE as iCalendar VTODOs (open: NEEDS-ACTION,\n"
                  "done: COMPLETED); not written when there are none");
  cmd->add_option("--event", args->event, "Only contacts met or scanned at this event");
  cmd->add_option("--since", args->since, "Only contacts added or changed on or after DATE (YYYY-MM-DD, local time)");
  cmd->add_option("--ids", args->ids, "Only these contact IDs, e.g. 3,5,10-12");
  cmd->callback([&global, args] { run_export(global, *args); });
}

}  // namespace cardscan::cli
