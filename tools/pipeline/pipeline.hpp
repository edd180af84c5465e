#pragma once
// One image file through the pipeline: read, hash (for the store's
// idempotency), decode, then read_cards' steps (find the cards, turn, OCR and
// parse each, keep those that read as cards). The worker pool
// (worker_pool.hpp) runs these steps for many files on many threads.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "capture/capture.hpp"
#include "capture/image_loader.hpp"
#include "ocr/engine.hpp"
#include "parse/contact.hpp"
#include "parse/extract.hpp"
#include "tools/pipeline/read_cards.hpp"
#include "tools/pipeline/sha256.hpp"  // sha256_hex, FileOutput::sha256

namespace cardscan::pipeline {

struct PipelineOptions {
  capture::LoadOptions load;
  capture::CaptureOptions capture;
  ocr::OcrOptions ocr;
  parse::ParseOptions parse;
  int workers = 0;                  // 0: one per core
  bool keep_crops = false;          // JPEG-encode each card crop into the result (for the store)
  std::filesystem::path debug_dir;  // write crops and detection overlays here when set
};

// What a file whose cards all fail reads_as_card (or that has none) reports.
inline constexpr const char* kNoCardFound = "no card found";

struct FileOutput {
  std::filesystem::path path;
  std::string sha256;    // hex digest of the file's bytes (empty if unreadable)
  std::optional<std::string> error;  // why the file failed, for the user; none when it was read
  bool skipped = false;  // not processed: the store already has this content
  int exif_orientation = 0;
  // How the file was read, for the user (capture::LoadedImage::notes: TIFF
  // pages left out, an animation read from its first frame); usually empty.
  std::vector<std::string> notes;
  std::vector<CardReading> cards;  // the cards that read as cards; none when `error` or `skipped`
  StageTimes times;
};

// Asked with a file's SHA-256 before the expensive stages: true skips a file
// whose content is already stored.
using SkipCheck = std::function<bool(const std::string& sha256)>;

// File names a scan passes over: hidden files and folders, editor backups,
// downloads and syncs still in progress (.part, .crdownload, .tmp, ...).
[[nodiscard]] bool hidden_or_temporary(const std::string& file_name);
// Image files cardscan reads, by extension (JPEG, PNG, TIFF, WebP, BMP, HEIC),
// and not hidden or temporary.
[[nodiscard]] bool is_image_file_name(const std::filesystem::path& path);

// What collect_inputs found: the image files, and one message per input
// that named nothing ("PATH: no such file or folder"). Both may be non-empty:
// a missing path does not stop the others being read.
struct CollectedInputs {
  std::vector<std::filesystem::path> files;
  std::vector<std::string> errors;
};

// Image files named by `inputs`: files as given, folders searched
// recursively for image extensions (hidden and temporary files skipped),
// sorted by path within each folder.
[[nodiscard]] CollectedInputs collect_inputs(const std::vector<std::string>& inputs);

// Worker threads `options` asks for: its `workers`, or one per core for 0.
[[nodiscard]] int worker_count(const PipelineOptions& options);

// While alive, OpenCV's own thread pool gets only the cores `workers` leave
// free (none when there is a worker per core), so each worker's filters and
// resizes do not fan out over cores the other workers are using. Restores the
// previous setting when it goes.
class OpenCvThreadShare {
 public:
  explicit OpenCvThreadShare(int workers);
  ~OpenCvThreadShare();
  OpenCvThreadShare(const OpenCvThreadShare&) = delete;
  OpenCvThreadShare& operator=(const OpenCvThreadShare&) = delete;

 private:
  int previous_;
};

// A file read, decoded and cut into cards, waiting for its cards to be read.
struct PreparedFile {
  FileOutput output;  // cards sized to match `cards`, filled as they are read
  std::vector<capture::CardImage> cards;
  cv::Mat image;  // the decoded picture, kept only for --debug-dir
  // The file's bytes when capture found exactly one outline: decoded again
  // and read whole if that card reads as nothing (rare), so no copy of the
  // decoded picture waits in memory for it.
  std::string encoded;
};

class Pipeline {
 public:
  explicit Pipeline(PipelineOptions options);

  // Processes one file on the calling thread's engine. When `skip` says the
  // file's content hash is already stored, returns early with `skipped` set.
  [[nodiscard]] FileOutput process(const std::filesystem::path& path, ocr::Engine& engine,
                                   const SkipCheck& skip = {}) const;

  // process() in three steps, for a pool that shares a sheet's cards out:
  // reads, hashes, asks `skip`, decodes and finds the cards (an unreadable
  // file comes back with `output.error` and no cards) ...
  [[nodiscard]] PreparedFile prepare(const std::filesystem::path& path, const SkipCheck& skip) const;
  // ... reads card `index` of it into output.cards[index] (any thread, one card at a time per engine;
  // stage times go to `times`) ...
  [[nodiscard]] CardReading read_card(ocr::Engine& engine, PreparedFile& file, std::size_t index,
                                      StageTimes& times) const;
  // ... and, once every card is read, writes the debug images, drops the cards that do not read as
  // cards and fails the file with kNoCardFound when none is left. Returns the file's result.
  [[nodiscard]] FileOutput finish(PreparedFile&& file) const;

  [[nodiscard]] const PipelineOptions& options() const { return options_; }

 private:
  PipelineOptions options_;
  ReadOptions read_options_;
};

}  // namespace cardscan::pipeline
