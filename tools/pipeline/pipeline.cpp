#include "tools/pipeline/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

#include <time.h>

#include <openssl/evp.h>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/engine.hpp"
#include "ocr/orientation.hpp"

namespace cardscan::tools {
namespace fs = std::filesystem;

namespace {

// Stage times are CPU time of the working thread: they stay meaningful when
// other work shares the machine, and add up to what a worker costs.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  }
};

double ms_since(Clock::time_point start) { return Clock::now() - start; }

void write_debug(const fs::path& dir, const fs::path& source, const cv::Mat& image,
                 const std::vector<capture::CardImage>& cards) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::string stem = source.stem().string();
  cv::Mat overlay = image.clone();
  const int thickness = std::max(2, std::max(image.cols, image.rows) / 400);
  for (std::size_t i = 0; i < cards.size(); ++i) {
    std::vector<cv::Point> pts;
    for (const auto& p : cards[i].quad) pts.emplace_back(cvRound(p.x), cvRound(p.y));
    cv::polylines(overlay, pts, true, cv::Scalar(0, 0, 255), thickness);
    cv::circle(overlay, pts[0], thickness * 4, cv::Scalar(0, 255, 0),
               cv::FILLED);  // the card's top-left as read
    cv::putText(overlay, std::to_string(i + 1), pts[0], cv::FONT_HERSHEY_SIMPLEX, thickness, cv::Scalar(255, 0, 0),
                thickness);
    const std::string card_stem = stem + "_card" + std::to_string(i + 1);
    cv::imwrite((dir / (card_stem + ".jpg")).string(), cards[i].pixels);
    // The exact image Tesseract is given (lossless), so a misread line can be
    // told apart from a capture fault.
    cv::imwrite((dir / (card_stem + "_ocr.png")).string(), ocr::prepare_for_ocr(cards[i].pixels, cards[i].code_quads));
  }
  cv::Mat small;
  const double s = std::min(1.0, 1600.0 / std::max(overlay.cols, overlay.rows));
  cv::resize(overlay, small, cv::Size(), s, s, cv::INTER_AREA);
  cv::imwrite((dir / (stem + "_overlay.jpg")).string(), small);
}

}  // namespace

bool reads_as_card(const parse::Contact& c) {
  return !c.emails.empty() || !c.phones.empty() || !c.websites.empty() || !c.address.empty() || !c.social.empty() ||
         !c.name.empty();
}

bool hidden_or_temporary(const std::string& name) {
  if (name.empty() || name[0] == '.' || name.back() == '~') return true;
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string suffix : {".part", ".crdownload", ".tmp", ".download", ".partial", ".swp"}) {
    if (lower.size() > suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0)
      return true;
  }
  return false;
}

bool is_image_file_name(const fs::path& path) {
  static const std::set<std::string> exts = {".jpg",  ".jpeg", ".jpe",  ".png",  ".tif", ".tiff",
                                             ".webp", ".bmp",  ".heic", ".heif", ".hif"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return !hidden_or_temporary(path.filename().string()) && exts.count(ext) > 0;
}

std::vector<fs::path> collect_inputs(const std::vector<std::string>& inputs, std::vector<std::string>& errors) {
  std::vector<fs::path> files;
  for (const auto& input : inputs) {
    const fs::path p(input);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (hidden_or_temporary(it->path().filename().string())) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && is_image_file_name(it->path())) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      errors.push_back(input + ": no such file or folder");
    }
  }
  return files;
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

OpenCvThreadShare::OpenCvThreadShare(int workers) : previous_(cv::getNumThreads()) {
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  cv::setNumThreads(std::max(1, cores / std::max(1, workers)));
}

OpenCvThreadShare::~OpenCvThreadShare() { cv::setNumThreads(previous_); }

Pipeline::Pipeline(PipelineOptions options) : options_(std::move(options)) {
  // OpenCV 4.6 builds its colour-conversion tables lazily and not thread-safely
  // (fixed upstream after 4.6): two workers converting to Lab at once leak and
  // may read half-built tables. Convert once here, before any worker starts.
  static const bool tables_ready = [] {
    cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(0, 0, 0)), lab;
    cv::cvtColor(pixel, lab, cv::COLOR_BGR2Lab);
    cv::cvtColor(lab, pixel, cv::COLOR_Lab2BGR);
    return true;
  }();
  (void)tables_ready;
}

