#pragma once
// Running the real `cardscan` binary from tests, and temporary folders.

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace cardscan::test {

struct Run {
  int status = -1;
  std::string output;  // stdout, and stderr unless split
  std::string errors;  // stderr when run with split_stderr
};

inline std::string shell_quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cardscan-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()));
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs a shell command line as given (redirections included): its stdout
// in Run::output and its exit status (-1 if it could not be started).
// Asserts nothing, so tests may call it (and run_cardscan) from their own
// threads: Catch2's assertions are not thread-safe.
inline Run read_command(const std::string& command) {
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// Runs a shell command line; stdout and stderr together.
inline Run run_shell(const std::string& command) { return read_command(command + " 2>&1"); }

// Runs `cardscan --db DB ARGS...`; with split_stderr, stderr goes to Run::errors.
inline Run run_cardscan(const std::string& db, const std::vector<std::string>& args, bool split_stderr = false) {
  std::string command = shell_quote(CARDSCAN_BINARY);
  if (!db.empty()) command += " --db " + shell_quote(db);
  for (const auto& a : args) command += " " + shell_quote(a);
  std::string errors_file;
  if (split_stderr) {
    char pattern[] = "/tmp/cardscan-stderr-XXXXXX";
    const int fd = mkstemp(pattern);
    if (fd < 0) return Run{-1, {}, "cannot create a file for stderr in /tmp"};
    close(fd);
    errors_file = pattern;
    command += " 2>" + shell_quote(errors_file);
  } else {
    command += " 2>&1";
  }
  Run run = read_command(command);
  if (split_stderr) {
    char buffer[4096];
    FILE* f = std::fopen(errors_file.c_str(), "r");
    if (f) {
      while (std::size_t n = fread(buffer, 1, sizeof buffer, f)) run.errors.append(buffer, n);
      std::fclose(f);
    }
    std::remove(errors_file.c_str());
  }
  return run;
}

// Polls `done` every 20 ms until it holds or `limit` passes.
inline bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(90)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace cardscan::test
