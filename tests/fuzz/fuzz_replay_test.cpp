// Replays the seeds and saved findings of every fuzz target (fuzz/, tests/fuzz/regressions/) through
// the targets compiled without libFuzzer: each input must end in an answer or an InputError (which
// the target catches), without another exception, a failed check, a crash or a sanitizer report.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "support/temp_folder.hpp"

namespace landbridge {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> target_names() {
  std::vector<std::string> names;
  std::stringstream list(LANDBRIDGE_FUZZ_TARGET_NAMES);
  for (std::string name; std::getline(list, name, ',');) names.push_back(name);
  return names;
}

std::vector<fs::path> files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  if (fs::is_directory(folder)) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class FuzzReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzReplay, EverySeedAndSavedFindingEndsInAnAnswerOrAnInputError) {
  const auto& targets = fuzz::registered_targets();
  const auto target = targets.find(GetParam());
  ASSERT_NE(target, targets.end()) << "fuzz/" << GetParam() << ".cpp is not linked into the replay test";
  const std::vector<fs::path> seeds = files_in(fs::path(LANDBRIDGE_FUZZ_CORPUS_DIR) / GetParam());
  EXPECT_FALSE(seeds.empty()) << "no seeds in fuzz/corpus/" << GetParam();
  std::vector<fs::path> inputs = seeds;
  for (const fs::path& f : files_in(fs::path(LANDBRIDGE_FUZZ_REGRESSION_DIR) / GetParam())) inputs.push_back(f);
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.string());
    const std::string bytes = testing::read_text(input);
    EXPECT_NO_THROW(target->second(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay, ::testing::ValuesIn(target_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) { return param_info.param; });

}  // namespace
}  // namespace landbridge
