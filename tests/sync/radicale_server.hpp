#pragma once
// A real Radicale CardDAV/CalDAV server for the sync tests: 127.0.0.1 on a
// free port, htpasswd users, its own storage folder, started and stopped by
// the test itself.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace cardscan::test {

// Debian's radicale lives in the system Python (a pyenv or venv python3 on
// PATH would not have it).
inline std::string system_python() {
  return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

inline int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(fd);
  return ntohs(addr.sin_port);
}

inline bool port_open(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

class RadicaleServer {
 public:
  // Users as "name:password" lines (plain htpasswd).
  RadicaleServer(const std::filesystem::path& root, const std::string& users) : root_(root), port_(free_port()) {
    std::filesystem::create_directories(root_ / "storage");
    write_text(root_ / "users", users);
    write_text(root_ / "config",
               "[server]\nhosts = 127.0.0.1:" + std::to_string(port_) +
                   "\n[auth]\ntype = htpasswd\nhtpasswd_filename = " + (root_ / "users").string() +
                   "\nhtpasswd_encryption = plain\n[storage]\nfilesystem_folder = " + (root_ / "storage").string() +
                   "\n[rights]\ntype = owner_only\n"
                   "[logging]\nlevel = warning\n");
    start();
  }
  ~RadicaleServer() { stop(); }
  RadicaleServer(const RadicaleServer&) = delete;
  RadicaleServer& operator=(const RadicaleServer&) = delete;

  void start() {
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      int log = open((root_ / "radicale.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(log, 1);
      dup2(log, 2);
      std::string python = system_python(), config = (root_ / "config").string();
      execlp(python.c_str(), python.c_str(), "-m", "radicale", "--config", config.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!port_open(port_)) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL("radicale exited at start: " << read_text(root_ / "radicale.log"));
      }
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  // SIGTERM (or SIGKILL: a crash) and wait for it.
  void stop(int signal = SIGTERM) {
    if (pid_ <= 0) return;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
  [[nodiscard]] int port() const { return port_; }
  // Where Radicale keeps a user's collection on disk.
  [[nodiscard]] std::filesystem::path collection(const std::string& user, const std::string& name) const {
    return root_ / "storage" / "collection-root" / user / name;
  }
  // The resources stored in a collection folder with this extension, sorted.
  [[nodiscard]] std::vector<std::filesystem::path> items(const std::string& user, const std::string& name,
                                                         const std::string& extension) const {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(collection(user, name), ec))
      if (e.is_regular_file() && e.path().extension() == extension) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::filesystem::path root_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace cardscan::test
