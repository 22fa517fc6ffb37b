#include "server/compare_service.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "common/text.hpp"
#include "freight/model.hpp"
#include "freight/summary.hpp"
#include "scenario/compare.hpp"
#include "server/answer_cache.hpp"

namespace landbridge::server {

using json = nlohmann::ordered_json;

namespace {

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Response json_answer(int status, const json& j) {
  Response r;
  r.status = status;
  r.body = dump(j);
  return r;
}

Response error_with(int status, std::string_view code, std::string_view message, json extra = json::object()) {
  json error = {{"code", code}, {"message", message}};
  for (auto& [key, value] : extra.items()) error[key] = std::move(value);
  return json_answer(status, json{{"error", std::move(error)}});
}

// A request the service refuses before any work: the answer is in the exception.
struct Refused {
  Response answer;
};

// Thrown from the equilibrium's per-iteration callback to stop a comparison (run-time limit, or the
// server stopping); the answer is in the exception.
struct Stopped {
  Response answer;
};

// 400 for rules that do not parse or do not apply: the message names the source ("body",
// "scenarios[1]" or a built-in's file), the line and the key, and so do separate fields.
Response bad_rules(const InputError& e) {
  json extra = json::object();
  if (!e.file().empty()) extra["parameter"] = e.file();
  int line = 0;
  if (std::sscanf(e.place().c_str(), "line %d", &line) == 1) extra["line"] = line;
  if (!e.field().empty()) extra["key"] = e.field();
  return error_with(400, "bad_scenario", e.what(), std::move(extra));
}

// The media type without parameters, lower-case: "Application/JSON; charset=utf-8" -> "application/json".
std::string media_type(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return type;
}

bool is_json_body(std::string_view body, std::string_view content_type) {
  const std::string type = media_type(content_type);
  if (type == "application/json" || type.ends_with("+json")) return true;
  if (type == "application/toml" || type == "text/toml" || type == "text/x-toml" || type == "text/plain") return false;
  // Anything else (curl -d sends application/x-www-form-urlencoded): a TOML file never starts with "{".
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && body[first] == '{';
}

}  // namespace

struct CompareService::Impl {
  const routing::Router& router;
  CompareInputs inputs;
  CompareLimits limits;
  AnswerCache* cache;
  Response listing;

  // The baseline equilibrium, solved once, by the first comparison.
  struct Baseline {
    freight::FreightResult result;
    freight::FreightSummary summary;
  };
  std::mutex baseline_mutex;
  std::optional<Baseline> baseline;

  struct Job {
    std::string key;
    std::vector<scenario::Scenario> scenarios;
    std::promise<Response> promise;
  };
  std::mutex mutex;  // guards queue, in_flight, stopping
  std::condition_variable wake;
  std::deque<std::shared_ptr<Job>> queue;
  std::map<std::string, std::shared_future<Response>> in_flight;  // queued or running, by key
  std::size_t running = 0;
  bool stopping = false;
  std::atomic<bool> cancelled{false};  // stop(): running comparisons give up at their next iteration
  std::vector<std::thread> workers;

  Impl(const routing::Router& r, CompareInputs in, CompareLimits l, AnswerCache* c)
      : router(r), inputs(std::move(in)), limits(l), cache(c) {}

