// `cardscan bench-store`: how long storing one card takes, for new people and
// for people already stored (merges). Prints figures; asserts nothing.

#include "tools/bench/cmd_bench.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <random>

#include "store/store.hpp"
#include "store/vcard.hpp"
#include "tools/cli/store_cli.hpp"

namespace cardscan::bench {

using cli::GlobalOptions;
using cli::kExitFailed;
using cli::kExitStore;
using cli::kExitUsage;
using cli::report_error;

namespace {

struct BenchArgs {
  int contacts = 10000;
  int photo_bytes = 0;
  bool memory = false;
  std::string db;
};

parse::Contact fake_person(int i) {
  static const char* given[] = {"Jane", "Bob", "Ana", "Kenji", "Zoë", "Lars", "Priya", "Omar", "Chloé", "Ivan"};
  static const char* family[] = {"Doe", "Roe", "García", "Sato", "Müller", "Okafor", "Nguyen", "Smith", "Rossi"};
  parse::Contact c;
  c.given = given[i % 10];
  c.family = std::string(family[i % 9]) + " " + std::to_string(i);
  c.name = c.given + " " + c.family;
  c.title = "Account Executive";
  c.company = "Company " + std::to_string(i % 997) + " Inc.";
  c.emails = {"person" + std::to_string(i) + "@company" + std::to_string(i % 997) + ".example"};
  c.phones = {
      {parse::PhoneType::work, "+1415" + std::to_string(1000000 + i), "(415) " + std::to_string(1000000 + i), "", 0.9},
      {parse::PhoneType::mobile, "+1650" + std::to_string(1000000 + i), "650 " + std::to_string(1000000 + i), "", 0.9}};
  c.websites = {"company" + std::to_string(i % 997) + ".example"};
  c.address = std::to_string(i) + " Main St, Springfield, IL 62701";
  c.confidence.name = 0.9;
  c.confidence.company = 0.8;
  c.confidence.emails = 0.95;
  c.confidence.phones = 0.9;
  return c;
}

struct Figures {
  double median = 0, p95 = 0, max = 0, total = 0;
};

Figures summarise(std::vector<double> ms) {
  Figures f;
  if (ms.empty()) return f;
  for (double v : ms) f.total += v;
  std::sort(ms.begin(), ms.end());
  f.median = ms[ms.size() / 2];
  f.p95 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(static_cast<double>(ms.size()) * 0.95))];
  f.max = ms.back();
  return f;
}

void print(const char* label, const Figures& f, int n) {
  std::cout << std::fixed << std::setprecision(3) << "  " << std::left << std::setw(34) << label << std::right
            << " median " << f.median << " ms   p95 " << f.p95 << " ms   max " << f.max << " ms   total "
            << std::setprecision(1) << f.total / 1000.0 << " s for " << n << "\n";
}

void run_bench(GlobalOptions& global, const BenchArgs& args) {
  if (args.contacts < 1) return report_error(global, "--contacts must be at least 1", kExitUsage);
  std::filesystem::path dir;
  std::string path = args.db;
  if (args.memory) {
    path = ":memory:";
  } else if (path.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "cardscan-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return report_error(global, "cannot create a temporary directory", kExitFailed);
    dir = pattern;
    path = (dir / "bench.db").string();
  } else if (std::filesystem::exists(path)) {
    return report_error(global, "--db-file " + path + " exists; the benchmark wants a fresh file", kExitUsage);
  }
  auto opened = store::Store::open(path);
  if (!opened) return report_error(global, opened.error(), kExitStore);
  store::Store& db = *opened;

  std::vector<unsigned char> photo(static_cast<std::size_t>(args.photo_bytes));
  std::mt19937 random(42);
  for (auto& b : photo) b = static_cast<unsigned char>(random());

  auto now = std::chrono::system_clock::now();
  auto timed_scan = [&](const std::string& sha, parse::Contact contact, std::vector<double>& into) {
    store::ScanRecord scan{"/bench/" + sha + ".jpg", sha, "Bench Expo", {{std::move(contact), "OCR text", photo}}};
    auto start = std::chrono::steady_clock::now();
    auto result = db.add_scan(scan, now);
    into.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    return result.has_value();
  };

  std::cout << "bench-store: " << args.contacts << " contacts, "
            << (args.memory ? "in memory" : "on disk (" + path + ", WAL, synchronous=NORMAL)")
            << (args.photo_bytes ? ", " + std::to_string(args.photo_bytes) + "-byte crop per card" : "") << "\n";
  std::vector<double> inserts, merges, rescans;
  for (int i = 0; i < args.contacts; ++i)
    if (!timed_scan("new-" + std::to_string(i), fake_person(i), inserts))
      return report_error(global, "insert failed at contact " + std::to_string(i));
  // Every person again from another photo, matched in turn by e-mail, by
  // phone, and by name + company (other values differ so the merge has work).
  for (int i = 0; i < args.contacts; ++i) {
    parse::Contact again = fake_person(i);
    switch (i % 3) {
      case 0:
        again.phones = {{parse::PhoneType::mobile, "+1212" + std::to_string(1000000 + i), "", "", 0.9}};
        again.name = again.given = again.family = "";
        again.company = "";
        break;
      case 1:
        again.emails = {"other" + std::to_string(i) + "@mail.example"};
        again.name = "";
        again.title = "Sales Director";
        break;
      case 2:
        again.emails = {"new" + std::to_string(i) + "@mail.example"};
        again.phones = {};
        break;
    }
    if (!timed_scan("again-" + std::to_string(i), again, merges))
      return report_error(global, "merge failed at contact " + std::to_string(i));
  }
  for (int i = 0; i < args.contacts; i += 10) {
    std::vector<double>& sink = rescans;
    if (!timed_scan("new-" + std::to_string(i), fake_person(i), sink))
      return report_error(global, "rescan failed at contact " + std::to_string(i));
  }
  print("insert (new contact + follow-up)", summarise(inserts), static_cast<int>(inserts.size()));
  print("merge (same person, other photo)", summarise(merges), static_cast<int>(merges.size()));
  print("rescan (same file, stores nothing)", summarise(rescans), static_cast<int>(rescans.size()));

  auto start = std::chrono::steady_clock::now();
  auto all = db.contacts();
  std::string vcards = store::to_vcards(all);
  double export_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::cout << std::setprecision(1) << "  read + vCard export of " << all.size() << " contacts: " << export_ms
            << " ms (" << vcards.size() / 1024 << " KiB)\n";
  std::cout << "  target: median insert <= 1 ms: " << (summarise(inserts).median <= 1.0 ? "met" : "NOT met") << "\n";
  if (!dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
}

}  // namespace

void register_bench_store(CLI::App& app, cli::GlobalOptions& global) {
  auto args = std::make_shared<BenchArgs>();
  auto* cmd = app.add_subcommand(
      "bench-store",
      "Benchmark the contact store: insert N new contacts (one card, one follow-up each), then merge N\n"
      "cards of the same people from other photos, then rescan already stored files; prints median, p95\n"
      "and max milliseconds per card. Uses a fresh temporary database (never --db).");
  cmd->add_option("--contacts", args->contacts, "How many contacts (default 10000)");
  cmd->add_option("--photo-bytes", args->photo_bytes, "Size of a fake card crop stored with each card (default 0)");
  cmd->add_flag("--memory", args->memory, "Use an in-memory database instead of a temporary file");
  cmd->add_option("--db-file", args->db, "Benchmark on this new database file instead of a temporary one");
  cmd->callback([&global, args] { run_bench(global, *args); });
}

}  // namespace cardscan::bench
