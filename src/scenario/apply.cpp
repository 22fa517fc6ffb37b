// scenario/apply.cpp: rules -> a modified copy of the network's links, arc masks, demand and parameters.
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "report/format.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::scenario {
namespace {

using network::Link;
using network::Mode;
using network::Network;

[[noreturn]] void rule_error(const Rule& rule, std::string_view field, const std::string& problem) {
  throw InputError(rule.file, rule.line > 0 ? fmt::format("line {}", rule.line) : "",
                   field.empty() ? rule.key : fmt::format("{}.{}", rule.key, field), problem);
}

class Selection {
 public:
  explicit Selection(const Network& net) : net_(net), node_modes_(net.node_count(), 0) {
    for (const Link& l : net.links()) {
      if (l.mode == Mode::transfer) continue;
      const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(l.mode));
      node_modes_[l.from] = static_cast<std::uint8_t>(node_modes_[l.from] | bit);
      node_modes_[l.to] = static_cast<std::uint8_t>(node_modes_[l.to] | bit);
    }
  }

  // A transfer link counts for a mode when both its ends have a link of that mode (a gauge change
  // between two rail stations is rail; a port transfer is rail and sea).
  [[nodiscard]] bool link_has_mode(const Link& l, const std::set<Mode>& modes) const {
    if (modes.empty() || modes.contains(l.mode)) return true;
    if (l.mode != Mode::transfer) return false;
    for (Mode m : modes) {
      const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(m));
      if ((node_modes_[l.from] & bit) != 0 && (node_modes_[l.to] & bit) != 0) return true;
    }
    return false;
  }

  void check_countries(const Rule& rule, std::string_view field, const std::vector<std::string>& countries) const {
    for (const std::string& c : countries) {
      const bool known = std::any_of(net_.nodes().begin(), net_.nodes().end(), [&](const network::Node& n) { return n.country == c; });
      if (!known) rule_error(rule, field, fmt::format("no node of the network is in country \"{}\"", c));
    }
  }

  [[nodiscard]] std::vector<LinkId> links(const Rule& rule) const {
    const LinkSelector& s = rule.select;
    std::vector<std::uint8_t> chosen(net_.link_count(), 0);
    for (const std::string& id : s.links) {
      const LinkId l = net_.find_link(id);
      if (l == invalid_id) rule_error(rule, "links", fmt::format("no link \"{}\" in the network", id));
      chosen[l] = 1;
    }
    std::vector<std::uint8_t> node_chosen(net_.node_count(), 0);
    for (const std::string& id : s.nodes) {
      const NodeId v = net_.find_node(id);
      if (v == invalid_id) rule_error(rule, "nodes", fmt::format("no node \"{}\" in the network", id));
      node_chosen[v] = 1;
    }
    for (const std::string& p : s.passages) {
      bool found = false;
      for (NodeId v = 0; v < net_.node_count(); ++v) {
        if (net_.node(v).passage == p) node_chosen[v] = 1, found = true;
      }
      for (LinkId l = 0; l < net_.link_count(); ++l) {
        if (net_.link(l).passage == p) chosen[l] = 1, found = true;
      }
      if (!found) rule_error(rule, "passages", fmt::format("no chokepoint node or link has the passage \"{}\"", p));
    }
    check_countries(rule, "countries", s.countries);
    check_countries(rule, "border_with", s.border_with);
    for (const std::string& c : s.corridors) {
      bool found = false;
      for (LinkId l = 0; l < net_.link_count(); ++l) {
        const auto& tags = net_.link(l).corridors;
        if (std::find(tags.begin(), tags.end(), c) != tags.end()) chosen[l] = 1, found = true;
      }
      if (!found) rule_error(rule, "corridors", fmt::format("no link carries the corridor tag \"{}\"", c));
    }
    const std::set<std::string> countries(s.countries.begin(), s.countries.end());
    const std::set<std::string> with(s.border_with.begin(), s.border_with.end());
    for (LinkId l = 0; l < net_.link_count(); ++l) {
      const Link& link = net_.link(l);
      if (node_chosen[link.from] != 0 || node_chosen[link.to] != 0) chosen[l] = 1;
      if (countries.empty()) continue;
      const std::string& a = net_.node(link.from).country;
      const std::string& b = net_.node(link.to).country;
      if (!s.border) {
        if (countries.contains(a) || countries.contains(b)) chosen[l] = 1;
      } else if (!a.empty() && !b.empty() && a != b) {
        const bool crosses = (countries.contains(a) && (with.empty() || with.contains(b))) ||
                             (countries.contains(b) && (with.empty() || with.contains(a)));
        if (crosses) chosen[l] = 1;
      }
    }
    const bool all = s.empty();
    std::vector<LinkId> out;
    for (LinkId l = 0; l < net_.link_count(); ++l) {
      if ((all || chosen[l] != 0) && link_has_mode(net_.link(l), s.modes)) out.push_back(l);
    }
    if (out.empty()) rule_error(rule, "", "matches no link of the network");
    return out;
  }

 private:
  const Network& net_;
  std::vector<std::uint8_t> node_modes_;
};

