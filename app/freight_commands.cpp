#include "freight_commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/atomic_file.hpp"
#include "common/input_error.hpp"
#include "context.hpp"
#include "freight/model.hpp"
#include "freight/summary.hpp"
#include "io/csv.hpp"
#include "report/format.hpp"

namespace landbridge::app {
namespace {

using json = nlohmann::ordered_json;

using LoadedInputs = FreightInputs;

std::unique_ptr<LoadedInputs> load_inputs(const FreightConfig& config) {
  return load_freight_inputs(config.network, config.demand, config.parameters);
}

std::function<void(const freight::IterationProgress&)> terminal_progress() {
  if (isatty(STDERR_FILENO) == 0) return {};
  return [](const freight::IterationProgress& p) {
    std::fprintf(stderr, "\riteration %4d  relative gap %.3e", p.iteration, p.relative_gap);
    std::fflush(stderr);
  };
}

// Per-arc flows as CSV and the loaded network as GeoJSON, for GIS tools.
void write_outputs(const std::string& folder, const LoadedInputs& in, const freight::FreightSummary& summary,
                   const freight::FreightResult& result) {
  if (!std::filesystem::is_directory(folder)) throw InputError(folder, "", "--out", "not a folder (create it first)");
  const network::Network& net = in.network;
  const network::Graph& g = in.router->graph();
  std::string csv = "link,from,to,mode,teu_per_day,teu_per_year,capacity_teu_per_day,utilization,delay_hours\n";
  json features = json::array();
  for (ArcId a = 0; a < g.arc_count(); ++a) {
    const network::Link& link = net.link(g.arc_link[a]);
    const double flow = result.arc_flow_teu_per_day[a];
    const double capacity = g.arc_capacity_teu_per_day[a];
    const bool limited = std::isfinite(capacity);
    csv += fmt::format("{},{},{},{},{:.3f},{:.1f},{},{},{:.3f}\n", link.id, net.node(g.topology.tail[a]).id,
                       net.node(g.topology.head[a]).id, network::to_string(link.mode), flow, flow * 365.0,
                       limited ? fmt::format("{:.1f}", capacity) : "", limited ? fmt::format("{:.4f}", flow / capacity) : "",
                       result.arc_delay_hours[a]);
    if (flow < 1e-6) continue;
    json coordinates = json::array();
    const auto& geometry = link.geometry;
    for (std::size_t k = 0; k < geometry.size(); ++k) {
      const auto& p = g.arc_reversed[a] ? geometry[geometry.size() - 1 - k] : geometry[k];
      coordinates.push_back({p[0], p[1]});
    }
    json properties = {{"link", link.id},
                       {"from", net.node(g.topology.tail[a]).id},
                       {"to", net.node(g.topology.head[a]).id},
                       {"mode", network::to_string(link.mode)},
                       {"teu_per_day", report::rounded(flow, 2)}};
    if (limited) properties["utilization"] = report::rounded(flow / capacity, 4);
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coordinates)}}},
                        {"properties", std::move(properties)}});
  }
  const std::filesystem::path dir(folder);
  write_file_atomically(dir / "link_flows.csv", csv);
  write_file_atomically(dir / "flows.geojson", json({{"type", "FeatureCollection"}, {"features", std::move(features)}}).dump() + "\n");
  write_file_atomically(dir / "summary.json", freight::summary_json(summary, result).dump(2) + "\n");
}

}  // namespace

void run_freight_assignment(const FreightConfig& config) {
  if (config.format != "table" && config.format != "json") {
    throw InputError("", "", "--format", fmt::format("expected table or json, got \"{}\"", config.format));
  }
  const auto inputs = load_inputs(config);
  const freight::FreightModel model(*inputs->router, inputs->demand, inputs->parameters);
  const freight::FreightResult result = model.solve(terminal_progress());
  if (isatty(STDERR_FILENO) != 0) std::fprintf(stderr, "\n");
  const freight::FreightSummary summary = freight::summarize(model, result);
  if (!config.out.empty()) write_outputs(config.out, *inputs, summary, result);
  emit(config.format == "json" ? freight::summary_json(summary, result).dump(2) + "\n" : freight::summary_table(summary, result), "");
}