Pipeline::Prepared Pipeline::prepare(const fs::path& path, const std::function<bool(const std::string&)>& skip) const {
  Prepared prepared;
  FileOutput& out = prepared.output;
  out.path = path;
  auto t = Clock::now();
  // read_image_file() refuses FIFOs and devices at once: opening one named
  // on the command line would otherwise block the batch forever.
  auto read = capture::read_image_file(path);
  if (!read) {
    out.error = read.error();
    return prepared;
  }
  std::string bytes = std::move(*read);
  out.sha256 = sha256_hex(bytes);
  out.times.read = ms_since(t);
  if (skip && skip(out.sha256)) {
    out.skipped = true;
    return prepared;
  }

  t = Clock::now();
  auto loaded = capture::decode_image(bytes, options_.load);
  bytes.clear();
  bytes.shrink_to_fit();
  out.times.load = ms_since(t);
  if (!loaded) {
    out.error = loaded.error();
    return prepared;
  }
  out.exif_orientation = loaded->exif_orientation;

  t = Clock::now();
  prepared.cards = capture::find_cards(loaded->pixels, options_.capture);
  out.times.detect = ms_since(t);
  out.cards.resize(prepared.cards.size());
  if (!options_.debug_dir.empty()) prepared.image = std::move(loaded->pixels);
  return prepared;
}

CardOutput Pipeline::read_card(ocr::Engine& engine, capture::CardImage& card, StageTimes& times) const {
  auto t = Clock::now();
  ocr::orient_card(engine, card);
  times.orient += ms_since(t);

  t = Clock::now();
  const ocr::Page page = engine.read(card.pixels, card.code_quads);
  times.ocr += ms_since(t);

  t = Clock::now();
  CardOutput co;
  co.contact = parse::extract(page, options_.parse, card.qr_payloads);
  times.parse += ms_since(t);
  co.ocr_text = page.text();
  co.page = page;
  co.qr_payloads = card.qr_payloads;
  co.rotation = card.rotation;
  co.whole_image = card.whole_image;
  co.qr = !card.qr_payloads.empty();
  for (int i = 0; i < 4; ++i) {
    co.quad[static_cast<std::size_t>(2 * i)] = card.quad[static_cast<std::size_t>(i)].x;
    co.quad[static_cast<std::size_t>(2 * i + 1)] = card.quad[static_cast<std::size_t>(i)].y;
  }
  if (options_.keep_crops) {
    cv::imencode(".jpg", card.pixels, co.crop_jpeg, {cv::IMWRITE_JPEG_QUALITY, 80});
  }
  return co;
}

void Pipeline::finish(Prepared& prepared) const {
  if (!options_.debug_dir.empty() && !prepared.image.empty())
    write_debug(options_.debug_dir, prepared.output.path, prepared.image, prepared.cards);
  prepared.image.release();
  prepared.cards.clear();
  FileOutput& out = prepared.output;
  if (out.skipped || !out.error.empty()) return;
  std::erase_if(out.cards, [](const CardOutput& card) { return !reads_as_card(card.contact); });
  if (out.cards.empty()) out.error = kNoCardFound;
}

FileOutput Pipeline::process(const fs::path& path, ocr::Engine& engine,
                             const std::function<bool(const std::string&)>& skip) const {
  Prepared prepared = prepare(path, skip);
  for (std::size_t i = 0; i < prepared.cards.size(); ++i)
    prepared.output.cards[i] = read_card(engine, prepared.cards[i], prepared.output.times);
  finish(prepared);
  return std::move(prepared.output);
}

