// cardscan bench: runs the pipeline over a labelled set and prints how well
// and how fast it reads it.

#include "tools/bench/cmd_bench.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "tools/bench/page_json.hpp"
#include "tools/bench/scoring.hpp"
#include "tools/bench/truth.hpp"
#include "tools/cli/contact_json.hpp"
#include <fstream>
#include "tools/cli/pipeline_cli.hpp"
#include "tools/pipeline/pipeline.hpp"
#include "tools/pipeline/worker_pool.hpp"

namespace cardscan::bench {
namespace {

// The pipeline wing reads the images; the CLI wing's options and JSON are reused.
using cli::add_pipeline_options;
using cli::file_to_json;
using pipeline::CardReading;
using pipeline::FileOutput;
using pipeline::kNoCardFound;
using pipeline::PipelineOptions;
using pipeline::reads_as_card;
using pipeline::run_in_order;
using pipeline::StageTimes;

struct BenchOptions {
  std::string truth;
  std::string image_dir;
  bool json = false;
  bool verbose = false;
  bool timing = false;
  std::size_t limit = 0;
  std::vector<std::string> only;
  bool baseline = false;
  bool only_latin = false;
  std::string save_pages;
  std::string load_pages;
  std::string predictions;
  PipelineOptions pipeline;
};

std::string fixed(double v, int digits = 3) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

int run_bench(BenchOptions& opt) {
  auto truth = load_truth(opt.truth);
  if (!truth) {
    std::cerr << "cardscan bench: " << truth.error() << "\n";
    return 2;
  }
  std::vector<TruthImage> images = std::move(*truth);
  if (!opt.only.empty()) {
    std::erase_if(images, [&](const TruthImage& t) {
      return std::find(opt.only.begin(), opt.only.end(), t.file) == opt.only.end();
    });
  }
  if (opt.limit > 0 && images.size() > opt.limit) images.resize(opt.limit);
  const std::filesystem::path dir =
      opt.image_dir.empty() ? std::filesystem::path(opt.truth).parent_path() : std::filesystem::path(opt.image_dir);
  std::vector<std::filesystem::path> files;
  for (const auto& t : images) files.push_back(dir / t.file);

  BenchReport report;
  report.only_latin = opt.only_latin;
  StageTimes sum;
  std::vector<double> per_file_ms;
  std::size_t total_cards = 0, failed = 0, index = 0;
  const auto start = std::chrono::steady_clock::now();
  if (!opt.save_pages.empty()) std::filesystem::create_directories(opt.save_pages);
  std::ofstream predictions;
  if (!opt.predictions.empty()) {
    predictions.open(opt.predictions);
    if (!predictions) {
      std::cerr << "cardscan bench: cannot write " << opt.predictions << "\n";
      return 2;
    }
  }
  auto consume = [&](FileOutput&& out) {
    const TruthImage& t = images[index++];
    if (!opt.save_pages.empty()) {
      std::vector<SavedCard> saved;
      for (const auto& c : out.cards) saved.push_back({c.page, c.qr_payloads, c});
      if (auto saved_ok = save_cards(std::filesystem::path(opt.save_pages) / (t.file + ".json"), saved); !saved_ok) {
        std::cerr << "cardscan bench: " << saved_ok.error() << "\n";
      }
    }
    if (out.error) {
      ++failed;
      std::cerr << "cardscan bench: " << out.path.string() << ": " << *out.error << "\n";
    }
    report.add(t, out);
    // The same JSON Lines as `scan --json`, so ../shared/bench/score.py can
    // score this run (also one made with --load-pages) against the truth.
    if (predictions.is_open()) predictions << file_to_json(out).dump() << "\n";
    total_cards += out.cards.size();
    sum.read += out.times.read;
    sum.load += out.times.load;
    sum.detect += out.times.detect;
    sum.orient += out.times.orient;
    sum.ocr += out.times.ocr;
    sum.parse += out.times.parse;
    per_file_ms.push_back(out.times.total());
    if (!opt.json && isatty(2)) std::cerr << "\r" << index << "/" << files.size() << std::flush;
  };
  std::expected<void, std::string> ran;
  if (!opt.load_pages.empty()) {
    // Parse alone, on pages saved by an earlier --save-pages run.
    for (const auto& t : images) {
      FileOutput out;
      out.path = dir / t.file;
      auto saved = load_cards(std::filesystem::path(opt.load_pages) / (t.file + ".json"));
      if (!saved) {
        out.error = saved.error();
      } else {
        for (auto& s : *saved) {
          CardReading c = s.geometry;
          const auto start_parse = std::chrono::steady_clock::now();
          c.contact = parse::extract(s.page, opt.pipeline.parse, s.qr_payloads);
          out.times.parse +=
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_parse).count();
          out.cards.push_back(std::move(c));
        }
        // The pipeline's rule: what does not read as a card is no card.
        std::erase_if(out.cards, [](const CardReading& c) { return !reads_as_card(c.contact); });
        if (out.cards.empty()) out.error = kNoCardFound;
      }
      consume(std::move(out));
    }
  } else {
    ran = run_in_order(opt.pipeline, files, {}, consume);
  }
  if (!opt.json && isatty(2)) std::cerr << "\r\033[K";
  if (!ran) {
    std::cerr << "cardscan bench: " << ran.error() << "\n";
    return 2;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  const double n = std::max<double>(1.0, static_cast<double>(files.size()));
  std::sort(per_file_ms.begin(), per_file_ms.end());
  const double median_ms = per_file_ms.empty() ? 0 : per_file_ms[per_file_ms.size() / 2];

  nlohmann::json j = report.to_json();
  j["images"] = files.size();
  j["failed_images"] = failed;
  j["seconds_per_image"] = wall / n;
  j["cards_per_second"] = wall > 0 ? static_cast<double>(total_cards) / wall : 0.0;
  j["workers"] = opt.pipeline.workers;
  j["timing_ms"] = {{"read", sum.read / n},         {"load", sum.load / n}, {"detect", sum.detect / n},
                    {"orient", sum.orient / n},     {"ocr", sum.ocr / n},   {"parse", sum.parse / n},
                    {"median_per_image", median_ms}};
  j["peak_rss_mb"] = peak_mb;

  if (opt.baseline) {
    // The same files through plain `tesseract IMAGE stdout`, one after the
    // other, as a user would run it (with Tesseract's own threading).
    const auto base_start = std::chrono::steady_clock::now();
    std::size_t base_failed = 0;
    for (const auto& f : files) {
      std::string command;
      if (std::getenv("CARDSCAN_SET_OMP_THREAD_LIMIT")) command = "env -u OMP_THREAD_LIMIT ";
      std::string quoted = "'";
      for (char c : f.string()) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      quoted += "'";
      command += "tesseract " + quoted + " stdout >/dev/null 2>&1";
      if (std::system(command.c_str()) != 0) ++base_failed;
    }
    const double base_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - base_start).count();
    std::size_t truth_cards = 0;
    for (const auto& t : images) truth_cards += t.cards.size();
    const double base_rate = base_wall > 0 ? static_cast<double>(truth_cards) / base_wall : 0;
    j["baseline"] = {{"command", "tesseract IMAGE stdout"},
                     {"seconds", base_wall},
                     {"failed", base_failed},
                     {"cards_per_second", base_rate},
                     {"speedup", base_rate > 0 ? j["cards_per_second"].get<double>() / base_rate : 0.0}};
  }
  if (opt.json) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "cardscan bench: " << files.size() << " images, " << report.cards << " cards, " << opt.pipeline.workers
            << " workers (0 = one per core)\n";
  if (opt.only_latin)
    std::cout << "only Latin-script cards: " << report.images_skipped << " images and " << report.cards_skipped
              << " cards of other scripts left out\n";
  std::cout << "\n";
  std::cout << "field       precision  recall   F1\n";
  for (const char* f : {"name", "title", "company", "email", "phone", "website", "address"}) {
    const auto it = report.fields.find(f);
    if (it == report.fields.end()) continue;
    std::cout << std::left << std::setw(12) << f << std::setw(11) << fixed(it->second.precision()) << std::setw(9)
              << fixed(it->second.recall()) << fixed(it->second.f1()) << "\n";
  }
  std::cout << "\ncards fully correct (name, every email, every phone): "
            << fixed(j["cards_fully_correct"].get<double>()) << " (" << report.cards_fully_correct << "/"
            << report.cards << ")\n";
  std::cout << "phone type accuracy: " << fixed(j["phone_type_accuracy"].get<double>()) << " ("
            << report.phone_types_correct << "/" << report.phones_matched << ")\n";
  std::cout << "contact count exact per image:";
  for (const auto& [kind, c] : report.counts) {
    std::cout << "  " << kind << " " << c.exact << "/" << c.images << " (mean abs error "
              << fixed(c.images ? static_cast<double>(c.abs_error) / static_cast<double>(c.images) : 0, 2) << ")";
  }
  std::cout << "\nupright cards: " << report.cards_upright << "/" << report.cards_located
            << "   QR codes decoded: " << report.qr_decoded << "/" << report.qr_cards << "\n";
  std::cout << "confidence calibration (accuracy of fields by stated confidence):\n";
  for (const auto& bin : report.calibration) {
    std::cout << "  [" << fixed(bin.low, 1) << ", " << fixed(std::min(1.0, bin.high), 1) << (bin.high > 1 ? "]" : ")")
              << "  " << std::setw(5) << bin.fields << " fields  accuracy "
              << (bin.fields ? fixed(static_cast<double>(bin.correct) / static_cast<double>(bin.fields))
                             : std::string("-"))
              << "\n";
  }
  if (opt.verbose) {
    std::cout << "  by field (fields/accuracy per bin):\n";
    for (const auto& [field, bins] : report.calibration_by_field) {
      std::cout << "    " << std::left << std::setw(10) << field;
      for (const auto& bin : bins) {
        std::cout << "  " << std::setw(4) << bin.fields << " "
                  << (bin.fields ? fixed(static_cast<double>(bin.correct) / static_cast<double>(bin.fields), 2)
                                 : std::string(" -  "));
      }
      std::cout << "\n";
    }
  }
  std::cout << "\nseconds per image: " << fixed(wall / n)
            << " (wall, all workers), cards per second: " << fixed(j["cards_per_second"].get<double>(), 2) << "\n";
  if (opt.baseline) {
    std::cout << "tesseract IMAGE stdout over the same files: " << fixed(j["baseline"]["seconds"].get<double>(), 1)
              << " s, " << fixed(j["baseline"]["cards_per_second"].get<double>(), 2)
              << " cards per second; cardscan is " << fixed(j["baseline"]["speedup"].get<double>(), 2)
              << "x that rate\n";
  }
  if (opt.timing) {
    std::cout << "ms per image by stage (summed over workers): read " << fixed(sum.read / n, 1) << ", load "
              << fixed(sum.load / n, 1) << ", detect+warp+QR " << fixed(sum.detect / n, 1) << ", orient "
              << fixed(sum.orient / n, 1) << ", OCR " << fixed(sum.ocr / n, 1) << ", parse " << fixed(sum.parse / n, 1)
              << "\nmedian ms per image (one worker's time): " << fixed(median_ms, 1)
              << "\npeak resident memory: " << fixed(peak_mb, 1) << " MB\n";
  }
  if (opt.verbose) {
    std::cout << "\nmistakes:\n";
    for (const auto& m : report.mistakes) std::cout << "  " << m << "\n";
  }
  return 0;
}

}  // namespace

