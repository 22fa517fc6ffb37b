// access/markets.hpp: the destination markets (markets.csv) and the import duties and sanctions by
// customs territory, origin and commodity class (duties.csv) of `landbridge access`
// (docs/access.md), read and checked once at the boundary; and the scenario's [[duty]] rules.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "freight/commodity.hpp"
#include "network/model.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::access {

// A destination market: a country served by one or more nodes, with a size measure.
struct Market {
  std::string id;         // "DE"
  std::string name;       // "Germany"
  std::string group;      // "EU", "EAEU", "Europe (other)", "Turkey", "Caucasus", "Central Asia", "China"
  std::string country;    // ISO 3166-1 alpha-2: whose import rules apply
  std::string territory;  // its customs territory: the union ("EU", "EAEU") or the country
  std::vector<NodeId> nodes;  // where goods for it are delivered (the cheapest one counts)
  double size_usd_bn = 0;     // GDP, current USD bn
  std::string source;         // SOURCES.md key
  int line = 0;               // in markets.csv
};

// One row of duties.csv: goods of `origin` in `commodity` entering `territory`.
struct DutyRow {
  std::string territory;  // "EU", "EAEU" or an ISO2 country (a country row beats its union's)
  std::string origin;     // ISO2 country, "EU", "EAEU" (any member) or "*" (any other)
  int commodity = -1;     // freight::Commodity, or -1 for every class ("*")
  double duty_percent = 0;  // of the cargo value; kept when sanctioned (it applies if the ban is lifted)
  bool sanctioned = false;  // import (or the origin's export) banned: the market is unreachable
  std::string source;
  int line = 0;  // in duties.csv; 0 for a scenario's [[duty]] rule
};

class DutyTable {
 public:
  DutyTable() = default;
  explicit DutyTable(std::vector<DutyRow> rows) : rows_(std::move(rows)) {}
  [[nodiscard]] const std::vector<DutyRow>& rows() const { return rows_; }

  // The row for goods made in `origin_country` entering market country `country` (customs territory
  // `territory`): none (nullptr) inside one territory (no duty: a single market or union); else the
  // most specific match: origin (country, then its union, then "*"), then territory (the country's
  // own row, then its union's), then commodity (the class, then "*"). nullptr if nothing matches.
  [[nodiscard]] const DutyRow* find(const std::string& country, const std::string& territory, const std::string& origin_country,
                                    freight::Commodity commodity) const;

  // Applies the scenarios' [[duty]] rules in order: each sets duty_percent and/or sanctioned on the
  // (territory, origin, class) rows it names, created from the row that applied before if missing.
  void apply_rules(const std::vector<scenario::Scenario>& scenarios);

 private:
  std::vector<DutyRow> rows_;
};

// Parse and check; throw InputError(file, "line N", column, problem with the value). Market nodes
// must exist in `network`; every market's territory needs a default row (origin "*") for every class.
[[nodiscard]] std::vector<Market> parse_markets(std::string_view text, const std::string& file, const network::Network& network);
[[nodiscard]] DutyTable parse_duties(std::string_view text, const std::string& file);
void check_duties_cover(const DutyTable& duties, const std::vector<Market>& markets, const std::string& duties_file);

struct AccessData {
  std::vector<Market> markets;
  DutyTable duties;
};

// DATA/access/markets.csv and duties.csv (data folder = the embedded network's parent).
[[nodiscard]] std::filesystem::path default_markets_file(const std::filesystem::path& data_folder);
[[nodiscard]] std::filesystem::path default_duties_file(const std::filesystem::path& data_folder);
// Reads both files and checks them against each other and the network.
[[nodiscard]] AccessData load_access_data(const std::filesystem::path& markets_file, const std::filesystem::path& duties_file,
                                          const network::Network& network);

// A scenario by built-in name (DATA/access/NAME.toml first, then DATA/scenarios/NAME.toml) or file.
[[nodiscard]] scenario::Scenario resolve_access_scenario(const std::string& name_or_file, const std::filesystem::path& data_folder);

}  // namespace landbridge::access
