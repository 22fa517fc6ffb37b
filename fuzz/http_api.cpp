// fuzz/http_api.cpp: the HTTP API (server/api) without a socket. The input is a request:
//   METHOD TARGET\n[Content-Type: TYPE\n]\nBODY      e.g. "GET /v1/route?from=Chongqing&to=Duisburg\n"
// TARGET is split and decoded as the server does (server/query_string.hpp: parse_target). Routes, tables and nodes are answered on the embedded Eurasia network, by an Api without
// and one with the answer cache, which must agree; /v1/compare and /v1/scenarios by an Api on the
// tiny freight network (tests/data/tiny-freight), whose equilibrium takes milliseconds. Every answer
// must be a status from 200 to 599, and a JSON answer must parse.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "fuzz_target.hpp"
#include "io/network_geojson.hpp"
#include "scenario/scenario.hpp"
#include "server/api.hpp"
#include "server/query_string.hpp"

namespace {

using namespace landbridge;

struct TinyFreight {
  network::Network network;
  server::CompareInputs inputs;
};

const TinyFreight& tiny_freight() {
  static const TinyFreight* tiny = [] {
    const std::filesystem::path folder = std::filesystem::path(LANDBRIDGE_TEST_DATA_DIR) / "tiny-freight";
    auto* t = new TinyFreight{io::load_network(folder), {}};
    t->inputs.demand = freight::load_demand(folder / "demand.csv", t->network);
    t->inputs.parameters = freight::load_freight_parameters(folder / "freight-parameters.json");
    t->inputs.builtins = scenario::builtin_scenarios(LANDBRIDGE_DATA_DIR);  // named in requests; Eurasia's, so they fail here
    return t;
  }();
  return *tiny;
}

void check_answer(const server::Response& answer) {
  fuzz::check(answer.status >= 200 && answer.status <= 599, "an HTTP status");
  if (answer.content_type.starts_with("application/")) {
    fuzz::check(nlohmann::json::accept(answer.body), "a JSON answer parses");
  }
}

server::Limits limits_with_cache(std::size_t bytes) {
  server::Limits limits;
  limits.cache_bytes = bytes;
  // One comparison worker and a long timeout: answers must not depend on the machine's speed.
  limits.compare.jobs = 1;
  limits.compare.timeout_s = 600;
  return limits;
}

}  // namespace

LANDBRIDGE_FUZZ_TARGET(http_api) {
  static const server::Api plain(fuzz::eurasia().network, limits_with_cache(0));
  static const server::Api cached(fuzz::eurasia().network, limits_with_cache(1u << 20));
  static const server::Api comparing(tiny_freight().network, limits_with_cache(0), {}, tiny_freight().inputs);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto next_line = [&input]() {
    const std::size_t end = std::min(input.find('\n'), input.size());
    const std::string_view line = input.substr(0, end);
    input.remove_prefix(std::min(end + 1, input.size()));
    return line;
  };
  const std::string_view request_line = next_line();
  std::string_view content_type;
  for (std::string_view header = next_line(); !header.empty(); header = next_line()) {
    if (header.starts_with("Content-Type: ")) content_type = header.substr(14);
  }
  const std::size_t space = request_line.find(' ');
  if (space == std::string_view::npos) return 0;
  const std::string method(request_line.substr(0, space));
  const server::Target target = server::parse_target(request_line.substr(space + 1));
  const std::string& path = target.path;

  const server::Request request{method, path, target.params, input, content_type};
  if (path.starts_with("/v1/compare") || path.starts_with("/v1/scenarios")) {
    check_answer(comparing.handle(request));
    return 0;
  }
  const server::Response answer = plain.handle(request);
  check_answer(answer);
  const server::Response again = cached.handle(request);
  const server::Response from_cache = cached.handle(request);
  fuzz::check(again.status == answer.status && again.body == answer.body, "the cached Api answers the same");
  fuzz::check(from_cache.status == answer.status && from_cache.body == answer.body, "a cache hit answers the same");
  return 0;
}
