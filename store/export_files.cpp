#include "store/export_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace cardscan::store {

namespace {

// Characters a shell or a Windows file system would treat specially.
constexpr const char* kHostile = "/\\:*?\"<>|$()~`';&[]{}!#";

std::string safe_stem(std::string_view name) {
  std::string stem;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    bool bad = c < 0x20 || c == 0x7F || std::strchr(kHostile, c) != nullptr;
    char out = bad ? '_' : static_cast<char>(c);
    if (out == '.' && !stem.empty() && stem.back() == '.') continue;  // no ".."
    if ((out == '_' || out == ' ') && !stem.empty() && stem.back() == out) continue;
    stem += out;
  }
  // Never hidden, never an option to the next command, never empty-looking:
  // no leading dots, dashes, spaces, underscores; no trailing dots or spaces
  // (Windows drops them).
  std::size_t start = stem.find_first_not_of("._ -");
  stem = start == std::string::npos ? std::string() : stem.substr(start);
  constexpr std::size_t kMaxStem = 80;
  if (stem.size() > kMaxStem) {
    std::size_t cut = kMaxStem;
    while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) --cut;
    stem.resize(cut);
  }
  while (!stem.empty() && (stem.back() == '.' || stem.back() == ' ' || stem.back() == '_')) stem.pop_back();
  return stem;
}

// The UID of a vCard file cardscan wrote, or "" when it is not one of ours.
std::string cardscan_vcard_uid(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  constexpr std::size_t kMaxRead = 1 << 16;  // UID and PRODID come first; a PHOTO may follow
  text.resize(kMaxRead);
  in.read(text.data(), kMaxRead);
  text.resize(static_cast<std::size_t>(in.gcount()));
  for (std::size_t p; (p = text.find("\r\n ")) != std::string::npos;) text.erase(p, 3);
  if (text.find("\r\nPRODID:-//cardscan//") == std::string::npos) return {};
  auto uid = text.find("\r\nUID:");
  if (uid == std::string::npos) return {};
  uid += 6;
  return text.substr(uid, text.find("\r\n", uid) - uid);
}

}  // namespace

std::string safe_file_name(std::string_view name, std::int64_t id, std::string_view extension) {
  std::string stem = safe_stem(name);
  if (stem.empty()) stem = "contact";
  return stem + "-" + std::to_string(id) + "." + std::string(extension);
}

std::string split_file_name(std::string_view uid) {
  if (uid.starts_with("urn:uuid:")) uid.remove_prefix(9);
  std::string stem = safe_stem(uid);
  if (stem.empty()) stem = "contact";
  return stem + ".vcf";
}

std::expected<std::size_t, std::string> remove_stale_split_files(const std::filesystem::path& dir,
                                                                 const std::set<std::string>& store_uids) {
  std::error_code ec;
  std::vector<std::filesystem::path> ours;  // listed first: removing while iterating skips entries on some systems
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (it->path().extension() == ".vcf" && !it->is_symlink(entry_ec) && it->is_regular_file(entry_ec))
      ours.push_back(it->path());
  }
  if (ec) return std::unexpected("cannot read " + dir.string() + ": " + ec.message());
  std::size_t removed = 0;
  for (const auto& path : ours) {
    std::string uid = cardscan_vcard_uid(path);
    if (uid.empty()) continue;
    const std::string own_name = split_file_name(uid);
    bool stale = !store_uids.contains(uid) ||
                 (path.filename() != own_name && std::filesystem::is_regular_file(dir / own_name, ec));
    if (!stale) continue;
    if (!std::filesystem::remove(path, ec) || ec)
      return std::unexpected("cannot remove " + path.string() + ": " + ec.message());
    ++removed;
  }
  return removed;
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
