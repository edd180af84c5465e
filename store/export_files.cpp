#include "store/export_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cardscan::store {

std::string safe_file_name(std::string_view name, std::int64_t id, std::string_view extension) {
  std::string stem;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    bool bad = c < 0x20 || c == 0x7F || std::strchr("/\\:*?\"<>|", c) != nullptr;
    char out = bad ? '_' : static_cast<char>(c);
    if (out == '.' && !stem.empty() && stem.back() == '.') continue;  // no ".."
    if ((out == '_' || out == ' ') && !stem.empty() && stem.back() == out) continue;
    stem += out;
  }
  // Never hidden or empty-looking: no leading dots, spaces, underscores;
  // no trailing dots or spaces (Windows drops them).
  std::size_t start = stem.find_first_not_of("._ ");
  stem = start == std::string::npos ? std::string() : stem.substr(start);
  constexpr std::size_t kMaxStem = 80;
  if (stem.size() > kMaxStem) {
    std::size_t cut = kMaxStem;
    while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) --cut;
    stem.resize(cut);
  }
  while (!stem.empty() && (stem.back() == '.' || stem.back() == ' ' || stem.back() == '_')) stem.pop_back();
  if (stem.empty()) stem = "contact";
  return stem + "-" + std::to_string(id) + "." + std::string(extension);
}

std::expected<void, std::string> write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path dir = path.parent_path();
  std::string tmp_pattern =
      ((dir.empty() ? std::filesystem::path(".") : dir) / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(tmp_pattern.data());
  if (fd < 0) return std::unexpected("cannot write " + path.string() + ": " + std::strerror(errno));
  auto fail = [&](const char* what) {
    std::string message = "cannot write " + path.string() + ": " + what + ": " + std::strerror(errno);
    close(fd);
    unlink(tmp_pattern.c_str());
    return std::unexpected(message);
  };
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write");
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (fchmod(fd, 0644) != 0) return fail("chmod");
  if (fsync(fd) != 0) return fail("fsync");
  if (close(fd) != 0) {
    unlink(tmp_pattern.c_str());
    return std::unexpected("cannot write " + path.string() + ": " + std::strerror(errno));
  }
  if (std::rename(tmp_pattern.c_str(), path.c_str()) != 0) {
    std::string message = "cannot write " + path.string() + ": " + std::strerror(errno);
    unlink(tmp_pattern.c_str());
    return std::unexpected(message);
  }
  return {};
}

}  // namespace cardscan::store
