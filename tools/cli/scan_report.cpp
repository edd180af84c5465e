#include "tools/cli/scan_report.hpp"

#include <cstdio>
#include <exception>

namespace cardscan::cli {

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    char hex[8];
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      // U+0080..U+009F: C1 controls (CSI among them) that terminals act on.
      std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
      out += hex;
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string describe_contact(const parse::Contact& c) {
  std::string s = c.name.empty() ? "(no name)" : c.name;
  if (!c.title.empty() || !c.company.empty()) {
    s += " \u2014";
    if (!c.title.empty()) s += " " + c.title;
    if (!c.title.empty() && !c.company.empty()) s += ",";
    if (!c.company.empty()) s += " " + c.company;
  }
  if (!c.emails.empty()) s += " <" + c.emails.front() + ">";
  if (!c.phones.empty()) s += " " + (c.phones.front().e164.empty() ? c.phones.front().text : c.phones.front().e164);
  return s;
}

void print_card_lines(std::ostream& out, const pipeline::FileOutput& file,
                      const std::vector<store::CardResult>& stored) {
  for (std::size_t i = 0; i < file.cards.size(); ++i) {
    out << printable_path(file.path);
    if (file.cards.size() > 1) out << " [card " << i + 1 << "/" << file.cards.size() << "]";
    out << ": " << describe_contact(file.cards[i].contact);
    if (i < stored.size()) {
      const auto& r = stored[i];
      switch (r.outcome) {
        case store::CardOutcome::created:
          out << "  (new contact #" << r.contact_id;
          break;
        case store::CardOutcome::merged:
          out << "  (merged into contact #" << r.contact_id;
          break;
        case store::CardOutcome::already_scanned:
          out << "  (already stored as #" << r.contact_id;
          break;
      }
      if (r.followup_id) {
        out << ", follow-up #" << *r.followup_id;
        if (!r.followup_due.empty()) out << " due " << r.followup_due;
      }
      out << ")";
    }
    out << "\n";
  }
  if (file.cards.empty()) out << printable_path(file.path) << ": no card found\n";
  print_notes(out, file);
  out.flush();
}

void print_notes(std::ostream& out, const pipeline::FileOutput& file, std::string_view prefix) {
  for (const auto& note : file.notes) out << prefix << printable_path(file.path) << ": note: " << printable(note) << "\n";
}

void count_stored(Summary& summary, const pipeline::FileOutput& file, const std::vector<store::CardResult>& stored) {
  summary.cards += file.cards.size();
  for (const auto& r : stored) {
    if (r.outcome == store::CardOutcome::created) ++summary.created;
    if (r.outcome == store::CardOutcome::merged) ++summary.merged;
  }
}

std::optional<ClockTime> parse_clock(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 2 || text.size() - colon != 3) return std::nullopt;
  ClockTime t;
  try {
    t.hour = std::stoi(text.substr(0, colon));
    t.minute = std::stoi(text.substr(colon + 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (t.hour < 0 || t.hour >= 24 || t.minute < 0 || t.minute >= 60) return std::nullopt;
  return t;
}

}  // namespace cardscan::cli
