#include "serve_command.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>
#include <pthread.h>
#include <unistd.h>

#include "common/input_error.hpp"
#include "context.hpp"
#include "server/api.hpp"
#include "server/http_server.hpp"
#include "access/markets.hpp"
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "io/network_geojson.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::app {
namespace {

struct ServeOptions {
  std::string network;
  std::string web;
  std::string demand, parameters;
  server::HttpOptions http;
  server::Limits limits;
  std::size_t cache_mb = server::Limits{}.cache_bytes >> 20;

  void validate() const {
    auto check = [](long long value, long long low, long long high, const char* flag) {
      if (value < low || value > high) throw InputError("", "", flag, fmt::format("expected {} to {}, got {}", low, high, value));
    };
    auto check_seconds = [](double value, double low, double high, const char* flag) {
      if (!(value >= low && value <= high)) throw InputError("", "", flag, fmt::format("expected {} to {} seconds, got {}", low, high, value));
    };
    check(http.port, 0, 65535, "--port");
    check(http.threads, 1, 1024, "--threads");
    check(http.io_threads, 1, 64, "--io-threads");
    check_seconds(http.header_timeout_s, 0.1, 3600, "--header-timeout");
    check_seconds(http.body_timeout_s, 0.1, 3600, "--body-timeout");
    check_seconds(http.write_timeout_s, 0.1, 3600, "--write-timeout");
    check_seconds(http.keep_alive_timeout_s, 0, 3600, "--keep-alive-timeout");
    check_seconds(http.shutdown_timeout_s, 0.1, 3600, "--shutdown-timeout");
    check(http.max_connections, 1, 1'000'000, "--max-connections");
    check(http.max_connections_per_client, 1, 1'000'000, "--max-connections-per-client");
    check(static_cast<long long>(http.max_header_bytes), 256, 1 << 20, "--max-header-bytes");
    check(http.max_headers, 1, 10'000, "--max-headers");
    check(static_cast<long long>(limits.max_body_bytes), 0, 1LL << 30, "--max-body-bytes");
    check(limits.max_alternatives, 1, 100, "--max-alternatives");
    check(static_cast<long long>(limits.max_matrix_cells), 1, 1'000'000, "--max-matrix-cells");
    check(static_cast<long long>(cache_mb), 0, 65536, "--cache-mb");
    check(limits.compare.jobs, 1, 64, "--compare-jobs");
    // Each comparison request in progress holds a thread of its own pool while it waits.
    check(limits.compare.queue, 0, 256, "--compare-queue");
    check_seconds(limits.compare.timeout_s, 0.1, 3600, "--compare-timeout");
    check_seconds(limits.compare.max_run_s, 0.01, 3600, "--compare-max-seconds");
    check(limits.compare.max_scenarios, 1, 100, "--max-compare-scenarios");
    check(limits.compare.max_iterations, 1, 100000, "--max-compare-iterations");
  }
};

// The built web page: --web, else $LANDBRIDGE_WEB, else the build folder's web/dist.
std::filesystem::path web_folder(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("LANDBRIDGE_WEB"); env && *env) return env;
#ifdef LANDBRIDGE_WEB_DIR
  return LANDBRIDGE_WEB_DIR;
#else
  return {};
#endif
}

// The inputs of POST /v1/compare, as `landbridge compare` finds them: the network's demand.csv and
// freight-parameters.json (or --demand, --parameters) and the built-in scenarios. A network without
// demand still serves; comparisons then answer 503 saying why.
server::CompareInputs compare_inputs(const ServeOptions& options, const network::Network& net) {
  server::CompareInputs inputs;
  const std::filesystem::path data = io::default_network_folder().parent_path();
  inputs.builtins = scenario::builtin_scenarios(data);
  const std::filesystem::path folder = network_folder(options.network);
  const std::filesystem::path demand = options.demand.empty() ? freight::default_demand_file(folder) : std::filesystem::path(options.demand);
  if (options.demand.empty() && !std::filesystem::exists(demand)) {
    inputs.unavailable = fmt::format("the network has no {}; start the server with --demand FILE to compare scenarios", demand.string());
    return inputs;
  }
  inputs.demand = freight::load_demand(demand, net);
  for (const std::string& warning : inputs.demand.warnings) std::fprintf(stderr, "landbridge: warning: %s\n", warning.c_str());
  inputs.parameters = freight::load_freight_parameters(
      options.parameters.empty() ? freight::default_parameters_file(folder) : std::filesystem::path(options.parameters));
  return inputs;
}

// The inputs of GET /v1/access: data/access (markets and duties), the freight parameters and demand
// of the comparisons. Missing market data: access answers 503 saying why.
server::AccessServiceInputs access_inputs(const server::CompareInputs& compare, const network::Network& net) {
  server::AccessServiceInputs inputs;
  inputs.data_folder = io::default_network_folder().parent_path();
  if (!compare.unavailable.empty()) {
    inputs.unavailable = compare.unavailable;
    return inputs;
  }
  const std::filesystem::path markets = access::default_markets_file(inputs.data_folder);
  if (!std::filesystem::exists(markets)) {
    inputs.unavailable = fmt::format("no market data ({} is missing)", markets.string());
    return inputs;
  }
  inputs.data = access::load_access_data(markets, access::default_duties_file(inputs.data_folder), net);
  inputs.parameters = compare.parameters;
  inputs.demand = compare.demand;
  inputs.unavailable.clear();
  return inputs;
}

void run_serve(const ServeOptions& options) {
  options.validate();
  // SIGINT and SIGTERM are taken by sigwait below, in this thread only: blocked before any thread
  // starts (the comparison workers, the server's pools), so every thread inherits the mask and
  // none is killed by them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  const network::Network net = load_network_option(options.network);
  const std::filesystem::path web = web_folder(options.web);
  server::Limits limits = options.limits;
  limits.cache_bytes = options.cache_mb << 20;
  server::CompareInputs compare = compare_inputs(options, net);
  server::AccessServiceInputs access = access_inputs(compare, net);
  const server::Api api(net, limits, server::StaticFiles(web), std::move(compare), std::move(access));
  server::HttpServer http(api, options.http);

  const int port = http.bind();
  http.start();
  std::printf("landbridge serve: listening on http://%s:%d/ (%u nodes, %zu links, %d worker threads, %d I/O threads, "
              "at most %d connections, web page %s)\n",
              options.http.host.c_str(), port, static_cast<unsigned>(net.node_count()), net.links().size(), options.http.threads,
              options.http.io_threads, http.max_connections(), web.empty() ? "not built" : web.string().c_str());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::printf("landbridge serve: stopping (signal %d): finishing the requests in flight, at most %g s\n", signal,
              options.http.shutdown_timeout_s);
  std::fflush(stdout);
  const int cut = http.shutdown();
  if (cut > 0) {
    std::printf("landbridge serve: stopped; %d connections were still open at the deadline and were closed\n", cut);
  } else {
    std::printf("landbridge serve: stopped\n");
  }
  std::fflush(stdout);
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand("serve", "HTTP API and web page on the network (docs/api.md)");
  command->add_option("--network", o->network, "Network folder; default: the embedded Eurasia network");
  command->add_option("--host", o->http.host, "Address to listen on (loopback by default)")->capture_default_str();
  command->add_option("--port", o->http.port, "Port to listen on; 0 picks a free one (printed on start)")->capture_default_str();
  command->add_option("--threads", o->http.threads, "Worker threads answering requests (routes, tables, ...)")->capture_default_str();
  command->add_option("--io-threads", o->http.io_threads, "Event-loop threads: sockets, HTTP parsing, deadlines")->capture_default_str();
  command->add_option("--web", o->web, "Folder of the built web page (default: the build's web/dist)");
  command->add_option("--max-body-bytes", o->limits.max_body_bytes, "Largest request body (413 beyond)")->capture_default_str();
  command->add_option("--max-alternatives", o->limits.max_alternatives, "Largest alternatives= (400 beyond)")->capture_default_str();
  command->add_option("--max-matrix-cells", o->limits.max_matrix_cells, "Largest /v1/table matrix, origins x destinations (400 beyond)")
      ->capture_default_str();
  command->add_option("--cache-mb", o->cache_mb, "Memory for answers kept by query (0: no cache)")->capture_default_str();
  command->add_option("--demand", o->demand, "Demand CSV for /v1/compare; default: the network's demand.csv");
  command->add_option("--parameters", o->parameters, "Freight parameters JSON for /v1/compare; default: the network's");
  command->add_option("--compare-jobs", o->limits.compare.jobs, "Scenario comparisons computed at once (each keeps a core busy)")
      ->capture_default_str();
  command->add_option("--compare-queue", o->limits.compare.queue,
                      "Comparison requests that may wait besides those computed (503 busy beyond)")
      ->capture_default_str();
  command->add_option("--compare-timeout", o->limits.compare.timeout_s, "Seconds a comparison request waits for its answer (503 after)")
      ->capture_default_str();
  command->add_option("--compare-max-seconds", o->limits.compare.max_run_s,
                      "Seconds a comparison may compute before it is stopped (503 compare_too_long)")
      ->capture_default_str();
  command->add_option("--max-compare-scenarios", o->limits.compare.max_scenarios, "Scenarios in one comparison (400 beyond)")
      ->capture_default_str();
  command->add_option("--max-compare-iterations", o->limits.compare.max_iterations,
                      "Largest max_iterations a scenario's [parameters] may set (400 beyond)")
      ->capture_default_str();
  command->add_option("--header-timeout", o->http.header_timeout_s,
                      "Seconds for a request's line and headers, from its first byte (a new connection: from its opening)")
      ->capture_default_str();
  command->add_option("--body-timeout", o->http.body_timeout_s, "Seconds for a request's body, after its headers")->capture_default_str();
  command->add_option("--write-timeout", o->http.write_timeout_s, "Seconds the client has to take an answer")->capture_default_str();
  command->add_option("--keep-alive-timeout", o->http.keep_alive_timeout_s,
                      "Seconds an idle connection stays open between requests (0: one request per connection)")
      ->capture_default_str();
  command->add_option("--shutdown-timeout", o->http.shutdown_timeout_s,
                      "Seconds requests in flight may take to finish after SIGTERM or SIGINT")
      ->capture_default_str();
  command->add_option("--max-connections", o->http.max_connections, "Connections open at once (503 and closed beyond)")
      ->capture_default_str();
  command->add_option("--max-connections-per-client", o->http.max_connections_per_client,
                      "Connections open at once from one client address (503 and closed beyond)")
      ->capture_default_str();
  command->add_option("--max-header-bytes", o->http.max_header_bytes, "Header fields of a request, in bytes (431 beyond)")
      ->capture_default_str();
  command->add_option("--max-headers", o->http.max_headers, "Header fields in a request (431 beyond)")->capture_default_str();
  command->callback([o] { run_serve(*o); });
}

}  // namespace landbridge::app
