#include "parse/lexicon/words.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "parse/text.hpp"

namespace cardscan::parse::lexicon {
namespace {

// Debian's lists, by the package that ships them. English first: the
// curated lists of everyday words; the others carry every inflected form.
constexpr std::array<std::string_view, 2> kEnglishLists = {"american-english", "british-english"};
constexpr std::array<std::string_view, 7> kOtherLists = {"french",    "spanish", "italian", "portuguese",
                                                         "brazilian", "dutch",   "ngerman"};
constexpr std::string_view kDictDir = "/usr/share/dict/";

// Words shorter than this are not looked up: initials and particles
// ("de", "la", "J.") are common words in some list and say nothing.
constexpr std::size_t kMinLetters = 3;

// FNV-1a: the lists hold about two million entries; 64-bit hashes in a
// sorted vector take 16 MB where a set of strings would take ten times that.
std::uint64_t hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

bool starts_lower_ascii_or_utf8(std::string_view line) {
  if (line.empty()) return false;
  const auto c = static_cast<unsigned char>(line[0]);
  if (c < 0x80) return c >= 'a' && c <= 'z';
  // Non-ASCII first letter: lower case when lowering changes nothing.
  return to_lower(line) == line;
}

// A whole list file (up to 5 MB); empty when it cannot be read. Lines are
// then cut from it in place, not copied one by one by getline.
std::string read_file(const std::string& path) {
  std::string bytes;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return bytes;
  char chunk[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) bytes.append(chunk, n);
  std::fclose(f);
  return bytes;
}

// Reads a list's lower-case entries into `out` and, when `capitalised` is
// given, the lowered form of its capitalised ones (names, places) there.
void read_list(std::string_view name, std::vector<std::uint64_t>& out,
               std::vector<std::uint64_t>* capitalised = nullptr) {
  const std::string bytes = read_file(std::string(kDictDir) + std::string(name));
  std::string_view rest = bytes;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    if (line.size() < kMinLetters) continue;
    // English lists spell possessives as separate entries ("lake's").
    if (line.find('\'') != std::string_view::npos) continue;
    if (starts_lower_ascii_or_utf8(line)) {
      out.push_back(hash(line));
    } else if (capitalised != nullptr) {
      capitalised->push_back(hash(to_lower(line)));
    }
  }
}

// Sorted, without repeats. A radix sort on the hashes' bytes: the lists
// give some 1.6 million hashes, and std::sort took more time over them
// than reading the nine files did (measured: the lists load in 0.12 s
// where they took 0.20 s, once per process that parses a card).
void sort_unique(std::vector<std::uint64_t>& v) {
  std::vector<std::uint64_t> buffer(v.size());
  for (int shift = 0; shift < 64; shift += 8) {
    std::array<std::size_t, 257> start{};
    for (const std::uint64_t h : v) ++start[((h >> shift) & 0xFF) + 1];
    for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    for (const std::uint64_t h : v) buffer[start[(h >> shift) & 0xFF]++] = h;
    v.swap(buffer);
  }
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

struct Lists {
  std::vector<std::uint64_t> english, other, english_names;
};

const Lists& lists() {
  static const Lists loaded = [] {
    Lists l;
    for (auto n : kEnglishLists) read_list(n, l.english, &l.english_names);
    for (auto n : kOtherLists) read_list(n, l.other);
    for (auto* v : {&l.english, &l.other, &l.english_names}) sort_unique(*v);
    return l;
  }();
  return loaded;
}

}  // namespace

WordKnown common_word(std::string_view word) {
  if (utf8_length(word) < kMinLetters) return {};
  const std::uint64_t h = hash(to_lower(word));
  const Lists& l = lists();
  return {std::binary_search(l.english.begin(), l.english.end(), h),
          std::binary_search(l.other.begin(), l.other.end(), h),
          std::binary_search(l.english_names.begin(), l.english_names.end(), h)};
}

std::size_t common_word_count() { return lists().english.size() + lists().other.size(); }

}  // namespace cardscan::parse::lexicon