std::string selector_text(const LinkSelector& s) {
  std::vector<std::string> parts;
  if (!s.links.empty()) parts.push_back(fmt::format("links {}", fmt::join(s.links, ", ")));
  if (!s.nodes.empty()) parts.push_back(fmt::format("nodes {}", fmt::join(s.nodes, ", ")));
  if (!s.passages.empty()) parts.push_back(fmt::format("passage {}", fmt::join(s.passages, ", ")));
  if (!s.corridors.empty()) parts.push_back(fmt::format("corridor {}", fmt::join(s.corridors, ", ")));
  if (!s.countries.empty()) {
    parts.push_back(s.border ? fmt::format("border of {}{}", fmt::join(s.countries, ", "),
                                           s.border_with.empty() ? "" : fmt::format(" with {}", fmt::join(s.border_with, ", ")))
                             : fmt::format("country {}", fmt::join(s.countries, ", ")));
  }
  if (!s.modes.empty()) {
    std::vector<std::string> modes;
    for (Mode m : s.modes) modes.emplace_back(network::to_string(m));
    parts.push_back(fmt::format("{} only", fmt::join(modes, ", ")));
  }
  return parts.empty() ? "all links" : fmt::format("{}", fmt::join(parts, "; "));
}

std::string factor_text(std::string_view what, double factor, double add, std::string_view unit) {
  std::string out;
  if (factor != 1) out += fmt::format("{} ×{}", what, factor);
  if (add != 0) out += fmt::format("{}{} {:+g} {}", out.empty() ? "" : ", ", out.empty() ? what : "", add, unit);
  return out;
}

// The demand rows a [[demand]] or [[avoid]] rule means (all its filters together); throws if none.
std::vector<std::size_t> matching_rows(const Rule& rule, const Network& network, const Selection& selection, const AppliedScenario& out) {
  for (const auto& [field, ids] : {std::pair{"origins", &rule.origins}, std::pair{"destinations", &rule.destinations}}) {
    for (const std::string& id : *ids) {
      if (network.find_node(id) == invalid_id) rule_error(rule, field, fmt::format("no node \"{}\" in the network", id));
    }
  }
  selection.check_countries(rule, "origin_countries", rule.origin_countries);
  selection.check_countries(rule, "destination_countries", rule.destination_countries);
  const freight::FreightParameters& p = out.parameters;
  for (const auto& [field, names] : {std::pair{"origin_regions", &rule.origin_regions}, std::pair{"destination_regions", &rule.destination_regions}}) {
    for (const std::string& name : *names) {
      const bool known = std::any_of(p.regions.begin(), p.regions.end(), [&](const auto& region) { return region.name == name; });
      if (!known) rule_error(rule, field, fmt::format("no region \"{}\" in the freight parameters' regions", name));
    }
  }
  auto in = [](const std::vector<std::string>& list, const std::string& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
  };
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < out.demand.rows.size(); ++r) {
    const freight::DemandRow& row = out.demand.rows[r];
    const network::Node& o = network.node(row.origin);
    const network::Node& d = network.node(row.destination);
    const bool commodity = rule.commodities.empty() ||
                           std::find(rule.commodities.begin(), rule.commodities.end(), row.commodity) != rule.commodities.end();
    if (commodity && in(rule.origins, o.id) && in(rule.destinations, d.id) && in(rule.origin_countries, o.country) &&
        in(rule.destination_countries, d.country) && in(rule.origin_regions, p.region_of(o.country)) &&
        in(rule.destination_regions, p.region_of(d.country))) {
      rows.push_back(r);
    }
  }
  if (rows.empty()) rule_error(rule, "", "matches no demand row");
  return rows;
}