void add_assign_command(CLI::App& app) {
  auto config = std::make_shared<FreightConfig>();
  CLI::App* command = app.add_subcommand(
      "assign", "The freight model: mode, corridor and crossing choice with congestion on a landbridge network (docs/freight.md)");
  command->add_option("--network", config->network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--demand", config->demand, "Demand CSV; default: the network's demand.csv");
  command->add_option("--parameters", config->parameters, "Parameters JSON; default: the network's freight-parameters.json");
  command->add_option("--format", config->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command->add_option("--out", config->out, "Write summary.json, link_flows.csv and flows.geojson into this folder");
  command->callback([config] { run_freight_assignment(*config); });
}

void add_calibrate_command(CLI::App& app) {
  auto config = std::make_shared<FreightConfig>();
  auto targets = std::make_shared<std::vector<std::string>>();
  auto corridor_targets = std::make_shared<std::vector<std::string>>();
  auto write = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand(
      "calibrate", "Fit the rail constants of the freight model so rail carries the target TEU from each origin country");
  command->add_option("--network", config->network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--demand", config->demand, "Demand CSV; default: the network's demand.csv");
  command->add_option("--parameters", config->parameters, "Parameters JSON; default: the network's freight-parameters.json");
  command->add_option("--target", *targets, "ORIGIN=TEU: rail TEU per year wanted from origin country ORIGIN ('*' = all others)")
      ->required();
  command->add_option("--corridor-share", *corridor_targets,
                      "CORRIDOR=SHARE: share of its mode's TEU wanted on a corridor, fitted with the corridor's constant");
  command->add_flag("--write", *write, "Write the fitted constants back into the parameters file");
  command->callback([=] {
    const auto inputs = load_inputs(*config);
    // "KEY=NUMBER" flags; `valid` checks the pair.
    auto parse_pairs = [](const std::vector<std::string>& items, const char* flag, const char* form,
                          const std::function<bool(const std::string&, double)>& valid) {
      std::map<std::string, double> pairs;
      for (const std::string& t : items) {
        const auto eq = t.find('=');
        char* end = nullptr;
        const double value = eq == std::string::npos ? 0 : std::strtod(t.c_str() + eq + 1, &end);
        const std::string key = eq == std::string::npos ? t : t.substr(0, eq);
        if (eq == std::string::npos || key.empty() || end == nullptr || *end != '\0' || !valid(key, value)) {
          throw InputError("", "", flag, fmt::format("expected {}, got \"{}\"", form, t));
        }
        pairs[key] = value;
      }
      return pairs;
    };
    const std::map<std::string, double> wanted = parse_pairs(
        *targets, "--target", "ORIGIN=TEU with TEU > 0, e.g. CN=138300", [](const std::string&, double teu) { return teu > 0; });
    const std::map<std::string, double> wanted_share =
        parse_pairs(*corridor_targets, "--corridor-share", "CORRIDOR=SHARE with a known corridor and 0 < SHARE < 1",
                    [&](const std::string& name, double share) {
                      return share > 0 && share < 1 &&
                             std::any_of(inputs->parameters.corridors.begin(), inputs->parameters.corridors.end(),
                                         [&](const freight::CorridorDefinition& c) { return c.name == name; });
                    });
    freight::FreightParameters& p = inputs->parameters;
    auto rail_teu = [&](const freight::FreightSummary&, const freight::FreightResult& result) {
      std::map<std::string, double> by_origin;
      for (std::size_t r = 0; r < inputs->demand.rows.size(); ++r) {
        const auto& row = inputs->demand.rows[r];
        std::string key = inputs->network.node(row.origin).country;
        if (!wanted.contains(key)) key = "*";
        for (const auto& o : result.row_options(r)) {
          if (result.corridor_modes[o.corridor] == "rail") by_origin[key] += row.teu_per_year * o.probability;
        }
      }
      return by_origin;
    };
    // Share of a corridor within its mode.
    auto corridor_share = [&](const freight::FreightSummary& summary, const std::string& name) {
      std::string mode;
      for (const auto& c : p.corridors) if (c.name == name) mode = c.mode;
      const double mode_teu = summary.teu_by_mode.at(mode);
      return mode_teu > 0 ? summary.teu_by_corridor.at(name) / mode_teu : 0.0;
    };
    // Rail TEU falls as its constant rises, and so does a corridor's share: bisection on each
    // constant in turn, repeated because they interact (a few sweeps settle it).
    // Sets `constant` so that measure() == target, assuming measure() falls as the constant rises.
    auto fit = [&](double& constant, double target, const std::function<double(const freight::FreightSummary&, const freight::FreightResult&)>& measure) {
      double low = -20000, high = 20000;
      for (int step = 0; step < 40 && high - low > 1; ++step) {
        constant = 0.5 * (low + high);
        const freight::FreightModel model(*inputs->router, inputs->demand, p);
        const auto result = model.solve();
        (measure(freight::summarize(model, result), result) > target ? low : high) = constant;
      }
      constant = std::round(0.5 * (low + high));
    };
    for (int sweep = 0; sweep < 3; ++sweep) {
      for (const auto& [name, share] : wanted_share) {
        fit(p.corridor_constant_usd[name], share, [&](const auto& summary, const auto&) { return corridor_share(summary, name); });
      }
      for (const auto& [key, teu] : wanted) {
        fit(p.mode_constant_usd["rail"][key], teu, [&](const auto& summary, const auto& result) { return rail_teu(summary, result)[key]; });
      }
    }
    const freight::FreightModel model(*inputs->router, inputs->demand, p);
    const auto result = model.solve();
    const auto summary = freight::summarize(model, result);
    const auto got = rail_teu(summary, result);
    std::string text = fmt::format("{:<8} {:>12} {:>12} {:>8} {:>14}\n", "origin", "target TEU", "model TEU", "error", "rail constant");
    for (const auto& [key, teu] : wanted) {
      const double model_teu = got.contains(key) ? got.at(key) : 0.0;
      text += fmt::format("{:<8} {:>12} {:>12} {:>7.1f}% {:>14}\n", key, report::with_thousands(teu, 0),
                          report::with_thousands(model_teu, 0), 100 * (model_teu - teu) / teu,
                          report::with_thousands(p.mode_constant_usd["rail"][key], 0));
    }
    for (const auto& [name, share] : wanted_share) {
      text += fmt::format("{:<8} {:>11.1f}% {:>11.1f}% {:>8} {:>14}\n", name, 100 * share, 100 * corridor_share(summary, name), "",
                          report::with_thousands(p.corridor_constant_usd[name], 0));
    }
    emit(text + "\n" + freight::summary_table(summary, result), "");
    if (*write) {
      const std::filesystem::path path = config->parameters.empty()
                                             ? freight::default_parameters_file(network_folder(config->network))
                                             : std::filesystem::path(config->parameters);
      nlohmann::ordered_json doc = nlohmann::ordered_json::parse(io::read_text_file(path.string()));
      for (const auto& [key, usd] : p.mode_constant_usd["rail"]) doc["mode_constant_usd"]["rail"][key] = usd;
      for (const auto& [name, usd] : p.corridor_constant_usd) doc["corridor_constant_usd"][name] = usd;
      write_file_atomically(path, doc.dump(2) + "\n");
    }
  });
}

}  // namespace landbridge::app
