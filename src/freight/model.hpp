// freight/model.hpp: sea-versus-rail mode choice, corridor choice and congestion at capacity
// links, solved to a stochastic user equilibrium (docs/freight.md).
//
// For each demand row the model finds the best path of every corridor (a corridor = the links
// carrying its tags plus feeder links), prices it per TEU for the row's cargo value (freight rate,
// transfers, customs, time and a reliability buffer valued at the inventory carrying cost, and an
// optional CO2 price), and splits the row by a nested logit: mode (sea, rail, air, road: one nest
// each), then corridor. Links with a capacity get a conical volume-delay function of all the traffic
// they carry (the model's flows plus the network's background traffic); the outer loop averages the
// loadings until they stop changing (the outer fixed point, flows = loading at the delays the flows cause,
// is solved by freight/equilibrium.hpp).
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "freight/demand.hpp"
#include "freight/equilibrium.hpp"
#include "freight/parameters.hpp"
#include "routing/router.hpp"

namespace landbridge::freight {

// One corridor option of one demand row, at the final costs.
struct RowOption {
  std::uint16_t corridor = 0;
  double constant_usd = 0;    // the corridor's and entry gateway's calibrated constants (not in generalized_usd)
  double probability = 0;     // share of the row's TEU
  double generalized_usd = 0; // per TEU, without the constants, averaged over the value tiers taking it
  double hours = 0;           // including congestion delay and truck drivers' rests
  double delay_hours = 0;     // congestion part of hours
  double rest_hours = 0;      // truck drivers' breaks and rests on the road part (routing/driving_time.hpp)
  double value_usd_per_teu = 0;  // average cargo value of the TEU taking this option (value tiers choose differently)
  double usd = 0;             // freight rate, transfers and customs per TEU
  double co2_kg = 0;
  double km = 0;
  std::uint32_t first_arc = 0, arc_count = 0;  // into FreightResult::option_arcs
};

// Arcs the model must not use (scenario closures and sanctions, src/scenario/). Each vector is
// empty (no restriction) or has one entry per arc of the router's graph, 1 = blocked.
struct ArcRestrictions {
  std::vector<std::uint8_t> blocked;                                     // for every commodity
  std::array<std::vector<std::uint8_t>, commodity_count> banned_for{};   // for one commodity class
  std::vector<std::vector<std::uint8_t>> avoid;                          // for rows with DemandRow::avoid = k + 1
  [[nodiscard]] bool any_commodity_ban() const {
    for (const auto& b : banned_for) if (!b.empty()) return true;
    return false;
  }
};

struct FreightResult {
  std::vector<std::string> corridor_names;
  std::vector<std::string> corridor_modes;
  std::vector<std::uint32_t> row_first_option;  // row r's options: [row_first_option[r], row_first_option[r+1])
  std::vector<RowOption> options;
  std::vector<ArcId> option_arcs;
  std::vector<double> arc_flow_teu_per_day;  // final loading of the demand, per arc of the router's graph
  // Capacity taken by traffic outside the demand (network::Graph::arc_background_teu_per_day): a
  // capacity arc's delay is that of arc_flow + arc_background.
  std::vector<double> arc_background_teu_per_day;
  std::vector<double> arc_delay_hours;       // congestion delay per TEU at the final flows
  int iterations = 0;
  double relative_gap = 0;  // sum |y - x| / sum y over arcs at the last iteration
  bool converged = false;
  double seconds = 0;
  std::vector<std::size_t> unroutable_rows;  // rows no corridor can carry
  // Per row, at the final costs: the nested logit's logsum, the expected minimum cost per TEU as the
  // choice model sees it (options' generalized cost with their constants, and the rail constant);
  // NaN for unroutable rows. Its change is the shippers' welfare change (Small & Rosen 1981).
  std::vector<double> row_logsum_usd;