  void work();
  Response run(const std::vector<scenario::Scenario>& scenarios);
  const Baseline& solved_baseline();
  void check_cancelled() const;
  std::vector<scenario::Scenario> parse(std::string_view body, std::string_view content_type, std::string& key) const;
  const scenario::Scenario& builtin(const std::string& name, const std::string& parameter) const;
  void check_limits(const std::vector<scenario::Scenario>& scenarios) const;
  void make_listing();
};

void CompareService::Impl::make_listing() {
  json list = json::array();
  for (const scenario::Scenario& s : inputs.builtins) {
    // What each rule does on this network, as `landbridge compare` reports it.
    json rules = json::array();
    std::vector<scenario::RuleEffect> effects;
    try {
      effects = scenario::apply_scenarios({s}, router.network(), router.graph(), inputs.demand, inputs.parameters).effects;
    } catch (const std::exception&) {
      // A built-in that does not fit this network (or no demand): the rules without their effects.
    }
    if (effects.size() == s.rules.size()) {
      for (const scenario::RuleEffect& e : effects) {
        rules.push_back({{"line", e.line}, {"key", e.key}, {"kind", scenario::to_string(e.kind)}, {"description", e.description},
                         {"touched", e.touched}, {"note", e.note}});
      }
    } else {
      for (const scenario::Rule& r : s.rules) {
        rules.push_back({{"line", r.line}, {"key", r.key}, {"kind", scenario::to_string(r.kind)}, {"note", r.note}});
      }
    }
    list.push_back({{"name", s.name},
                    {"title", s.title},
                    {"description", s.description},
                    {"sources", s.sources},
                    {"file", s.file},
                    {"rules", std::move(rules)}});
  }
  json answer = {{"scenarios", std::move(list)}, {"compare_available", inputs.unavailable.empty()}};
  if (!inputs.unavailable.empty()) answer["note"] = inputs.unavailable;
  listing = json_answer(200, answer);
}

const scenario::Scenario& CompareService::Impl::builtin(const std::string& name, const std::string& parameter) const {
  for (const scenario::Scenario& s : inputs.builtins) {
    if (s.name == name) return s;
  }
  // Closest names first; every built-in is listed (there are few).
  std::vector<std::pair<std::size_t, const scenario::Scenario*>> ranked;
  const std::string folded = fold_for_matching(name);
  for (const scenario::Scenario& s : inputs.builtins) {
    const std::string other = fold_for_matching(s.name);
    std::size_t distance = edit_distance(folded.substr(0, 200), other);
    if (!folded.empty() && (other.find(folded) != std::string::npos || folded.find(other) != std::string::npos)) distance = 0;
    ranked.emplace_back(distance, &s);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json suggestions = json::array();
  for (const auto& [distance, s] : ranked) suggestions.push_back({{"name", s->name}, {"title", s->title}});
  std::string message = fmt::format("no built-in scenario called \"{}\"", printable(name.substr(0, 200)));
  if (!ranked.empty() && ranked.front().first <= std::max<std::size_t>(3, name.size() / 3)) {
    message += fmt::format("; did you mean {}?", ranked.front().second->name);
  }
  message += " (GET /v1/scenarios lists them; send your own rules as {\"toml\": \"...\"})";
  throw Refused{error_with(404, "unknown_scenario", message,
                           {{"parameter", parameter}, {"value", name}, {"suggestions", std::move(suggestions)}})};
}

std::vector<scenario::Scenario> CompareService::Impl::parse(std::string_view body, std::string_view content_type,
                                                             std::string& key) const {
  std::vector<scenario::Scenario> scenarios;
  key = "compare";
  const std::string usage = "send {\"scenarios\": [\"red-sea-closure\", {\"toml\": \"...\"}]} as JSON, or one scenario file as TOML";
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw Refused{error_with(400, "missing_body", "the body is empty; " + usage)};
  }
  if (!is_json_body(body, content_type)) {
    scenarios.push_back(scenario::parse_scenario(body, "body"));  // InputError: file "body", line, key
    key += fmt::format("|toml:{}:{}", body.size(), body);
    return scenarios;
  }
  json request;
  try {
    request = json::parse(body);
  } catch (const json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: ..." without the prefix.
    std::string what = e.what();
    if (const std::size_t at = what.find("] "); at != std::string::npos) what = what.substr(at + 2);
    throw Refused{error_with(400, "bad_body", fmt::format("the body is not valid JSON: {}; {}", what, usage))};
  }
  if (!request.is_object()) throw Refused{error_with(400, "bad_body", "the body must be a JSON object; " + usage)};
  for (const auto& [name, value] : request.items()) {
    if (name != "scenarios") {
      throw Refused{error_with(400, "unknown_parameter", fmt::format("unknown field \"{}\"; {}", printable(name.substr(0, 100)), usage),
                               {{"parameter", name}})};
    }
  }
  if (!request.contains("scenarios") || !request["scenarios"].is_array() || request["scenarios"].empty()) {
    throw Refused{error_with(400, "missing_parameter", "\"scenarios\" must be a list of at least one scenario; " + usage,
                             {{"parameter", "scenarios"}})};
  }
  const json& items = request["scenarios"];
  if (items.size() > static_cast<std::size_t>(limits.max_scenarios)) {
    throw Refused{error_with(400, "bad_parameter",
                             fmt::format("{} scenarios; this server compares at most {} at once (--max-compare-scenarios)",
                                         items.size(), limits.max_scenarios),
                             {{"parameter", "scenarios"}})};
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& item = items[i];
    const std::string parameter = fmt::format("scenarios[{}]", i);
    if (item.is_string()) {
      scenarios.push_back(builtin(item.get<std::string>(), parameter));
      key += fmt::format("|builtin:{}", item.get<std::string>());
    } else if (item.is_object() && item.size() == 1 && item.contains("toml") && item["toml"].is_string()) {
      const std::string& text = item["toml"].get_ref<const std::string&>();
      scenarios.push_back(scenario::parse_scenario(text, parameter));
      key += fmt::format("|toml:{}:{}", text.size(), text);
    } else {
      throw Refused{error_with(400, "bad_parameter",
                               "each scenario is a built-in's name (a string) or {\"toml\": \"the rules of a scenario file\"}",
                               {{"parameter", parameter}})};
    }
  }
  return scenarios;
}

// Bounds the work a request can ask for: the equilibrium iterations of a [parameters] rule.
void CompareService::Impl::check_limits(const std::vector<scenario::Scenario>& scenarios) const {
  for (const scenario::Scenario& s : scenarios) {
    for (const scenario::Rule& r : s.rules) {
      if (r.max_iterations && *r.max_iterations > limits.max_iterations) {
        throw InputError(r.file, fmt::format("line {}", r.line), r.key + ".max_iterations",
                         fmt::format("{} iterations exceed this server's limit of {} (--max-compare-iterations)",
                                     *r.max_iterations, limits.max_iterations));
      }
    }
  }
}

void CompareService::Impl::check_cancelled() const {
  if (cancelled) throw Stopped{error_with(503, "shutting_down", "the server is stopping; the comparison was stopped")};
}

// Not under the run-time limit: the baseline is the server's own work, solved once for every comparison.
const CompareService::Impl::Baseline& CompareService::Impl::solved_baseline() {
  const std::lock_guard lock(baseline_mutex);
  if (!baseline) {
    const freight::FreightModel model(router, inputs.demand, inputs.parameters);
    Baseline b;
    b.result = model.solve([this](const freight::IterationProgress&) { check_cancelled(); });
    b.summary = freight::summarize(model, b.result);
    baseline = std::move(b);
  }
  return *baseline;
}

// scenario::compare() with the baseline solved once per server instead of once per comparison:
// the same inputs and steps, so the same JSON as `landbridge compare --format json`.
Response CompareService::Impl::run(const std::vector<scenario::Scenario>& scenarios) {
  const Baseline* base = nullptr;
  try {
    base = &solved_baseline();
  } catch (const InputError& e) {
    return error_with(503, "compare_unavailable", fmt::format("the baseline cannot be solved on this server: {}", e.what()));
  } catch (const Stopped& s) {
    return s.answer;
  }
  try {
    scenario::Comparison c;
    c.scenarios = scenarios;
    c.baseline_result = base->result;
    c.baseline = base->summary;
    c.applied = scenario::apply_scenarios(c.scenarios, router.network(), router.graph(), inputs.demand, inputs.parameters);
    c.scenario_router = std::make_unique<routing::Router>(c.applied.network);
    const freight::FreightModel model(*c.scenario_router, c.applied.demand, c.applied.parameters, &c.applied.restrictions);
    const auto start = std::chrono::steady_clock::now();
    c.scenario_result = model.solve([&](const freight::IterationProgress& progress) {
      check_cancelled();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (seconds > limits.max_run_s) {
        throw Stopped{error_with(503, "compare_too_long",
                                 fmt::format("the comparison ran for more than {} s (--compare-max-seconds) and was stopped "
                                             "after {} iterations; ask for fewer iterations or a larger relative_gap in "
                                             "[parameters]",
                                             limits.max_run_s, progress.iteration))};
      }
    });
    c.scenario = freight::summarize(model, c.scenario_result);
    return json_answer(200, scenario::comparison_json(c));
  } catch (const InputError& e) {
    return bad_rules(e);  // a rule naming something the network does not have, or matching nothing
  } catch (const Stopped& s) {
    return s.answer;
  }
}

void CompareService::Impl::work() {
  while (true) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex);
      wake.wait(lock, [&] { return stopping || !queue.empty(); });
      if (stopping) return;
      job = std::move(queue.front());
      queue.pop_front();
      ++running;
    }
    Response answer;
    try {
      answer = run(job->scenarios);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "landbridge serve: internal error in a comparison: %s\n", e.what());
      answer = error_with(500, "internal", "internal error; the server's log says more");
    }
    if (answer.status == 200 && cache != nullptr) cache->add(job->key, answer);
    {
      const std::lock_guard lock(mutex);
      in_flight.erase(job->key);
      --running;
    }
    job->promise.set_value(std::move(answer));
  }
}

