#include "server/api.hpp"

#include <array>
#include <atomic>
#include <mutex>
#include <unordered_map>
#include <charconv>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "access/output.hpp"
#include "access/request.hpp"
#include "common/input_error.hpp"
#include "report/matrix_output.hpp"
#include "report/route_output.hpp"
#include "routing/node_search.hpp"
#include "routing/route_options.hpp"

namespace landbridge::server {

using json = nlohmann::ordered_json;

namespace {

constexpr std::string_view json_type = "application/json";
constexpr std::string_view api_version = "v1";

// Invalid UTF-8 in what a client sent (echoed in messages) becomes U+FFFD instead of an exception.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Response json_response(int status, const json& j, std::string_view type = json_type) {
  Response r;
  r.status = status;
  r.content_type = type;
  r.body = dump(j);
  return r;
}

// Bad input with its own error code (unknown_parameter, missing_parameter) instead of bad_parameter.
class CodedError : public InputError {
 public:
  CodedError(std::string code, const std::string& field, const std::string& problem)
      : InputError("", "", field, problem), code_(std::move(code)) {}
  [[nodiscard]] const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// The query parameters of one endpoint: rejects unknown and repeated single-valued ones.
class Params {
 public:
  Params(const std::multimap<std::string, std::string>& params, std::initializer_list<std::string_view> known) : params_(params) {
    for (const auto& [name, value] : params_) {
      bool ok = false;
      for (std::string_view k : known) ok = ok || k == name;
      if (!ok) {
        std::vector<std::string_view> names(known);
        throw CodedError("unknown_parameter", name,
                         names.empty() ? std::string("unknown parameter; this endpoint takes no query parameters")
                                       : fmt::format("unknown parameter; this endpoint takes {}", fmt::join(names, ", ")));
      }
    }
  }

  [[nodiscard]] std::optional<std::string> single(const std::string& name) const {
    const auto [first, last] = params_.equal_range(name);
    if (first == last) return std::nullopt;
    if (std::next(first) != last) throw InputError("", "", name, "given more than once; expected one value");
    return first->second;
  }

  [[nodiscard]] std::string required(const std::string& name) const {
    auto value = single(name);
    if (!value || value->empty()) throw CodedError("missing_parameter", name, "required parameter is missing or empty");
    return *value;
  }

  // Every value of a repeated parameter, each also split at commas; blanks are dropped.
  [[nodiscard]] std::vector<std::string> list(const std::string& name) const {
    std::vector<std::string> items;
    const auto [first, last] = params_.equal_range(name);
    for (auto it = first; it != last; ++it) {
      std::string_view rest = it->second;
      while (true) {
        const std::size_t comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) items.emplace_back(item);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    }
    return items;
  }

  [[nodiscard]] double number(const std::string& name, double fallback) const {
    const auto text = single(name);
    if (!text) return fallback;
    double value = 0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (text->empty() || ec != std::errc() || ptr != end) {
      throw InputError("", "", name, fmt::format("expected a number, got \"{}\"", *text));
    }
    return value;
  }

  [[nodiscard]] int integer(const std::string& name, int fallback) const {
    const auto text = single(name);
    if (!text) return fallback;
    int value = 0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (text->empty() || ec != std::errc() || ptr != end) {
      throw InputError("", "", name, fmt::format("expected a whole number, got \"{}\"", *text));
    }
    return value;
  }

