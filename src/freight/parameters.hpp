// freight/parameters.hpp: the behavioural and congestion parameters of the freight model
// (docs/freight.md), read from a JSON file next to the network (DIR/freight-parameters.json).
#pragma once
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "freight/commodity.hpp"
#include "freight/equilibrium.hpp"

namespace landbridge::freight {

// A corridor: routes restricted to links carrying one of `tags` or a feeder tag (or no tag), minus
// `exclude_links`: the gateways that define the other corridors (e.g. the Manzhouli border for the
// Trans-Siberian route), so each corridor's best path goes through its own gateway.
struct CorridorDefinition {
  std::string name;               // "northern", "sea-suez", ...
  std::string mode;               // "rail" or "sea": the mode the corridor's TEU count under
  std::vector<std::string> tags;  // link corridor tags that belong to it
  std::vector<std::string> exclude_links;  // link ids it must not use (other corridors' gateways)
};

struct FreightParameters {
  // Inventory carrying rate per year, by commodity: the cost of one day in transit is
  // value_usd_per_teu * rate / 365.
  std::array<double, commodity_count> carrying_rate_per_year{};
  // Reliability: extra hours valued like transit hours, as a share of transit hours, by corridor mode.
  std::map<std::string, double> reliability_buffer_share;
  // Logit scales (1 / USD): between modes (upper nest) and between corridors of one mode (lower).
  double mode_scale_per_usd = 0.001;
  double corridor_scale_per_usd = 0.002;
  // Alternative-specific constant added to the generalized cost of rail (USD per TEU), by origin
  // country ("*" for any other): what the measured costs leave out (subsidies, service frequency...).
  std::map<std::string, double> rail_constant_usd;
  // Constant added to a corridor's generalized cost in the corridor choice (USD per TEU), by
  // corridor name; absent = 0. Calibrated to the published corridor split.
  std::map<std::string, double> corridor_constant_usd;
  double usd_per_tonne_co2 = 0;
  // Conical volume-delay function (Spiess 1990) on links with a capacity: time = hours * f(x / c).
  double conical_alpha = 8.0;
  // Outer fixed-point loop (freight/equilibrium.hpp): method, iteration limit, relative gap.
  EquilibriumMethod equilibrium_method = EquilibriumMethod::anderson;
  int max_iterations = 300;
  double relative_gap = 1e-4;
  std::vector<CorridorDefinition> corridors;
  std::vector<std::string> feeder_tags;  // usable by every corridor ("china-domestic", "eu-domestic")
  // Groups of link ids through which routes enter a market (the Belarus-Poland crossings, the Baltic
  // bypass ...). Each corridor offers one option per group, using that group's gateways only, so the
  // choice between crossings is a logit choice too, not all-or-nothing. Empty: one option per corridor.
  struct EntryGateway {
    std::string name;                // "brest-malaszewicze"
    std::vector<std::string> links;  // link ids
    double constant_usd = 0;         // added to the generalized cost of options through it (calibrated)
  };
  std::vector<EntryGateway> entry_gateways;

  [[nodiscard]] double rail_constant_for(const std::string& origin_country) const;
};

// Reads and validates; throws InputError naming the file and the key ("corridors[2].mode").
[[nodiscard]] FreightParameters load_freight_parameters(const std::filesystem::path& path);
[[nodiscard]] FreightParameters parse_freight_parameters(const std::string& text, const std::string& file);
[[nodiscard]] std::filesystem::path default_parameters_file(const std::filesystem::path& network_folder);

}  // namespace landbridge::freight