CompareService::CompareService(const routing::Router& router, CompareInputs inputs, CompareLimits limits, AnswerCache* cache)
    : impl_(std::make_unique<Impl>(router, std::move(inputs), limits, cache)) {
  // Built-ins are named by their file name only: answers do not show where the server keeps its data.
  for (scenario::Scenario& s : impl_->inputs.builtins) {
    s.file = std::filesystem::path(s.file).filename().string();
    for (scenario::Rule& r : s.rules) r.file = s.file;
  }
  if (impl_->inputs.unavailable.empty() && impl_->inputs.demand.rows.empty()) {
    impl_->inputs.unavailable = "this server has no freight demand to compare scenarios on";
  }
  impl_->make_listing();
  if (impl_->inputs.unavailable.empty()) {
    for (int i = 0; i < std::max(1, limits.jobs); ++i) impl_->workers.emplace_back([this] { impl_->work(); });
  }
}

CompareService::~CompareService() {
  std::deque<std::shared_ptr<Impl::Job>> waiting;
  {
    const std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    waiting.swap(impl_->queue);
  }
  impl_->wake.notify_all();
  for (std::thread& t : impl_->workers) t.join();
  for (const auto& job : waiting) job->promise.set_value(error_with(503, "shutting_down", "the server is stopping"));
}

