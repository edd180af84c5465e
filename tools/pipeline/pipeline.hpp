#pragma once
// The pipeline: wires capture → ocr → parse for each file, on a pool of
// workers that each own a Tesseract engine. Results come back in input order.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "capture/capture.hpp"
#include "capture/image_loader.hpp"
#include "ocr/engine.hpp"
#include "parse/contact.hpp"
#include "parse/extract.hpp"

namespace cardscan::tools {

struct PipelineOptions {
  capture::LoadOptions load;
  capture::CaptureOptions capture;
  ocr::OcrOptions ocr;
  parse::ParseOptions parse;
  int workers = 0;                  // 0: one per core
  bool keep_crops = false;          // JPEG-encode each card crop into the result (for the store)
  std::filesystem::path debug_dir;  // write crops and detection overlays here when set
};

// CPU milliseconds the worker spent in each stage for one file.
struct StageTimes {
  double read = 0, load = 0, detect = 0, orient = 0, ocr = 0, parse = 0;
  [[nodiscard]] double total() const { return read + load + detect + orient + ocr + parse; }
};

struct CardOutput {
  parse::Contact contact;
  std::string ocr_text;
  ocr::Page page;                        // what OCR read, with geometry
  std::vector<std::string> qr_payloads;  // raw QR text decoded on the card
  std::vector<unsigned char> crop_jpeg;  // when keep_crops
  std::array<float, 8> quad{};           // card corners in the displayed image: x0,y0,...,x3,y3
  int rotation = 0;                      // quarter turns applied to make it upright, degrees
  bool whole_image = false;
  bool qr = false;  // a QR payload was decoded on this card
};

struct FileOutput {
  std::filesystem::path path;
  std::string sha256;    // hex digest of the file's bytes (empty if unreadable)
  std::string error;     // empty on success; kNoCardFound when nothing read as a card
  bool skipped = false;  // not processed: the store already has this content
  int exif_orientation = 0;
  std::vector<CardOutput> cards;
  StageTimes times;
};

// Whether what was read on a card makes it a card worth a contact: at least
// one e-mail, phone, website, address or social handle, or a line parse took
// for a person's name. A blank page, a black or white frame, wood grain or a
// page of prose gives none of these, and must not become a contact with a
// follow-up.
[[nodiscard]] bool reads_as_card(const parse::Contact& contact);

// What a file whose cards all fail reads_as_card (or that has none) reports.
inline constexpr const char* kNoCardFound = "no card found";

// File names a scan passes over: hidden files and folders, editor backups,
// downloads and syncs still in progress (.part, .crdownload, .tmp, ...).
[[nodiscard]] bool hidden_or_temporary(const std::string& file_name);
// Image files cardscan reads, by extension (JPEG, PNG, TIFF, WebP, BMP, HEIC),
// and not hidden or temporary.
[[nodiscard]] bool is_image_file_name(const std::filesystem::path& path);

// Image files named by `inputs`: files as given, folders searched
// recursively for image extensions (hidden and temporary files skipped),
// sorted by path within each folder.
[[nodiscard]] std::vector<std::filesystem::path> collect_inputs(const std::vector<std::string>& inputs,
                                                                std::vector<std::string>& errors);

// Hex SHA-256 of a file's bytes.
[[nodiscard]] std::string sha256_hex(const std::string& bytes);

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

class Pipeline {
 public:
  explicit Pipeline(PipelineOptions options);

  // Processes one file on the calling thread's engine. When `skip` says the
  // file's content hash is already stored, returns early with `skipped` set.
  [[nodiscard]] FileOutput process(const std::filesystem::path& path, ocr::Engine& engine,
                                   const std::function<bool(const std::string&)>& skip = {}) const;

  // Processes all files on `workers` threads. `skip(sha256)` is asked before
  // the expensive stages (return true to skip a file already stored);
  // `done` is called on the caller's thread in input order. Returns an error
  // message if the OCR engines could not start.
  [[nodiscard]] std::string run(const std::vector<std::filesystem::path>& files,
                                const std::function<bool(const std::string&)>& skip,
                                const std::function<void(FileOutput&&)>& done) const;

  [[nodiscard]] const PipelineOptions& options() const { return options_; }

 private:
  // A file read, decoded and cut into cards, waiting for its cards to be read.
  struct Prepared {
    FileOutput output;  // cards sized to match `cards`, filled as they are read
    std::vector<capture::CardImage> cards;
    cv::Mat image;  // the decoded picture, kept only for --debug-dir
  };
  [[nodiscard]] Prepared prepare(const std::filesystem::path& path,
                                 const std::function<bool(const std::string&)>& skip) const;
  [[nodiscard]] CardOutput read_card(ocr::Engine& engine, capture::CardImage& card, StageTimes& times) const;
  // Writes the debug images, drops the cards that do not read as cards and
  // fails the file with kNoCardFound when none is left.
  void finish(Prepared& prepared) const;
  PipelineOptions options_;
};

}  // namespace cardscan::tools
