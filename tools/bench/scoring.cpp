#include "tools/bench/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "parse/text.hpp"

namespace cardscan::bench {

using pipeline::CardReading;
using pipeline::FileOutput;

namespace {

// One predicted contact as score.py reads its JSON line: values trimmed,
// empty ones absent, phones keyed by E.164 with their normalised types.
struct Predicted {
  std::string name, title, company, department, website, address;
  std::vector<std::string> emails;  // as printed
  std::vector<parse::Phone> phones;
  const parse::Contact* contact = nullptr;
  const CardReading* reading = nullptr;
};


Predicted predicted(const CardReading& reading) {
  const auto& c = reading.contact;
  Predicted p;
  p.name = parse::trim(c.name);
  p.title = parse::trim(c.title);
  p.company = parse::trim(c.company);
  p.department = parse::trim(c.department);
  p.website = c.websites.empty() ? "" : parse::trim(c.websites.front());
  p.address = parse::trim(c.address);
  p.emails = c.emails;
  p.phones = c.phones;
  p.contact = &c;
  p.reading = &reading;
  return p;
}

// norm_text without accents, as tokens (score.py's tokens(accents=False);
// case folding has already spelt out the sharp s).
std::vector<std::string> plain_tokens(const std::string& s) { return parse::split_words(parse::strip_accents(norm_text(s))); }

double token_f1(const std::string& a, const std::string& b) {
  auto ta = plain_tokens(a), tb = plain_tokens(b);
  if (ta.empty() || tb.empty()) return 0;
  std::map<std::string, int> ca, cb;
  for (const auto& t : ta) ++ca[t];
  for (const auto& t : tb) ++cb[t];
  int overlap = 0;
  for (const auto& [t, n] : ca) {
    const auto it = cb.find(t);
    if (it != cb.end()) overlap += std::min(n, it->second);
  }
  if (overlap == 0) return 0;
  const double p = static_cast<double>(overlap) / static_cast<double>(tb.size());
  const double r = static_cast<double>(overlap) / static_cast<double>(ta.size());
  return 2 * p * r / (p + r);
}

std::set<std::string> email_set(const std::vector<std::string>& emails) {
  std::set<std::string> s;
  for (const auto& e : emails) {
    std::string n = norm_email(e);
    if (!n.empty()) s.insert(std::move(n));
  }
  return s;
}


// Truth numbers by key, with their types as labelled.
std::map<std::string, std::string> truth_phones(const TruthCard& t) {
  std::map<std::string, std::string> out;
  for (const auto& p : t.phones) {
    if (auto k = phone_key(p.text, p.e164, t.country)) out[*k] = p.type;
  }
  return out;
}

// Predicted numbers by key (the first of each), with normalised types.
std::map<std::string, std::string> predicted_phones(const Predicted& p, const std::string& country) {
  std::map<std::string, std::string> out;
  for (const auto& ph : p.phones) {
    auto k = phone_key(ph.text, ph.e164, country);
    if (!k) continue;
    out.emplace(*k, norm_phone_type(std::string(parse::to_string(ph.type))));
  }
  return out;
}

// A predicted number whose last 8 digits equal those of a truth number kept
// only as digits (unparseable truth) is that number (score.py's align_phones).
std::map<std::string, std::string> align_phones(const std::map<std::string, std::string>& truth,
                                                const std::map<std::string, std::string>& pred) {
  std::vector<std::string> raw;
  for (const auto& [k, _] : truth)
    if (k.rfind("raw:", 0) == 0 && !pred.count(k)) raw.push_back(k);
  if (raw.empty()) return pred;
  std::map<std::string, std::string> out;
  for (const auto& [key, v] : pred) {
    std::string k = key;
    if (!truth.count(k)) {
      const std::string kd = digits_of(k);
      for (auto r = raw.begin(); r != raw.end(); ++r) {
        const std::string rd = digits_of(*r);
        if (kd.size() >= 8 && rd.size() >= 8 && kd.substr(kd.size() - 8) == rd.substr(rd.size() - 8)) {
          k = *r;
          raw.erase(r);
          break;
        }
      }
    }
    out.emplace(k, v);
  }
  return out;
}

std::set<std::string> keys(const std::map<std::string, std::string>& m) {
  std::set<std::string> s;
  for (const auto& [k, _] : m) s.insert(k);
  return s;
}

// How alike a truth card and a prediction are (score.py's similarity).
double similarity(const TruthCard& t, const Predicted& p) {
  double s = 3 * token_f1(t.name, p.name);
  const auto te = email_set(t.emails), pe = email_set(p.emails);
  for (const auto& e : pe) s += te.count(e) ? 2 : 0;
  const auto tp = truth_phones(t);
  for (const auto& [k, _] : align_phones(tp, predicted_phones(p, t.country))) s += tp.count(k) ? 2 : 0;
  s += token_f1(t.company, p.company);
  if (!t.website.empty() && !p.website.empty() && norm_website(t.website) == norm_website(p.website)) s += 1;
  return s;
}

// The assignment of rows to columns with the largest total score (Hungarian
// method, as scipy's linear_sum_assignment); pairs scoring 0 are dropped.
std::vector<std::pair<std::size_t, std::size_t>> best_assignment(const std::vector<std::vector<double>>& score) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  if (score.empty() || score.front().empty()) return pairs;
  const bool transpose = score.size() > score.front().size();
  const std::size_t n = transpose ? score.front().size() : score.size();  // rows, n <= m
  const std::size_t m = transpose ? score.size() : score.front().size();
  auto cost = [&](std::size_t i, std::size_t j) { return transpose ? -score[j][i] : -score[i][j]; };
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(m + 1, 0);
  std::vector<std::size_t> p(m + 1, 0), way(m + 1, 0);
  for (std::size_t i = 1; i <= n; ++i) {
    p[0] = i;
    std::size_t j0 = 0;
    std::vector<double> minv(m + 1, inf);
    std::vector<bool> used(m + 1, false);
    do {
      used[j0] = true;
      const std::size_t i0 = p[j0];
      double delta = inf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (std::size_t j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const std::size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  for (std::size_t j = 1; j <= m; ++j) {
    if (p[j] == 0) continue;
    const std::size_t row = p[j] - 1, col = j - 1;
    const std::size_t ti = transpose ? col : row, pj = transpose ? row : col;
    if (score[ti][pj] > 0) pairs.emplace_back(ti, pj);
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

std::vector<std::pair<std::size_t, std::size_t>> match(const std::vector<const TruthCard*>& truth,
                                                       const std::vector<Predicted>& preds) {
  std::vector<std::vector<double>> s(truth.size(), std::vector<double>(preds.size(), 0));
  for (std::size_t i = 0; i < truth.size(); ++i)
    for (std::size_t j = 0; j < preds.size(); ++j) s[i][j] = similarity(*truth[i], preds[j]);
  return best_assignment(s);
}

}  // namespace

void BenchReport::add(const TruthImage& truth, const FileOutput& output) {
  std::vector<const TruthCard*> tc;
  for (const auto& c : truth.cards) tc.push_back(&c);
  std::vector<Predicted> pc;
  for (const auto& c : output.cards) pc.push_back(predicted(c));

  if (only_latin) {
    std::vector<const TruthCard*> keep;
    for (const auto* c : tc)
      if (is_latin_card(*c)) keep.push_back(c);
    cards_skipped += static_cast<long>(tc.size() - keep.size());
    if (!tc.empty() && keep.empty()) {
      ++images_skipped;
      return;
    }
    if (keep.size() < tc.size()) {
      // A mixed image: the other cards go, and the predictions matched to them.
      std::set<std::size_t> drop;
      for (const auto& [i, j] : match(tc, pc))
        if (!is_latin_card(*tc[i])) drop.insert(j);
      std::vector<Predicted> kept;
      for (std::size_t j = 0; j < pc.size(); ++j)
        if (!drop.count(j)) kept.push_back(pc[j]);
      pc = std::move(kept);
      tc = std::move(keep);
    }
  }
  ++images_scored;

  for (const std::string& key : {truth.kind, std::string("all")}) {
    auto& c = counts[key];
    ++c.images;
    const long diff = std::labs(static_cast<long>(pc.size()) - static_cast<long>(tc.size()));
    c.abs_error += diff;
    if (diff == 0) ++c.exact;
  }

  const auto pairs = match(tc, pc);
  std::vector<int> truth_of(pc.size(), -1);
  for (const auto& [i, j] : pairs) truth_of[j] = static_cast<int>(i);

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
  auto confidence_of = [](const Predicted* p,
                          std::optional<double> parse::FieldConfidences::*field) -> std::optional<double> {
    if (p == nullptr) return std::nullopt;
    return p->contact->confidence.*field;
  };
  // One value per card: right, wrong (a false positive and a false negative),
  // missed or extra.
  auto scalar = [&](const std::string& field, const std::string& expected, const std::string& got, bool same,
                    std::optional<double> confidence) {
    auto& f = fields[field];
    if (!expected.empty() && !got.empty()) {
      if (same) {
        ++f.tp;
      } else {
        ++f.fp;
        ++f.fn;
      }
    } else if (!expected.empty()) {
      ++f.fn;
    } else if (!got.empty()) {
      ++f.fp;
    }
    if (!(same && !expected.empty() && !got.empty()) && (!expected.empty() || !got.empty()))
      mistakes.push_back(truth.file + " " + field + ": got \"" + got + "\", expected \"" + expected + "\"");
    if (!got.empty() && confidence) record_confidence(field, *confidence, same && !expected.empty());
  };
  auto set_field = [&](const std::string& field, const std::set<std::string>& expected,
                       const std::set<std::string>& got, std::optional<double> confidence) {
    auto& f = fields[field];
    for (const auto& g : got) {
      const bool right = expected.count(g) > 0;
      if (right) {
        ++f.tp;
      } else {
        ++f.fp;
        mistakes.push_back(truth.file + " " + field + ": extra \"" + g + "\"");
      }
      if (confidence) record_confidence(field, *confidence, right);
    }
    for (const auto& e : expected) {
      if (!got.count(e)) {
        ++f.fn;
        mistakes.push_back(truth.file + " " + field + ": missed \"" + e + "\"");
      }
    }
  };

  static const TruthCard no_truth;
  const std::string image_country = tc.empty() ? "US" : (tc.front()->country.empty() ? "US" : tc.front()->country);
  // Scores one pair (either side may be absent); true when the card is fully right.
  auto score_pair = [&](const TruthCard* t, const Predicted* p) {
    const TruthCard& tr = t ? *t : no_truth;
    static const Predicted nothing;
    const Predicted& pr = p ? *p : nothing;
    const std::string country = !tr.country.empty() ? tr.country : (t ? "US" : image_country);

    const bool name_same = !tr.name.empty() && !pr.name.empty() && norm_name(tr.name) == norm_name(pr.name);
    scalar("name", tr.name, pr.name, name_same, confidence_of(p, &parse::FieldConfidences::name));
    {
      std::string got = pr.title;
      bool same = !tr.title.empty() && !got.empty() && norm_text(tr.title) == norm_text(got);
      if (!tr.title.empty() && !got.empty() && !same && tr.title.find(" / ") != std::string::npos) {
        // A bilingual card prints one title in two languages: either one, or both, is right.
        std::size_t from = 0;
        for (;;) {
          const auto at = tr.title.find(" / ", from);
          if (norm_text(tr.title.substr(from, at == std::string::npos ? std::string::npos : at - from)) ==
              norm_text(got))
            same = true;
          if (at == std::string::npos) break;
          from = at + 3;
        }
      }
      if (!tr.title.empty() && !pr.department.empty() && !same) {
        // A title printed with its department matches the two given apart.
        const std::string t_norm = norm_text(tr.title);
        same = t_norm == norm_text(got + " " + pr.department) || t_norm == norm_text(pr.department + " " + got);
        if (got.empty()) got = pr.department;
      }
      scalar("title", tr.title, got, same, confidence_of(p, &parse::FieldConfidences::title));
    }
    scalar("company", tr.company, pr.company,
           !tr.company.empty() && !pr.company.empty() && norm_text(tr.company) == norm_text(pr.company),
           confidence_of(p, &parse::FieldConfidences::company));
    scalar("address", tr.address, pr.address,
           !tr.address.empty() && !pr.address.empty() && norm_text(tr.address) == norm_text(pr.address),
           confidence_of(p, &parse::FieldConfidences::address));
    scalar("website", tr.website, pr.website,
           !tr.website.empty() && !pr.website.empty() && norm_website(tr.website) == norm_website(pr.website),
           confidence_of(p, &parse::FieldConfidences::website));
    const auto te = email_set(tr.emails), pe = email_set(pr.emails);
    set_field("email", te, pe, confidence_of(p, &parse::FieldConfidences::emails));
    const auto tp = truth_phones(tr);
    const auto pp = align_phones(tp, predicted_phones(pr, country));
    const auto tk = keys(tp), pk = keys(pp);
    set_field("phone", tk, pk, confidence_of(p, &parse::FieldConfidences::phones));
    for (const auto& [k, type] : pp) {
      const auto it = tp.find(k);
      if (it == tp.end()) continue;
      ++phones_matched;
      if (type == it->second) {
        ++phone_types_correct;
      } else {
        mistakes.push_back(truth.file + " phone type: " + k + " got " + type + ", expected " + it->second);
      }
    }
    if (t == nullptr) return false;
    // A card that prints no person's name is right when no name is given for it.
    const bool name_ok = (!tr.name.empty() && !pr.name.empty()) ? norm_name(tr.name) == norm_name(pr.name)
                                                                 : (tr.name.empty() && pr.name.empty());
    return p != nullptr && name_ok && te == pe && tk == pk;
  };

  for (std::size_t i = 0; i < tc.size(); ++i) {
    const TruthCard& t = *tc[i];
    ++cards;
    if (t.qr) ++qr_cards;
    const auto it = std::find(truth_of.begin(), truth_of.end(), static_cast<int>(i));
    if (it == truth_of.end()) {
      mistakes.push_back(truth.file + ": card " + std::to_string(i + 1) + " (" + t.name + ") not found");
      score_pair(&t, nullptr);
      continue;
    }
    const Predicted& p = pc[static_cast<std::size_t>(it - truth_of.begin())];
    const CardReading& out = *p.reading;
    if (t.qr && out.qr) ++qr_decoded;
    if (score_pair(&t, &p)) ++cards_fully_correct;
    // Upright: the corner we read as top-left is the truth's top-left.
    if (!out.whole_image) {
      ++cards_located;
      const double x = out.quad[0], y = out.quad[1];
      std::size_t nearest = 0;
      double best = 1e18;
      for (std::size_t k = 0; k < 4; ++k) {
        const double d = std::hypot(x - t.quad[k][0], y - t.quad[k][1]);
        if (d < best) {
          best = d;
          nearest = k;
        }
      }
      if (nearest == 0) {
        ++cards_upright;
      } else {
        mistakes.push_back(truth.file + ": card " + std::to_string(i + 1) + " not upright (off by " +
                           std::to_string(nearest * 90) + "°)");
      }
    }
  }
  for (std::size_t j = 0; j < pc.size(); ++j) {
    if (truth_of[j] >= 0) continue;
    mistakes.push_back(truth.file + ": extra card detected");
    score_pair(nullptr, &pc[j]);
  }
}

nlohmann::json BenchReport::to_json() const {
  nlohmann::json j;
  for (const auto& [name, f] : fields) {
    j["fields"][name] = {
        {"precision", f.precision()}, {"recall", f.recall()}, {"f1", f.f1()}, {"tp", f.tp}, {"fp", f.fp}, {"fn", f.fn}};
  }
  j["cards"] = cards;
  j["images_scored"] = images_scored;
  if (only_latin) j["filter"] = {{"name", "only-latin"}, {"images_skipped", images_skipped}, {"cards_skipped", cards_skipped}};
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

}  // namespace cardscan::bench