void CompareService::stop() const {
  Impl& s = *impl_;
  std::deque<std::shared_ptr<Impl::Job>> waiting;
  {
    const std::lock_guard lock(s.mutex);
    s.cancelled = true;
    waiting.swap(s.queue);
    for (const auto& job : waiting) s.in_flight.erase(job->key);
  }
  for (const auto& job : waiting) job->promise.set_value(error_with(503, "shutting_down", "the server is stopping"));
}

const Response& CompareService::scenarios() const { return impl_->listing; }

Response CompareService::compare(std::string_view body, std::string_view content_type) const {
  Impl& s = *impl_;
  if (!s.inputs.unavailable.empty()) return error_with(503, "compare_unavailable", s.inputs.unavailable);
  if (s.cancelled) return error_with(503, "shutting_down", "the server is stopping");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(s.limits.timeout_s);
  std::string key;
  std::shared_future<Response> answer;
  try {
    const std::vector<scenario::Scenario> scenarios = s.parse(body, content_type, key);
    s.check_limits(scenarios);
    if (s.cache != nullptr) {
      if (auto hit = s.cache->find(key)) return std::move(*hit);
    }
    const std::lock_guard lock(s.mutex);
    if (const auto running = s.in_flight.find(key); running != s.in_flight.end()) {
      answer = running->second;  // the same comparison is already on its way: wait for it too
    } else if (s.running + s.queue.size() >= s.workers.size() + static_cast<std::size_t>(std::max(0, s.limits.queue))) {
      Response busy = error_with(503, "busy",
                                 fmt::format("{} comparisons are running and {} waiting (--compare-jobs, --compare-queue); "
                                             "try again shortly",
                                             s.running, s.queue.size()));
      busy.retry_after_s = 2;
      return busy;
    } else {
      auto job = std::make_shared<Impl::Job>();
      job->key = key;
      job->scenarios = scenarios;
      answer = job->promise.get_future().share();
      s.in_flight.emplace(key, answer);
      s.queue.push_back(std::move(job));
      s.wake.notify_one();
    }
  } catch (const Refused& r) {
    return r.answer;
  } catch (const InputError& e) {
    return bad_rules(e);
  }
  if (answer.wait_until(deadline) != std::future_status::ready) {
    Response late = error_with(503, "compare_timeout",
                               fmt::format("the comparison did not finish within {} s (--compare-timeout); it goes on, and "
                                           "the same request {}",
                                           s.limits.timeout_s,
                                           s.cache != nullptr ? "will get its result once it is done"
                                                              : "will wait for it while it runs (the answer cache is off)"));
    late.retry_after_s = 5;
    return late;
  }
  return answer.get();
}

}  // namespace landbridge::server
