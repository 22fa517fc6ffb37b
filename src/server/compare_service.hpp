// server/compare_service.hpp: GET /v1/scenarios and POST /v1/compare (docs/api.md). Lists the
// built-in scenarios; compares scenario rules from a request (built-in names and/or TOML text)
// with the baseline on a bounded pool of worker threads, with a timeout. The baseline equilibrium
// is solved once per server; finished comparisons are kept in the answer cache.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "routing/router.hpp"
#include "scenario/scenario.hpp"
#include "server/messages.hpp"

namespace landbridge::server {

class AnswerCache;

// What comparisons need besides the network.
struct CompareInputs {
  freight::Demand demand;
  freight::FreightParameters parameters;
  std::vector<scenario::Scenario> builtins;  // listed by GET /v1/scenarios, named in requests
  // Not empty: why comparisons are unavailable (e.g. the network has no demand.csv); POST
  // /v1/compare then answers 503 with this text. The built-ins are still listed.
  std::string unavailable;
};

class CompareService {
 public:
  // `router` must outlive the service; `cache` (may be null) too.
  CompareService(const routing::Router& router, CompareInputs inputs, CompareLimits limits, AnswerCache* cache);
  // Lets the running comparisons finish; queued ones are answered 503.
  ~CompareService();
  CompareService(const CompareService&) = delete;
  CompareService& operator=(const CompareService&) = delete;

  // GET /v1/scenarios: computed once.
  [[nodiscard]] const Response& scenarios() const;
  // POST /v1/compare. Thread-safe; blocks until the answer is ready or the timeout passes. Never
  // throws for bad input: 400 (bad body, bad rules naming line and key), 404 (unknown built-in, with
  // suggestions), 503 (busy, timeout, unavailable).
  [[nodiscard]] Response compare(std::string_view body, std::string_view content_type) const;
  // Makes waiting comparisons answer 503 shutting_down now and running ones at their next
  // iteration (tens of milliseconds); later requests are still served. Thread-safe.
  void stop() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace landbridge::server
