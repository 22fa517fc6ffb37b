#include "scenario/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/input_error.hpp"
#include "io/csv.hpp"
#include "scenario/detail/rule_reader.hpp"

namespace landbridge::scenario {

std::string_view to_string(RuleKind kind) {
  switch (kind) {
    case RuleKind::close: return "close";
    case RuleKind::change: return "change";
    case RuleKind::sanction: return "sanction";
    case RuleKind::demand: return "demand";
    case RuleKind::parameters: return "parameters";
  }
  return "?";
}

namespace detail {

void read_selector(TableReader& in, Rule& rule) {
  LinkSelector& s = rule.select;
  s.links = in.list("link", "links");
  const auto crossings = in.list("crossing", "crossings");
  s.links.insert(s.links.end(), crossings.begin(), crossings.end());
  s.nodes = in.list("node", "nodes");
  s.passages = in.list("passage", "passages");
  s.countries = in.list("country", "countries");
  s.corridors = in.list("corridor", "corridors");
  s.border = in.boolean("border").value_or(false);
  s.border_with = in.list("border_with");
  if (!s.border_with.empty()) s.border = true;
  if (s.border && s.countries.empty()) in.fail_table("\"border\" needs \"country\": whose border");
  for (const std::string& m : in.list("mode", "modes")) {
    const auto mode = network::parse_mode(m);
    if (!mode) in.fail(*in.table().get(in.table().contains("mode") ? "mode" : "modes"), in.field("mode"),
                       fmt::format("unknown mode \"{}\" (rail, road, sea, ferry, air, transfer)", m));
    s.modes.insert(*mode);
  }
  if (s.empty() && s.modes.empty()) {
    in.fail_table("names no link: give link, crossing, node, passage, country, corridor or mode");
  }
}

static std::vector<freight::Commodity> read_commodities(TableReader& in) {
  std::vector<freight::Commodity> out;
  const toml::node* node = in.table().get("commodity") ? in.table().get("commodity") : in.table().get("commodities");
  for (const std::string& c : in.list("commodity", "commodities")) {
    if (c == "all") {
      out.assign(freight::all_commodities.begin(), freight::all_commodities.end());
      continue;
    }
    const auto commodity = freight::parse_commodity(c);
    if (!commodity) {
      in.fail(*node, in.field("commodities"),
              fmt::format("unknown commodity \"{}\" (electronics, machinery, consumer-goods, auto-parts, chemicals-plastics, "
                          "bulk-in-containers, all)", c));
    }
    out.push_back(*commodity);
  }
  return out;
}

Rule read_rule(RuleKind kind, const toml::table& table, const std::string& file, const std::string& key) {
  TableReader in(table, file, key);
  Rule rule;
  rule.kind = kind;
  rule.file = file;
  rule.line = static_cast<int>(table.source().begin.line);
  rule.key = key;
  rule.note = in.text("note").value_or("");
  switch (kind) {
    case RuleKind::close:
      read_selector(in, rule);
      break;
    case RuleKind::change: {
      read_selector(in, rule);
      rule.capacity_factor = in.number("capacity_factor", 1e-3, 1e3).value_or(1);
      rule.capacity_add_teu_per_day = in.number("capacity_add_teu_per_day", -1e9, 1e9).value_or(0);
      rule.hours_factor = in.number("hours_factor", 0, 1e3).value_or(1);
      rule.hours_add = in.number("hours_add", -1e6, 1e6).value_or(0);
      rule.usd_factor = in.number("usd_factor", 0, 1e3).value_or(1);
      rule.usd_add = in.number("usd_add", -1e6, 1e6).value_or(0);
      rule.co2_factor = in.number("co2_factor", 0, 1e3).value_or(1);
      if (rule.capacity_factor == 1 && rule.capacity_add_teu_per_day == 0 && rule.hours_factor == 1 && rule.hours_add == 0 &&
          rule.usd_factor == 1 && rule.usd_add == 0 && rule.co2_factor == 1) {
        in.fail_table("changes nothing: give capacity_factor, capacity_add_teu_per_day, hours_factor, hours_add, usd_factor, "
                      "usd_add or co2_factor");
      }
      break;
    }
    case RuleKind::sanction:
      rule.commodities = read_commodities(in);
      if (rule.commodities.empty()) in.fail_table("needs \"commodities\" (a list, or \"all\")");
      rule.through = in.list("through");
      rule.carriers_of = in.list("carriers_of");
      if (rule.through.empty() && rule.carriers_of.empty()) in.fail_table("needs \"through\" or \"carriers_of\" (ISO2 countries)");
      for (const std::string& m : in.list("mode", "modes")) {
        const auto mode = network::parse_mode(m);
        if (!mode) in.fail_table(fmt::format("unknown mode \"{}\"", m));
        rule.select.modes.insert(*mode);
      }
      break;
    case RuleKind::demand:
    {
      const auto factor = in.number("factor", 0, 1e3);
      if (!factor) in.fail_table("needs \"factor\" (1.1 = +10%)");
      rule.demand_factor = *factor;
    }
      rule.commodities = read_commodities(in);
      rule.origins = in.list("origin", "origins");
      rule.destinations = in.list("destination", "destinations");
      rule.origin_countries = in.list("origin_country", "origin_countries");
      rule.destination_countries = in.list("destination_country", "destination_countries");
      break;
    case RuleKind::parameters: {
      rule.usd_per_tonne_co2 = in.number("usd_per_tonne_co2", 0, 1e4);
      if (const auto iterations = in.number("max_iterations", 1, 100000)) rule.max_iterations = static_cast<int>(*iterations);
      rule.relative_gap = in.number("relative_gap", 1e-12, 1);
      if (!rule.usd_per_tonne_co2 && !rule.max_iterations && !rule.relative_gap) {
        in.fail_table("changes nothing: give usd_per_tonne_co2, max_iterations or relative_gap");
      }
      break;
    }
  }
  in.reject_unknown();
  return rule;
}

}  // namespace detail

using detail::line_of;
using detail::read_rule;

Scenario parse_scenario(std::string_view text, const std::string& file) {
  toml::table doc;
  try {
    doc = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, fmt::format("line {}, column {}", e.source().begin.line, e.source().begin.column), "",
                     std::string(e.description()));
  }
  Scenario s;
  s.file = file;
  static const std::map<std::string, RuleKind, std::less<>> kinds = {
      {"close", RuleKind::close}, {"change", RuleKind::change}, {"sanction", RuleKind::sanction}, {"demand", RuleKind::demand}};
  for (const auto& [k, v] : doc) {
    const std::string key(k.str());
    if (key == "name") {
      s.name = detail::string_value(v, file, key);
    } else if (key == "title") {
      s.title = detail::string_value(v, file, key);
    } else if (key == "description") {
      s.description = detail::string_value(v, file, key);
    } else if (key == "sources") {
      s.sources = detail::string_list(v, file, key, /*single_allowed=*/false);
    } else if (key == "parameters") {
      const toml::table* table = v.as_table();
      if (table == nullptr) throw InputError(file, line_of(v), key, "expected a table [parameters]");
      s.rules.push_back(read_rule(RuleKind::parameters, *table, file, "parameters"));
    } else if (const auto kind = kinds.find(key); kind != kinds.end()) {
      const toml::array* array = v.as_array();
      if (array == nullptr || !array->is_array_of_tables()) {
        throw InputError(file, line_of(v), key, fmt::format("expected [[{}]] tables", key));
      }
      int index = 0;
      for (const toml::node& item : *array) {
        s.rules.push_back(read_rule(kind->second, *item.as_table(), file, fmt::format("{}[{}]", key, ++index)));
      }
    } else {
      throw InputError(file, line_of(v), key,
                       fmt::format("unknown key \"{}\" (name, title, description, sources, [[close]], [[change]], [[sanction]], "
                                   "[[demand]], [parameters])", key));
    }
  }
  if (s.name.empty()) throw InputError(file, "", "name", "a scenario needs a name");
  if (s.rules.empty()) throw InputError(file, "", "", "a scenario needs at least one rule");
  // Rules apply in the order they are written.
  std::stable_sort(s.rules.begin(), s.rules.end(), [](const Rule& a, const Rule& b) { return a.line < b.line; });
  return s;
}

