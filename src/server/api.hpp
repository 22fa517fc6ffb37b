// server/api.hpp: the HTTP API of docs/api.md as plain functions from a request (method, path,
// query parameters, body) to a response (status, content type, body), independent of the HTTP
// library, so it can be called without a socket (tests, fuzzing). One Api per network; handle() is
// thread-safe (each thread keeps its own RouterQuery).
#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <cstdint>

#include "access/markets.hpp"
#include "network/model.hpp"
#include "routing/router.hpp"
#include "server/answer_cache.hpp"
#include "server/compare_service.hpp"
#include "server/messages.hpp"
#include "server/route_json.hpp"

namespace landbridge::server {

// The web page's files (index.html, app.js, ...), read once into memory from a folder and served
// under "/" ("/" means index.html). Missing folder: "/" answers a short page saying so.
class StaticFiles {
 public:
  StaticFiles() = default;
  explicit StaticFiles(const std::filesystem::path& folder);
  // nullptr when there is no such file.
  [[nodiscard]] const Response* find(std::string_view path) const;
  [[nodiscard]] bool empty() const { return files_.empty(); }

 private:
  std::map<std::string, Response, std::less<>> files_;
};

// What GET /v1/access needs besides the network (docs/access.md). Not empty `unavailable`: why
// access answers are not served (503), e.g. data/access is missing.
struct AccessServiceInputs {
  access::AccessData data;
  freight::FreightParameters parameters;
  freight::Demand demand;  // default cargo values by class
  std::filesystem::path data_folder;  // built-in scenarios
  std::string unavailable = "the server was started without market data";
};

class Api {
 public:
  // Keeps a reference to `network`, which must outlive the Api. Without `compare` inputs (no demand),
  // POST /v1/compare answers 503 and GET /v1/scenarios lists nothing.
  Api(const network::Network& network, Limits limits, StaticFiles files = {}, CompareInputs compare = {},
      AccessServiceInputs access = {});
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Never throws for bad input: every problem is a 4xx answer with a JSON error.
  [[nodiscard]] Response handle(const Request& request) const;
  // For a server stopping: comparisons waiting or running answer 503 shutting_down at once (see
  // CompareService::stop()). Thread-safe.
  void stop_comparisons() const;

  [[nodiscard]] const routing::Router& router() const { return *router_; }
  [[nodiscard]] const Limits& limits() const { return limits_; }

 private:
  [[nodiscard]] Response route(const Request& request) const;
  [[nodiscard]] Response table(const Request& request) const;
  [[nodiscard]] Response nodes(const Request& request) const;
  [[nodiscard]] Response market_access(const Request& request) const;
  [[nodiscard]] Response health() const;
  [[nodiscard]] routing::RouterQuery& query() const;
  [[nodiscard]] Response compute(const Request& request) const;

  const network::Network& network_;
  std::unique_ptr<routing::Router> router_;
  RouteJsonWriter route_writer_;  // after router_, which it refers to
  Limits limits_;
  StaticFiles files_;
  std::unique_ptr<AnswerCache> cache_;
  Response network_summary_;  // GET /v1/network, computed once
  std::unique_ptr<CompareService> compare_;  // after router_ and cache_, which it uses
  AccessServiceInputs access_;
  std::uint64_t id_;  // tells this Api's thread-local queries from another's
};

}  // namespace landbridge::server
