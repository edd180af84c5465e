#include "parse/address_block.hpp"

#include "parse/role_words.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {

namespace {
// A building, a street, a district, a city line and a country line: the
// longest address a card prints for one office.
constexpr std::size_t kMaxAddressLines = 5;
}  // namespace

AddressBlockEvidence read_address_block(std::vector<CardLine>& lines, Contact& contact) {
  std::vector<std::size_t> best_run;
  double best_score = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& ev = lines[i].address;
    if (ev.street < 0.5 && ev.locality < 0.5) continue;
    std::vector<std::size_t> run = {i};
    double score = ev.street + ev.locality;
    // Extend to neighbours that continue the address (street before city, country after).
    std::size_t j = i + 1;
    while (j < lines.size() && run.size() < kMaxAddressLines && lines[j].source->block == lines[i].source->block) {
      const auto& n = lines[j].address;
      if (n.street >= 0.35 || n.locality >= 0.5 || n.country) {
        run.push_back(j);
        score += n.street + n.locality + (n.country ? 0.3 : 0);
        ++j;
      } else {
        break;
      }
    }
    // A house-number line right above a postcode line of the same block is
    // its street, even when OCR garbled the street word ("Lindenallkee 134").
    if (ev.locality >= 0.5 && ev.street < 0.9 && i > 0 && lines[i - 1].source->block == lines[i].source->block &&
        !lines[i - 1].contact && !lines[i - 1].in_address && (run.size() == 1 || run.front() == i)) {
      const auto& above = lines[i - 1];
      const CharCounts n = count_chars(above.text);
      if (n.digits > 0 && n.letters >= 3 && above.address.street >= 0.0 && title_word_evidence(above.text) == 0 &&
          company_word_evidence(above.text) == 0) {
        run.insert(run.begin(), i - 1);
        score += 0.5;
      }
    }
    if (score > best_score) {
      best_score = score;
      best_run = run;
    }
    i = j - 1;
  }
  AddressBlockEvidence evidence;
  if (best_run.empty() || best_score < 0.8) return evidence;
  std::vector<std::string> parts;
  double conf = 0;
  for (auto idx : best_run) {
    lines[idx].in_address = true;
    const std::string& t = lines[idx].role_text();
    if (t.empty()) continue;
    // "1163 Cedar Lane #114 | Phoenix, AZ": a printed separator inside the line.
    std::string piece = space_unit_numbers(t);
    while (!piece.empty() && (piece.back() == ',' || piece.back() == ' ')) piece.pop_back();  // joined with ", "
    for (const std::string sep : {" | ", " \u2022 ", " \u00B7 "}) {
      for (auto at = piece.find(sep); at != std::string::npos; at = piece.find(sep))
        piece.replace(at, sep.size(), ", ");
    }
    parts.push_back(piece);
    conf += lines[idx].confidence;
  }
  contact.address = join(parts, ", ");
  contact.address_parts = split_address(parts);
  evidence.score = best_score;
  evidence.ocr_confidence = conf / static_cast<double>(best_run.size());
  return evidence;
}

}  // namespace cardscan::parse