void register_bench(CLI::App& app, cli::GlobalOptions& global) {
  auto opt = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bench",
      "Run the pipeline over a labelled set (truth.json as in ../shared/cards/README.md) and print per-field\n"
      "precision, recall and F1, cards fully correct, phone-type accuracy, contact-count error per kind,\n"
      "upright rate, QR decoding, confidence calibration and speed. Nothing is stored.");
  cmd->add_option("truth", opt->truth, "truth.json of the labelled set")->required()->check(CLI::ExistingFile);
  cmd->add_option("image_dir", opt->image_dir, "Folder of the images (default: the truth file's folder)")
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--json", opt->json, "Print the figures as one JSON object");
  cmd->add_flag("-v,--verbose", opt->verbose, "List every wrong field");
  cmd->add_flag("--timing", opt->timing, "Also print milliseconds per stage and peak memory");
  cmd->add_flag("--baseline", opt->baseline,
                "Also time plain `tesseract IMAGE stdout` over the same files and compare the card rates");
  cmd->add_option("--limit", opt->limit, "Only the first N images");
  cmd->add_option("--only", opt->only, "Only these image files (names as in the truth)");
  cmd->add_flag("--only-latin", opt->only_latin,
                "Score only cards in a Latin-script language (as score.py --only-latin; cards with no language kept)");
  cmd->add_option("--save-pages", opt->save_pages,
                  "Save each card's OCR page (text and geometry) as JSON in this folder");
  cmd->add_option("--predictions", opt->predictions,
                  "Also write what was read as `scan --json` lines");
  cmd->add_option("--load-pages", opt->load_pages,
                  "Skip capture and OCR: score parse alone on pages saved by --save-pages")
      ->check(CLI::ExistingDirectory);
  add_pipeline_options(*cmd, opt->pipeline);
  cmd->callback([opt, &global]() { global.exit_code = run_bench(*opt); });
}

}  // namespace cardscan::bench
