// server/messages.hpp: a request to the API and its response, independent of the HTTP library,
// and the limits a server sets on requests (docs/api.md).
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace landbridge::server {

// POST /v1/compare: scenario comparisons run the freight equilibrium (0.1 to 1 s of one core each).
struct CompareLimits {
  int jobs = 1;               // comparisons computed at once, each on its own worker thread
  int queue = 4;              // comparisons waiting for a worker; more get 503 busy
  double timeout_s = 30;      // a request waits this long for its answer, then gets 503 compare_timeout
  double max_run_s = 20;      // a comparison's equilibrium is stopped after this long: 503 compare_too_long
  int max_scenarios = 8;      // scenarios in one request
  int max_iterations = 300;   // the most equilibrium iterations a scenario's [parameters] may ask for
};

// What one request may ask for; larger requests get 400 (parameters) or 413 (bodies).
struct Limits {
  std::size_t max_body_bytes = 64 * 1024;
  int max_alternatives = 10;
  std::size_t max_matrix_cells = 10'000;
  // Answers of /v1/route, /v1/table and /v1/nodes are kept by query (the graph never changes, so the
  // same query gives the same bytes) up to this many bytes in all; 0 turns the cache off.
  std::size_t cache_bytes = 64u << 20;
  CompareLimits compare;
};

struct Request {
  std::string_view method;  // GET, HEAD, POST, ...
  std::string_view path;    // without the query string
  const std::multimap<std::string, std::string>& params;  // decoded query parameters
  std::string_view body;
  std::string_view content_type = {};  // of the body, as sent (may carry "; charset=...")
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string allow;      // for 405: the methods the path takes
  int retry_after_s = 0;  // for 503: when to try again (Retry-After), if > 0
};

// {"error": {"code", "message"[, "parameter"]}}: the body of every error answer.
[[nodiscard]] Response error_response(int status, std::string_view code, std::string_view message,
                                      std::string_view parameter = {});

}  // namespace landbridge::server
