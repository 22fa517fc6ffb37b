// freight/parameters.hpp: the behavioural and congestion parameters of the freight model
// (docs/freight.md), read from a JSON file next to the network (DIR/freight-parameters.json).
#pragma once
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "freight/commodity.hpp"
#include "routing/driving_time.hpp"
#include "freight/equilibrium.hpp"

namespace landbridge::freight {

// A corridor: routes restricted to links carrying one of `tags` or a feeder tag (or no tag), minus
// `exclude_links`: the gateways that define the other corridors (e.g. the Manzhouli border for the
// Trans-Siberian route), so each corridor's best path goes through its own gateway.
struct CorridorDefinition {
  std::string name;               // "northern", "sea-suez", ...
  std::string mode;               // "sea", "rail", "air" or "road": the upper nest the corridor belongs to
  std::vector<std::string> tags;  // link corridor tags that belong to it
  std::vector<std::string> exclude_links;  // link ids it must not use (other corridors' gateways)
  bool feeders = true;  // may use the feeder links (feeder_tags); false for door-to-door road and air
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
  // Alternative-specific constant added to a mode's generalized cost (USD per TEU), by mode and origin
  // country ("*" for any other; a mode without an entry has 0): what the measured costs leave out
  // (subsidies, service frequency, shippers' habits...).
  std::map<std::string, std::map<std::string, double>> mode_constant_usd;
  // Constant added to a corridor's generalized cost in the corridor choice (USD per TEU), by
  // corridor name; absent = 0. Calibrated to the published corridor split.
  std::map<std::string, double> corridor_constant_usd;
  double usd_per_tonne_co2 = 0;
  // Conical volume-delay function (Spiess 1990) on links with a capacity: time = hours * f(x / c).
  double conical_alpha = 8.0;
  // What a TEU held in a congestion queue costs per day beyond its cargo's time value: the container's
  // detention and the wagon's or truck's hire, which a scheduled transit's rate already covers but a
  // queue does not (data/eurasia/SOURCES.md). Charged on the volume-delay hours only.
  double delay_usd_per_teu_day = 0;
  // What a slot on a capacity link costs when the link is full (USD per TEU): operators ration a
  // saturated crossing by price, not only by queue (rail quotes roughly doubled in 2021 when
  // Malaszewicze ran at capacity; docs/history.md). The charge follows the links' conical function:
  // slot_usd = slot_price_usd_at_capacity * (f(x) - 1), 0 on an empty link, the full price at x = 1,
  // rising steeply beyond. 0 (the default) turns it off.
  double slot_price_usd_at_capacity = 0;
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

  // Observable input, not a behavioural parameter: line-haul rates of a mode (its links' usd_per_teu)
  // for cargo going in a region direction ("CN->EU", "*" = any other) are index times the network's:
  // the network holds one rate per link for both directions, published freight indices do not
  // (westbound sea rates are several times eastbound ones). Absent: 1.
  std::map<std::string, std::map<std::string, double>> rate_index;
  [[nodiscard]] double rate_index_for(const std::string& mode, const std::string& direction) const;

  // Cargo value varies within a demand row (a class mixes cheap and dear goods): each row is split
  // into `count` equal parts whose values follow a lognormal distribution with the row's value as
  // mean and `sigma` as the standard deviation of the log (one value per part: the mean of its
  // quantile band). count = 1: every TEU has the row's value.
  struct ValueTiers {
    int count = 1;
    double sigma = 0;
  };
  ValueTiers value_tiers;
  // Truck drivers' hours (Regulation (EC) 561/2006) on the road part of every option.
  routing::DrivingRules driving_rules;

  // The years of the history (data/history/) these parameters were fitted on; the others test them.
  std::vector<int> calibration_years;

  // Markets: regions of countries (a country in none is its own region). A demand row's market is
  // "A-B" for its origin's and destination's regions in the order listed here ("CN-EU" for both
  // directions), its direction "A->B".
  struct Region {
    std::string name;                    // "CN", "EU", "CA" ...
    std::vector<std::string> countries;  // ISO 3166-1 alpha-2
  };
  std::vector<Region> regions;

  // The constant of `mode` for cargo from `origin_country` going in `direction` ("CN->EU"): the
  // direction's entry, else the origin country's, else its region's, else "*".
  [[nodiscard]] double mode_constant_for(const std::string& mode, const std::string& origin_country,
                                         const std::string& direction = "") const;
  // The region of a country: its Region's name, or the country code itself.
  [[nodiscard]] std::string region_of(const std::string& country) const;
  // "CN-EU" for regions a and b in either order (listed regions first, in list order; others by name).
  [[nodiscard]] std::string market_of(const std::string& region_a, const std::string& region_b) const;
};

// The cost of an hour in transit for one TEU (USD): its cargo value times the class's yearly carrying
// rate, spread over the 8,760 hours of a year (docs/freight.md), before any reliability buffer. The
// freight model and market access (docs/access.md) both price time this way.
[[nodiscard]] constexpr double time_value_usd_per_teu_hour(double value_usd_per_teu, double carrying_rate_per_year) {
  return value_usd_per_teu * carrying_rate_per_year / 8760.0;
}

// The corridor modes the model knows, in the order reports list them.
inline constexpr std::array<const char*, 4> freight_modes = {"sea", "rail", "air", "road"};

// Reads and validates; throws InputError naming the file and the key ("corridors[2].mode").
[[nodiscard]] FreightParameters load_freight_parameters(const std::filesystem::path& path);
[[nodiscard]] FreightParameters parse_freight_parameters(const std::string& text, const std::string& file);
[[nodiscard]] std::filesystem::path default_parameters_file(const std::filesystem::path& network_folder);

}  // namespace landbridge::freight
