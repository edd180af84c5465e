#pragma once
// Writing export files safely: names derived from contact names that cannot
// escape the target folder, and writes that never leave a half-written file.

#include <cstdint>
#include <expected>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

namespace cardscan::store {

// A file name for one contact: its name with path separators, "..",
// control and shell metacharacters ($ ( ) ~ ` ' ; & | < > * ? [ ] { } ! #)
// replaced, at most ~80 bytes (cut at a UTF-8 boundary), never hidden and
// never starting with '-', then "-ID" and the extension, so names are unique
// per store: "../../etc/passwd" (id 7) -> "etc_passwd-7.vcf".
[[nodiscard]] std::string safe_file_name(std::string_view name, std::int64_t id, std::string_view extension);

// The file of one contact in a split export (a vdir, as vdirsyncer's
// filesystem storage reads it): named by its UID, "urn:uuid:" dropped,
// made safe as above: "urn:uuid:1b4e...c3" -> "1b4e...c3.vcf".
[[nodiscard]] std::string split_file_name(std::string_view uid);

// Removes the .vcf files cardscan wrote into a split folder (PRODID
// "-//cardscan//") that no longer belong there: their UID is not in
// `store_uids` (the contact was deleted or merged away), or a file with the
// UID's own name is present beside them (a file from an older name scheme).
// Other files, symlinks and files of other programs are left alone. Returns
// how many were removed.
[[nodiscard]] std::expected<std::size_t, std::string> remove_stale_split_files(const std::filesystem::path& dir,
                                                                               const std::set<std::string>& store_uids);

// Writes `content` to `path` via a temporary file in the same folder and a
// rename, so readers see the old file or the new one, never a partial one.
// A symlink at `path` is replaced, not followed.
[[nodiscard]] std::expected<void, std::string> write_file_atomically(const std::filesystem::path& path,
                                                                     std::string_view content);

}  // namespace cardscan::store
