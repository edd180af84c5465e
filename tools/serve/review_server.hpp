#pragma once
// The review page behind `cardscan serve`: an HTTP server on 127.0.0.1 that
// serves the embedded page and a small JSON API over one Store. Every request
// passes request_guard first; uploads run on a one-worker WorkerPool like `scan` runs its files.

#include <cstddef>
#include <expected>
#include <memory>
#include <string>

#include "tools/pipeline/pipeline.hpp"

namespace cardscan::serve {

struct ServeOptions {
  std::string db_path;
  int port = 8765;                           // 0: any free port (tests)
  std::size_t max_upload_bytes = 30u << 20;  // a phone's full-size photo is 3-12 MB
  pipeline::PipelineOptions pipeline;        // what uploads are read with
};

class ReviewServer {
 public:
  // Opens the store and prepares the routes; nothing listens yet.
  [[nodiscard]] static std::expected<std::unique_ptr<ReviewServer>, std::string> create(ServeOptions options);
  ~ReviewServer();
  ReviewServer(const ReviewServer&) = delete;
  ReviewServer& operator=(const ReviewServer&) = delete;

  // Binds 127.0.0.1 and the port (never another interface); the bound port.
  [[nodiscard]] std::expected<int, std::string> bind();
  // Serves until stop() is called (from any thread).
  void run();
  void stop();

 private:
  struct Impl;
  explicit ReviewServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cardscan::serve
