#include "sweep/risk_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/input_error.hpp"
#include "io/csv.hpp"
#include "scenario/detail/rule_reader.hpp"
#include "sweep/random.hpp"

namespace landbridge::sweep {

using scenario::detail::line_of;
using scenario::detail::TableReader;

double Distribution::quantile(double u) const {
  switch (kind) {
    case Kind::fixed: return low;
    case Kind::uniform: return low + u * (high - low);
    case Kind::triangular: {
      const double width = high - low;
      if (width <= 0) return low;
      const double split = (mode - low) / width;
      return u < split ? low + std::sqrt(u * width * (mode - low)) : high - std::sqrt((1 - u) * width * (high - mode));
    }
    case Kind::lognormal: {
      const double value = std::exp(mu + sigma * normal_quantile(std::clamp(u, 1e-12, 1 - 1e-12)));
      return high > 0 ? std::min(value, high) : value;
    }
  }
  return low;
}

double Distribution::mean() const {
  switch (kind) {
    case Kind::fixed: return low;
    case Kind::uniform: return (low + high) / 2;
    case Kind::triangular: return (low + mode + high) / 3;
    case Kind::lognormal: {
      if (high <= 0) return std::exp(mu + sigma * sigma / 2);
      // E[min(X, c)] = E[X; X < c] + c P(X >= c) for a lognormal X.
      const double z = (std::log(high) - mu) / sigma;
      return std::exp(mu + sigma * sigma / 2) * normal_cdf(z - sigma) + high * (1 - normal_cdf(z));
    }
  }
  return low;
}

double Distribution::upper() const {
  switch (kind) {
    case Kind::fixed: return low;
    case Kind::uniform:
    case Kind::triangular: return high;
    case Kind::lognormal: return high > 0 ? high : quantile(0.999);
  }
  return low;
}

std::string Distribution::describe() const {
  switch (kind) {
    case Kind::fixed: return fmt::format("{:g}", low);
    case Kind::uniform: return fmt::format("uniform({:g}, {:g})", low, high);
    case Kind::triangular: return fmt::format("triangular({:g}, {:g}, {:g})", low, mode, high);
    case Kind::lognormal:
      return high > 0 ? fmt::format("lognormal(median {:.3g}, p90 {:.3g}, max {:g})", std::exp(mu), std::exp(mu + 1.2815515655446004 * sigma), high)
                      : fmt::format("lognormal(median {:.3g}, p90 {:.3g})", std::exp(mu), std::exp(mu + 1.2815515655446004 * sigma));
  }
  return "?";
}

std::string_view to_string(EffectKind kind) {
  switch (kind) {
    case EffectKind::close: return "close";
    case EffectKind::capacity: return "capacity";
    case EffectKind::delay: return "delay";
  }
  return "?";
}

namespace {

// A number (fixed) or a table with one of uniform = [low, high], triangular = [low, mode, high],
// lognormal = {median, p90, max}; every value within [low_bound, high_bound].
Distribution read_distribution(TableReader& in, std::string_view name, double low_bound, double high_bound) {
  const toml::node* node = in.get(name);
  if (node == nullptr) in.fail_table(fmt::format("needs \"{}\"", name));
  const std::string field = in.field(name);
  auto check = [&](const toml::node& where, double v) {
    if (!std::isfinite(v) || v < low_bound || v > high_bound)
      in.fail(where, field, fmt::format("expected values in [{}, {}], got {}", low_bound, high_bound, v));
    return v;
  };
  Distribution d;
  if (node->is_number()) {
    d.low = check(*node, *node->value<double>());
    return d;
  }
  const toml::table* table = node->as_table();
  if (table == nullptr || table->size() != 1) {
    in.fail(*node, field,
            "expected a number or one of {uniform = [low, high]}, {triangular = [low, mode, high]}, "
            "{lognormal = {median = M, p90 = P, max = X}}");
  }
  const auto entry = table->begin();
  const std::string kind(entry->first.str());
  const toml::node& value = entry->second;
  auto numbers = [&](std::size_t count) {
    const toml::array* array = value.as_array();
    if (array == nullptr || array->size() != count)
      in.fail(value, field, fmt::format("{} expects an array of {} numbers", kind, count));
    std::vector<double> out;
    for (const toml::node& item : *array) {
      if (!item.is_number()) in.fail(item, field, fmt::format("{} expects numbers", kind));
      out.push_back(check(item, *item.value<double>()));
    }
    return out;
  };
  if (kind == "uniform") {
    const auto v = numbers(2);
    if (!(v[0] <= v[1])) in.fail(value, field, "uniform: low must not exceed high");
    d.kind = Distribution::Kind::uniform, d.low = v[0], d.high = v[1];
  } else if (kind == "triangular") {
    const auto v = numbers(3);
    if (!(v[0] <= v[1] && v[1] <= v[2])) in.fail(value, field, "triangular: expected low <= mode <= high");
    d.kind = Distribution::Kind::triangular, d.low = v[0], d.mode = v[1], d.high = v[2];
  } else if (kind == "lognormal") {
    const toml::table* parameters = value.as_table();
    if (parameters == nullptr) in.fail(value, field, "lognormal expects {median = M, p90 = P} and optionally max = X");
    double median = 0, p90 = 0, max = 0;
    for (const auto& [k, v] : *parameters) {
      if (!v.is_number()) in.fail(v, field, fmt::format("lognormal: \"{}\" must be a number", k.str()));
      const double x = check(v, *v.value<double>());
      if (k.str() == "median") median = x;
      else if (k.str() == "p90") p90 = x;
      else if (k.str() == "max") max = x;
      else in.fail(v, field, fmt::format("lognormal: unknown key \"{}\" (median, p90, max)", k.str()));
    }
    if (!(median > 0 && p90 > median)) in.fail(value, field, "lognormal: needs 0 < median < p90");
    if (max != 0 && max < median) in.fail(value, field, "lognormal: max must not be below the median");
    d.kind = Distribution::Kind::lognormal;
    d.mu = std::log(median);
    d.sigma = (std::log(p90) - std::log(median)) / 1.2815515655446004;  // z of the 90th percentile
    d.high = max;
  } else {
    in.fail(value, field, fmt::format("unknown distribution \"{}\" (uniform, triangular, lognormal, or a number)", kind));
  }
  return d;
}

RiskGroup read_group(const toml::table& table, const std::string& file, const std::string& key) {
  TableReader in(table, file, key);
  RiskGroup group;
  const auto name = in.text("name");
  if (!name || name->empty()) in.fail_table("needs a \"name\"");
  group.name = *name;
  group.correlation = in.number("correlation", 0, 1).value_or(0);
  group.common_timing = in.boolean("common_timing").value_or(true);
  group.note = in.text("note").value_or("");
  in.reject_unknown();
  return group;
}

RiskElement read_element(const toml::table& table, const std::string& file, const std::string& key,
                         const std::map<std::string, int, std::less<>>& group_index) {
  TableReader in(table, file, key);
  RiskElement e;
  e.line = static_cast<int>(table.source().begin.line);
  const auto name = in.text("name");
  if (!name || name->empty()) in.fail_table("needs a \"name\"");
  e.name = *name;
  e.title = in.text("title").value_or(e.name);
  if (const auto group = in.text("group")) {
    const auto it = group_index.find(*group);
    if (it == group_index.end())
      in.fail(*table.get("group"), in.field("group"), fmt::format("no [[group]] named \"{}\" (groups come before elements)", *group));
    e.group = it->second;
  }
  const auto probability = in.number("probability", 0, 1);
  if (!probability) in.fail_table("needs \"probability\" (of a disruption within the period, 0-1)");
  e.probability = *probability;
  e.duration_days = read_distribution(in, "duration_days", 0, 1e5);
  const std::string effect = in.text("effect").value_or("close");
  if (effect == "close") {
    e.effect = EffectKind::close;
    if (table.contains("severity")) in.fail(*table.get("severity"), in.field("severity"), "a closure has no severity (effect = \"close\")");
  } else if (effect == "capacity") {
    e.effect = EffectKind::capacity;
    e.severity = read_distribution(in, "severity", 0, 0.999);
  } else if (effect == "delay") {
    e.effect = EffectKind::delay;
    e.severity = read_distribution(in, "severity", 0, 1e4);
  } else {
    in.fail(*table.get("effect"), in.field("effect"), fmt::format("unknown effect \"{}\" (close, capacity, delay)", effect));
  }
  if (const toml::node* sources = in.get("sources")) e.sources = scenario::detail::string_list(*sources, file, in.field("sources"), true);
  if (const toml::node* source = in.get("source")) {
    const auto more = scenario::detail::string_list(*source, file, in.field("source"), true);
    e.sources.insert(e.sources.end(), more.begin(), more.end());
  }
  e.note = in.text("note").value_or("");
  e.target.kind = scenario::RuleKind::close;
  e.target.file = file;
  e.target.line = e.line;
  e.target.key = key;
  scenario::detail::read_selector(in, e.target);
  for (const auto& [sub, kind] : {std::pair{"change", scenario::RuleKind::change}, std::pair{"close", scenario::RuleKind::close}}) {
    const toml::node* node = in.get(sub);
    if (node == nullptr) continue;
    const toml::array* array = node->as_array();
    if (array == nullptr || !array->is_array_of_tables())
      in.fail(*node, in.field(sub), fmt::format("expected [[{}.{}]] tables", key.substr(0, key.find('[')), sub));
    int index = 0;
    for (const toml::node& item : *array)
      e.also.push_back(scenario::detail::read_rule(kind, *item.as_table(), file, fmt::format("{}.{}[{}]", key, sub, ++index)));
  }
  std::stable_sort(e.also.begin(), e.also.end(), [](const scenario::Rule& a, const scenario::Rule& b) { return a.line < b.line; });
  in.reject_unknown();
  return e;
}

}  // namespace

RiskModel parse_risk_model(std::string_view text, const std::string& file) {
  toml::table doc;
  try {
    doc = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, fmt::format("line {}, column {}", e.source().begin.line, e.source().begin.column), "",
                     std::string(e.description()));
  }
  RiskModel model;
  model.file = file;
  std::map<std::string, int, std::less<>> group_index;
  // Groups first, whatever the order in the file, so elements can name them.
  if (const toml::node* groups = doc.get("group")) {
    const toml::array* array = groups->as_array();
    if (array == nullptr || !array->is_array_of_tables()) throw InputError(file, line_of(*groups), "group", "expected [[group]] tables");
    int index = 0;
    for (const toml::node& item : *array) {
      RiskGroup group = read_group(*item.as_table(), file, fmt::format("group[{}]", ++index));
      if (!group_index.emplace(group.name, static_cast<int>(model.groups.size())).second)
        throw InputError(file, line_of(item), fmt::format("group[{}].name", index), fmt::format("a second group named \"{}\"", group.name));
      model.groups.push_back(std::move(group));
    }
  }
  for (const auto& [k, v] : doc) {
    const std::string key(k.str());
    if (key == "name") {
      model.name = scenario::detail::string_value(v, file, key);
    } else if (key == "title") {
      model.title = scenario::detail::string_value(v, file, key);
    } else if (key == "description") {
      model.description = scenario::detail::string_value(v, file, key);
    } else if (key == "sources") {
      model.sources = scenario::detail::string_list(v, file, key, /*single_allowed=*/true);
    } else if (key == "period_days") {
      const auto days = v.value<double>();
      if (!v.is_number() || !days || !(*days >= 1 && *days <= 3660))
        throw InputError(file, line_of(v), key, "expected a number of days in [1, 3660]");
      model.period_days = *days;
    } else if (key == "group") {
      continue;
    } else if (key == "element") {
      const toml::array* array = v.as_array();
      if (array == nullptr || !array->is_array_of_tables()) throw InputError(file, line_of(v), key, "expected [[element]] tables");
      int index = 0;
      for (const toml::node& item : *array) {
        const std::string element_key = fmt::format("element[{}]", ++index);
        RiskElement e = read_element(*item.as_table(), file, element_key, group_index);
        for (const RiskElement& other : model.elements) {
          if (other.name == e.name)
            throw InputError(file, line_of(item), element_key + ".name", fmt::format("a second element named \"{}\"", e.name));
        }
        model.elements.push_back(std::move(e));
      }
    } else {
      throw InputError(file, line_of(v), key,
                       fmt::format("unknown key \"{}\" (name, title, description, sources, period_days, [[group]], [[element]])", key));
    }
  }
  if (model.name.empty()) throw InputError(file, "", "name", "a risk model needs a name");
  if (model.elements.empty()) throw InputError(file, "", "element", "a risk model needs at least one [[element]]");
  std::stable_sort(model.elements.begin(), model.elements.end(), [](const RiskElement& a, const RiskElement& b) { return a.line < b.line; });
  return model;
}

RiskModel load_risk_model(const std::filesystem::path& path) {
  return parse_risk_model(io::read_text_file(path.string()), path.string());
}

std::filesystem::path default_risk_file(const std::filesystem::path& data_folder) { return data_folder / "risk" / "eurasia.toml"; }

std::vector<scenario::Rule> disruption_rules(const RiskElement& element, double severity, bool closed) {
  std::vector<scenario::Rule> rules;
  scenario::Rule rule = element.target;
  if (closed || element.effect == EffectKind::close) {
    rule.kind = scenario::RuleKind::close;
  } else if (element.effect == EffectKind::capacity) {
    rule.kind = scenario::RuleKind::change;
    rule.capacity_factor = std::max(1e-3, 1 - severity);
  } else {
    rule.kind = scenario::RuleKind::change;
    rule.hours_add = severity;
  }
  rules.push_back(std::move(rule));
  rules.insert(rules.end(), element.also.begin(), element.also.end());
  return rules;
}

}  // namespace landbridge::sweep