  [[nodiscard]] std::span<const RowOption> row_options(std::size_t row) const {
    return {options.data() + row_first_option[row], options.data() + row_first_option[row + 1]};
  }
  [[nodiscard]] std::span<const ArcId> arcs_of(const RowOption& option) const {
    return {option_arcs.data() + option.first_arc, option.arc_count};
  }
};

// The value of each of `count` equal shares of a row's TEU relative to the row's value, for a
// lognormal spread with log standard deviation `sigma` (FreightParameters::ValueTiers); mean 1.
[[nodiscard]] std::vector<double> value_tier_multipliers(int count, double sigma);

class FreightModel {
 public:
  // Keeps references to all three; they must outlive the model. Throws InputError if a corridor's
  // tags match no link. `restrictions` (copied; may be null) removes arcs from every corridor, for
  // all commodities or for one; with none the result is the same as without the argument.
  FreightModel(const routing::Router& router, const Demand& demand, const FreightParameters& parameters,
               const ArcRestrictions* restrictions = nullptr);

  // Solves to equilibrium; `progress` (may be empty) is called once per iteration.
  [[nodiscard]] FreightResult solve(const std::function<void(const IterationProgress&)>& progress = {}) const;
  // The same, starting from given arc flows (TEU/day per arc of the router's graph, e.g. another
  // run's arc_flow_teu_per_day) instead of from an empty network: the first loading is made at the
  // delays those flows cause, and the run may stop after it if it reproduces them (risk sweeps,
  // where most states differ little from the baseline).
  [[nodiscard]] FreightResult solve_from(std::span<const double> start_flow_teu_per_day,
                                         const std::function<void(const IterationProgress&)>& progress = {}) const;

  [[nodiscard]] const Demand& demand() const { return demand_; }
  [[nodiscard]] const FreightParameters& parameters() const { return parameters_; }
  [[nodiscard]] const routing::Router& router() const { return router_; }
  // Cost of an hour in transit for a TEU of this row (USD), before the reliability buffer.
  [[nodiscard]] double usd_per_hour(const DemandRow& row) const;

 private:
  struct Group {  // rows sharing origin and value of time: one shortest-path tree per corridor
    NodeId origin;
    double usd_per_hour;
    std::vector<std::uint32_t> rows;
    int commodity = -1;  // set only when some commodity has its own ban
    std::uint8_t avoid = 0;  // DemandRow::avoid of its rows
    std::vector<std::uint8_t> masks;  // per corridor and arc when avoid or commodity narrow the corridor (else empty)
  };

  const routing::Router& router_;
  const Demand& demand_;
  const FreightParameters& parameters_;
  std::vector<std::vector<std::uint8_t>> corridor_blocked_;  // per corridor, per arc
  std::vector<std::vector<std::uint8_t>> gateway_blocked_;   // per entry-gateway group: the other groups' arcs
  std::vector<double> gateway_constant_;                     // per entry-gateway group
  std::vector<std::int16_t> arc_gateway_;                    // entry-gateway group of an arc, -1 if none
  // With commodity bans: per corridor * commodity_count + commodity, per arc (else empty).
  std::vector<std::vector<std::uint8_t>> corridor_commodity_blocked_;
  std::vector<double> corridor_reliability_;                 // buffer share per corridor
  std::vector<std::string> modes_;                           // the corridors' modes, in freight_modes order
  std::vector<std::uint8_t> corridor_mode_;                  // index into modes_, per corridor
  std::vector<double> tier_multipliers_;                     // value of each tier / the row's value (mean 1)
  // Per row: the rate index of each network mode's links for the row's direction
  // (FreightParameters::rate_index; 1 for modes without one), and each mode nest's constant.
  std::vector<std::array<double, network::mode_count>> row_rate_index_;
  std::vector<std::vector<double>> row_mode_constant_;
  std::vector<double> corridor_constant_;
  std::vector<ArcId> capacity_arcs_;
  std::vector<Group> groups_;
};

}  // namespace landbridge::freight
