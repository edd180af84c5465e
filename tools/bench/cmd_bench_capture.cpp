// cardscan bench-capture: runs only capture (load, find, warp, QR) and the
// per-card orientation over a labelled set or a folder, and prints how fast
// and how well cards are found and turned upright. No OCR, nothing stored.

#include "tools/bench/cmd_bench.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <map>
#include <numeric>
#include <sstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "capture/capture.hpp"
#include "capture/image_loader.hpp"
#include "capture/qr_reader.hpp"
#include "ocr/engine.hpp"
#include "ocr/orientation.hpp"
#include "tools/bench/truth.hpp"
#include "tools/pipeline/debug_images.hpp"
#include "tools/pipeline/pipeline.hpp"

namespace cardscan::bench {
namespace {

namespace fs = std::filesystem;

using pipeline::collect_inputs;
using pipeline::write_debug_images;

using Clock = std::chrono::steady_clock;

struct BenchCaptureOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> only;
  std::string debug_dir;
  std::string languages = "eng";
  std::string tessdata;
  bool orient = true;
  bool verbose = false;
  bool per_file = false;
  bool probe = false;
  capture::LoadOptions load;
  capture::CaptureOptions capture;
};

// CPU time of the calling thread: unlike wall time, not inflated by other
// processes competing for the cores.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string fixed(double v, int digits = 1) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(
      std::clamp(p * static_cast<double>(v.size() - 1) + 0.5, 0.0, static_cast<double>(v.size() - 1)));
  return v[i];
}

std::vector<cv::Point2f> polygon(const std::array<std::array<double, 2>, 4>& q) {
  std::vector<cv::Point2f> p;
  for (const auto& c : q) p.emplace_back(static_cast<float>(c[0]), static_cast<float>(c[1]));
  return p;
}

std::vector<cv::Point2f> polygon(const std::array<cv::Point2f, 4>& q) { return {q.begin(), q.end()}; }

// Intersection over union of two convex quadrilaterals.
double iou(const std::vector<cv::Point2f>& a, const std::vector<cv::Point2f>& b) {
  std::vector<cv::Point2f> inter;
  const double i = cv::intersectConvexConvex(a, b, inter, true);
  const double u = std::abs(cv::contourArea(a)) + std::abs(cv::contourArea(b)) - i;
  return u > 0 ? i / u : 0;
}

struct KindCount {
  int images = 0, exact = 0;
};

