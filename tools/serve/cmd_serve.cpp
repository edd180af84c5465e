#include "tools/serve/cmd_serve.hpp"

#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <csignal>
#include <iostream>
#include <memory>
#include <thread>

#include "tools/cli/commands.hpp"
#include "tools/cli/pipeline_cli.hpp"
#include "tools/serve/review_server.hpp"

extern char** environ;

namespace cardscan::serve {

namespace {

struct ServeArgs {
  int port = 8765;
  bool open = false;
  int max_upload_mb = 30;
  pipeline::PipelineOptions pipeline;
};

// Opens the page in the desktop's browser; no shell, the URL is ours.
void open_in_browser(const std::string& url) {
  pid_t pid = 0;
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0) {
    std::cerr << "cardscan: could not start a browser (xdg-open); open " << url << " yourself\n";
    return;
  }
  std::thread([pid] {
    int status = 0;
    waitpid(pid, &status, 0);
  }).detach();
}

int run_serve(const ServeArgs& args, cli::GlobalOptions& global) {
  ServeOptions options;
  options.db_path = cli::resolve_db_path(global);
  options.port = args.port;
  options.max_upload_bytes = static_cast<std::size_t>(args.max_upload_mb) << 20;
  options.pipeline = args.pipeline;
  options.pipeline.workers = 1;

  // Ctrl+C and SIGTERM stop the server from a thread of their own: the
  // handlers' work is not async-signal-safe. Blocked before any thread starts.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = ReviewServer::create(options);
  if (!server) {
    std::cerr << "cardscan: " << server.error() << "\n";
    return server.error().starts_with("cannot open database") ? cli::kExitStore : cli::kExitFailed;
  }
  auto port = (*server)->bind();
  if (!port) {
    std::cerr << "cardscan: " << port.error() << "\n";
    return cli::kExitFailed;
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(*port) + "/";
  std::cout << "cardscan: review page at " << url << " (only this machine can reach it; Ctrl+C stops)" << std::endl;
  if (args.open) open_in_browser(url);

  ReviewServer* running = server->get();
  std::thread waiter([running, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    running->stop();
  });
  running->run();
  // run() also returns when listening fails; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return 0;
}

}  // namespace

void register_serve(CLI::App& app, cli::GlobalOptions& global) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand(
      "serve",
      "Review page on http://127.0.0.1:PORT/: each card's image beside what was read, doubtful fields first,\n"
      "fixed from the keyboard; merge cards, follow-ups, search, downloads, and drag-and-drop scanning.\n"
      "Listens on this machine only.");
  cmd->add_option("--port", args->port, "Port on 127.0.0.1 (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_flag("--open", args->open, "Open the page in the desktop's browser");
  cmd->add_option("--max-upload-mb", args->max_upload_mb, "Largest photo the page accepts, in MB")
      ->capture_default_str()
      ->check(CLI::Range(1, 200));
  cli::add_pipeline_options(*cmd, args->pipeline);
  cmd->callback([args, &global] { global.exit_code = run_serve(*args, global); });
}

}  // namespace cardscan::serve
