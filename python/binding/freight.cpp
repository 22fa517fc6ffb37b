// python/binding/freight.cpp: the freight model (assign), scenario comparisons and risk sweeps.
// Each answers with the library's own JSON document (the one `landbridge assign|compare|sweep
// --format json` prints) plus per-arc arrays; the Python layer makes DataFrames of them.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "common.hpp"
#include "access/output.hpp"
#include "access/request.hpp"
#include "common/input_error.hpp"
#include "freight/demand.hpp"
#include "freight/model.hpp"
#include "freight/parameters.hpp"
#include "freight/summary.hpp"
#include "io/csv.hpp"
#include "scenario/compare.hpp"
#include "scenario/report_html.hpp"
#include "sweep/report.hpp"
#include "sweep/run.hpp"

namespace landbridge::python {
namespace {

// Demand rows name nodes by index, so a demand belongs to the network it was read for.
struct LoadedDemand {
  NetworkPtr network;
  freight::Demand demand;
};

struct LoadedParameters {
  freight::FreightParameters parameters;
};

// The figures of one freight equilibrium.
struct FreightRun {
  NetworkPtr network;
  freight::FreightResult result;
  std::string summary_json;  // = landbridge assign --format json
};

struct ComparisonRun {
  NetworkPtr network;
  std::unique_ptr<scenario::Comparison> comparison;
  std::string summary_json;  // = landbridge compare --format json
};

struct SweepRun {
  sweep::SweepSummary summary;
  std::string summary_json;  // = landbridge sweep --format json
};

template <typename T>
py::array_t<T> to_array(const std::vector<T>& values) {
  return py::array_t<T>(static_cast<py::ssize_t>(values.size()), values.data());
}

const LoadedDemand& demand_of(const NetworkPtr& network, const LoadedDemand& demand) {
  if (demand.network != network) {
    throw py::value_error("the demand was read for another network: read it again with this network");
  }
  return demand;
}

// link, from, to, mode and direction of every arc of the router's graph, in arc order.
py::dict arc_columns(const LoadedNetwork& loaded) {
  const network::Network& net = loaded.network;
  const network::Graph& g = loaded.router->graph();
  py::list link, from, to, mode;
  std::vector<bool> reversed;
  for (ArcId a = 0; a < g.arc_count(); ++a) {
    link.append(net.link(g.arc_link[a]).id), from.append(net.node(g.topology.tail[a]).id), to.append(net.node(g.topology.head[a]).id);
    mode.append(std::string(network::to_string(g.arc_mode[a]))), reversed.push_back(g.arc_reversed[a] != 0);
  }
  py::dict columns;
  columns["link"] = link, columns["from"] = from, columns["to"] = to, columns["mode"] = mode, columns["reversed"] = py::cast(reversed);
  return columns;
}

// Capacities per arc with NaN where a link has none (pandas reads NaN as missing).
std::vector<double> capacities(const network::Graph& g) {
  std::vector<double> capacity(g.arc_capacity_teu_per_day);
  for (double& c : capacity) if (!std::isfinite(c)) c = std::numeric_limits<double>::quiet_NaN();
  return capacity;
}

py::dict corridor_modes(const freight::FreightResult& result) {
  py::dict modes;
  for (std::size_t c = 0; c < result.corridor_names.size(); ++c) modes[py::str(result.corridor_names[c])] = result.corridor_modes[c];
  return modes;
}

FreightRun assign(const NetworkPtr& network, const LoadedDemand& demand, const LoadedParameters& parameters) {
  demand_of(network, demand);
  py::gil_scoped_release unlocked;
  const freight::FreightModel model(*network->router, demand.demand, parameters.parameters);
  FreightRun run{network, model.solve(), ""};
  run.summary_json = freight::summary_json(freight::summarize(model, run.result), run.result).dump();
  return run;
}

// `landbridge access --format json` (docs/access.md): the answer's JSON text. Options are named as the
// Python function's keywords in errors.
std::string market_access(const NetworkPtr& network, const LoadedDemand& demand, const LoadedParameters& parameters,
                          const std::string& from, const std::vector<std::string>& compare, const std::string& commodity,
                          std::optional<double> value, const std::vector<std::string>& scenarios,
                          const std::filesystem::path& markets, const std::filesystem::path& duties,
                          const std::filesystem::path& data_folder) {
  demand_of(network, demand);
  py::gil_scoped_release unlocked;
  const access::AccessData data = access::load_access_data(markets, duties, network->network);
  const access::AccessInputs inputs{&network->network, network->router.get(), &data, &parameters.parameters, &demand.demand, data_folder};
  access::AccessRequest request;
  request.from = from;
  request.compare = compare;
  request.commodity = commodity;
  request.value_usd_per_teu = value;
  request.scenarios = scenarios;
  const access::AccessOptionNames names{"from_", "compare", "commodity", "value", "--scenario"};  // as compare() names it
  return access::access_json(access::answer_access(inputs, request, names), network->network).dump();
}

ComparisonRun compare(const NetworkPtr& network, const LoadedDemand& demand, const LoadedParameters& parameters,
                      const std::vector<std::string>& scenarios, const std::filesystem::path& data_folder) {
  demand_of(network, demand);
  if (scenarios.empty()) throw InputError("", "", "scenarios", "expected at least one built-in scenario name or TOML file");
  py::gil_scoped_release unlocked;
  std::vector<scenario::Scenario> resolved;
  for (const std::string& s : scenarios) resolved.push_back(scenario::resolve_scenario(s, data_folder));
  ComparisonRun run{network, scenario::compare(*network->router, demand.demand, parameters.parameters, std::move(resolved)), ""};
  run.summary_json = scenario::comparison_json(*run.comparison).dump();
  return run;
}

struct SweepOptions {
  std::uint64_t samples = 0, seed = 1;
  int threads = 0, max_iterations = 100;
  bool criticality = true, cold_start = false;
};

// Limits of `landbridge sweep` (app/sweep_command.cpp), named as the Python keywords.
void check(const SweepOptions& o) {
  constexpr std::uint64_t max_samples = 100'000'000;
  if (o.samples == 0 || o.samples > max_samples)
    throw InputError("", "", "samples", fmt::format("expected 1 to {} samples, got {}", max_samples, o.samples));
  if (o.max_iterations < 1 || o.max_iterations > 100000)
    throw InputError("", "", "max_iterations", fmt::format("expected 1 to 100000, got {}", o.max_iterations));
  if (o.threads < 0 || o.threads > 1024)
    throw InputError("", "", "threads", fmt::format("expected 0 (all cores) to {}, got {}", 1024, o.threads));
}

SweepRun sweep_risk(const NetworkPtr& network, const LoadedDemand& demand, const LoadedParameters& parameters,
                   const std::filesystem::path& risk_file, const SweepOptions& options) {
  demand_of(network, demand);
  check(options);
  py::gil_scoped_release unlocked;
  const sweep::RiskModel model = sweep::load_risk_model(risk_file);
  freight::FreightParameters limited = parameters.parameters;
  limited.max_iterations = std::min(limited.max_iterations, options.max_iterations);
  const sweep::Evaluator evaluator(*network->router, demand.demand, limited, model, sweep::EvaluatorOptions{!options.cold_start});
  sweep::SweepConfig config;
  config.seed = options.seed;
  config.samples = options.samples;
  config.threads = options.threads;
  config.criticality = options.criticality;
  const auto group = sweep::single_process();
  const sweep::SweepRun result = sweep::run_sweep(evaluator, config, *group, nullptr);
  SweepRun run{sweep::summarize_sweep(evaluator, result, options.seed), ""};
  run.summary_json = sweep::summary_json(run.summary).dump();
  return run;
}

}  // namespace

void bind_freight(py::module_& m) {
  py::class_<LoadedDemand>(m, "Demand", "Yearly container demand read for one network")
      .def_property_readonly("rows", [](const LoadedDemand& d) { return d.demand.rows.size(); })
      .def_property_readonly("total_teu_per_year", [](const LoadedDemand& d) { return d.demand.total_teu_per_year(); })
      .def_property_readonly("warnings", [](const LoadedDemand& d) { return d.demand.warnings; });
  m.def("load_demand", [](const NetworkPtr& network, const std::filesystem::path& path) {
    py::gil_scoped_release unlocked;
    return LoadedDemand{network, freight::load_demand(path, network->network)};
  });
  m.def("default_demand", [](const NetworkPtr& network) {
    py::gil_scoped_release unlocked;
    const std::filesystem::path path = freight::default_demand_file(network->folder);
    if (!std::filesystem::exists(path)) {
      throw InputError(path.string(), "", "", "the network has no default demand; give one with demand=FILE or a DataFrame");
    }
    return LoadedDemand{network, freight::load_demand(path, network->network)};
  });
  m.def("parse_demand", [](const NetworkPtr& network, const std::string& text, const std::string& name) {
    py::gil_scoped_release unlocked;
    return LoadedDemand{network, freight::parse_demand(text, name, network->network)};
  });

  py::class_<LoadedParameters>(m, "Parameters", "Freight model parameters")
      .def_property_readonly("max_iterations", [](const LoadedParameters& p) { return p.parameters.max_iterations; })
      .def_property_readonly("relative_gap", [](const LoadedParameters& p) { return p.parameters.relative_gap; });
  m.def("default_parameters_file", [](const std::filesystem::path& folder) { return freight::default_parameters_file(folder); });
  m.def("load_parameters", [](const std::filesystem::path& path) { return LoadedParameters{freight::load_freight_parameters(path)}; });
  m.def("parse_parameters", [](const std::string& text, const std::string& name) {
    return LoadedParameters{freight::parse_freight_parameters(text, name)};
  });

  py::class_<FreightRun>(m, "FreightRun", "One freight equilibrium")
      .def_property_readonly("summary_json", [](const FreightRun& r) { return r.summary_json; })
      .def_property_readonly("corridor_modes", [](const FreightRun& r) { return corridor_modes(r.result); })
      .def("arc_columns", [](const FreightRun& r) {
        py::dict columns = arc_columns(*r.network);
        const network::Graph& g = r.network->router->graph();
        columns["teu_per_day"] = to_array(r.result.arc_flow_teu_per_day);
        columns["background_teu_per_day"] = to_array(r.result.arc_background_teu_per_day);
        columns["capacity_teu_per_day"] = to_array(capacities(g));
        columns["delay_hours"] = to_array(r.result.arc_delay_hours);
        return columns;
      });
  m.def("assign", &assign);

  py::class_<ComparisonRun>(m, "ComparisonRun", "A baseline and a scenario run")
      .def_property_readonly("summary_json", [](const ComparisonRun& r) { return r.summary_json; })
      .def_property_readonly("corridor_modes", [](const ComparisonRun& r) {
        py::dict modes = corridor_modes(r.comparison->baseline_result);
        modes.attr("update")(corridor_modes(r.comparison->scenario_result));
        return modes;
      })
      .def("arc_columns", [](const ComparisonRun& r) {
        const scenario::Comparison& c = *r.comparison;
        py::dict columns = arc_columns(*r.network);
        columns["baseline_teu_per_day"] = to_array(c.baseline_result.arc_flow_teu_per_day);
        columns["scenario_teu_per_day"] = to_array(c.scenario_result.arc_flow_teu_per_day);
        columns["baseline_capacity_teu_per_day"] = to_array(capacities(r.network->router->graph()));
        columns["scenario_capacity_teu_per_day"] = to_array(capacities(c.scenario_router->graph()));
        columns["baseline_background_teu_per_day"] = to_array(c.baseline_result.arc_background_teu_per_day);
        columns["scenario_background_teu_per_day"] = to_array(c.scenario_result.arc_background_teu_per_day);
        columns["baseline_delay_hours"] = to_array(c.baseline_result.arc_delay_hours);
        columns["scenario_delay_hours"] = to_array(c.scenario_result.arc_delay_hours);
        std::vector<bool> closed(c.baseline_result.arc_flow_teu_per_day.size(), false);
        const auto& blocked = c.applied.restrictions.blocked;
        for (std::size_t a = 0; a < blocked.size(); ++a) closed[a] = blocked[a] != 0;
        columns["closed"] = py::cast(closed);
        return columns;
      })
      .def("write", [](const ComparisonRun& r, const std::filesystem::path& folder, const std::filesystem::path& countries_geojson) {
        py::gil_scoped_release unlocked;
        std::filesystem::create_directories(folder);
        const std::string countries = std::filesystem::exists(countries_geojson) ? io::read_text_file(countries_geojson.string()) : std::string();
        scenario::write_comparison(folder, *r.network->router, *r.comparison, countries);
      })
      .def_property_readonly_static("report_has_maps", [](const py::object&) { return scenario::report_assets_available(); });
  m.def("compare", &compare);
  m.def("access", &market_access);
  m.def("builtin_scenarios", [](const std::filesystem::path& data_folder) {
    py::list list;
    for (const scenario::Scenario& s : scenario::builtin_scenarios(data_folder)) {
      py::dict row;
      row["name"] = s.name, row["title"] = s.title, row["description"] = s.description, row["file"] = s.file;
      row["sources"] = py::cast(s.sources), row["rules"] = s.rules.size();
      list.append(row);
    }
    return list;
  });
  m.def("default_risk_file", [](const std::filesystem::path& data_folder) { return sweep::default_risk_file(data_folder); });

  py::class_<SweepRun>(m, "SweepRun", "The summary of a risk sweep")
      .def_property_readonly("summary_json", [](const SweepRun& r) { return r.summary_json; })
      .def("sample_values", [](const SweepRun& r) {
        // metric -> value per sample (sample order), network-wide figures and transit per country
        py::dict values;
        for (const auto* list : {&r.summary.metrics, &r.summary.countries}) {
          for (const sweep::MetricSummary& metric : *list) values[py::str(metric.metric)] = to_array(metric.values);
        }
        return values;
      })
      .def("write_report", [](const SweepRun& r, const std::filesystem::path& folder) {
        py::gil_scoped_release unlocked;
        std::filesystem::create_directories(folder);
        sweep::write_sweep_report(folder, r.summary);
      });
  m.def(
      "sweep",
      [](const NetworkPtr& network, const LoadedDemand& demand, const LoadedParameters& parameters,
         const std::filesystem::path& risk_file, std::uint64_t samples, std::uint64_t seed, int threads, bool criticality,
         int max_iterations, bool cold_start) {
        return sweep_risk(network, demand, parameters, risk_file,
                         SweepOptions{samples, seed, threads, max_iterations, criticality, cold_start});
      });
}

}  // namespace landbridge::python