int run_bench_capture(BenchCaptureOptions& opt) {
  // A single .json input is a truth file: its images are scored against it.
  std::vector<TruthImage> truth;
  std::vector<fs::path> files;
  const bool scored = opt.inputs.size() == 1 && fs::path(opt.inputs[0]).extension() == ".json";
  if (scored) {
    auto loaded = load_truth(opt.inputs[0]);
    if (!loaded) {
      std::cerr << "cardscan bench-capture: " << loaded.error() << "\n";
      return 2;
    }
    truth = std::move(*loaded);
    if (!opt.only.empty()) {
      std::erase_if(truth, [&](const TruthImage& t) {
        return std::find(opt.only.begin(), opt.only.end(), t.file) == opt.only.end();
      });
    }
    const fs::path dir = fs::path(opt.inputs[0]).parent_path();
    for (const auto& t : truth) files.push_back(dir / t.file);
  } else {
    auto collected = collect_inputs(opt.inputs);
    files = std::move(collected.files);
    for (const auto& e : collected.errors) std::cerr << "cardscan bench-capture: " << e << "\n";
    if (!opt.only.empty()) {
      std::erase_if(files, [&](const fs::path& p) {
        return std::find(opt.only.begin(), opt.only.end(), p.filename().string()) == opt.only.end();
      });
    }
  }

  std::optional<ocr::Engine> engine;
  if (opt.orient) {
    ocr::OcrOptions o;
    o.languages = opt.languages;
    o.tessdata_dir = opt.tessdata;
    auto e = ocr::Engine::create(o);
    if (!e) {
      std::cerr << "cardscan bench-capture: " << e.error() << "\n";
      return 2;
    }
    engine.emplace(std::move(*e));
  }

  std::vector<double> capture_ms, load_ms, find_ms, orient_ms, capture_cpu, detect_cpu, qr_cpu, orient_cpu;
  std::array<int, 4> oriented_by{};
  std::map<std::string, KindCount> counts;
  int truth_cards = 0, located = 0, upright = 0, qr_cards = 0, qr_decoded = 0, failed = 0, whole = 0;
  int images_with_card = 0;
  double iou_sum = 0;
  std::vector<std::string> mistakes;

  for (std::size_t f = 0; f < files.size(); ++f) {
    const fs::path& path = files[f];
    const auto t0 = Clock::now();
    const double c0 = cpu_ms();
    std::string bytes;
    {
      std::ifstream in(path, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    auto image = capture::decode_image(bytes, opt.load);
    const double t_load = ms_since(t0);
    if (!image) {
      ++failed;
      std::cerr << "cardscan bench-capture: " << path.string() << ": " << image.error() << "\n";
      continue;
    }
    const auto t1 = Clock::now();
    const double c1 = cpu_ms();
    capture::CaptureOptions no_qr = opt.capture;
    no_qr.decode_qr = false;
    auto cards = capture::find_cards(image->pixels, no_qr);
    const double c2 = cpu_ms();
    if (opt.capture.decode_qr) {
      for (auto& card : cards) card.qr_payloads = capture::read_qr_codes(card.pixels);
    }
    const double t_find = ms_since(t1);
    detect_cpu.push_back(c2 - c1);
    qr_cpu.push_back(cpu_ms() - c2);
    capture_cpu.push_back(cpu_ms() - c0);
    load_ms.push_back(t_load);
    find_ms.push_back(t_find);
    capture_ms.push_back(t_load + t_find);
    std::vector<std::string> layout_notes(cards.size());
    if (engine) {
      for (std::size_t c = 0; c < cards.size(); ++c) {
        auto& card = cards[c];
        const auto layout = ocr::orientation_from_layout(card.pixels);  // for the report only
        layout_notes[c] = " [layout " + std::string(layout.decided ? "decided " : "undecided ") +
                          std::to_string(layout.degrees) + "°, lines " + std::to_string(layout.line_votes) + "/" +
                          std::to_string(layout.across_votes) + ", asc/desc " + std::to_string(layout.ascenders) + "/" +
                          std::to_string(layout.descenders) + "]";
        if (opt.probe && layout.lines_decided) {
          const double cp = cpu_ms();
          const auto probe = ocr::probe_upside_down(*engine, card.pixels, layout.degrees);
          layout_notes[c] +=
              " [probe " + fixed(probe.as_is) + "/" + fixed(probe.flipped) + ", " + fixed(cpu_ms() - cp) + " ms CPU]";
        }
        const auto t2 = Clock::now();
        const double c2 = cpu_ms();
        const ocr::OrientationDecision turn = ocr::decide_orientation(*engine, card.pixels, card.whole_image);
        capture::rotate_card(card, turn.degrees);
        const ocr::OrientedBy by = turn.by;
        ++oriented_by[static_cast<int>(by)];
        orient_ms.push_back(ms_since(t2));
        orient_cpu.push_back(cpu_ms() - c2);
      }
    }
    if (!opt.debug_dir.empty()) write_debug_images(opt.debug_dir, path, image->pixels, cards);
    bool any_card = false;
    for (const auto& c : cards) {
      if (c.whole_image)
        ++whole;
      else
        any_card = true;
    }
    if (any_card) ++images_with_card;
    if (opt.per_file) {
      std::cout << path.filename().string() << ": " << cards.size() << " card(s)";
      for (std::size_t c = 0; c < cards.size(); ++c) {
        std::cout << (cards[c].whole_image ? " [whole image]" : "") << " rot " << cards[c].rotation << layout_notes[c];
      }
      std::cout << ", " << fixed(t_load + t_find) << " ms\n";
    }
    if (!scored) continue;

    const TruthImage& t = truth[f];
    for (const std::string& key : {t.kind, std::string("all")}) {
      auto& k = counts[key];
      ++k.images;
      if (cards.size() == t.cards.size()) ++k.exact;
    }
    // Greedy one-to-one matching by overlap.
    std::vector<int> match(t.cards.size(), -1);
    std::vector<bool> used(cards.size(), false);
    for (;;) {
      double best = 0.3;
      int bi = -1, bj = -1;
      for (std::size_t i = 0; i < t.cards.size(); ++i) {
        if (match[i] >= 0) continue;
        for (std::size_t j = 0; j < cards.size(); ++j) {
          if (used[j]) continue;
          const double v = iou(polygon(t.cards[i].quad), polygon(cards[j].quad));
          if (v > best) {
            best = v;
            bi = static_cast<int>(i);
            bj = static_cast<int>(j);
          }
        }
      }
      if (bi < 0) break;
      match[static_cast<std::size_t>(bi)] = bj;
      used[static_cast<std::size_t>(bj)] = true;
    }
    for (std::size_t j = 0; j < cards.size(); ++j) {
      if (!used[j])
        mistakes.push_back(t.file + ": extra card detected" + (cards[j].whole_image ? " (whole image)" : ""));
    }
    for (std::size_t i = 0; i < t.cards.size(); ++i) {
      const TruthCard& tc = t.cards[i];
      ++truth_cards;
      if (tc.qr) ++qr_cards;
      const std::string label = t.file + ": card " + std::to_string(i + 1);
      if (match[i] < 0) {
        mistakes.push_back(label + " not found");
        continue;
      }
      const auto& card = cards[static_cast<std::size_t>(match[i])];
      if (card.whole_image) {
        mistakes.push_back(label + " not outlined (whole image used)");
        continue;
      }
      ++located;
      const double v = iou(polygon(tc.quad), polygon(card.quad));
      iou_sum += v;
      if (v < 0.85) mistakes.push_back(label + " outline loose (IoU " + fixed(v, 2) + ")");
      if (tc.qr) {
        if (card.qr_payloads.empty())
          mistakes.push_back(label + " QR not decoded");
        else
          ++qr_decoded;
      }
      std::size_t nearest = 0;
      double best = 1e18;
      for (std::size_t k = 0; k < 4; ++k) {
        const double d = std::hypot(card.quad[0].x - tc.quad[k][0], card.quad[0].y - tc.quad[k][1]);
        if (d < best) {
          best = d;
          nearest = k;
        }
      }
      if (nearest == 0)
        ++upright;
      else
        mistakes.push_back(label + " not upright (off by " + std::to_string(nearest * 90) + "°)" +
                           layout_notes[static_cast<std::size_t>(match[i])]);
    }
  }

  const std::size_t n = capture_ms.size();
  std::cout << "cardscan bench-capture: " << files.size() << " images, " << failed << " failed to load, "
            << images_with_card << " with at least one card outline, " << whole << " whole-image fallbacks\n";
  if (scored) {
    std::cout << "contact count exact per image:";
    for (const auto& [kind, k] : counts) std::cout << "  " << kind << " " << k.exact << "/" << k.images;
    std::cout << "\ncards located: " << located << "/" << truth_cards << " (mean IoU "
              << fixed(located ? iou_sum / located : 0, 3) << ")   upright cards: " << upright << "/" << located
              << "   QR codes decoded: " << qr_decoded << "/" << qr_cards << "\n";
  }
  std::cout << "capture ms per photo (load + find + warp + QR, one thread): median "
            << fixed(percentile(capture_ms, 0.5)) << ", p90 " << fixed(percentile(capture_ms, 0.9)) << ", max "
            << fixed(percentile(capture_ms, 1.0)) << "  [load median " << fixed(percentile(load_ms, 0.5))
            << ", find median " << fixed(percentile(find_ms, 0.5)) << "] over " << n << " photos\n";
  std::cout << "capture CPU ms per photo: median " << fixed(percentile(capture_cpu, 0.5)) << ", p90 "
            << fixed(percentile(capture_cpu, 0.9)) << "  [detect+warp median " << fixed(percentile(detect_cpu, 0.5))
            << ", QR median " << fixed(percentile(qr_cpu, 0.5)) << "]\n";
  if (!orient_ms.empty()) {
    double sum = 0;
    for (double v : orient_ms) sum += v;
    std::cout << "orientation ms per card: median " << fixed(percentile(orient_ms, 0.5)) << ", p90 "
              << fixed(percentile(orient_ms, 0.9)) << ", mean " << fixed(sum / static_cast<double>(orient_ms.size()))
              << " over " << orient_ms.size() << " cards; CPU median " << fixed(percentile(orient_cpu, 0.5))
              << ", mean "
              << fixed(std::accumulate(orient_cpu.begin(), orient_cpu.end(), 0.0) /
                       static_cast<double>(orient_cpu.size()))
              << "\n"
              << "orientation decided by: layout " << oriented_by[0] << ", reading a line both ways " << oriented_by[1]
              << ", Tesseract OSD " << oriented_by[2] << ", nothing " << oriented_by[3] << "\n";
  }
  if (opt.verbose && !mistakes.empty()) {
    std::cout << "\nmistakes:\n";
    for (const auto& m : mistakes) std::cout << "  " << m << "\n";
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace

void register_bench_capture(CLI::App& app, cli::GlobalOptions& global) {
  auto opt = std::make_shared<BenchCaptureOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bench-capture",
      "Time and score capture alone: loading, finding, flattening and QR-decoding cards, then turning each\n"
      "upright. Given a truth.json, also prints card counts per kind, located/upright cards and QR decoding.\n"
      "Runs on one thread so the milliseconds are those of one core. Nothing is stored.");
  cmd->add_option("inputs", opt->inputs, "truth.json of a labelled set, or image files and folders")->required();
  cmd->add_option("--only", opt->only, "Only these image files (by file name)");
  cmd->add_option("--debug-dir", opt->debug_dir, "Write each card crop and an overlay of detected outlines here");
  cmd->add_flag("!--no-orient", opt->orient, "Skip the per-card orientation step (no Tesseract)");
  cmd->add_option("--lang", opt->languages, "Tesseract languages for orientation")->capture_default_str();
  cmd->add_option("--tessdata", opt->tessdata, "Folder of Tesseract language data");
  cmd->add_option("--max-megapixels", opt->load.max_megapixels, "Refuse larger images")->capture_default_str();
  cmd->add_flag("--per-file", opt->per_file, "Print each file's card count, turns and milliseconds");
  cmd->add_flag("--probe", opt->probe, "Also report the upside-down reading probe of every card whose lines are clear");
  cmd->add_flag("-v,--verbose", opt->verbose, "List every mistake (with a truth file)");
  cmd->callback([opt, &global]() { global.exit_code = run_bench_capture(*opt); });
}

}  // namespace cardscan::bench
