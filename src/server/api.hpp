// server/api.hpp: the HTTP API of docs/api.md as plain functions from a request (method, path,
// query parameters, body) to a response (status, content type, body), independent of the HTTP
// library. One Api per network; handle() is thread-safe (each thread keeps its own RouterQuery).
#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <cstdint>

#include "network/model.hpp"
#include "routing/router.hpp"

namespace landbridge::server {

// What one request may ask for; larger requests get 400 (parameters) or 413 (bodies).
struct Limits {
  std::size_t max_body_bytes = 64 * 1024;
  int max_alternatives = 10;
  std::size_t max_matrix_cells = 10'000;
  // Answers of /v1/route, /v1/table and /v1/nodes are kept by query (the graph never changes, so the
  // same query gives the same bytes) up to this many bytes in all; 0 turns the cache off.
  std::size_t cache_bytes = 64u << 20;
};

struct Request {
  std::string_view method;  // GET, HEAD, POST, ...
  std::string_view path;    // without the query string
  const std::multimap<std::string, std::string>& params;  // decoded query parameters
  std::string_view body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string allow;  // for 405: the methods the path takes
};

// {"error": {"code", "message"[, "parameter"]}}: the body of every error answer.
[[nodiscard]] Response error_response(int status, std::string_view code, std::string_view message,
                                      std::string_view parameter = {});

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

class Api {
 public:
  // Keeps a reference to `network`, which must outlive the Api.
  Api(const network::Network& network, Limits limits, StaticFiles files = {});
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Never throws for bad input: every problem is a 4xx answer with a JSON error.
  [[nodiscard]] Response handle(const Request& request) const;

  [[nodiscard]] const routing::Router& router() const { return *router_; }
  [[nodiscard]] const Limits& limits() const { return limits_; }

 private:
  [[nodiscard]] Response route(const Request& request) const;
  [[nodiscard]] Response table(const Request& request) const;
  [[nodiscard]] Response nodes(const Request& request) const;
  [[nodiscard]] Response health() const;
  [[nodiscard]] routing::RouterQuery& query() const;
  [[nodiscard]] Response compute(const Request& request) const;

  class Cache;

  const network::Network& network_;
  std::unique_ptr<routing::Router> router_;
  Limits limits_;
  StaticFiles files_;
  std::unique_ptr<Cache> cache_;
  Response network_summary_;  // GET /v1/network, computed once
  std::uint64_t id_;  // tells this Api's thread-local queries from another's
};

}  // namespace landbridge::server
