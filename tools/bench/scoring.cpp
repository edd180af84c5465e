#include "tools/bench/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include <opencv2/imgproc.hpp>

#include "parse/text.hpp"

namespace cardscan::tools {
namespace {

std::vector<cv::Point2f> truth_polygon(const TruthCard& t) {
  std::vector<cv::Point2f> p;
  for (const auto& q : t.quad) p.emplace_back(static_cast<float>(q[0]), static_cast<float>(q[1]));
  return p;
}

cv::Point2f centre_of(const CardReading& c) {
  cv::Point2f m(0, 0);
  for (int i = 0; i < 4; ++i)
    m += cv::Point2f(c.quad[static_cast<std::size_t>(2 * i)], c.quad[static_cast<std::size_t>(2 * i + 1)]);
  return m * 0.25f;
}

std::set<std::string> phone_set(const std::vector<parse::Phone>& phones) {
  std::set<std::string> s;
  for (const auto& p : phones) s.insert(p.e164.empty() ? p.text : p.e164);
  return s;
}

std::string type_word(std::optional<parse::PhoneType> type) {
  return type ? std::string(parse::to_string(*type)) : "(no type)";
}

std::set<std::string> phone_set(const std::vector<TruthPhone>& phones) {
  std::set<std::string> s;
  for (const auto& p : phones) s.insert(p.e164);
  return s;
}

// How alike a detected card and a truth card are: position first, content second.
double affinity(const CardReading& out, const TruthCard& truth) {
  double a = 0;
  if (!out.whole_image && cv::pointPolygonTest(truth_polygon(truth), centre_of(out), false) >= 0) a += 2;
  for (const auto& e : out.contact.emails) {
    if (std::find(truth.emails.begin(), truth.emails.end(), e) != truth.emails.end()) a += 1;
  }
  const auto tp = phone_set(truth.phones);
  for (const auto& p : out.contact.phones) a += tp.count(p.e164) ? 1 : 0;
  if (!out.contact.name.empty() && norm_text(out.contact.name) == norm_text(truth.name)) a += 1;
  return a;
}

}  // namespace

void BenchReport::add(const TruthImage& truth, const FileOutput& output) {
  // Card count per kind.
  for (const std::string& key : {truth.kind, std::string("all")}) {
    auto& c = counts[key];
    ++c.images;
    const long diff = std::labs(static_cast<long>(output.cards.size()) - static_cast<long>(truth.cards.size()));
    c.abs_error += diff;
    if (diff == 0) ++c.exact;
  }

  // Greedy matching of detected cards to truth cards by affinity.
  std::vector<int> match(output.cards.size(), -1);
  std::vector<bool> truth_used(truth.cards.size(), false);
  for (;;) {
    double best = 0;
    int bi = -1, bj = -1;
    for (std::size_t i = 0; i < output.cards.size(); ++i) {
      if (match[i] >= 0) continue;
      for (std::size_t j = 0; j < truth.cards.size(); ++j) {
        if (truth_used[j]) continue;
        const double a = affinity(output.cards[i], truth.cards[j]);
        if (a > best) {
          best = a;
          bi = static_cast<int>(i);
          bj = static_cast<int>(j);
        }
      }
    }
    if (bi < 0) break;
    match[static_cast<std::size_t>(bi)] = bj;
    truth_used[static_cast<std::size_t>(bj)] = true;
  }
  // Single-card images: a lone detection is that card even when nothing matched.
  if (output.cards.size() == 1 && truth.cards.size() == 1 && match[0] < 0) {
    match[0] = 0;
    truth_used[0] = true;
  }

  auto record_confidence = [&](const std::string& field, double confidence, bool correct) {
    auto& by_field = calibration_by_field[field];
    if (by_field.empty()) by_field = {{0.0, 0.5}, {0.5, 0.7}, {0.7, 0.9}, {0.9, 1.01}};
    for (auto* bins : {&calibration, &by_field}) {
      for (auto& bin : *bins) {
        if (confidence >= bin.low && confidence < bin.high) {
          ++bin.fields;
          if (correct) ++bin.correct;
        }
      }
    }
  };
  auto single = [&](const std::string& field, const std::string& predicted, const std::string& expected,
                    const std::string& pred_norm, const std::string& exp_norm, double confidence, bool has_conf) {
    auto& f = fields[field];
    const bool p = !pred_norm.empty(), e = !exp_norm.empty();
    const bool correct = p && e && pred_norm == exp_norm;
    if (correct) {
      ++f.tp;
    } else {
      if (p) ++f.fp;
      if (e) ++f.fn;
      if (p || e)
        mistakes.push_back(truth.file + " " + field + ": got \"" + predicted + "\", expected \"" + expected + "\"");
    }
    if (p && has_conf) record_confidence(field, confidence, correct);
  };
  auto multi = [&](const std::string& field, const std::set<std::string>& predicted,
                   const std::set<std::string>& expected, double confidence, bool has_conf) {
    auto& f = fields[field];
    for (const auto& p : predicted) {
      if (expected.count(p)) {
        ++f.tp;
      } else {
        ++f.fp;
        mistakes.push_back(truth.file + " " + field + ": extra \"" + p + "\"");
      }
      if (has_conf) record_confidence(field, confidence, expected.count(p) > 0);
    }
    for (const auto& e : expected) {
      if (!predicted.count(e)) {
        ++f.fn;
        mistakes.push_back(truth.file + " " + field + ": missed \"" + e + "\"");
      }
    }
  };
  auto conf = [](const parse::Contact& c, const char* key, double& value) {
    const auto it = c.confidence.find(key);
    if (it == c.confidence.end()) return false;
    value = it->second;
    return true;
  };

  static const TruthCard empty_truth;
  static const CardReading empty_output;
  auto score_pair = [&](const CardReading& out, const TruthCard& t) {
    const auto& c = out.contact;
    double cv = 0;
    bool hc = conf(c, "name", cv);
    single("name", c.name, t.name, norm_text(c.name), norm_text(t.name), cv, hc);
    hc = conf(c, "title", cv);
    single("title", c.title, t.title, norm_text(c.title), norm_text(t.title), cv, hc);
    hc = conf(c, "company", cv);
    single("company", c.company, t.company, norm_text(c.company), norm_text(t.company), cv, hc);
    const std::string site = c.websites.empty() ? "" : c.websites.front();
    hc = conf(c, "website", cv);
    single("website", site, t.website, norm_website(site), norm_website(t.website), cv, hc);
    hc = conf(c, "address", cv);
    single("address", c.address, t.address, norm_text(c.address), norm_text(t.address), cv, hc);
    hc = conf(c, "emails", cv);
    const std::set<std::string> pe(c.emails.begin(), c.emails.end()), te(t.emails.begin(), t.emails.end());
    multi("email", pe, te, cv, hc);
    hc = conf(c, "phones", cv);
    const auto pp = phone_set(c.phones), tp = phone_set(t.phones);
    multi("phone", pp, tp, cv, hc);
    for (const auto& p : c.phones) {
      for (const auto& q : t.phones) {
        if (p.e164 == q.e164) {
          ++phones_matched;
          if (q.type == p.type) {
            ++phone_types_correct;
          } else {
            mistakes.push_back(truth.file + " phone type: " + p.e164 + " got " + std::string(parse::to_string(p.type)) +
                               ", expected " + type_word(q.type));
          }
        }
      }
    }
    return norm_text(c.name) == norm_text(t.name) && pe == te && pp == tp;
  };

  for (std::size_t i = 0; i < output.cards.size(); ++i) {
    if (match[i] < 0) {
      mistakes.push_back(truth.file + ": extra card detected");
      score_pair(output.cards[i], empty_truth);
    }
  }
  for (std::size_t j = 0; j < truth.cards.size(); ++j) {
    const auto& t = truth.cards[j];
    ++cards;
    if (t.qr) ++qr_cards;
    const auto it = std::find(match.begin(), match.end(), static_cast<int>(j));
    if (it == match.end()) {
      mistakes.push_back(truth.file + ": card " + std::to_string(j + 1) + " (" + t.name + ") not found");
      score_pair(empty_output, t);
      continue;
    }
    const auto& out = output.cards[static_cast<std::size_t>(it - match.begin())];
    if (t.qr && out.qr) ++qr_decoded;
    if (score_pair(out, t)) ++cards_fully_correct;
    // Upright: the corner we read as top-left is the truth's top-left.
    if (!out.whole_image) {
      ++cards_located;
      const cv::Point2f tl(out.quad[0], out.quad[1]);
      std::size_t nearest = 0;
      double best = 1e18;
      for (std::size_t k = 0; k < 4; ++k) {
        const double d = std::hypot(tl.x - t.quad[k][0], tl.y - t.quad[k][1]);
        if (d < best) {
          best = d;
          nearest = k;
        }
      }
      if (nearest == 0) {
        ++cards_upright;
      } else {
        mistakes.push_back(truth.file + ": card " + std::to_string(j + 1) + " not upright (off by " +
                           std::to_string(nearest * 90) + "°)");
      }
    }
  }
}

nlohmann::json BenchReport::to_json() const {
  nlohmann::json j;
  for (const auto& [name, f] : fields) {
    j["fields"][name] = {
        {"precision", f.precision()}, {"recall", f.recall()}, {"f1", f.f1()}, {"tp", f.tp}, {"fp", f.fp}, {"fn", f.fn}};
  }
  j["cards"] = cards;
  j["cards_fully_correct"] = cards ? static_cast<double>(cards_fully_correct) / static_cast<double>(cards) : 0.0;
  j["phone_type_accuracy"] =
      phones_matched ? static_cast<double>(phone_types_correct) / static_cast<double>(phones_matched) : 0.0;
  for (const auto& [kind, c] : counts) {
    j["card_count"][kind] = {
        {"images", c.images},
        {"exact", c.exact},
        {"exact_rate", c.images ? static_cast<double>(c.exact) / static_cast<double>(c.images) : 0.0},
        {"mean_abs_error", c.images ? static_cast<double>(c.abs_error) / static_cast<double>(c.images) : 0.0}};
  }
  j["upright"] = {
      {"cards", cards_located},
      {"rate", cards_located ? static_cast<double>(cards_upright) / static_cast<double>(cards_located) : 0.0}};
  j["qr"] = {{"cards", qr_cards}, {"decoded", qr_decoded}};
  for (const auto& [field, bins] : calibration_by_field) {
    for (const auto& bin : bins) {
      j["calibration_by_field"][field].push_back(
          {{"low", bin.low},
           {"high", std::min(1.0, bin.high)},
           {"fields", bin.fields},
           {"accuracy", bin.fields ? static_cast<double>(bin.correct) / static_cast<double>(bin.fields) : 0.0}});
    }
  }
  for (const auto& bin : calibration) {
    j["calibration"].push_back(
        {{"low", bin.low},
         {"high", std::min(1.0, bin.high)},
         {"fields", bin.fields},
         {"accuracy", bin.fields ? static_cast<double>(bin.correct) / static_cast<double>(bin.fields) : 0.0}});
  }
  return j;
}

}  // namespace cardscan::tools
