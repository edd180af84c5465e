#pragma once
// Vocabulary that marks a line's role on a business card: legal forms of
// companies, job-title words and department words. General knowledge of how
// cards are printed, in the Latin-script languages cardscan reads.

#include <string>
#include <string_view>
#include <vector>

namespace cardscan::parse {

// The words firms name themselves with ("group", "labs", "bakery",
// "logistics"), lower case: every row of the table the two functions below
// read, for the tests that run each one.
[[nodiscard]] std::vector<std::string_view> firm_word_rows();

// True for a word naming a firm's trade ("logistics", "freight",
// "insurance"): evidence that a line continues a company name above it.
[[nodiscard]] bool is_trade_word(std::string_view word);

// True for a company's legal form ("GmbH", "Ltd.", "s.r.l"), any case.
[[nodiscard]] bool is_legal_form(std::string_view word);

// 0..1: how strongly the line reads as a company name from its legal form or
// organisation words ("Inc.", "GmbH", "& Co. KG", "Group", "Labs").
[[nodiscard]] double company_word_evidence(std::string_view line);

// 0..1: how strongly the line reads as a job title ("Senior Product Designer",
// "Vertriebsleiter", "Directrice Commerciale").
[[nodiscard]] double title_word_evidence(std::string_view line);

// True when the line speaks as the firm to the reader ("Your partner in
// growth", "We build trust"): a slogan, never a job title.
[[nodiscard]] bool speaks_to_reader(std::string_view line);

// The region a company's legal form points to ("GmbH" -> DE, "plc" -> GB,
// "Pty Ltd" -> AU, "Pvt. Ltd." -> IN, "SARL" -> FR), or "" when the form is
// used in many countries or absent.
[[nodiscard]] std::string region_of_legal_form(std::string_view line);

// True when the line names a department ("Department of Surgery", "R&D
// Division", "Management Section") and carries no digits.
[[nodiscard]] bool department_words(std::string_view line);

}  // namespace cardscan::parse
