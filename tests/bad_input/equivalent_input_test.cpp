// Byte-order marks and CRLF line ends are accepted by every reader (docs/reliability.md): each
// well-formed input, rewritten with a UTF-8 BOM and CRLF line ends, gives the same answer as the
// clean file (times in seconds left out of the comparison).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_command.hpp"
#include "support/temp_folder.hpp"

namespace landbridge {
namespace {

namespace fs = std::filesystem;

struct Format {
  std::string name;
  std::vector<std::pair<fs::path, std::string>> files;  // source, name in the input folder
  std::string args;                                     // {in}: the input folder
};

std::vector<Format> formats() {
  const fs::path data = LANDBRIDGE_TEST_DATA_DIR;
  const fs::path clean = fs::path(LANDBRIDGE_BAD_INPUT_DIR) / "clean";
  return {
      {"network_geojson", {{data / "tiny" / "nodes.geojson", "nodes.geojson"}, {data / "tiny" / "links.geojson", "links.geojson"}},
       "route CNAAA DEDUI --network {in} --format json"},
      {"tntp", {{clean / "tntp" / "mini_net.tntp", "mini_net.tntp"}, {clean / "tntp" / "mini_trips.tntp", "mini_trips.tntp"}},
       "traffic --tntp {in} --format json"},
      {"demand_csv", {{data / "tiny-freight" / "demand.csv", "demand.csv"}},
       "assign --network " + (data / "tiny-freight").string() + " --demand {in}/demand.csv --format json"},
      {"freight_parameters", {{data / "tiny-freight" / "freight-parameters.json", "freight-parameters.json"}},
       "assign --network " + (data / "tiny-freight").string() + " --parameters {in}/freight-parameters.json --format json"},
      {"scenario_toml", {{clean / "scenario.toml", "scenario.toml"}},
       "compare --network " + (data / "tiny-freight").string() + " --scenario {in}/scenario.toml --format json"},
  };
}

std::string with_bom_and_crlf(const std::string& text) {
  std::string out = "\xEF\xBB\xBF";
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// The answer without lines that hold a run time.
std::string without_times(const std::string& text) {
  std::istringstream in(text);
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"seconds\"") == std::string::npos) kept += line + "\n";
  }
  return kept;
}

class BomAndCrlf : public ::testing::TestWithParam<Format> {};

TEST_P(BomAndCrlf, GiveTheSameAnswerAsTheCleanFile) {
  const Format& format = GetParam();
  testing::TempFolder scratch;
  // The same folder name for both runs: outputs that name the input then match too.
  const fs::path in = scratch.path() / "input";
  fs::create_directories(in);
  std::string args = format.args;
  args.replace(args.find("{in}"), 4, in.string());

  for (const auto& [source, name] : format.files) testing::write_text(in / name, testing::read_text(source));
  const testing::CommandResult clean = testing::run_landbridge(args, scratch.path());
  ASSERT_TRUE(clean.exited && clean.status == 0) << args << "\n" << clean.err;

  for (const auto& [source, name] : format.files) testing::write_text(in / name, with_bom_and_crlf(testing::read_text(source)));
  const testing::CommandResult variant = testing::run_landbridge(args, scratch.path());
  ASSERT_TRUE(variant.exited && variant.status == 0) << args << "\n" << variant.err;
  EXPECT_EQ(without_times(variant.out), without_times(clean.out));
  EXPECT_FALSE(without_times(clean.out).empty());
}

INSTANTIATE_TEST_SUITE_P(Formats, BomAndCrlf, ::testing::ValuesIn(formats()),
                         [](const ::testing::TestParamInfo<Format>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace landbridge
