// scenario/scenario.hpp: scenario files (TOML, docs/scenarios.md): rules that close or restrict
// links, nodes, chokepoints and borders, change capacity, time or cost, ban commodities through
// countries, grow demand and set a CO2 price; and their application to a network, a demand and
// freight parameters. Rules apply in file order, scenarios in the order given.
#pragma once
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "freight/demand.hpp"
#include "freight/model.hpp"
#include "freight/parameters.hpp"
#include "network/graph.hpp"
#include "network/model.hpp"

namespace landbridge::scenario {

enum class RuleKind : std::uint8_t { close, change, sanction, demand, parameters, rate, avoid, haulier_ban, duty };
[[nodiscard]] std::string_view to_string(RuleKind kind);

// Which links a close/change rule means: the union of the element selectors, then filtered by
// mode. Names are external ids, ISO2 codes, passage and corridor tags as in the network files.
struct LinkSelector {
  std::vector<std::string> links, nodes, passages, countries, corridors;
  bool border = false;                      // with countries: only links leaving the country
  std::vector<std::string> border_with;     // with border: only towards these countries
  std::set<network::Mode> modes;            // transfer links count for a mode linking two of its nodes
  [[nodiscard]] bool empty() const {
    return links.empty() && nodes.empty() && passages.empty() && countries.empty() && corridors.empty();
  }
};

struct Rule {
  RuleKind kind = RuleKind::close;
  std::string file;
  int line = 0;        // line of the rule's table header
  std::string key;     // "close[1]", "parameters" ... for messages
  LinkSelector select;
  // change
  double capacity_factor = 1, capacity_add_teu_per_day = 0;
  double hours_factor = 1, hours_add = 0, usd_factor = 1, usd_add = 0, co2_factor = 1;
  double background_factor = 1;  // scales the links' background traffic (both directions)
  // sanction: commodity classes banned on links touching `through` countries or run by carriers
  // of `carriers_of` countries (links with both ends there)
  std::vector<freight::Commodity> commodities;
  std::vector<std::string> through, carriers_of;
  // demand (and avoid: which rows)
  double demand_factor = 1;
  std::vector<std::string> origins, destinations, origin_countries, destination_countries;
  std::vector<std::string> origin_regions, destination_regions;  // FreightParameters::regions names
  // rate: the line-haul rates of `rate_mode` for cargo going in `directions` ("CN->EU"; "*" = any)
  // are `rate_index` times the network's
  std::string rate_mode;
  std::vector<std::string> directions;
  double rate_index = 1;
  // avoid: a share of the matching rows' TEU will not cross `through` countries
  double avoid_share = 0;
  // haulier_ban: loads change truck or trailer on road links and road border posts between a
  // country of `carriers_of` and one of `roads_of` ("EU" = the union's members)
  std::vector<std::string> roads_of;
  double change_hours = 0, change_usd = 0;
  // duty: import duties and sanctions for `landbridge access` (docs/access.md): goods of `origins`
  // (ISO2, "EU", "EAEU" or "*") in `commodities` (empty: every class) entering `territory` (a union
  // or an ISO2 country) pay `duty_percent` of their value and/or are (not) `duty_sanctioned`. The
  // network is not changed; other commands report the rule and ignore it.
  std::string territory;
  std::optional<double> duty_percent;
  std::optional<bool> duty_sanctioned;
  // parameters
  std::optional<double> usd_per_tonne_co2;
  std::optional<int> max_iterations;
  std::optional<double> relative_gap;
  std::optional<freight::EquilibriumMethod> equilibrium_method;
  std::string note;  // free text from the file ("why"), shown in reports
};

// Part of a year with rules of its own (a closure of a few weeks): [[period]] in a year file.
struct Period {
  std::string name;
  int days = 0;             // how long the period lasts; the rest of the year has the scenario's rules only
  std::vector<Rule> rules;  // applied on top of the scenario's rules
};

struct Scenario {
  std::string name;         // "red-sea-closure"
  std::string title;        // one line for people
  std::string description;  // a paragraph
  std::vector<std::string> sources;
  std::string file;
  std::optional<int> year;  // a year file of the history (data/history/YYYY.toml)
  std::vector<Rule> rules;  // in file order
  std::vector<Period> periods;
};

// Parses a scenario; throws InputError naming file, line and key for every problem (unknown keys,
// wrong types, unknown commodity or mode, factors out of range, TOML syntax).
[[nodiscard]] Scenario parse_scenario(std::string_view text, const std::string& file);
[[nodiscard]] Scenario load_scenario(const std::filesystem::path& path);

// The built-in scenarios: DATA/scenarios/*.toml, sorted by name.
[[nodiscard]] std::filesystem::path builtin_folder(const std::filesystem::path& data_folder);
[[nodiscard]] std::vector<Scenario> builtin_scenarios(const std::filesystem::path& data_folder);
// A built-in name, or a path to a .toml file. Throws InputError listing the built-ins otherwise.
[[nodiscard]] Scenario resolve_scenario(const std::string& name_or_file, const std::filesystem::path& data_folder);

// What one rule did.
struct RuleEffect {
  std::string scenario, file, key;
  int line = 0;
  RuleKind kind = RuleKind::close;
  std::string description;            // "close links: SEA-BAB ..." for people
  std::vector<std::string> touched;   // link ids, node ids, demand rows, parameter changes
  std::string note;
};

// The inputs of a scenario run. The network keeps the nodes and links (and their order) of the
// base network, so its compiled graph has the same arcs; restrictions index those arcs.
struct AppliedScenario {
  network::Network network;
  freight::Demand demand;
  freight::FreightParameters parameters;
  freight::ArcRestrictions restrictions;
  std::vector<RuleEffect> effects;
  std::vector<std::string> closed_links;  // closed for every commodity (both directions)
};

// Applies the scenarios in order. Throws InputError (file, line, key) for a rule that names
// something the network does not have or that matches nothing.
[[nodiscard]] AppliedScenario apply_scenarios(const std::vector<Scenario>& scenarios, const network::Network& network,
                                              const network::Graph& graph, const freight::Demand& demand,
                                              const freight::FreightParameters& parameters);

}  // namespace landbridge::scenario
