#pragma once
// Phase 5 of extract: which of the lines left over is the holder's name,
// the company, the title and the department. Every line is a candidate for
// every role; its features are weighed by the named weights below, and one
// assignment gives each line at most one role.

#include <string>
#include <vector>

#include "parse/card_context.hpp"
#include "parse/card_lines.hpp"
#include "parse/contact.hpp"

namespace cardscan::parse {

// The weights of role choice. Each score is a sum of features times weights;
// a role is taken by its best line when the score reaches the role's floor.
struct RoleWeights {
  // name = shape * (base + height * rel_height + email * email_match) - ...
  double name_base = 0.45;
  double name_height = 0.35;         // printed large: names are set bigger than the rest
  double name_email = 0.4;           // the line matches an email's local part
  double name_company_words = -0.6;  // legal forms and organisation words
  double name_title_words = -0.5;
  double name_domain = -0.4;  // matching the card's domain, unless the email names the person too
  double name_on_contact_line = -0.3;
  double name_floor = 0.35;

  double company_words = 0.7;
  double company_domain = 0.6;
  double company_height = 0.1;
  double company_title_words = -0.4;
  double company_name_email = -0.3;  // a name-shaped line matching an email's local part
  double company_on_contact_line = -0.2;
  double company_floor = 0.45;

  double title_words = 1.0;
  double title_company_words = -0.3;
  double title_domain = -0.2;
  double title_floor = 0.5;

  // No title words: the smaller line right under (or over) the name is the
  // title, unless it reads as a company or as a second name.
  double title_by_name = 0.4;           // the score such a line is given
  double title_by_name_company = 0.45;  // at or above this company score it is not taken
  double title_by_name_name = 0.6;      // nor at or above this name score
  double department_score = 0.6;
};

// The weights extract uses.
[[nodiscard]] const RoleWeights& role_weights();

// How sure the role phase is of what it chose: the winning scores and the
// OCR confidence of their lines (0 when a role is empty).
struct RoleEvidence {
  double name = 0, name_ocr = 0;
  double company = 0, company_ocr = 0;
  double title = 0, title_ocr = 0;
  double department = 0;
};

// Sets name (and its parts), company, title and department from the lines
// not taken by the shape fields or the address.
[[nodiscard]] RoleEvidence read_roles(const std::vector<CardLine>& lines, const CardContext& context, Contact& contact,
                                      const RoleWeights& weights = role_weights());

// How well a name matches an email's local part ("jane.doe", "jdoe", "janed"): 0..1.
[[nodiscard]] double email_name_match(const std::string& name, const std::vector<std::string>& emails);
// How well a line matches a domain stem ("Acme Corp" vs acme): 0..1.
[[nodiscard]] double domain_match(const std::string& line, const std::vector<std::string>& stems);
// 0..1: looks like a person's name: 2-4 capitalised words of letters.
[[nodiscard]] double name_shape(const std::string& line);

}  // namespace cardscan::parse
