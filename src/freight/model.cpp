#include "freight/model.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "assignment/vdf.hpp"
#include "common/input_error.hpp"
#include "routing/driving_time.hpp"

namespace landbridge::freight {

std::vector<double> value_tier_multipliers(int count, double sigma) {
  // X lognormal with E[X] = 1: X = exp(sigma Z - sigma^2 / 2), Z standard normal. The mean of X over
  // the k-th of `count` equal-probability bands of Z, (a, b), is count * (Phi(b - sigma) - Phi(a - sigma))
  // (Johnson, Kotz & Balakrishnan 1994, ch. 14), so the tiers' average is exactly 1.
  const auto phi = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
  const auto inverse_phi = [&](double p) {  // bisection: count is small and this runs once per model
    double low = -40, high = 40;
    for (int i = 0; i < 200; ++i) {
      const double mid = 0.5 * (low + high);
      (phi(mid) < p ? low : high) = mid;
    }
    return 0.5 * (low + high);
  };
  std::vector<double> multipliers;
  if (count <= 1 || sigma <= 0) return std::vector<double>(static_cast<std::size_t>(std::max(count, 1)), 1.0);
  for (int k = 0; k < count; ++k) {
    const double a = k == 0 ? -std::numeric_limits<double>::infinity() : inverse_phi(static_cast<double>(k) / count);
    const double b = k + 1 == count ? std::numeric_limits<double>::infinity() : inverse_phi(static_cast<double>(k + 1) / count);
    multipliers.push_back(count * (phi(b - sigma) - phi(a - sigma)));
  }
  return multipliers;
}

FreightModel::FreightModel(const routing::Router& router, const Demand& demand, const FreightParameters& parameters,
                           const ArcRestrictions* restrictions)
    : router_(router), demand_(demand), parameters_(parameters) {
  const network::Network& net = router.network();
  const network::Graph& g = router.graph();
  const std::set<std::string> feeders(parameters.feeder_tags.begin(), parameters.feeder_tags.end());
  for (const CorridorDefinition& corridor : parameters.corridors) {
    const std::set<std::string> own(corridor.tags.begin(), corridor.tags.end());
    std::set<LinkId> excluded;
    for (const std::string& id : corridor.exclude_links) {
      const LinkId l = net.find_link(id);
      if (l == invalid_id) {
        throw InputError("", "", "corridors",
                         fmt::format("corridor \"{}\": exclude_links names no link \"{}\"", corridor.name, id));
      }
      excluded.insert(l);
    }
    std::vector<std::uint8_t> blocked(g.arc_count(), 1);
    bool any = false;
    for (ArcId a = 0; a < g.arc_count(); ++a) {
      const auto& tags = net.link(g.arc_link[a]).corridors;
      bool allowed = tags.empty();
      for (const std::string& t : tags) {
        if (own.contains(t)) allowed = true, any = true;
        if (corridor.feeders && feeders.contains(t)) allowed = true;
      }
      blocked[a] = allowed && !excluded.contains(g.arc_link[a]) ? 0 : 1;
      if (restrictions != nullptr && !restrictions->blocked.empty() && restrictions->blocked[a] != 0) blocked[a] = 1;
    }
    if (!any) {
      throw InputError("", "", "corridors",
                       fmt::format("corridor \"{}\": no link carries any of its tags ({})", corridor.name,
                                   fmt::join(corridor.tags, ", ")));
    }
    corridor_blocked_.push_back(std::move(blocked));
    corridor_reliability_.push_back(parameters.reliability_buffer_share.at(corridor.mode));
    const auto constant = parameters.corridor_constant_usd.find(corridor.name);
    corridor_constant_.push_back(constant == parameters.corridor_constant_usd.end() ? 0.0 : constant->second);
  }
  for (const char* mode : freight_modes) {
    if (std::any_of(parameters.corridors.begin(), parameters.corridors.end(),
                    [&](const CorridorDefinition& c) { return c.mode == mode; }))
      modes_.emplace_back(mode);
  }
  for (const CorridorDefinition& corridor : parameters.corridors) {
    corridor_mode_.push_back(static_cast<std::uint8_t>(std::find(modes_.begin(), modes_.end(), corridor.mode) - modes_.begin()));
  }
  const bool commodity_bans = restrictions != nullptr && restrictions->any_commodity_ban();
  if (commodity_bans) {
    for (const auto& corridor_mask : corridor_blocked_) {
      for (int c = 0; c < commodity_count; ++c) {
        std::vector<std::uint8_t> mask = corridor_mask;
        const auto& ban = restrictions->banned_for[static_cast<std::size_t>(c)];
        if (!ban.empty())
          for (ArcId a = 0; a < g.arc_count(); ++a) mask[a] = static_cast<std::uint8_t>(mask[a] | ban[a]);
        corridor_commodity_blocked_.push_back(std::move(mask));
      }
    }
  }
  for (ArcId a = 0; a < g.arc_count(); ++a) {
    if (std::isfinite(g.arc_capacity_teu_per_day[a])) capacity_arcs_.push_back(a);
  }
  std::vector<std::size_t> gateway_group_of_link(net.link_count(), SIZE_MAX);
  for (std::size_t j = 0; j < parameters.entry_gateways.size(); ++j) {
    for (const std::string& id : parameters.entry_gateways[j].links) {
      const LinkId l = net.find_link(id);
      if (l == invalid_id) throw InputError("", "", "entry_gateways", fmt::format("no link \"{}\" in the network", id));
      gateway_group_of_link[l] = j;
    }
  }
  arc_gateway_.assign(g.arc_count(), -1);
  for (ArcId a = 0; a < g.arc_count(); ++a) {
    const std::size_t group = gateway_group_of_link[g.arc_link[a]];
    if (group != SIZE_MAX) arc_gateway_[a] = static_cast<std::int16_t>(group);
  }
  for (std::size_t j = 0; j < parameters.entry_gateways.size(); ++j) {
    gateway_constant_.push_back(parameters.entry_gateways[j].constant_usd);
    std::vector<std::uint8_t> others(g.arc_count(), 0);
    for (ArcId a = 0; a < g.arc_count(); ++a) {
      const std::size_t group = gateway_group_of_link[g.arc_link[a]];
      others[a] = group != SIZE_MAX && group != j ? 1 : 0;
    }
    gateway_blocked_.push_back(std::move(others));
  }
  tier_multipliers_ = value_tier_multipliers(parameters.value_tiers.count, parameters.value_tiers.sigma);
  const std::size_t avoid_sets = restrictions != nullptr ? restrictions->avoid.size() : 0;
  for (const DemandRow& row : demand.rows) {
    if (row.avoid > avoid_sets) {
      throw std::invalid_argument(fmt::format("FreightModel: a demand row avoids set {} of {}", row.avoid, avoid_sets));
    }
  }
  // Group rows by origin and value of time (and commodity, when a commodity has its own ban, and the
  // countries they avoid), in first-appearance order (deterministic).
  std::map<std::tuple<NodeId, double, int, int>, std::size_t> group_of;
  for (std::uint32_t r = 0; r < demand.rows.size(); ++r) {
    const DemandRow& row = demand.rows[r];
    const double vot = usd_per_hour(row);
    const int commodity = commodity_bans ? static_cast<int>(row.commodity) : -1;
    auto [it, inserted] = group_of.emplace(std::make_tuple(row.origin, vot, commodity, row.avoid), groups_.size());
    if (inserted) groups_.push_back(Group{row.origin, vot, {}, commodity, row.avoid, {}});
    groups_[it->second].rows.push_back(r);
  }
  // Groups whose corridors are narrower than the corridors themselves get masks of their own.
  for (Group& group : groups_) {
    if (group.commodity < 0 && group.avoid == 0) continue;
    for (std::size_t c = 0; c < corridor_blocked_.size(); ++c) {
      const std::vector<std::uint8_t>& ban =
          group.commodity < 0 ? corridor_blocked_[c] : corridor_commodity_blocked_[c * commodity_count + static_cast<std::size_t>(group.commodity)];
      const std::size_t start = group.masks.size();
      group.masks.insert(group.masks.end(), ban.begin(), ban.end());
      if (group.avoid > 0) {
        const std::vector<std::uint8_t>& avoided = restrictions->avoid[group.avoid - 1u];
        for (ArcId a = 0; a < g.arc_count(); ++a) group.masks[start + a] = static_cast<std::uint8_t>(group.masks[start + a] | avoided[a]);
      }
    }
  }
  // Per row: rate indices by network mode for its direction, and each nest's constant.
  for (const DemandRow& row : demand.rows) {
    const std::string& origin_country = net.node(row.origin).country;
    const std::string direction =
        parameters.region_of(origin_country) + "->" + parameters.region_of(net.node(row.destination).country);
    std::array<double, network::mode_count> index{};
    index.fill(1.0);
    for (const char* mode : freight_modes) {
      if (const auto m = network::parse_mode(mode)) index[static_cast<std::size_t>(*m)] = parameters.rate_index_for(mode, direction);
    }
    row_rate_index_.push_back(index);
    std::vector<double> constants;
    for (const std::string& mode : modes_) constants.push_back(parameters.mode_constant_for(mode, origin_country, direction));
    row_mode_constant_.push_back(std::move(constants));
  }
}

double FreightModel::usd_per_hour(const DemandRow& row) const {
  return time_value_usd_per_teu_hour(row.value_usd_per_teu, parameters_.carrying_rate_per_year[static_cast<std::size_t>(row.commodity)]);
}

FreightResult FreightModel::solve(const std::function<void(const IterationProgress&)>& progress) const {
  return solve_from({}, progress);
}

FreightResult FreightModel::solve_from(std::span<const double> start_flow_teu_per_day,
                                       const std::function<void(const IterationProgress&)>& progress) const {
  const auto start = std::chrono::steady_clock::now();
  const network::Network& net = router_.network();
  const network::Graph& g = router_.graph();
  const ArcId arc_count = g.arc_count();
  const std::size_t corridor_count = parameters_.corridors.size();
  const std::size_t row_count = demand_.rows.size();

  // Congestion: a conical volume-delay function on each capacity arc, from the assignment engine.
  assignment::AssignmentProblem delay_problem;
  for (ArcId a : capacity_arcs_) {
    delay_problem.tail.push_back(0);
    delay_problem.head.push_back(0);
    delay_problem.free_flow_time.push_back(g.arc_hours[a] - g.arc_customs_hours[a]);
    delay_problem.capacity.push_back(g.arc_capacity_teu_per_day[a]);
    delay_problem.alpha.push_back(parameters_.conical_alpha);
    delay_problem.beta.push_back(0);
    delay_problem.toll.push_back(0);
    delay_problem.length.push_back(0);
    delay_problem.vdf.push_back(assignment::VdfKind::conical);
  }
  const assignment::LinkCostModel delay_model(delay_problem);

  FreightResult result;
  for (const auto& c : parameters_.corridors)
    result.corridor_names.push_back(c.name), result.corridor_modes.push_back(c.mode);
  std::vector<double> flow(arc_count, 0.0), loading(arc_count, 0.0), delay(arc_count, 0.0), weights_usd(arc_count);
  std::vector<double> slot_usd(arc_count, 0.0);  // scarcity charge per TEU on capacity arcs (parameters.hpp)
  const double delay_usd_per_hour = parameters_.delay_usd_per_teu_day / 24.0;
  std::vector<routing::Weight> weights(arc_count);
  std::vector<std::uint8_t> variant_mask(arc_count);
  routing::DijkstraQuery dijkstra(g.topology);

  // Paths of earlier loadings by row, with their corridors; paths no tier chooses any more are dropped.
  std::vector<std::vector<std::vector<ArcId>>> known_paths(row_count);
  std::vector<std::vector<std::size_t>> known_corridors(row_count);
  constexpr double negligible_probability = 1e-9;

  // One loading at the current delays; fills result.options when `record` is set.
  auto load = [&](bool record) {
    std::fill(loading.begin(), loading.end(), 0.0);
    if (record) {
      result.options.clear();
      result.option_arcs.clear();
      result.unroutable_rows.clear();
      result.row_logsum_usd.clear();
    }
    std::vector<std::vector<RowOption>> row_options(row_count);
    std::vector<std::vector<std::vector<ArcId>>> row_paths(row_count);
    // An option of row r through corridor c along `path`, priced at the current delays.
    const auto add_option = [&](std::uint32_t r, std::size_t c, std::vector<ArcId> path) {
      RowOption option;
      option.corridor = static_cast<std::uint16_t>(c);
      option.constant_usd = corridor_constant_[c];
      double driving_hours = 0;
      for (ArcId a : path) {
        if (!arc_gateway_.empty() && arc_gateway_[a] >= 0)
          option.constant_usd += gateway_constant_[static_cast<std::size_t>(arc_gateway_[a])];
        option.hours += g.arc_hours[a] + delay[a];
        option.delay_hours += delay[a];
        option.usd += g.arc_usd[a] + delay_usd_per_hour * delay[a] + slot_usd[a];
        option.co2_kg += g.arc_co2_kg[a];
        option.km += g.arc_length_km[a];
        if (g.arc_mode[a] == network::Mode::road) driving_hours += net.link(g.arc_link[a]).hours;
        // The line-haul rate at the row's direction's index (customs and transfers unchanged).
        const double index = row_rate_index_[r][static_cast<std::size_t>(g.arc_mode[a])];
        if (index != 1.0) option.usd += (index - 1.0) * net.link(g.arc_link[a]).usd_per_teu;
      }
      // Truck drivers' breaks and rests over the path's driving (routing/driving_time.hpp); the
      // path itself was found on driving time, as the rests do not add up link by link.
      option.rest_hours = routing::rest_hours(driving_hours, parameters_.driving_rules);
      option.hours += option.rest_hours;
      row_options[r].push_back(option);
      row_paths[r].push_back(std::move(path));
    };
    // The paths found by earlier loadings stay options (priced at today's delays): without them a
    // corridor's load jumps whole from one path to another when their costs cross, and the fixed
    // point has no continuous map to converge on (column generation, as path-based assignment does).
    // Moved, not copied: known_paths is refilled from row_paths at the end of the loading.
    for (std::uint32_t r = 0; r < row_count; ++r)
      for (std::size_t k = 0; k < known_paths[r].size(); ++k) add_option(r, known_corridors[r][k], std::move(known_paths[r][k]));
    for (const Group& group : groups_) {
      for (std::size_t c = 0; c < corridor_count; ++c) {
        const double hour_usd = group.usd_per_hour * (1.0 + corridor_reliability_[c]);
        for (ArcId a = 0; a < arc_count; ++a) {
          weights_usd[a] = g.arc_usd[a] + hour_usd * (g.arc_hours[a] + delay[a]) + delay_usd_per_hour * delay[a] + slot_usd[a] +
                           g.arc_co2_kg[a] / 1000.0 * parameters_.usd_per_tonne_co2;
          weights[a] = static_cast<routing::Weight>(std::llround(std::min(weights_usd[a] * 100.0, 4.0e9)));
        }
        const NodeId source = group.origin;
        const std::span<const std::uint8_t> corridor_mask =
            group.masks.empty() ? std::span<const std::uint8_t>(corridor_blocked_[c])
                                : std::span<const std::uint8_t>(group.masks).subspan(c * arc_count, arc_count);
        // One search per entry-gateway group (or one, without groups); duplicates are dropped below.
        // A first search with every gateway open: if none of the group's best paths crosses a
        // gateway, each per-gateway search would find the same paths (blocking arcs off the optimum
        // keeps it optimal), so that one search stands for all of them (sea corridors, mostly).
        const auto collect_paths = [&] {
          for (std::uint32_t r : group.rows) {
              const DemandRow& row = demand_.rows[r];
              if (dijkstra.distance(row.destination) == routing::unreachable) continue;
              std::vector<ArcId> path = dijkstra.path_to(row.destination);
              // The same path found through two corridors (or an earlier loading) is one alternative.
              bool duplicate = false;
              for (const auto& other : row_paths[r]) duplicate |= other == path;
              if (!duplicate) add_option(r, c, std::move(path));
            }
        };
        bool per_gateway = !gateway_blocked_.empty();
        if (per_gateway) {
          dijkstra.run(std::span<const NodeId>(&source, 1), weights, corridor_mask);
          per_gateway = false;
          for (std::uint32_t r : group.rows) {
            if (dijkstra.distance(demand_.rows[r].destination) == routing::unreachable) continue;
            for (ArcId a = dijkstra.parent_arc(demand_.rows[r].destination); a != invalid_id && !per_gateway;
                 a = dijkstra.parent_arc(g.topology.tail[a]))
              per_gateway = arc_gateway_[a] >= 0;
            if (per_gateway) break;
          }
          if (!per_gateway) collect_paths();
        } else {
          dijkstra.run(std::span<const NodeId>(&source, 1), weights, corridor_mask);
          collect_paths();
        }
        for (std::size_t variant = 0; per_gateway && variant < gateway_blocked_.size(); ++variant) {
          for (ArcId a = 0; a < arc_count; ++a) variant_mask[a] = corridor_mask[a] | gateway_blocked_[variant][a];
          dijkstra.run(std::span<const NodeId>(&source, 1), weights, variant_mask);
          collect_paths();
        }
      }
    }
    // Nested logit per row and value tier: corridors within a mode (scale mu), then modes (scale
    // theta). The tiers split a row's TEU into equal parts of different cargo value (value_tiers),
    // which share the row's paths and differ in the value of their time.
    const double mu = parameters_.corridor_scale_per_usd, theta = parameters_.mode_scale_per_usd;
    const std::size_t mode_count = modes_.size();
    std::vector<double> mode_cost(mode_count), mode_share(mode_count);
    std::vector<double> mode_best(mode_count), mode_sum(mode_count);
    std::vector<double> tier_probability, tier_cost;
    for (std::size_t r = 0; r < row_count; ++r) {
      auto& options = row_options[r];
      const DemandRow& row = demand_.rows[r];
      if (options.empty()) {
        if (record) {
          result.unroutable_rows.push_back(r);
          result.row_first_option.push_back(static_cast<std::uint32_t>(result.options.size()));
          result.row_logsum_usd.push_back(std::numeric_limits<double>::quiet_NaN());
        }
        continue;
      }
      const std::vector<double>& mode_constant = row_mode_constant_[r];
      const double base_hour_usd = usd_per_hour(row);
      const std::size_t n = options.size();
      tier_probability.assign(n, 0.0);
      tier_cost.resize(n);
      std::vector<double> value_sum(n, 0.0), cost_sum(n, 0.0);
      double logsum = 0;
      for (const double multiplier : tier_multipliers_) {
        // Utility-side cost of an option for this tier: rates, CO2 price and time at the tier's value,
        // plus the option's constants.
        for (std::size_t k = 0; k < n; ++k) {
          const RowOption& o = options[k];
          const double hour_usd = base_hour_usd * multiplier * (1.0 + corridor_reliability_[o.corridor]);
          tier_cost[k] = o.usd + o.co2_kg / 1000.0 * parameters_.usd_per_tonne_co2 + hour_usd * o.hours;
        }
        double lowest = std::numeric_limits<double>::infinity();
        for (std::size_t m = 0; m < mode_count; ++m) {
          mode_best[m] = std::numeric_limits<double>::infinity();
          mode_sum[m] = 0;
        }
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t m = corridor_mode_[options[k].corridor];
          mode_best[m] = std::min(mode_best[m], tier_cost[k] + options[k].constant_usd);
        }
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t m = corridor_mode_[options[k].corridor];
          mode_sum[m] += std::exp(-mu * (tier_cost[k] + options[k].constant_usd - mode_best[m]));
        }
        for (std::size_t m = 0; m < mode_count; ++m) {
          if (!std::isfinite(mode_best[m])) continue;
          // Logsum (expected minimum cost of the mode) plus the mode's constant for the origin.
          mode_cost[m] = mode_best[m] - std::log(mode_sum[m]) / mu + mode_constant[m];
          lowest = std::min(lowest, mode_cost[m]);
        }
        double total = 0;
        for (std::size_t m = 0; m < mode_count; ++m) {
          mode_share[m] = std::isfinite(mode_best[m]) ? std::exp(-theta * (mode_cost[m] - lowest)) : 0.0;
          total += mode_share[m];
        }
        logsum += lowest - std::log(total) / theta;
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t m = corridor_mode_[options[k].corridor];
          const double within_mode = std::exp(-mu * (tier_cost[k] + options[k].constant_usd - mode_best[m])) / mode_sum[m];
          const double p = within_mode * mode_share[m] / total;
          tier_probability[k] += p;
          value_sum[k] += p * multiplier;
          cost_sum[k] += p * tier_cost[k];
        }
      }
      const double tiers = static_cast<double>(tier_multipliers_.size());
      const double teu_per_day = row.teu_per_year / 365.0;
      if (record) {
        result.row_first_option.push_back(static_cast<std::uint32_t>(result.options.size()));
        result.row_logsum_usd.push_back(logsum / tiers);
      }
      for (std::size_t k = 0; k < n; ++k) {
        RowOption& o = options[k];
        o.probability = tier_probability[k] / tiers;
        // Per TEU of this option: the cargo value and generalized cost of the tiers that chose it.
        o.value_usd_per_teu = tier_probability[k] > 0 ? row.value_usd_per_teu * value_sum[k] / tier_probability[k] : row.value_usd_per_teu;
        o.generalized_usd = tier_probability[k] > 0 ? cost_sum[k] / tier_probability[k] : tier_cost[k];
        for (ArcId a : row_paths[r][k]) loading[a] += teu_per_day * o.probability;
        if (record) {
          o.first_arc = static_cast<std::uint32_t>(result.option_arcs.size());
          o.arc_count = static_cast<std::uint32_t>(row_paths[r][k].size());
          result.option_arcs.insert(result.option_arcs.end(), row_paths[r][k].begin(), row_paths[r][k].end());
          result.options.push_back(o);
        }
      }
    }
    if (record) result.row_first_option.push_back(static_cast<std::uint32_t>(result.options.size()));
    for (std::uint32_t r = 0; r < row_count; ++r) {
      known_paths[r].clear(), known_corridors[r].clear();
      for (std::size_t k = 0; k < row_options[r].size(); ++k) {
        if (row_options[r][k].probability < negligible_probability) continue;
        known_paths[r].push_back(std::move(row_paths[r][k]));
        known_corridors[r].push_back(row_options[r][k].corridor);
      }
    }
  };

  auto update_delays = [&] {
    for (std::size_t i = 0; i < capacity_arcs_.size(); ++i) {
      const ArcId a = capacity_arcs_[i];
      delay[a] = delay_model.cost(static_cast<assignment::LinkId>(i), flow[a] + g.arc_background_teu_per_day[a]) -
                 delay_problem.free_flow_time[i];
      if (parameters_.slot_price_usd_at_capacity > 0) {
        // f(x) - 1 of the links' conical function (Spiess 1990): 0 when empty, 1 at capacity.
        const double x = (flow[a] + g.arc_background_teu_per_day[a]) / g.arc_capacity_teu_per_day[a];
        const double alpha = parameters_.conical_alpha, beta = (2 * alpha - 1) / (2 * alpha - 2);
        const double conical = 2 + std::sqrt(alpha * alpha * (1 - x) * (1 - x) + beta * beta) - alpha * (1 - x) - beta;
        slot_usd[a] = parameters_.slot_price_usd_at_capacity * (conical - 1.0);
      }
    }
  };

  const bool warm = !start_flow_teu_per_day.empty();
  if (warm) {
    if (start_flow_teu_per_day.size() != arc_count)
      throw std::invalid_argument("FreightModel::solve_from: the start flows do not match the graph's arcs");
    std::copy(start_flow_teu_per_day.begin(), start_flow_teu_per_day.end(), flow.begin());
  }
  // The fixed point flow = y(flow) (freight/equilibrium.hpp). Every loading records the choices, so
  // the last one, when made at the final flows, is the result and is not made again.
  auto load_at_flow = [&] {
    update_delays();
    result.row_first_option.clear();
    load(true);
  };
  const EquilibriumRun run = solve_equilibrium(
      flow, loading, load_at_flow,
      EquilibriumSettings{parameters_.equilibrium_method, parameters_.max_iterations, parameters_.relative_gap, warm}, progress);
  result.iterations = run.iterations;
  result.relative_gap = run.relative_gap;
  result.converged = run.converged;
  // Report the choices at the final costs.
  if (!run.loading_is_current) load_at_flow();
  result.arc_flow_teu_per_day = loading;
  result.arc_delay_hours = delay;
  result.arc_background_teu_per_day = g.arc_background_teu_per_day;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace landbridge::freight
