// The demand CSV reader and the parameters file: what they accept and the exact errors.
#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "io/csv.hpp"
#include "io/network_geojson.hpp"

namespace landbridge::freight {
namespace {

const std::filesystem::path folder = std::filesystem::path(LANDBRIDGE_TEST_DATA_DIR) / "tiny-freight";
const std::string header = "origin,destination,commodity,teu_per_year,value_usd_per_teu\n";

class DemandCsv : public ::testing::Test {
 protected:
  DemandCsv() : network_(io::load_network(folder)) {}
  std::string error(const std::string& text) {
    try {
      (void)parse_demand(text, "d.csv", network_);
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  }
  network::Network network_;
};

TEST_F(DemandCsv, ReadsRowsWithCrlfBomAndQuotes) {
  const Demand d = parse_demand("\xEF\xBB\xBF" "origin,destination,commodity,teu_per_year,value_usd_per_teu\r\n"
                                "CNAAA,DEDUI,electronics,1000,113100\r\n\"DEDUI\",\"CNAAA\",machinery,2.5e2,0\r\n\r\n",
                                "d.csv", network_);
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(network_.node(d.rows[1].origin).id, "DEDUI");
  EXPECT_EQ(d.rows[1].commodity, Commodity::machinery);
  EXPECT_DOUBLE_EQ(d.rows[1].teu_per_year, 250);
  EXPECT_EQ(d.rows[1].line, 3);
  EXPECT_DOUBLE_EQ(d.total_teu_per_year(), 1250);
}

TEST_F(DemandCsv, NamesLineColumnAndField) {
  EXPECT_EQ(error("origin,destination,commodity,teu,value\n"),
            "d.csv: line 1, column 4: expected the header \"origin,destination,commodity,teu_per_year,value_usd_per_teu\", got "
            "\"origin,destination,commodity,teu,value\"");
  EXPECT_EQ(error(header + "CNAAA,DEDUI,electronics,1000\n"), "d.csv: line 2: expected 5 fields, got 4");
  EXPECT_EQ(error(header + "CNXXX,DEDUI,electronics,1000,5\n"), "d.csv: line 2, column 1 (\"origin\"): no node \"CNXXX\" in the network");
  EXPECT_EQ(error(header + "CNAAA,CNAAA,electronics,1000,5\n"), "d.csv: line 2, column 2 (\"destination\"): same node as the origin");
  EXPECT_EQ(error(header + "CNAAA,DEDUI,electronic,1000,5\n"),
            "d.csv: line 2, column 3 (\"commodity\"): unknown commodity \"electronic\"; expected one of electronics, machinery, "
            "consumer-goods, auto-parts, chemicals-plastics, bulk-in-containers");
  EXPECT_EQ(error(header + "CNAAA,DEDUI,electronics,abc,5\n"), "d.csv: line 2, column 4 (\"teu_per_year\"): expected a number > 0, got \"abc\"");
  EXPECT_EQ(error(header + "CNAAA,DEDUI,electronics,0,5\n"), "d.csv: line 2, column 4 (\"teu_per_year\"): expected a number > 0, got \"0\"");
  EXPECT_EQ(error(header + "CNAAA,DEDUI,electronics,1 000,5\n"), "d.csv: line 2, column 4 (\"teu_per_year\"): expected a number > 0, got \"1 000\"");
  EXPECT_EQ(error(header + "CNAAA,DEDUI,electronics,nan,5\n"), "d.csv: line 2, column 4 (\"teu_per_year\"): expected a number > 0, got \"nan\"");
  EXPECT_EQ(error(header + "CNAAA,DEDUI,electronics,10,-5\n"), "d.csv: line 2, column 5 (\"value_usd_per_teu\"): expected a number >= 0, got \"-5\"");
  EXPECT_EQ(error(header + "CNAAA,DEDUI,electronics,10,5\nCNAAA,DEDUI,electronics,20,5\n"),
            "d.csv: line 3: duplicate of line 2 (CNAAA, DEDUI, electronics)");
  EXPECT_EQ(error(header + "CNAAA,DEDUI,electronics,10,5\n\nCNAAA,DEDUI,machinery,20,5\n"), "d.csv: line 3: empty line");
  EXPECT_EQ(error(header), "d.csv: no demand rows after the header");
  EXPECT_EQ(error(""), "d.csv: the file is empty; expected the header origin,destination,commodity,teu_per_year,value_usd_per_teu");
  EXPECT_EQ(error(header + "\"CNAAA,DEDUI,electronics,10,5\n"), "d.csv: line 2: a quoted field is never closed");
}

TEST_F(DemandCsv, ReportsSeveralProblemsAtOnce) {
  const std::string message = error(header + "CNXXX,DEDUI,electronics,1,1\nCNAAA,DEDUI,toys,1,1\n");
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 1);
}

TEST_F(DemandCsv, WarnsAboutBorderStationsAsZones) {
  const Demand d = parse_demand(header + "CNBRD,DEDUI,electronics,1,1\n", "d.csv", network_);
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0], "d.csv: line 2: node \"CNBRD\" is a border, not a terminal, hub or seaport");
}

TEST(FreightParameters, ErrorsNameTheKey) {
  auto error = [](const std::string& text) {
    try {
      (void)parse_freight_parameters(text, "p.json");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("{}"), "p.json: field \"carrying_rate_per_year\": missing");
  EXPECT_EQ(error("[1,"), "p.json: line 1, column 4: not valid JSON: syntax error while parsing value - unexpected end of input; "
                          "expected '[', '{', or a literal");
  EXPECT_EQ(error("{\"conical_alpha\": 1e999}"), "p.json: line 1, column 23: not valid JSON: number overflow parsing '1e999'");
  EXPECT_EQ(error("{\"carrying_rate_per_year\": 0.2}"),
            "p.json: field \"carrying_rate_per_year\": expected an object {\"electronics\": rate, ...}, got 0.2");
  std::string good = io::read_text_file((folder / "freight-parameters.json").string());
  EXPECT_EQ(error(good), "no error");
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  EXPECT_EQ(error(replaced("\"mode\": \"sea\"", "\"mode\": \"pipeline\"")), "p.json: field \"corridors[2].mode\": expected \"sea\", \"rail\", \"air\" or \"road\", got \"pipeline\"");
  EXPECT_EQ(error(replaced("\"corridor_scale_per_usd\": 0.005", "\"corridor_scale_per_usd\": 0.001")),
            "p.json: field \"corridor_scale_per_usd\": must be at least mode_scale_per_usd, or the nested logit is not consistent "
            "with utility maximisation");
  EXPECT_EQ(error(replaced("\"electronics\": 0.4", "\"electronics\": -1")),
            "p.json: field \"carrying_rate_per_year.electronics\": expected a number from 0 to 10, got -1");
}

}  // namespace
}  // namespace landbridge::freight
