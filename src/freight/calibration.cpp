#include "freight/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/input_error.hpp"
#include "io/csv.hpp"

namespace landbridge::freight {
namespace {

std::string line_text(const toml::node& node) {
  return node.source().begin.line > 0 ? fmt::format("line {}", node.source().begin.line) : std::string();
}

// Region direction of a row: "CN->EU".
std::string direction_of(const FreightModel& model, const DemandRow& row) {
  const network::Network& net = model.router().network();
  const FreightParameters& p = model.parameters();
  return p.region_of(net.node(row.origin).country) + "->" + p.region_of(net.node(row.destination).country);
}

// The share a target's constant moves, and of what: (model share, target share).
std::pair<double, double> shares(const CalibrationTarget& t, const FreightModel& model, const FreightResult& result) {
  const double figure = measured(t, model, result);
  if (t.measure != TargetMeasure::mode_teu) return {figure, t.value};
  double total = 0;
  for (const DemandRow& row : model.demand().rows)
    if (direction_of(model, row) == t.direction) total += row.teu_per_year;
  return {total > 0 ? figure / total : 0.0, total > 0 ? t.value / total : 0.0};
}

double& constant_of(FreightParameters& p, const CalibrationTarget& t) {
  switch (t.measure) {
    case TargetMeasure::mode_teu:
    case TargetMeasure::mode_value_share: return p.mode_constant_usd[t.mode][t.direction];
    case TargetMeasure::corridor_share: return p.corridor_constant_usd[t.corridor];
    case TargetMeasure::gateway_share:
      for (auto& g : p.entry_gateways)
        if (g.name == t.gateway) return g.constant_usd;
      break;
  }
  throw InputError("", "", "gateway", fmt::format("no entry gateway \"{}\" in the parameters", t.gateway));
}

std::string constant_name(const CalibrationTarget& t) {
  switch (t.measure) {
    case TargetMeasure::mode_teu:
    case TargetMeasure::mode_value_share: return fmt::format("mode_constant_usd.{}.{}", t.mode, t.direction);
    case TargetMeasure::corridor_share: return "corridor_constant_usd." + t.corridor;
    case TargetMeasure::gateway_share: return "entry_gateways." + t.gateway;
  }
  return "";
}

double safe_log(double share) { return std::log(std::max(share, 1e-300)); }

}  // namespace

std::vector<CalibrationTarget> load_calibration_targets(const std::filesystem::path& path) {
  const std::string file = path.string();
  toml::table doc;
  try {
    doc = toml::parse(io::read_text_file(file), file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, fmt::format("line {}, column {}", e.source().begin.line, e.source().begin.column), "",
                     std::string(e.description()));
  }
  static const std::map<std::string, TargetMeasure> measures = {{"mode_teu", TargetMeasure::mode_teu},
                                                                {"mode_value_share", TargetMeasure::mode_value_share},
                                                                {"corridor_share", TargetMeasure::corridor_share},
                                                                {"gateway_share", TargetMeasure::gateway_share}};
  std::vector<CalibrationTarget> out;
  for (const auto& [k, v] : doc) {
    const std::string key(k.str());
    const toml::array* array = v.as_array();
    if (key != "target" || array == nullptr || !array->is_array_of_tables()) {
      throw InputError(file, line_text(v), key, "a targets file holds [[target]] tables only");
    }
    int index = 0;
    for (const toml::node& item : *array) {
      const std::string where = fmt::format("target[{}]", ++index);
      const toml::table& table = *item.as_table();
      CalibrationTarget t;
      t.line = static_cast<int>(table.source().begin.line);
      const auto text = [&](const char* name, bool required) {
        const toml::node* node = table.get(name);
        if (node == nullptr) {
          if (required) throw InputError(file, line_text(table), where + "." + name, "missing");
          return std::string();
        }
        if (!node->is_string() || node->value<std::string>()->empty()) {
          throw InputError(file, line_text(*node), where + "." + name, "expected a non-empty string");
        }
        return *node->value<std::string>();
      };
      for (const auto& [field, _] : table) {
        static const std::set<std::string> known = {"name", "measure", "mode", "direction", "corridor", "gateway", "value", "source", "note"};
        if (!known.contains(std::string(field.str()))) {
          throw InputError(file, line_text(table), where + "." + std::string(field.str()),
                           "unknown key (name, measure, mode, direction, corridor, gateway, value, source, note)");
        }
      }
      t.name = text("name", true);
      const std::string measure = text("measure", true);
      const auto m = measures.find(measure);
      if (m == measures.end()) {
        throw InputError(file, line_text(table), where + ".measure",
                         fmt::format("expected mode_teu, mode_value_share, corridor_share or gateway_share, got \"{}\"", measure));
      }
      t.measure = m->second;
      const bool by_mode = t.measure == TargetMeasure::mode_teu || t.measure == TargetMeasure::mode_value_share;
      t.mode = text("mode", by_mode);
      t.direction = text("direction", by_mode);
      t.corridor = text("corridor", t.measure == TargetMeasure::corridor_share);
      t.gateway = text("gateway", t.measure == TargetMeasure::gateway_share);
      t.source = text("source", true);
      const toml::node* value = table.get("value");
      const auto number = value == nullptr ? std::nullopt : value->value<double>();
      const bool share = t.measure != TargetMeasure::mode_teu;
      if (!number || !std::isfinite(*number) || *number <= 0 || (share && *number >= 1)) {
        throw InputError(file, line_text(value != nullptr ? *value : table), where + ".value",
                         share ? "expected a share between 0 and 1" : "expected TEU per year > 0");
      }
      t.value = *number;
      out.push_back(std::move(t));
    }
  }
  if (out.empty()) throw InputError(file, "", "target", "no [[target]] in the file");
  return out;
}

double measured(const CalibrationTarget& t, const FreightModel& model, const FreightResult& result) {
  const std::vector<DemandRow>& rows = model.demand().rows;
  const network::Network& net = model.router().network();
  const network::Graph& g = model.router().graph();
  double part = 0, whole = 0;
  std::set<LinkId> gateway_links, any_gateway_links;
  if (t.measure == TargetMeasure::gateway_share) {
    for (const auto& gateway : model.parameters().entry_gateways) {
      for (const std::string& id : gateway.links) {
        const LinkId l = net.find_link(id);
        any_gateway_links.insert(l);
        if (gateway.name == t.gateway) gateway_links.insert(l);
      }
    }
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const DemandRow& row = rows[r];
    const bool in_direction = t.direction.empty() || direction_of(model, row) == t.direction;
    if (!in_direction) continue;
    for (const RowOption& o : result.row_options(r)) {
      const double teu = row.teu_per_year * o.probability;
      const std::string& mode = result.corridor_modes[o.corridor];
      switch (t.measure) {
        case TargetMeasure::mode_teu:
          if (mode == t.mode) part += teu;
          break;
        case TargetMeasure::mode_value_share:
          whole += teu * o.value_usd_per_teu;
          if (mode == t.mode) part += teu * o.value_usd_per_teu;
          break;
        case TargetMeasure::corridor_share: {
          const std::string& corridor_mode = [&]() -> const std::string& {
            for (const auto& c : model.parameters().corridors)
              if (c.name == t.corridor) return c.mode;
            return mode;
          }();
          if (mode != corridor_mode) break;
          whole += teu;
          if (result.corridor_names[o.corridor] == t.corridor) part += teu;
          break;
        }
        case TargetMeasure::gateway_share: {
          bool through_any = false, through = false;
          for (ArcId a : result.arcs_of(o)) {
            through_any |= any_gateway_links.contains(g.arc_link[a]);
            through |= gateway_links.contains(g.arc_link[a]);
          }
          if (through_any) whole += teu;
          if (through) part += teu;
          break;
        }
      }
    }
  }
  return t.measure == TargetMeasure::mode_teu ? part : (whole > 0 ? part / whole : 0.0);
}

CalibrationResult calibrate(const FreightParameters& start, const std::vector<CalibrationTarget>& targets, const SolveWith& solve,
                            double tolerance, int max_rounds) {
  CalibrationResult out;
  out.parameters = start;
  std::set<std::string> constants;
  for (const CalibrationTarget& t : targets) {
    if (!constants.insert(constant_name(t)).second) {
      throw InputError("", t.line > 0 ? fmt::format("line {}", t.line) : "", t.name,
                       fmt::format("a second target for the constant {}", constant_name(t)));
    }
    (void)constant_of(out.parameters, t);  // a gateway that does not exist is an error now
  }
  std::vector<double> model_share(targets.size()), target_share(targets.size()), figure(targets.size());
  for (out.rounds = 1; out.rounds <= max_rounds; ++out.rounds) {
    solve(out.parameters, [&](const FreightModel& model, const FreightResult& result) {
      for (std::size_t i = 0; i < targets.size(); ++i) {
        figure[i] = measured(targets[i], model, result);
        std::tie(model_share[i], target_share[i]) = shares(targets[i], model, result);
      }
    });
    out.converged = true;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      if (figure[i] <= 0) {
        throw InputError("", targets[i].line > 0 ? fmt::format("line {}", targets[i].line) : "", targets[i].name,
                         "the model has none of this figure, so its constant cannot be fitted (a mode, corridor or direction it "
                         "does not carry?)");
      }
      if (std::fabs(figure[i] - targets[i].value) > tolerance * targets[i].value) out.converged = false;
    }
    if (out.converged || out.rounds == max_rounds) break;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const CalibrationTarget& t = targets[i];
      const bool mode_level = t.measure == TargetMeasure::mode_teu || t.measure == TargetMeasure::mode_value_share;
      const double scale = mode_level ? out.parameters.mode_scale_per_usd : out.parameters.corridor_scale_per_usd;
      const double step = (safe_log(model_share[i]) - safe_log(target_share[i])) / scale;
      constant_of(out.parameters, t) += std::clamp(step, -3000.0, 3000.0);
    }
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    out.rows.push_back({targets[i], figure[i], constant_of(out.parameters, targets[i])});
  }
  return out;
}

}  // namespace landbridge::freight
