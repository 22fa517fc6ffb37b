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
#include "freight/calibration.hpp"
#include "freight/model.hpp"
#include "io/network_geojson.hpp"
#include "scenario/scenario.hpp"
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
  struct CalibrateConfig {
    FreightConfig inputs;
    std::string targets, years;
    int year = 0;
    bool write = false;
    double tolerance = 1e-3;
  };
  auto config = std::make_shared<CalibrateConfig>();
  CLI::App* command = app.add_subcommand(
      "calibrate", "Fit the freight model's constants to published figures, all at once (docs/freight.md, \"Calibration\")");
  command->add_option("--targets", config->targets, "Targets file (TOML); default: the network's calibration-targets.toml");
  command->add_option("--year", config->year, "Apply this year's inputs (data/history/YYYY.toml) before fitting; default: the base data as they are");
  command->add_option("--years", config->years, "Folder of year files; default: data/history");
  command->add_option("--network", config->inputs.network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--demand", config->inputs.demand, "Demand CSV; default: the network's demand.csv");
  command->add_option("--parameters", config->inputs.parameters, "Parameters JSON; default: the network's freight-parameters.json");
  command->add_option("--tolerance", config->tolerance, "Stop when every target is met within this relative error")->capture_default_str();
  command->add_flag("--write", config->write, "Write the fitted constants back into the parameters file");
  command->callback([config] {
    if (!(config->tolerance > 0 && config->tolerance < 1)) {
      throw InputError("", "", "--tolerance", fmt::format("expected a number between 0 and 1, got {}", config->tolerance));
    }
    const auto inputs = load_inputs(config->inputs);
    const std::filesystem::path folder = network_folder(config->inputs.network);
    const std::filesystem::path targets_path =
        config->targets.empty() ? folder / "calibration-targets.toml" : std::filesystem::path(config->targets);
    const std::vector<freight::CalibrationTarget> targets = freight::load_calibration_targets(targets_path);
    std::vector<scenario::Scenario> year;
    if (config->year != 0) {
      const std::filesystem::path years =
          config->years.empty() ? io::default_network_folder().parent_path() / "history" : std::filesystem::path(config->years);
      year.push_back(scenario::load_scenario(years / fmt::format("{}.toml", config->year)));
      year.back().periods.clear();  // a year's short periods (days) are left out of the fit
    }
    const bool terminal = isatty(STDERR_FILENO) != 0;
    int round = 0;
    const freight::CalibrationResult fit = freight::calibrate(
        inputs->parameters, targets,
        [&](const freight::FreightParameters& parameters, const auto& visit) {
          if (terminal) std::fprintf(stderr, "\rcalibrate: round %d", ++round);
          const scenario::AppliedScenario applied =
              scenario::apply_scenarios(year, inputs->network, inputs->router->graph(), inputs->demand, parameters);
          const routing::Router router(applied.network);
          const freight::FreightModel model(router, applied.demand, applied.parameters, &applied.restrictions);
          visit(model, model.solve());
        },
        config->tolerance);
    if (terminal) std::fprintf(stderr, "\r\033[K");
    std::string text = fmt::format("{} after {} rounds{}\n\n{:<44} {:>14} {:>14} {:>8} {:>12}  {}\n",
                                   fit.converged ? "converged" : "NOT converged", fit.rounds,
                                   config->year != 0 ? fmt::format(" (inputs of {})", config->year) : "", "target", "published", "model",
                                   "error", "constant", "source");
    for (const freight::CalibrationRow& row : fit.rows) {
      const bool share = row.target.measure != freight::TargetMeasure::mode_teu;
      const auto shown = [&](double v) { return share ? fmt::format("{:.2f}%", 100 * v) : report::with_thousands(v, 0); };
      text += fmt::format("{:<44} {:>14} {:>14} {:>7.2f}% {:>12.1f}  {}\n", row.target.name, shown(row.target.value), shown(row.model),
                          100 * (row.model - row.target.value) / row.target.value, row.constant, row.target.source);
    }
    emit(text, "");
    if (config->write) {
      const std::filesystem::path path = config->inputs.parameters.empty() ? freight::default_parameters_file(folder)
                                                                           : std::filesystem::path(config->inputs.parameters);
      nlohmann::ordered_json doc = nlohmann::ordered_json::parse(io::read_text_file(path.string()));
      const freight::FreightParameters& p = fit.parameters;
      const auto rounded = [](double usd) { return std::round(usd * 10) / 10; };
      for (const auto& [mode, by_key] : p.mode_constant_usd)
        for (const auto& [key, usd] : by_key) doc["mode_constant_usd"][mode][key] = rounded(usd);
      for (const auto& [name, usd] : p.corridor_constant_usd) doc["corridor_constant_usd"][name] = rounded(usd);
      for (std::size_t i = 0; i < p.entry_gateways.size() && doc.contains("entry_gateways"); ++i) {
        doc["entry_gateways"][i]["constant_usd"] = rounded(p.entry_gateways[i].constant_usd);
      }
      write_file_atomically(path, doc.dump(2) + "\n");
      std::printf("wrote the fitted constants into %s\n", path.string().c_str());
    }
  });
}

}  // namespace landbridge::app
