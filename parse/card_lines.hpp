#pragma once
// Phase 1 of extract: the card's OCR lines as parse reads them, each with
// the room later phases fill in (what the shape finders took, address
// evidence, whether the line joined the address block).

#include <vector>

#include "ocr/page.hpp"
#include "parse/address_finder.hpp"

namespace cardscan::parse {

// One OCR line and what the phases took out of it.
struct CardLine {
  const ocr::Line* source = nullptr;
  std::string raw;       // OCR text, trimmed: what the shape finders read
  std::string text;      // without icon marks at its ends: what the role finders read
  std::string rest;      // text left after emails, phones, websites and labels are removed
  bool contact = false;  // carried an email, phone, website or handle
  AddressEvidence address;
  bool in_address = false;
  double height = 0;      // text height in pixels
  double confidence = 0;  // OCR confidence 0..1

  // What the role finders read: the rest of a contact line, else the text.
  [[nodiscard]] const std::string& role_text() const { return contact ? rest : text; }
};

// The page's lines that carry letters or digits, in reading order, with
// icon marks at their ends dropped and OCR's l-for-I repaired. The lines
// point into `page`, which must outlive them.
[[nodiscard]] std::vector<CardLine> read_card_lines(const ocr::Page& page);

// The page with each line cut where a gap between two words is a gutter
// between columns rather than a word space: OCR joins what two columns
// print at one height into one line ("2898 Cedar Lane, Denver CO 80202
// ... TIDEWATER ENGINEERING GROUP"). A label with nothing after it
// stays with what follows the gap ("Mobil / Cell     +1 412 555 0113").
// A line is also cut where its type size changes ("Miami, FL 33131
// FOXHOLLOW NETWORKS CO." in two sizes), each part with its own height.
[[nodiscard]] ocr::Page split_at_column_gaps(const ocr::Page& page);

// True when boxes `a` and `b` share at least 0.6 (kFragmentSameRow) of the shorter one's
// height: printed on one row (a word between two rows shares less with
// either).
[[nodiscard]] bool share_row(const ocr::Box& a, const ocr::Box& b);

// The page with fragments of one printed line that OCR put in separate
// layout blocks joined into one line, at the first fragment's place in
// reading order (see kFragmentGapHeights in card_lines.cpp).
[[nodiscard]] ocr::Page join_row_fragments(const ocr::Page& page);

// The page without the lines OCR read twice: a line lying inside a longer
// one whose text holds it ("498 0219" on "T (0191) 498 0219 / M ...").
[[nodiscard]] ocr::Page drop_lines_read_twice(const ocr::Page& page);

// The lines as parse reads them: lines read twice dropped, row fragments
// joined, then cut at column gutters and type-size changes.
[[nodiscard]] ocr::Page lay_out_lines(const ocr::Page& page);

// "9 2510 Harbor Blvd" -> "2510 Harbor Blvd": a line's text without the icon
// or logo glyphs OCR read at its start or end.
[[nodiscard]] std::string text_without_edge_marks(const ocr::Line& line);

}  // namespace cardscan::parse
