// `cardscan contacts`: list, show, edit, merge and delete stored contacts.

#include <iostream>
#include <map>
#include <memory>

#include "store/local_time.hpp"
#include "store/store.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/store_cli.hpp"

namespace cardscan::cli {

namespace {

struct ContactsArgs {
  bool json = false;
  bool unreviewed = false;           // list: only contacts nobody has checked on the review page
  std::string search, event, since;  // list: TERM, --event, --since
  std::string id, other_id;
  // edit: every text field has a value and the option that says it was given
  std::map<std::string, std::string> fields;
  std::map<std::string, CLI::Option*> field_options;
  std::vector<std::string> emails, phones, websites;
  CLI::Option *email_option = nullptr, *phone_option = nullptr, *website_option = nullptr;
  bool clear_emails = false, clear_phones = false, clear_websites = false;
};

std::string first_or_empty(const std::vector<std::string>& values) { return values.empty() ? "" : values.front(); }

std::string clip(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  std::size_t cut = width - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "~";
}

void run_list(GlobalOptions& global, const ContactsArgs& args) {
  store::ContactFilter filter;
  filter.unreviewed = args.unreviewed;
  filter.search = args.search;
  filter.event = args.event;
  if (!args.since.empty()) {
    auto since = store::parse_local_datetime(args.since);
    if (!since) return report_error(global, "--since: " + since.error());
    filter.since_epoch = *since;
  }
  const bool filtered = !args.search.empty() || !args.event.empty() || !args.since.empty();
  auto db = open_store_or_report(global, StoreAccess::read);
  if (!db) return;
  auto contacts = db->contacts(filter);
  if (args.json) {
    for (const auto& c : contacts) std::cout << stored_contact_to_json(c).dump() << "\n";
    return;
  }
  if (contacts.empty() && filtered && db->stats().contacts > 0) {
    std::cout << "No contact matches" << (args.unreviewed ? " among the unreviewed" : "") << ".\n";
    return;
  }
  if (contacts.empty() && args.unreviewed) {
    std::cout << "Every contact has been reviewed.\n";
    return;
  }
  if (contacts.empty()) {
    std::cout << "No contacts stored yet (database: " << resolve_db_path(global) << ").\n";
    return;
  }
  for (const auto& s : contacts) {
    const auto& c = s.contact;
    std::string phone = c.phones.empty() ? "" : (c.phones[0].e164.empty() ? c.phones[0].text : c.phones[0].e164);
    std::string name = c.name.empty() ? (c.given + (c.family.empty() ? "" : " " + c.family)) : c.name;
    std::cout << "#" << s.id << "  " << clip(name.empty() ? "(no name)" : name, 30);
    if (!c.company.empty()) std::cout << "  | " << clip(c.company, 30);
    if (!c.emails.empty()) std::cout << "  | " << first_or_empty(c.emails);
    if (!phone.empty()) std::cout << "  | " << phone;
    if (!s.event.empty()) std::cout << "  | event: " << s.event;
    std::cout << "\n";
  }
  std::cout << contacts.size() << (args.unreviewed ? " unreviewed" : "") << " contact"
            << (contacts.size() == 1 ? "" : "s") << "\n";
}

void print_contact(const store::StoredContact& s) {
  const auto& c = s.contact;
  auto field = [](const char* label, const std::string& value) {
    if (!value.empty()) std::cout << "  " << label << ": " << value << "\n";
  };
  std::cout << "Contact #" << s.id << "\n";
  field("name", c.name);
  field("prefix", c.prefix);
  field("given", c.given);
  field("middle", c.middle);
  field("family", c.family);
  field("suffix", c.suffix);
  field("title", c.title);
  field("company", c.company);
  field("department", c.department);
  for (const auto& e : c.emails) field("email", e);
  for (const auto& p : c.phones)
    std::cout << "  phone (" << parse::to_string(p.type) << "): " << (p.e164.empty() ? p.text : p.e164)
              << (p.extension.empty() ? "" : " ext. " + p.extension)
              << (p.e164.empty() || p.text.empty() || p.text == p.e164 ? "" : "  [printed: " + p.text + "]") << "\n";
  for (const auto& w : c.websites) field("website", w);
  field("address", c.address);
  const auto& a = c.address_parts;
  field("street", a.street);
  field("city", a.city);
  field("region", a.region);
  field("postcode", a.postcode);
  field("country", a.country);
  for (const auto& h : c.social) field(("social " + h.service).c_str(), h.handle);
  field("event", s.event);
  if (s.events.size() > 1) {
    std::string all;
    for (const auto& e : s.events) all += (all.empty() ? "" : ", ") + e;
    field("all events", all);
  }
  field("note", s.note);
  for (const auto& [name, value] : s.alternates) field(("also seen as " + name).c_str(), value);
  std::cout << "  cards scanned: " << s.scan_count << "\n";
  for (const auto& f : s.followups) {
    std::cout << "  follow-up #" << f.id << ": " << f.status << ", due " << f.due;
    if (!f.snoozed_until.empty()) std::cout << ", snoozed until " << f.snoozed_until;
    if (!f.done_at.empty()) std::cout << ", done " << f.done_at;
    if (!f.note.empty()) std::cout << " — " << f.note;
    std::cout << "\n";
  }
  field("uid", s.uid);
  field("created", s.created_at);
  field("updated", s.updated_at);
}

void run_show(GlobalOptions& global, const ContactsArgs& args) {
  auto id = parse_id(args.id, "contact");
  if (!id) return report_error(global, id.error());
  auto db = open_store_or_report(global, StoreAccess::read);
  if (!db) return;
  auto contact = db->contact(*id);
  if (!contact) return report_error(global, contact.error());
  if (args.json) {
    std::cout << stored_contact_to_json(*contact).dump(2) << "\n";
  } else {
    print_contact(*contact);
  }
}

void run_edit(GlobalOptions& global, const ContactsArgs& args) {
  auto id = parse_id(args.id, "contact");
  if (!id) return report_error(global, id.error());
  store::ContactEdit edit;
  const std::map<std::string, std::optional<std::string>*> targets = {
      {"name", &edit.name},       {"prefix", &edit.prefix},     {"given", &edit.given},
      {"middle", &edit.middle},   {"family", &edit.family},     {"suffix", &edit.suffix},
      {"title", &edit.title},     {"company", &edit.company},   {"department", &edit.department},
      {"address", &edit.address}, {"street", &edit.street},     {"city", &edit.city},
      {"region", &edit.region},   {"postcode", &edit.postcode}, {"country", &edit.country},
      {"note", &edit.note},       {"event", &edit.event}};
  for (const auto& [name, target] : targets)
    if (args.field_options.at(name)->count() > 0) *target = args.fields.at(name);
  if (args.email_option->count() > 0 || args.clear_emails) edit.emails = args.emails;
  if (args.website_option->count() > 0 || args.clear_websites) edit.websites = args.websites;
  if (args.phone_option->count() > 0 || args.clear_phones) {
    edit.phones.emplace();
    for (const auto& text : args.phones) {
      auto phone = parse_phone_argument(text);
      if (!phone) return report_error(global, "--phone: " + phone.error());
      edit.phones->push_back(*phone);
    }
  }
  auto db = open_store_or_report(global);
  if (!db) return;
  if (auto done = db->edit_contact(*id, edit); !done) return report_error(global, done.error());
  std::cout << "Updated contact #" << *id << ".\n";
}

void run_merge(GlobalOptions& global, const ContactsArgs& args) {
  auto keep = parse_id(args.id, "contact");
  if (!keep) return report_error(global, keep.error());
  auto other = parse_id(args.other_id, "contact");
  if (!other) return report_error(global, other.error());
  auto db = open_store_or_report(global);
  if (!db) return;
  if (auto done = db->merge_contacts(*keep, *other); !done) return report_error(global, done.error());
  std::cout << "Merged contact #" << *other << " into #" << *keep << "; #" << *other << " no longer exists.\n";
}

void run_delete(GlobalOptions& global, const ContactsArgs& args) {
  auto id = parse_id(args.id, "contact");
  if (!id) return report_error(global, id.error());
  auto db = open_store_or_report(global);
  if (!db) return;
  if (auto done = db->delete_contact(*id); !done) return report_error(global, done.error());
  std::cout << "Deleted contact #" << *id << " and its follow-ups.\n";
}

}  // namespace

void register_contacts(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<ContactsArgs>();
  auto* contacts = app.add_subcommand(
      "contacts",
      "List and change stored contacts. Without a subcommand: list them.\n"
      "Exit status: 0 done, 1 refused (unknown ID or bad value; nothing was changed), 2 usage error,\n"
      "3 database cannot be opened.");
  contacts->require_subcommand(0, 1);
  contacts->add_flag("--json", args->json, "Print JSON Lines (one contact per line) instead of a table");

  auto* list = contacts->add_subcommand(
      "list",
      "List contacts (every one, or those matching TERM and the filters): ID, name, company, first e-mail\n"
      "and phone, event");
  list->add_flag("--json", args->json,
                 "Print JSON Lines, one contact per line (DESIGN.md field names plus id, uid, event...)");
  list->add_flag("--unreviewed", args->unreviewed,
                 "Only contacts not yet checked on the review page (`cardscan serve`), or changed by a card since");
  list->add_option("TERM", args->search,
                   "Only contacts whose name, company, an e-mail or an event contains TERM (any case)");
  list->add_option("--event", args->event, "Only contacts met or scanned at this event");
  list->add_option("--since", args->since,
                   "Only contacts added or changed on or after DATE (YYYY-MM-DD, or \"YYYY-MM-DD HH:MM\", local time)");
  list->callback([&global, args] { run_list(global, *args); });

  auto* show = contacts->add_subcommand(
      "show", "Show every field of one contact, values seen on other cards, and its follow-ups");
  show->add_option("ID", args->id, "Contact ID (see `cardscan contacts`)")->required();
  show->add_flag("--json", args->json, "Print one JSON object");
  show->callback([&global, args] { run_show(global, *args); });

  auto* edit = contacts->add_subcommand(
      "edit",
      "Change fields of one contact. Text options set that field (\"\" clears it); --email, --phone and --website\n"
      "replace the whole list (repeat them for several values). Every value is checked first: on any error\n"
      "nothing changes.");
  edit->add_option("ID", args->id, "Contact ID")->required();
  const std::pair<const char*, const char*> text_fields[] = {{"name", "Full name as printed"},
                                                             {"prefix", "Dr., Prof., ..."},
                                                             {"given", "Given name"},
                                                             {"middle", "Middle names"},
                                                             {"family", "Family name"},
                                                             {"suffix", "Jr., PhD, ..."},
                                                             {"title", "Job title"},
                                                             {"company", "Company"},
                                                             {"department", "Department"},
                                                             {"address", "Address on one line"},
                                                             {"street", "Street"},
                                                             {"city", "City"},
                                                             {"region", "State or region"},
                                                             {"postcode", "Postal code"},
                                                             {"country", "Country"},
                                                             {"note", "Free-text note (line breaks allowed)"},
                                                             {"event", "Event where you met (\"\" clears it)"}};
  for (const auto& [name, help] : text_fields) {
    args->fields[name];
    args->field_options[name] = edit->add_option(std::string("--") + name, args->fields[name], help);
  }
  args->email_option = edit->add_option("--email", args->emails, "E-mail address (repeatable; replaces all e-mails)")
                           ->allow_extra_args(false);
  args->phone_option = edit->add_option("--phone", args->phones,
                                        "Phone as [work:|mobile:|fax:|other:]+INTERNATIONAL, e.g. mobile:+14155550123 "
                                        "(repeatable; replaces all phones)")
                           ->allow_extra_args(false);
  args->website_option = edit->add_option("--website", args->websites, "Website (repeatable; replaces all websites)")
                             ->allow_extra_args(false);
  edit->add_flag("--clear-emails", args->clear_emails, "Remove every e-mail");
  edit->add_flag("--clear-phones", args->clear_phones, "Remove every phone");
  edit->add_flag("--clear-websites", args->clear_websites, "Remove every website");
  edit->callback([&global, args] { run_edit(global, *args); });

  auto* merge = contacts->add_subcommand(
      "merge",
      "Merge contact B into contact A: A keeps its values and gains B's other values, cards and follow-ups\n"
      "(if both have an open follow-up, the one due first stays); B is deleted.");
  merge->add_option("A", args->id, "Contact to keep")->required();
  merge->add_option("B", args->other_id, "Contact to merge into A and delete")->required();
  merge->callback([&global, args] { run_merge(global, *args); });

  auto* remove = contacts->add_subcommand(
      "delete",
      "Delete one contact and its follow-ups. Its scans stay recorded, so rescanning the same photo\n"
      "does not bring the contact back.");
  remove->add_option("ID", args->id, "Contact ID")->required();
  remove->callback([&global, args] { run_delete(global, *args); });

  contacts->callback([&global, args, contacts] {
    if (contacts->get_subcommands().empty()) run_list(global, *args);
  });
}

}  // namespace cardscan::cli
