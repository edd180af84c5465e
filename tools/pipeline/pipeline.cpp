#include "tools/pipeline/pipeline.hpp"

#include <algorithm>
#include <locale>
#include <set>
#include <thread>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tools/pipeline/debug_images.hpp"
#include "tools/pipeline/stage_clock.hpp"

namespace cardscan::pipeline {
namespace fs = std::filesystem;

namespace {

double ms_since(double start) { return stage_clock_ms() - start; }

}  // namespace

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

CollectedInputs collect_inputs(const std::vector<std::string>& inputs) {
  CollectedInputs collected;
  std::vector<fs::path>& files = collected.files;
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
      collected.errors.push_back(input + ": no such file or folder");
    }
  }
  return collected;
}

int worker_count(const PipelineOptions& options) {
  return options.workers > 0 ? options.workers : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

OpenCvThreadShare::OpenCvThreadShare(int workers) : previous_(cv::getNumThreads()) {
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  cv::setNumThreads(std::max(1, cores / std::max(1, workers)));
}

OpenCvThreadShare::~OpenCvThreadShare() { cv::setNumThreads(previous_); }

Pipeline::Pipeline(PipelineOptions options)
    : options_(std::move(options)), read_options_{options_.capture, options_.parse, options_.keep_crops} {
  // OpenCV 4.6 builds its colour-conversion tables lazily and not thread-safely
  // (fixed upstream after 4.6): two workers converting to Lab at once leak and
  // may read half-built tables. Convert once here, before any worker starts.
  // Likewise the matrix expressions' initializer (what Mat::zeros and ones
  // return), made on first use behind a double-checked lock that gives the
  // other threads no happens-before (ThreadSanitizer reports it).
  // Likewise libstdc++'s ctype<char> narrow cache, which every std::regex
  // compile goes through and which each character fills on first use, in the
  // one shared facet, unlocked (GCC bug 77704): the range overload fills all
  // 256 entries on its first call, so the workers' regexes only read it.
  static const bool tables_ready = [] {
    const char letter = 'a';
    char narrowed = 0;
    std::use_facet<std::ctype<char>>(std::locale()).narrow(&letter, &letter + 1, '\0', &narrowed);
    cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(0, 0, 0)), lab;
    cv::cvtColor(pixel, lab, cv::COLOR_BGR2Lab);
    cv::cvtColor(lab, pixel, cv::COLOR_Lab2BGR);
    const cv::Mat zero = cv::Mat::zeros(1, 1, CV_8U);
    // imgcodecs registers its decoders in a function-local static on the
    // first imdecode/imwrite; asking for a writer builds that table here,
    // before any worker thread decodes, so two first decodes never race
    // to build it (and TSan, which cannot see the library's inline guard
    // check, has no first-use publication to misreport).
    const bool codecs_ready = cv::haveImageWriter(".png");
    return codecs_ready && !zero.empty();
  }();
  (void)tables_ready;
}

PreparedFile Pipeline::prepare(const fs::path& path, const SkipCheck& skip) const {
  PreparedFile prepared;
  FileOutput& out = prepared.output;
  out.path = path;
  auto t = stage_clock_ms();
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

  t = stage_clock_ms();
  auto loaded = capture::decode_image(bytes, options_.load);
  out.times.load = ms_since(t);
  if (!loaded) {
    out.error = loaded.error();
    return prepared;
  }
  out.exif_orientation = loaded->exif_orientation;
  out.notes = loaded->notes;

  t = stage_clock_ms();
  prepared.cards = capture::find_cards(loaded->pixels, options_.capture);
  out.times.detect = ms_since(t);
  out.cards.resize(prepared.cards.size());
  if (prepared.cards.size() == 1 && !prepared.cards[0].whole_image) prepared.encoded = std::move(bytes);
  if (!options_.debug_dir.empty()) prepared.image = std::move(loaded->pixels);
  return prepared;
}

CardReading Pipeline::read_card(ocr::Engine& engine, PreparedFile& file, std::size_t index, StageTimes& times) const {
  PictureSource picture;
  if (!file.encoded.empty()) {
    picture = [&] {
      auto loaded = capture::decode_image(file.encoded, options_.load);
      return loaded ? std::move(loaded->pixels) : cv::Mat();
    };
  }
  return pipeline::read_card(engine, file.cards[index], read_options_, times, picture);
}

FileOutput Pipeline::finish(PreparedFile&& file) const {
  if (!options_.debug_dir.empty() && !file.image.empty())
    write_debug_images(options_.debug_dir, file.output.path, file.image, file.cards);
  file.image.release();
  file.encoded.clear();
  file.encoded.shrink_to_fit();
  file.cards.clear();
  FileOutput out = std::move(file.output);
  // A card that failed fails its file: no half of a sheet is stored.
  if (out.error || out.skipped) {
    out.cards.clear();
    return out;
  }
  std::erase_if(out.cards, [](const CardReading& card) { return !reads_as_card(card.contact); });
  if (out.cards.empty()) out.error = kNoCardFound;
  return out;
}

FileOutput Pipeline::process(const fs::path& path, ocr::Engine& engine, const SkipCheck& skip) const {
  PreparedFile prepared = prepare(path, skip);
  for (std::size_t i = 0; i < prepared.cards.size(); ++i)
    prepared.output.cards[i] = read_card(engine, prepared, i, prepared.output.times);
  return finish(std::move(prepared));
}

}  // namespace cardscan::pipeline
