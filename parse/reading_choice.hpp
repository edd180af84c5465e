#pragma once
// Before extract: which lines of a page are worth reading again, and which
// of several readings of one line the rest of the card supports. OCR slips
// on a contact line (a letter for a digit, a broken domain) leave a line
// that almost, but not quite, gives an email, phone or web address; another
// reading of the same pixels often gets it right, and the card itself says
// which reading is right: an email domain equal to the website's host, a
// number valid in the card's region, the printed name in the local part.
// Pure text and geometry; the readings come from ocr::Engine::reread_line.

#include <cstddef>
#include <string>
#include <vector>

#include "ocr/page.hpp"

namespace cardscan::parse {

// Indices (into page.lines) of the contact lines worth reading again: a
// line with an '@', a web address or a run of digits that was read with a
// low word confidence, or whose email, phone or web address is missing,
// malformed or not supported by the rest of the card.
[[nodiscard]] std::vector<std::size_t> doubtful_lines(const ocr::Page& page, const std::string& region);

// How strongly the rest of the card supports `text` as the reading of line
// `index`: well-formed fields, a domain the card prints elsewhere, a number
// valid for the card's regions, a local part made of a word printed
// elsewhere; stray symbols count against it. Higher is better; only
// comparable between readings of the same line.
[[nodiscard]] double reading_support(const ocr::Page& page, std::size_t index, const std::string& text,
                                     const std::string& region);

// Index into `readings` (other readings of the same pixels, e.g. from
// ocr::Engine::reread_line) of the reading of line `index` that the card
// supports clearly better than the line as first read; readings that give
// the same field support each other. -1 when none is clearly better: the
// first reading stands on ties.
[[nodiscard]] int choose_reading(const ocr::Page& page, std::size_t index, const std::vector<ocr::Line>& readings,
                                 const std::string& region);

}  // namespace cardscan::parse