Scenario load_scenario(const std::filesystem::path& path) {
  return parse_scenario(io::read_text_file(path.string()), path.string());
}

std::filesystem::path builtin_folder(const std::filesystem::path& data_folder) { return data_folder / "scenarios"; }

std::vector<Scenario> builtin_scenarios(const std::filesystem::path& data_folder) {
  std::vector<std::filesystem::path> files;
  const auto folder = builtin_folder(data_folder);
  if (std::filesystem::is_directory(folder)) {
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      if (entry.path().extension() == ".toml") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Scenario> out;
  for (const auto& f : files) out.push_back(load_scenario(f));
  return out;
}

Scenario resolve_scenario(const std::string& name_or_file, const std::filesystem::path& data_folder) {
  const std::filesystem::path builtin = builtin_folder(data_folder) / (name_or_file + ".toml");
  if (name_or_file.find('/') == std::string::npos && name_or_file.find(".toml") == std::string::npos &&
      std::filesystem::exists(builtin)) {
    return load_scenario(builtin);
  }
  if (std::filesystem::is_regular_file(name_or_file)) return load_scenario(name_or_file);
  std::vector<std::string> names;
  for (const Scenario& s : builtin_scenarios(data_folder)) names.push_back(s.name);
  throw InputError("", "", "--scenario",
                   fmt::format("\"{}\" is neither a built-in scenario ({}) nor a file", name_or_file, fmt::join(names, ", ")));
}

}  // namespace landbridge::scenario