 private:
  const std::multimap<std::string, std::string>& params_;
};

// The options /v1/route and /v1/table share.
routing::RouteOptions route_options(const Params& params) {
  routing::RouteOptions options;
  options.optimize = params.single("optimize").value_or("time");
  options.avoid_country = params.list("avoid_country");
  options.avoid_passage = params.list("avoid_passage");
  options.avoid_mode = params.list("avoid_mode");
  options.mode = params.list("mode");
  options.avoid_node = params.list("avoid_node");
  options.avoid_link = params.list("avoid_link");
  options.usd_per_teu_hour = params.number("value_of_time", options.usd_per_teu_hour);
  options.usd_per_tonne_co2 = params.number("co2_price", options.usd_per_tonne_co2);
  return options;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

Response error_response(int status, std::string_view code, std::string_view message, std::string_view parameter) {
  json error = {{"code", code}, {"message", message}};
  if (!parameter.empty()) error["parameter"] = parameter;
  return json_response(status, json{{"error", std::move(error)}});
}

namespace {

// Bad input as an answer: 404 with suggestions for a place the network does not have, 400 for the rest.
Response input_error(const InputError& e, const network::Network& net, const std::vector<std::string>& from_texts,
                     const std::vector<std::string>& to_texts) {
  const bool place = e.field() == "from" || e.field() == "to";
  const bool unknown = starts_with(e.problem(), "no place called");
  const bool ambiguous = e.problem().find("\" matches several places") != std::string::npos;
  if (place && (unknown || ambiguous)) {
    // Which of the texts was it? Ask the same resolver again (only on this error path).
    std::string text;
    for (const std::string& t : e.field() == "from" ? from_texts : to_texts) {
      try {
        (void)routing::resolve_nodes(net, t, e.field());
      } catch (const InputError&) {
        text = t;
        break;
      }
    }
    json suggestions = json::array();
    const std::vector<NodeId> found = unknown ? routing::suggest_nodes(net, text, 5) : routing::search_nodes(net, text);
    for (std::size_t i = 0; i < found.size() && i < 10; ++i) {
      suggestions.push_back({{"id", net.node(found[i]).id}, {"name", net.node(found[i]).name}});
    }
    json error = {{"code", unknown ? "unknown_node" : "ambiguous_node"},
                  {"message", e.problem()},
                  {"parameter", e.field()},
                  {"value", text},
                  {"suggestions", std::move(suggestions)}};
    return json_response(unknown ? 404 : 400, json{{"error", std::move(error)}});
  }
  return error_response(400, "bad_parameter", e.problem(), e.field());
}

std::uint64_t next_api_id() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

std::string_view content_type_of(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".geojson") return "application/geo+json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  return "application/octet-stream";
}

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) return;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    Response r;
    r.content_type = content_type_of(entry.path());
    r.body = text.str();
    files_.emplace("/" + entry.path().filename().string(), std::move(r));
  }
}