void describe_rows(const std::vector<std::size_t>& rows, const Network& network, const freight::Demand& demand, RuleEffect& effect) {
  for (std::size_t r : rows) {
    if (effect.touched.size() == 12) break;
    const freight::DemandRow& row = demand.rows[r];
    effect.touched.push_back(fmt::format("{}→{} {}", network.node(row.origin).id, network.node(row.destination).id,
                                         freight::to_string(row.commodity)));
  }
  if (rows.size() > effect.touched.size()) effect.touched.push_back(fmt::format("… {} rows in all", rows.size()));
}

}  // namespace

AppliedScenario apply_scenarios(const std::vector<Scenario>& scenarios, const Network& network, const network::Graph& graph,
                                const freight::Demand& demand, const freight::FreightParameters& parameters) {
  AppliedScenario out;
  out.demand = demand;
  out.parameters = parameters;
  std::vector<Link> links = network.links();
  std::vector<std::uint8_t> closed(network.link_count(), 0);
  std::array<std::vector<std::uint8_t>, freight::commodity_count> banned;
  const Selection selection(network);

  for (const Scenario& scenario : scenarios) {
    if (!scenario.periods.empty()) {
      throw InputError(scenario.file, "", "period",
                       "[[period]] tables (part of a year under other rules) are run by `landbridge history`; a comparison applies "
                       "one state to the whole year");
    }
    for (const Rule& rule : scenario.rules) {
      RuleEffect effect;
      effect.scenario = scenario.name;
      effect.file = rule.file;
      effect.key = rule.key;
      effect.line = rule.line;
      effect.kind = rule.kind;
      effect.note = rule.note;
      switch (rule.kind) {
        case RuleKind::close: {
          for (LinkId l : selection.links(rule)) {
            closed[l] = 1;
            effect.touched.push_back(links[l].id);
          }
          effect.description = fmt::format("close {}", selector_text(rule.select));
          break;
        }
        case RuleKind::change: {
          const bool only_capacity = rule.hours_factor == 1 && rule.hours_add == 0 && rule.usd_factor == 1 && rule.usd_add == 0 &&
                                     rule.co2_factor == 1;  // capacity and background both need a capacity
          for (LinkId l : selection.links(rule)) {
            Link& link = links[l];
            const bool has_capacity = std::isfinite(link.capacity_teu_per_day);
            if (only_capacity && !has_capacity) continue;
            if (has_capacity) {
              const double capacity = link.capacity_teu_per_day * rule.capacity_factor + rule.capacity_add_teu_per_day;
              if (!(capacity > 0)) {
                rule_error(rule, "capacity_add_teu_per_day",
                           fmt::format("would leave link \"{}\" with capacity {:g} TEU/day; close it with [[close]] instead", link.id,
                                       capacity));
              }
              link.capacity_teu_per_day = capacity;
            }
            link.hours = std::max(0.0, link.hours * rule.hours_factor + rule.hours_add);
            link.usd_per_teu = std::max(0.0, link.usd_per_teu * rule.usd_factor + rule.usd_add);
            link.co2_kg_per_teu *= rule.co2_factor;
            for (double& background : link.background_teu_per_day) background *= rule.background_factor;
            effect.touched.push_back(link.id);
          }
          if (effect.touched.empty()) rule_error(rule, "capacity_factor", "matches only links without a capacity");
          std::vector<std::string> changes;
          for (const std::string& c : {factor_text("capacity", rule.capacity_factor, rule.capacity_add_teu_per_day, "TEU/day"),
                                       factor_text("hours", rule.hours_factor, rule.hours_add, "h"),
                                       factor_text("USD/TEU", rule.usd_factor, rule.usd_add, "USD"),
                                       factor_text("CO2", rule.co2_factor, 0, ""),
                                       factor_text("background traffic", rule.background_factor, 0, "")}) {
            if (!c.empty()) changes.push_back(c);
          }
          effect.description = fmt::format("change {}: {}", selector_text(rule.select), fmt::join(changes, ", "));
          break;
        }
        case RuleKind::sanction: {
          selection.check_countries(rule, "through", rule.through);
          selection.check_countries(rule, "carriers_of", rule.carriers_of);
          const std::set<std::string> through(rule.through.begin(), rule.through.end());
          const std::set<std::string> carriers(rule.carriers_of.begin(), rule.carriers_of.end());
          std::vector<LinkId> hit;
          for (LinkId l = 0; l < network.link_count(); ++l) {
            const Link& link = links[l];
            const std::string& a = network.node(link.from).country;
            const std::string& b = network.node(link.to).country;
            const bool touches = through.contains(a) || through.contains(b);
            const bool operated = carriers.contains(a) && carriers.contains(b);
            if ((touches || operated) && selection.link_has_mode(link, rule.select.modes)) hit.push_back(l);
          }
          if (hit.empty()) rule_error(rule, "", "matches no link of the network");
          for (freight::Commodity c : rule.commodities) {
            auto& mask = banned[static_cast<std::size_t>(c)];
            if (mask.empty()) mask.assign(network.link_count(), 0);
            for (LinkId l : hit) mask[l] = 1;
          }
          for (LinkId l : hit) effect.touched.push_back(links[l].id);
          std::vector<std::string> names;
          for (freight::Commodity c : rule.commodities) names.emplace_back(freight::to_string(c));
          effect.description = fmt::format("ban {}{}{}", fmt::join(names, ", "),
                                           rule.through.empty() ? "" : fmt::format(" through {}", fmt::join(rule.through, ", ")),
                                           rule.carriers_of.empty() ? "" : fmt::format(" by carriers of {}", fmt::join(rule.carriers_of, ", ")));
          break;
        }
        case RuleKind::demand: {
          double before = 0, after = 0;
          const std::vector<std::size_t> rows = matching_rows(rule, network, selection, out);
          for (std::size_t r : rows) {
            freight::DemandRow& row = out.demand.rows[r];
            before += row.teu_per_year;
            row.teu_per_year *= rule.demand_factor;
            after += row.teu_per_year;
          }
          describe_rows(rows, network, out.demand, effect);
          effect.description = fmt::format("demand ×{} on {} rows: {} → {} TEU/year", rule.demand_factor, rows.size(),
                                           report::with_thousands(before, 0), report::with_thousands(after, 0));
          break;
        }
        case RuleKind::avoid: {
          selection.check_countries(rule, "through", rule.through);
          const std::set<std::string> through(rule.through.begin(), rule.through.end());
          std::vector<std::uint8_t> mask(graph.arc_count(), 0);
          for (ArcId a = 0; a < graph.arc_count(); ++a) {
            mask[a] = through.contains(network.node(graph.topology.tail[a]).country) ||
                      through.contains(network.node(graph.topology.head[a]).country);
          }
          out.restrictions.avoid.push_back(std::move(mask));
          const auto set = static_cast<std::uint8_t>(out.restrictions.avoid.size());
          if (out.restrictions.avoid.size() > 255) rule_error(rule, "", "more than 255 [[avoid]] rules");
          std::vector<std::size_t> rows = matching_rows(rule, network, selection, out);
          std::erase_if(rows, [&](std::size_t r) { return out.demand.rows[r].avoid != 0; });  // already avoiding
          if (rows.empty()) rule_error(rule, "", "matches only rows that already avoid some countries");
          double moved = 0;
          for (std::size_t r : rows) {
            freight::DemandRow copy = out.demand.rows[r];
            copy.teu_per_year *= rule.avoid_share;
            copy.avoid = set;
            moved += copy.teu_per_year;
            out.demand.rows[r].teu_per_year *= 1 - rule.avoid_share;
            if (copy.teu_per_year > 0) out.demand.rows.push_back(copy);
          }
          describe_rows(rows, network, out.demand, effect);
          effect.description = fmt::format("{:g} % of {} rows ({} TEU/year) avoid {}", 100 * rule.avoid_share, rows.size(),
                                           report::with_thousands(moved, 0), fmt::join(rule.through, ", "));
          break;
        }
        case RuleKind::rate: {
          for (const std::string& direction : rule.directions) {
            out.parameters.rate_index[rule.rate_mode][direction] = rule.rate_index;
            effect.touched.push_back(fmt::format("{} {}", rule.rate_mode, direction));
          }
          effect.description = fmt::format("{} line-haul rates {} ×{:g} the network's", rule.rate_mode, fmt::join(rule.directions, ", "),
                                           rule.rate_index);
          break;
        }
        case RuleKind::haulier_ban: {
          selection.check_countries(rule, "carriers_of", rule.carriers_of);
          std::set<std::string> roads;
          for (const std::string& c : rule.roads_of) {
            if (c == "EU") {
              for (const network::Node& n : network.nodes())
                if (network::customs_union_of(n.country) == "EU") roads.insert(n.country);
            } else {
              roads.insert(c);
            }
          }
          selection.check_countries(rule, "roads_of", std::vector<std::string>(roads.begin(), roads.end()));
          const std::set<std::string> carriers(rule.carriers_of.begin(), rule.carriers_of.end());
          for (LinkId l = 0; l < network.link_count(); ++l) {
            Link& link = links[l];
            const bool road = link.mode == Mode::road || link.transfer == network::TransferKind::border;
            const std::string& a = network.node(link.from).country;
            const std::string& b = network.node(link.to).country;
            if (!road || !((carriers.contains(a) && roads.contains(b)) || (carriers.contains(b) && roads.contains(a)))) continue;
            link.carrier_change_hours = std::max(link.carrier_change_hours, rule.change_hours);
            link.carrier_change_usd = std::max(link.carrier_change_usd, rule.change_usd);
            effect.touched.push_back(link.id);
          }
          if (effect.touched.empty()) rule_error(rule, "", "matches no road link or road border post between those countries");
          effect.description = fmt::format("hauliers of {} barred from the roads of {}: loads change truck or trailer at the border "
                                           "({:g} h, {:g} USD per TEU)",
                                           fmt::join(rule.carriers_of, ", "), fmt::join(rule.roads_of, ", "), rule.change_hours,
                                           rule.change_usd);
          break;
        }
        case RuleKind::duty: {
          // Read by `landbridge access` (access/duties.hpp); the network, demand and parameters stay.
          std::vector<std::string> classes;
          for (freight::Commodity c : rule.commodities) classes.emplace_back(freight::to_string(c));
          effect.description = fmt::format("duty into {} on goods of {} ({}): {}{}{} (used by landbridge access only)", rule.territory,
                                           fmt::join(rule.origins, ", "), classes.empty() ? std::string("every class") : fmt::format("{}", fmt::join(classes, ", ")),
                                           rule.duty_percent ? fmt::format("{:g} % of the value", *rule.duty_percent) : std::string(),
                                           rule.duty_percent && rule.duty_sanctioned ? ", " : "",
                                           rule.duty_sanctioned ? (*rule.duty_sanctioned ? "sanctioned" : "not sanctioned") : "");
          break;
        }
        case RuleKind::parameters: {
          freight::FreightParameters& p = out.parameters;
          if (rule.usd_per_tonne_co2) {
            effect.touched.push_back(fmt::format("usd_per_tonne_co2: {:g} → {:g}", p.usd_per_tonne_co2, *rule.usd_per_tonne_co2));
            p.usd_per_tonne_co2 = *rule.usd_per_tonne_co2;
          }
          if (rule.max_iterations) {
            effect.touched.push_back(fmt::format("max_iterations: {} → {}", p.max_iterations, *rule.max_iterations));
            p.max_iterations = *rule.max_iterations;
          }
          if (rule.relative_gap) {
            effect.touched.push_back(fmt::format("relative_gap: {:g} → {:g}", p.relative_gap, *rule.relative_gap));
            p.relative_gap = *rule.relative_gap;
          }
          if (rule.equilibrium_method) {
            effect.touched.push_back(fmt::format("equilibrium_method: {} → {}", freight::to_string(p.equilibrium_method),
                                                 freight::to_string(*rule.equilibrium_method)));
            p.equilibrium_method = *rule.equilibrium_method;
          }
          effect.description = fmt::format("parameters: {}", fmt::join(effect.touched, ", "));
          break;
        }
      }
      out.effects.push_back(std::move(effect));
    }
  }

  for (LinkId l = 0; l < network.link_count(); ++l) {
    if (closed[l] != 0) out.closed_links.push_back(links[l].id);
  }
  out.network = Network(network.nodes(), std::move(links));
  // Link flags -> arc masks over the (unchanged) arcs of the compiled graph.
  const ArcId arcs = graph.arc_count();
  if (!out.closed_links.empty()) {
    out.restrictions.blocked.assign(arcs, 0);
    for (ArcId a = 0; a < arcs; ++a) out.restrictions.blocked[a] = closed[graph.arc_link[a]];
  }
  for (std::size_t c = 0; c < banned.size(); ++c) {
    if (banned[c].empty()) continue;
    auto& mask = out.restrictions.banned_for[c];
    mask.assign(arcs, 0);
    for (ArcId a = 0; a < arcs; ++a) mask[a] = banned[c][graph.arc_link[a]];
  }
  return out;
}

}  // namespace landbridge::scenario
