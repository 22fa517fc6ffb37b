#include "scenario_commands.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "context.hpp"
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "io/csv.hpp"
#include "io/network_geojson.hpp"
#include "common/atomic_file.hpp"
#include "scenario/compare.hpp"
#include "scenario/history.hpp"
#include "scenario/report_html.hpp"

namespace landbridge::app {
namespace {

struct CompareConfig {
  std::string network, demand, parameters, out, format = "table";
  std::vector<std::string> scenarios;
};

std::filesystem::path data_folder() { return io::default_network_folder().parent_path(); }

void run_compare(const CompareConfig& config) {
  if (config.format != "table" && config.format != "json") {
    throw InputError("", "", "--format", fmt::format("expected table or json, got \"{}\"", config.format));
  }
  std::vector<scenario::Scenario> scenarios;
  for (const std::string& s : config.scenarios) scenarios.push_back(scenario::resolve_scenario(s, data_folder()));
  const auto inputs = load_freight_inputs(config.network, config.demand, config.parameters);
  const routing::Router& router = *inputs->router;
  const freight::Demand& demand = inputs->demand;
  const freight::FreightParameters& parameters = inputs->parameters;
  const auto comparison = scenario::compare(router, demand, parameters, scenarios);
  if (!config.out.empty()) {
    std::filesystem::create_directories(config.out);
    const std::filesystem::path shapes = data_folder() / "geo" / "countries-110m.geojson";
    const std::string countries = std::filesystem::exists(shapes) ? io::read_text_file(shapes.string()) : std::string();
    scenario::write_comparison(config.out, router, *comparison, countries);
  }
  emit(config.format == "json" ? scenario::comparison_json(*comparison).dump(2) + "\n" : scenario::comparison_table(*comparison), "");
  if (!config.out.empty() && config.format == "table") {
    std::printf("\nwrote %s/{summary.json, flows.geojson, link_flows.csv, modes.csv, corridors.csv, markets.csv, countries.csv, crossings.csv, report.html}%s\n",
                config.out.c_str(), scenario::report_assets_available() ? "" : " (report without map: built without Node.js)");
  }
}

struct HistoryConfig {
  std::string network, demand, parameters, years, published, out, format = "table";
  int year = 0;
};

void run_history(const HistoryConfig& config) {
  const std::filesystem::path years_folder = config.years.empty() ? data_folder() / "history" : std::filesystem::path(config.years);
  std::vector<scenario::Scenario> years = scenario::load_year_files(years_folder);
  if (config.year != 0) {
    std::erase_if(years, [&](const scenario::Scenario& s) { return *s.year != config.year; });
    if (years.empty()) throw InputError(years_folder.string(), "", "--year", fmt::format("no year file {}.toml", config.year));
  }
  const std::vector<scenario::PublishedFigure> published =
      scenario::load_published(config.published.empty() ? years_folder / "published.toml" : std::filesystem::path(config.published));
  const auto inputs = load_freight_inputs(config.network, config.demand, config.parameters);
  const bool terminal = isatty(STDERR_FILENO) != 0;
  std::vector<scenario::YearResult> results;
  for (const scenario::Scenario& year : years) {
    if (terminal) std::fprintf(stderr, "\r\033[Khistory: %d ...", *year.year);
    results.push_back(scenario::run_year(*inputs->router, inputs->demand, inputs->parameters, year, published));
  }
  if (terminal) std::fprintf(stderr, "\r\033[K");
  const scenario::HistorySummary history = scenario::summarize_history(std::move(results));
  if (!config.out.empty()) {
    std::error_code error;
    std::filesystem::create_directories(config.out, error);
    if (error || !std::filesystem::is_directory(config.out)) {
      throw InputError(config.out, "", "--out", fmt::format("cannot make a folder here: {}", error ? error.message() : "a file has that name"));
    }
    const std::filesystem::path out(config.out);
    write_file_atomically(out / "history.json", scenario::history_json(history).dump(2) + "\n");
    write_file_atomically(out / "history.csv", scenario::history_csv(history));
    write_file_atomically(out / "history.html", scenario::history_html(history));
  }
  emit(config.format == "json" ? scenario::history_json(history).dump(2) + "\n" : scenario::history_table(history), "");
  if (!config.out.empty() && config.format == "table") std::printf("wrote %s/{history.json, history.csv, history.html}\n", config.out.c_str());
}

}  // namespace

void add_history_command(CLI::App& app) {
  auto config = std::make_shared<HistoryConfig>();
  CLI::App* command = app.add_subcommand(
      "history", "Backcast: run every year's observable inputs with one parameter set and compare with what was published (docs/history.md)");
  command->add_option("--years", config->years, "Folder of year files YYYY.toml and published.toml; default: data/history");
  command->add_option("--published", config->published, "Published figures (TOML); default: published.toml in the years folder");
  command->add_option("--year", config->year, "Run this year only");
  command->add_option("--network", config->network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--demand", config->demand, "Demand CSV of the base year; default: the network's demand.csv");
  command->add_option("--parameters", config->parameters, "Parameters JSON; default: the network's freight-parameters.json");
  command->add_option("--format", config->format, "table or json")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  command->add_option("--out", config->out, "Folder for history.json, history.csv and history.html (created if missing)");
  command->callback([config] { run_history(*config); });
}

void add_scenarios_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand("scenarios", "List the built-in scenarios of landbridge compare");
  command->callback([] {
    std::string text = fmt::format("{:<28} {}\n", "name", "what it does");
    for (const scenario::Scenario& s : scenario::builtin_scenarios(data_folder())) {
      text += fmt::format("{:<28} {}\n", s.name, s.title);
    }
    text += fmt::format("\nfiles: {}/ (docs/scenarios.md); use: landbridge compare --scenario NAME|FILE ...\n",
                        scenario::builtin_folder(data_folder()).string());
    emit(text, "");
  });
}

void add_compare_command(CLI::App& app) {
  auto config = std::make_shared<CompareConfig>();
  CLI::App* command = app.add_subcommand(
      "compare", "Run the freight model with and without scenarios and show the differences (docs/scenarios.md)");
  command->add_option("--scenario", config->scenarios, "Built-in scenario name or TOML file; repeat to apply several in order")
      ->required();
  command->add_option("--network", config->network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--demand", config->demand, "Demand CSV; default: the network's demand.csv");
  command->add_option("--parameters", config->parameters, "Parameters JSON; default: the network's freight-parameters.json");
  command->add_option("--format", config->format, "table or json (the summary.json document)");
  command->add_option("--out", config->out, "Folder for summary.json, flows.geojson, CSVs and report.html (created if missing)");
  command->callback([config] { run_compare(*config); });
}

}  // namespace landbridge::app