const Response* StaticFiles::find(std::string_view path) const {
  if (path == "/") path = "/index.html";
  const auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

Api::Api(const network::Network& network, Limits limits, StaticFiles files, CompareInputs compare, AccessServiceInputs access)
    : network_(network),
      router_(std::make_unique<routing::Router>(network)),
      route_writer_(*router_),
      limits_(limits),
      files_(std::move(files)),
      cache_(limits.cache_bytes > 0 ? std::make_unique<AnswerCache>(limits.cache_bytes) : nullptr),
      compare_(std::make_unique<CompareService>(*router_, std::move(compare), limits.compare, cache_.get())),
      access_(std::move(access)),
      id_(next_api_id()) {
  // What avoid-rules can name: the countries, passages and modes the network has.
  std::set<std::string> countries, passages;
  std::set<network::Mode> modes;
  for (NodeId v = 0; v < network.node_count(); ++v) {
    if (!network.node(v).country.empty()) countries.insert(network.node(v).country);
    if (!network.node(v).passage.empty()) passages.insert(network.node(v).passage);
  }
  for (const network::Link& link : network.links()) {
    if (!link.passage.empty()) passages.insert(link.passage);
    modes.insert(link.mode);
  }
  json mode_names = json::array();
  for (network::Mode m : modes) mode_names.push_back(network::to_string(m));
  network_summary_ = json_response(200, json{{"nodes", network.node_count()},
                                             {"links", network.link_count()},
                                             {"countries", countries},
                                             {"passages", passages},
                                             {"modes", std::move(mode_names)}});
}

Api::~Api() = default;

routing::RouterQuery& Api::query() const {
  // One query object per thread and Api; a thread that served another Api before gets a new one.
  struct Slot {
    std::uint64_t owner = 0;
    std::unique_ptr<routing::RouterQuery> query;
  };
  thread_local Slot slot;
  if (slot.owner != id_ || !slot.query) {
    slot.query = std::make_unique<routing::RouterQuery>(*router_);
    slot.owner = id_;
  }
  return *slot.query;
}

Response Api::handle(const Request& request) const {
  const bool cacheable = cache_ && (request.method == "GET" || request.method == "HEAD") &&
                         (request.path == "/v1/route" || request.path == "/v1/table" || request.path == "/v1/nodes" ||
                          request.path == "/v1/access");
  if (!cacheable) return compute(request);
  // The key: the path and every parameter in order, with lengths, so no two queries share one.
  std::string key(request.path);
  for (const auto& [name, value] : request.params) {
    key += fmt::format("|{}:{}={}:{}", name.size(), name, value.size(), value);
  }
  if (auto hit = cache_->find(key)) return std::move(*hit);
  Response answer = compute(request);
  if (answer.status == 200) cache_->add(key, answer);
  return answer;
}

Response Api::compute(const Request& request) const {
  const std::string_view path = request.path;
  const bool get = request.method == "GET" || request.method == "HEAD";
  auto only = [&](std::string_view allowed) {
    Response r = error_response(405, "method_not_allowed",
                                fmt::format("{} does not take {}; use {}", path, request.method, allowed));
    r.allow = allowed;
    return r;
  };
  try {
    if (path == "/health") return get ? health() : only("GET, HEAD");
    if (path == "/v1/route") return get ? route(request) : only("GET, HEAD");
    if (path == "/v1/table") return get ? table(request) : only("GET, HEAD");
    if (path == "/v1/nodes") return get ? nodes(request) : only("GET, HEAD");
    if (path == "/v1/network") return get ? network_summary_ : only("GET, HEAD");
    if (path == "/v1/access") return get ? market_access(request) : only("GET, HEAD");
    if (path == "/v1/scenarios") {
      if (!get) return only("GET, HEAD");
      (void)Params(request.params, {});
      return compare_->scenarios();
    }
    if (path == "/v1/compare") {
      if (request.method != "POST") return only("POST");
      (void)Params(request.params, {});  // the body is never read as a form, even when curl -d calls it one
      if (request.body.size() > limits_.max_body_bytes) {
        return error_response(413, "payload_too_large",
                              fmt::format("the body has {} bytes; the limit is {}", request.body.size(), limits_.max_body_bytes));
      }
      return compare_->compare(request.body, request.content_type);
    }
    if (const Response* file = files_.find(path)) return get ? *file : only("GET, HEAD");
    if (path == "/") {
      if (!get) return only("GET, HEAD");
      Response r;
      r.content_type = "text/html; charset=utf-8";
      r.body = "<!doctype html><title>landbridge</title><p>The web page was not built (it needs Node.js and npm at "
               "build time); the API under /v1/ works. See docs/api.md.</p>\n";
      return r;
    }
    return error_response(404, "not_found", fmt::format("no such endpoint: {} (see docs/api.md)", path));
  } catch (const CodedError& e) {
    return error_response(400, e.code(), e.problem(), e.field());
  } catch (const InputError& e) {
    return error_response(400, "bad_parameter", e.problem(), e.field());
  }
}

void Api::stop_comparisons() const { compare_->stop(); }

Response Api::health() const {
  return json_response(200, json{{"status", "ok"},
                                 {"api", api_version},
                                 {"nodes", network_.node_count()},
                                 {"links", network_.link_count()}});
}

Response Api::route(const Request& request) const {
  const Params params(request.params, {"from", "to", "optimize", "mode", "avoid_country", "avoid_passage", "avoid_mode",
                                       "avoid_node", "avoid_link", "value_of_time", "co2_price", "alternatives", "format"});
  const std::string from = params.required("from");
  const std::string to = params.required("to");
  const routing::RouteOptions options = route_options(params);
  const int alternatives = params.integer("alternatives", 1);
  const std::string format = params.single("format").value_or("json");
  if (format != "json" && format != "geojson") {
    throw InputError("", "", "format", fmt::format("expected json or geojson, got \"{}\"", format));
  }
  const routing::OptionNames names = routing::OptionNames::http();
  routing::check_alternatives(alternatives, limits_.max_alternatives, names);
  std::vector<routing::RouteSummary> summaries;
  try {
    summaries = routing::find_routes(*router_, query(), from, to, options, alternatives, names);
  } catch (const InputError& e) {
    return input_error(e, network_, {from}, {to});
  }
  if (summaries.empty()) {
    return error_response(404, "no_route", fmt::format("no route from \"{}\" to \"{}\" under these avoid-rules", from, to));
  }
  if (format == "geojson") return json_response(200, report::routes_geojson(*router_, summaries), "application/geo+json");
  Response answer;
  answer.body.reserve(8192);
  route_writer_.write(summaries, options.criterion(names), answer.body);
  return answer;
}

Response Api::table(const Request& request) const {
  const Params params(request.params, {"from", "to", "optimize", "mode", "avoid_country", "avoid_passage", "avoid_mode",
                                       "avoid_node", "avoid_link", "value_of_time", "co2_price"});
  const std::vector<std::string> from = params.list("from");
  const std::vector<std::string> to = params.list("to");
  if (from.empty()) throw CodedError("missing_parameter", "from", "required parameter is missing or empty");
  const routing::RouteOptions options = route_options(params);
  const std::size_t columns = to.empty() ? from.size() : to.size();
  if (from.size() * columns > limits_.max_matrix_cells) {
    throw InputError("", "", to.empty() ? "from" : "to",
                     fmt::format("a matrix of {} x {} exceeds the limit of {} cells", from.size(), columns,
                                 limits_.max_matrix_cells));
  }
  try {
    const routing::Matrix matrix =
        routing::route_matrix(*router_, query(), from, to, options, limits_.max_matrix_cells, routing::OptionNames::http());
    return json_response(200, report::matrix_json(network_, matrix));
  } catch (const InputError& e) {
    return input_error(e, network_, from, to.empty() ? from : to);
  }
}

Response Api::nodes(const Request& request) const {
  const Params params(request.params, {"search", "limit"});
  const std::string search = params.single("search").value_or("");
  const int limit = params.integer("limit", 1000);
  if (limit < 1 || limit > 100'000) throw InputError("", "", "limit", fmt::format("expected 1 to 100000, got {}", limit));
  std::vector<NodeId> found = routing::search_nodes(network_, search);
  if (found.size() > static_cast<std::size_t>(limit)) found.resize(static_cast<std::size_t>(limit));
  json answer = {{"search", search}, {"nodes", report::nodes_json(network_, found)}};
  if (found.empty() && !search.empty()) {
    json suggestions = json::array();
    for (NodeId v : routing::suggest_nodes(network_, search, 5)) {
      suggestions.push_back({{"id", network_.node(v).id}, {"name", network_.node(v).name}});
    }
    answer["suggestions"] = std::move(suggestions);
  }
  return json_response(200, answer);
}

Response Api::market_access(const Request& request) const {
  const Params params(request.params, {"from", "compare", "commodity", "value", "scenario", "format"});
  access::AccessRequest ask;
  ask.from = params.required("from");
  ask.compare = params.list("compare");
  ask.commodity = params.single("commodity").value_or("machinery");
  if (params.single("value")) ask.value_usd_per_teu = params.number("value", 0);
  ask.scenarios = params.list("scenario");
  const std::string format = params.single("format").value_or("json");
  if (format != "json" && format != "geojson") {
    throw InputError("", "", "format", fmt::format("expected json or geojson, got \"{}\"", format));
  }
  if (ask.compare.size() > 15) throw InputError("", "", "compare", fmt::format("{} sites to compare; the limit is 15", ask.compare.size()));
  if (ask.scenarios.size() > static_cast<std::size_t>(limits_.compare.max_scenarios)) {
    throw InputError("", "", "scenario", fmt::format("{} scenarios; the limit is {}", ask.scenarios.size(), limits_.compare.max_scenarios));
  }
  if (!access_.unavailable.empty()) return error_response(503, "unavailable", access_.unavailable);
  for (const std::string& s : ask.scenarios) {
    // Built-in names only (data/access, then data/scenarios): never a path or a file the server can see.
    const bool plain = !s.empty() && s.find_first_of("/\\.") == std::string::npos;
    const auto builtin = [&](const char* folder) { return std::filesystem::is_regular_file(access_.data_folder / folder / (s + ".toml")); };
    if (!plain || (!builtin("access") && !builtin("scenarios"))) {
      throw InputError("", "", "scenario", fmt::format("\"{}\" is not a built-in scenario (GET /v1/scenarios; before-2022-sanctions)", s));
    }
  }
  const access::AccessInputs inputs{&network_, router_.get(), &access_.data, &access_.parameters,
                                    access_.demand.rows.empty() ? nullptr : &access_.demand, access_.data_folder};
  access::AccessResult result;
  try {
    result = access::answer_access(inputs, ask, access::AccessOptionNames::http());
  } catch (const InputError& e) {
    if (e.field() == "from") return input_error(e, network_, {ask.from}, {});
    if (!e.file().empty()) return error_response(400, "bad_scenario", e.what(), "scenario");  // a rule the network lacks
    return error_response(400, "bad_parameter", e.problem(), e.field());
  }
  if (format == "geojson") return json_response(200, access::access_geojson(result, network_), "application/geo+json");
  return json_response(200, access::access_json(result, network_));
}

}  // namespace landbridge::server