std::string Pipeline::run(const std::vector<fs::path>& files, const std::function<bool(const std::string&)>& skip,
                          const std::function<void(FileOutput&&)>& done) const {
  if (files.empty()) return {};
  int workers = options_.workers > 0 ? options_.workers : static_cast<int>(std::thread::hardware_concurrency());
  workers = std::max(1, std::min<int>(workers, static_cast<int>(files.size())));
  const OpenCvThreadShare opencv_threads(workers);

  // Work is shared out by card, not only by file: the cards of a sheet are
  // read by whichever workers are free, so a ten-card scan at the end of a
  // batch does not leave the other cores idle. Cards already found are taken
  // before new files are opened, which keeps few images in memory at once.
  std::mutex mutex;  // guards everything below and calls into skip/done
  std::condition_variable ready;
  std::vector<std::optional<FileOutput>> results(files.size());
  std::vector<Prepared> in_flight(files.size());
  std::vector<std::size_t> cards_left(files.size(), 0);
  std::deque<std::pair<std::size_t, std::size_t>> card_queue;  // (file, card)
  std::size_t next_file = 0;
  int preparing = 0;  // workers cutting a file into cards, which may add card work
  std::condition_variable work;
  std::string start_error;
  int running = workers;

  auto guarded_skip = [&](const std::string& sha) {
    if (!skip) return false;
    std::lock_guard lock(mutex);
    return skip(sha);
  };
  // Called without the lock held; publishes a file once its last card is read.
  auto complete = [&](std::size_t index) {
    finish(in_flight[index]);
    {
      std::lock_guard lock(mutex);
      // A card that failed fails its file, as the watch does: no half of a sheet is stored.
      if (!in_flight[index].output.error.empty()) in_flight[index].output.cards.clear();
      results[index] = std::move(in_flight[index].output);
      in_flight[index] = Prepared{};
    }
    ready.notify_all();
  };
  auto worker = [&]() {
    auto engine = ocr::Engine::create(options_.ocr);
    if (!engine) {
      std::lock_guard lock(mutex);
      if (start_error.empty()) start_error = engine.error();
      --running;
      ready.notify_all();
      work.notify_all();
      return;
    }
    for (;;) {
      std::size_t file = 0, card = 0;
      {
        std::unique_lock lock(mutex);
        work.wait(lock, [&] {
          return !start_error.empty() || !card_queue.empty() || next_file < files.size() || preparing == 0;
        });
        if (!start_error.empty()) break;
        if (!card_queue.empty()) {
          std::tie(file, card) = card_queue.front();
          card_queue.pop_front();
        } else if (next_file < files.size()) {
          file = next_file++;
          ++preparing;
          lock.unlock();
          Prepared prepared;
          try {
            prepared = prepare(files[file], guarded_skip);
          } catch (const std::exception& e) {  // e.g. out of memory on a huge image: one file fails, not the batch
            prepared = Prepared{};
            prepared.output.path = files[file];
            prepared.output.error = e.what();
          }
          const std::size_t n = prepared.cards.size();
          lock.lock();
          --preparing;
          in_flight[file] = std::move(prepared);
          if (n == 0) {
            lock.unlock();
            work.notify_all();
            complete(file);
            continue;
          }
          cards_left[file] = n;
          for (std::size_t c = 1; c < n; ++c) card_queue.emplace_back(file, c);
          lock.unlock();
          work.notify_all();
          card = 0;
        } else {
          break;
        }
      }
      // The card's slot is not touched by anyone else until it is counted done.
      StageTimes times;
      CardOutput result;
      std::string failure;
      try {
        result = read_card(*engine, in_flight[file].cards[card], times);
      } catch (const std::exception& e) {
        failure = e.what();
      }
      bool last = false;
      {
        std::lock_guard lock(mutex);
        FileOutput& out = in_flight[file].output;
        out.cards[card] = std::move(result);
        if (!failure.empty() && out.error.empty()) out.error = failure;
        out.times.orient += times.orient;
        out.times.ocr += times.ocr;
        out.times.parse += times.parse;
        last = --cards_left[file] == 0;
      }
      if (last) complete(file);
    }
    std::lock_guard lock(mutex);
    --running;
    ready.notify_all();
  };

  std::vector<std::thread> threads;
  for (int i = 0; i < workers; ++i) threads.emplace_back(worker);
  std::size_t emitted = 0;
  {
    std::unique_lock lock(mutex);
    while (emitted < files.size()) {
      ready.wait(lock, [&] { return results[emitted].has_value() || (running == 0); });
      if (!results[emitted]) break;  // workers stopped early (engine failure)
      FileOutput r = std::move(*results[emitted]);
      results[emitted].reset();
      ++emitted;
      // done() runs under the lock so it never overlaps skip() on a worker.
      done(std::move(r));
    }
  }
  for (auto& th : threads) th.join();
  return start_error;
}

}  // namespace cardscan::tools
