// freight/demand.hpp: yearly container demand between network nodes by commodity class, read
// from the CSV format of docs/demand-format.md.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "freight/commodity.hpp"
#include "network/model.hpp"

namespace landbridge::freight {

struct DemandRow {
  NodeId origin = invalid_id;
  NodeId destination = invalid_id;
  Commodity commodity = Commodity::consumer_goods;
  double teu_per_year = 0;       // loaded TEU per year, one direction
  double value_usd_per_teu = 0;  // cargo value, sets the cost of time in transit
  int line = 0;                  // line in the file it came from (1 = header)
  // 0, or k: this row's cargo must not use the arcs of ArcRestrictions::avoid[k - 1] (shippers who
  // shun routes through some countries; scenario rule [[avoid]]).
  std::uint8_t avoid = 0;
};

struct Demand {
  std::vector<DemandRow> rows;
  std::vector<std::string> warnings;  // e.g. a border station used as a zone
  [[nodiscard]] double total_teu_per_year() const;
};

// Parses demand CSV text; `file` names it in messages. Throws io::ValidationErrors (up to 20
// problems, each "file: line L, column C ("name"): problem") or InputError.
[[nodiscard]] Demand parse_demand(const std::string& text, const std::string& file, const network::Network& network);

// Reads and parses a demand file.
[[nodiscard]] Demand load_demand(const std::filesystem::path& path, const network::Network& network);

// The default demand of a network folder: DIR/demand.csv.
[[nodiscard]] std::filesystem::path default_demand_file(const std::filesystem::path& network_folder);

}  // namespace landbridge::freight
