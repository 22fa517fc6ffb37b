// Runs every case folder of tests/bad_input/ (see README.md there) through the landbridge command.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_folder.hpp"

namespace landbridge {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(LANDBRIDGE_BAD_INPUT_DIR)) {
    if (entry.is_directory() && fs::exists(entry.path() / "args")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string substitute(std::string text, const std::string& key, const std::string& value) {
  for (std::size_t pos; (pos = text.find(key)) != std::string::npos;) text.replace(pos, key.size(), value);
  return text;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, ExitsWithStatus2NamesThePlaceAndWritesNothing) {
  const fs::path folder = fs::path(LANDBRIDGE_BAD_INPUT_DIR) / GetParam();
  testing::TempFolder scratch;
  const fs::path out = scratch.path() / "out.json";
  const std::string previous = "previous output\n";
  testing::write_text(out, previous);
  const std::string args =
      substitute(substitute(first_line(testing::read_text(folder / "args")), "{case}", folder.string()), "{out}", out.string());
  const fs::path err = scratch.path() / "stderr.txt";
  const std::string command = std::string(LANDBRIDGE_BINARY) + " " + args + " >/dev/null 2>" + err.string();
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << "the command crashed: " << command;
  EXPECT_EQ(WEXITSTATUS(status), 2) << command;
  const std::string expected = substitute(first_line(testing::read_text(folder / "expected")), "{case}", folder.string());
  EXPECT_EQ(first_line(testing::read_text(err)), expected);
  EXPECT_EQ(testing::read_text(out), previous);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(scratch.path())) ++files;
  EXPECT_EQ(files, 2u) << "a temporary or partial output file was left behind";
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInput, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace
}  // namespace landbridge
