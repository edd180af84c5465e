#pragma once
// Phase 5 of extract: which of the lines left over is the holder's name,
// the company, the title and the department. Every line is a candidate for
// every role; its features are weighed by fitted weights into a probability
// per role, and one joint assignment gives each line at most one role (at
// most one name and one company; a card may have no person at all).

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/card_context.hpp"
#include "parse/card_lines.hpp"
#include "parse/contact.hpp"

namespace cardscan::parse {

// What role choice looks at, one number per candidate line. The order is
// the order of the fitted weights (parse/fit/fit_roles.py reads these names).
inline constexpr std::array<std::string_view, 26> kRoleFeatureNames = {
    "name_shape",  "rel_height",   "tallest",     "company_words",  "title_words",   "domain",
    "email_match", "contact_line", "all_caps",    "words",          "department",    "position",
    "under_name",  "ocr",          "lower_words", "shape_x_height", "shape_x_email", "domain_not_email",
    "legal_form",  "letters",      "first_line",  "prior_name",     "prior_company", "prior_title",
    "english_words", "other_words"};
inline constexpr std::size_t kRoleFeatures = kRoleFeatureNames.size();
inline constexpr std::size_t kPriorCompany = 22;  // index of "prior_company"
using RoleFeatures = std::array<double, kRoleFeatures>;

// The hand-set scores role choice used before it was fitted, kept as three
// features: what they knew of cards is data the fit may weigh.
struct PriorRoleWeights {
  double name_base = 0.45, name_height = 0.35, name_email = 0.4, name_company_words = -0.6, name_title_words = -0.5,
         name_domain = -0.4, name_on_contact_line = -0.3;
  double company_words = 0.7, company_domain = 0.6, company_height = 0.1, company_title_words = -0.4,
         company_name_email = -0.3, company_on_contact_line = -0.2;
  double title_words = 1.0, title_company_words = -0.3, title_domain = -0.2;
};

// A logistic model per role: P(line has the role) = sigmoid(bias + w . x).
// Fitted offline on saved pages of the train and dev cards (see
// parse/fit/fit_roles.py); the fitted values live in parse/fit/role_weights.inc.
struct RoleWeights {
  double name_bias = 0, company_bias = 0, title_bias = 0;
  RoleFeatures name{}, company{}, title{};
  // Log-odds a line must reach to take a role: 0 is "likelier than not";
  // lower floors trade precision for recall.
  // The name's floor was chosen on train and dev (best cards fully correct
  // there among 0, -1, -2): a card's one name-shaped line is taken at odds
  // a little under even.
  double name_floor = -1, company_floor = 0, title_floor = 0;
  // The company is chosen on the prior score: the fitted company model gave
  // more companies on the synthetic sets but fewer right on real photos
  // (company F1 0.455 -> 0.385), so it is not used until it does better.
  bool company_from_prior = true;
  double company_prior_floor = 0.45;  // the hand-set score a company line had to reach
  double company_prior_scale = 4.0;   // prior points to log-odds, for the joint assignment
  double department_score = 0.6;      // departments are found by their words, not by the model
  // Log-odds added to the title of a line's other side when the name is
  // read from one side of it ("Anaïs Price, Talent Acquisition Lead"): the
  // split was made for that side's title words. Chosen on train and dev.
  double split_title_bonus = 2.5;
  // A department printed beside the title is in the title's type: a line
  // more than this factor larger or smaller is something else (a name, a
  // company, a tagline in small print).
  double department_size_ratio = 1.3;
  // A line beside the title that names no department is taken for one
  // when the title model, though it lost to the title, still gives it
  // these log-odds or more: "Global Business Development" scores about 0,
  // a slogan or a service list far lower.
  double department_title_floor = -2.0;
  // title_word_evidence of a line with a job word ("Projektleiter",
  // "Gerente de ventas"): beside the title it is a second title.
  double second_title_evidence = 0.75;
  std::size_t department_max_lines = 3;  // a department is named in at most three lines
};

// The fitted weights extract uses.
[[nodiscard]] const RoleWeights& role_weights();

// One line, or one side of a line, that may hold a role, with its features.
struct RoleCandidate {
  std::size_t line = 0;  // index in the card's lines
  // 0: the whole line. 1 and 2: the two sides of a line that prints a name
  // and a title side by side ("Kevin Baker | Lab Manager", "ceo Lee Tae
  // Suk"), which may take two roles.
  int side = 0;
  std::string text;      // what the role would be set to
  RoleFeatures features{};
};

// Where a line printing a name beside a title splits: the name's words on
// one side, the title's on the other, the separator between them ("|",
// "/", "," or a bar OCR read as "i" or "f") dropped. Nothing when no split
// gives a name-shaped side and a side with title words.
struct NameTitleSplit {
  std::string first, second;  // the two sides in reading order
};
[[nodiscard]] std::optional<NameTitleSplit> split_name_and_title(const std::string& line);

// The candidates of a card whose shape fields and address are read.
[[nodiscard]] std::vector<RoleCandidate> role_candidates(const std::vector<CardLine>& lines, const CardContext& context,
                                                         const Contact& contact);

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
