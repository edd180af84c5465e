#pragma once
// Writing export files safely: names derived from contact names that cannot
// escape the target folder, and writes that never leave a half-written file.

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace cardscan::store {

// A file name for one contact: its name with path separators, "..",
// control and shell-hostile characters replaced, at most ~80 bytes (cut at a
// UTF-8 boundary), never hidden, then "-ID" and the extension, so names are
// unique per store: "../../etc/passwd" (id 7) -> "etc_passwd-7.vcf".
[[nodiscard]] std::string safe_file_name(std::string_view name, std::int64_t id, std::string_view extension);

// Writes `content` to `path` via a temporary file in the same folder and a
// rename, so readers see the old file or the new one, never a partial one.
// A symlink at `path` is replaced, not followed.
[[nodiscard]] std::expected<void, std::string> write_file_atomically(const std::filesystem::path& path,
                                                                     std::string_view content);

}  // namespace cardscan::store
