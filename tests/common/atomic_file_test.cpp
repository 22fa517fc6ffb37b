#include "common/atomic_file.hpp"

#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "support/temp_folder.hpp"

namespace landbridge {
namespace {

using testing::read_text;
using testing::TempFolder;

TEST(WriteFileAtomically, WritesAndReplacesWithoutLeavingTempFiles) {
  TempFolder folder;
  const auto path = folder.path() / "out.json";
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  EXPECT_EQ(read_text(path), "second");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder.path())) ++files;
  EXPECT_EQ(files, 1u);
}

TEST(WriteFileAtomically, MissingFolderIsAnInputErrorNamingThePath) {
  TempFolder folder;
  const auto path = folder.path() / "no-such-folder" / "out.json";
  try {
    write_file_atomically(path, "x");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path.string());
    EXPECT_NE(e.problem().find("cannot create a file here"), std::string::npos);
  }
}

}  // namespace
}  // namespace landbridge
