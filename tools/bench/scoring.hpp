#pragma once
// Scoring pipeline output against ground truth: per-field precision/recall,
// cards fully right, phone types, card counts, orientation, QR decoding and
// confidence calibration. Matching, normalisation and counting follow
// ../shared/bench/score.py (the scorer the held-out checks use): the same
// predictions give the same field figures and cards fully correct.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/bench/truth.hpp"
#include "tools/pipeline/pipeline.hpp"

namespace cardscan::bench {

struct FieldScore {
  long tp = 0, fp = 0, fn = 0;
  [[nodiscard]] double precision() const {
    return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0.0;
  }
  [[nodiscard]] double recall() const { return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0.0; }
  [[nodiscard]] double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct CountScore {
  long images = 0, exact = 0, abs_error = 0;
};

struct CalibrationBin {
  double low = 0, high = 0;
  long fields = 0, correct = 0;
};

struct BenchReport {
  // Score only cards in a Latin-script language (score.py --only-latin):
  // images whose cards are all others are skipped, and in mixed images the
  // predictions matched to the other cards are dropped.
  bool only_latin = false;
  long images_scored = 0, images_skipped = 0, cards_skipped = 0;
  std::map<std::string, FieldScore> fields;  // name, title, company, email, phone, website, address
  long cards = 0, cards_fully_correct = 0;
  long phones_matched = 0, phone_types_correct = 0;  // over numbers right in both
  std::map<std::string, CountScore> counts;   // by kind, plus "all"
  long cards_located = 0, cards_upright = 0;  // among detected cards matched to a truth card by position
  long qr_cards = 0, qr_decoded = 0;
  std::vector<CalibrationBin> calibration = {{0.0, 0.5}, {0.5, 0.7}, {0.7, 0.9}, {0.9, 1.01}};
  std::map<std::string, std::vector<CalibrationBin>> calibration_by_field;
  std::vector<std::string> mistakes;  // one line per wrong field, for --verbose

  // Adds one image's outcome.
  void add(const TruthImage& truth, const pipeline::FileOutput& output);
  [[nodiscard]] nlohmann::json to_json() const;
};

}  // namespace cardscan::bench
