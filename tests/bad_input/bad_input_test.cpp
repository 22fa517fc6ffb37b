// Runs every case folder of tests/bad_input/ (see README.md there) through the landbridge command.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "support/run_command.hpp"
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

// Names of the files in a folder and their contents.
std::map<std::string, std::string> snapshot(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    files[entry.path().filename().string()] = entry.is_regular_file() ? testing::read_text(entry.path()) : "(folder)";
  }
  return files;
}

TEST_P(BadInput, ExitsWithStatus2NamesThePlaceAndWritesNothing) {
  const fs::path folder = fs::path(LANDBRIDGE_BAD_INPUT_DIR) / GetParam();
  testing::TempFolder scratch;
  // {out}: an earlier output file; {outdir}: a folder of earlier outputs. Both must stay as they are.
  const fs::path out = scratch.path() / "out.json";
  const fs::path outdir = scratch.path() / "outdir";
  testing::write_text(out, "previous output\n");
  fs::create_directories(outdir);
  for (const char* name : {"summary.json", "link_flows.csv", "flows.geojson", "report.html"}) {
    testing::write_text(outdir / name, std::string("previous ") + name + "\n");
  }
  const auto before = snapshot(scratch.path());
  const auto before_outdir = snapshot(outdir);
  std::string args = first_line(testing::read_text(folder / "args"));
  for (const auto& [key, value] : {std::pair{"{case}", folder.string()}, std::pair{"{data}", std::string(LANDBRIDGE_TEST_DATA_DIR)},
                                   std::pair{"{outdir}", outdir.string()}, std::pair{"{out}", out.string()}}) {
    args = substitute(args, key, value);
  }
  const std::string command = "landbridge " + args;
  const testing::CommandResult result = testing::run_landbridge(args, scratch.path());
  const std::string& stderr_text = result.err;
  ASSERT_TRUE(result.exited) << "the command crashed: " << command << "\n" << stderr_text;
  EXPECT_EQ(result.status, 2) << command << "\n" << stderr_text;
  const std::string expected = substitute(first_line(testing::read_text(folder / "expected")), "{case}", folder.string());
  EXPECT_EQ(first_line(stderr_text), expected) << command;
  EXPECT_EQ(snapshot(scratch.path()), before) << "an output was changed, or a temporary or partial file left behind";
  EXPECT_EQ(snapshot(outdir), before_outdir) << "an output was changed, or a temporary or partial file left behind";
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInput, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace
}  // namespace landbridge
