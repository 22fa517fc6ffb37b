// common/atomic_file.hpp: outputs are written to a temporary file in the same folder, then renamed,
// so a reader (or a crash half-way) never sees a half-written file.
#pragma once
#include <filesystem>
#include <string_view>

namespace landbridge {

// Writes `content` to `path` atomically (temp file + fsync + rename). Throws InputError naming the
// path if the folder does not exist or cannot be written; the previous file, if any, is left intact.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace landbridge
