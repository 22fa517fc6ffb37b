#include "scenario/scenario.hpp"

#include <algorithm>
#include <cctype>
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
    case RuleKind::rate: return "rate";
    case RuleKind::avoid: return "avoid";
    case RuleKind::haulier_ban: return "haulier_ban";
    case RuleKind::duty: return "duty";
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

static std::vector<freight::Commodity> read_commodities(TableReader& in);

// The demand rows a [[demand]] or [[avoid]] rule means.
static void read_rows(TableReader& in, Rule& rule) {
  rule.commodities = read_commodities(in);
  rule.origins = in.list("origin", "origins");
  rule.destinations = in.list("destination", "destinations");
  rule.origin_countries = in.list("origin_country", "origin_countries");
  rule.destination_countries = in.list("destination_country", "destination_countries");
  rule.origin_regions = in.list("origin_region", "origin_regions");
  rule.destination_regions = in.list("destination_region", "destination_regions");
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
      rule.background_factor = in.number("background_factor", 0, 1e3).value_or(1);
      if (rule.capacity_factor == 1 && rule.capacity_add_teu_per_day == 0 && rule.hours_factor == 1 && rule.hours_add == 0 &&
          rule.usd_factor == 1 && rule.usd_add == 0 && rule.co2_factor == 1 && rule.background_factor == 1) {
        in.fail_table("changes nothing: give capacity_factor, capacity_add_teu_per_day, hours_factor, hours_add, usd_factor, "
                      "usd_add, co2_factor or background_factor");
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
      read_rows(in, rule);
      break;
    case RuleKind::avoid: {
      const auto share = in.number("share", 0, 1);
      if (!share) in.fail_table("needs \"share\" (of the rows' TEU that avoid the countries, 0-1)");
      rule.avoid_share = *share;
      rule.through = in.list("through");
      if (rule.through.empty()) in.fail_table("needs \"through\" (ISO2 countries the cargo will not cross)");
      read_rows(in, rule);
      break;
    }
    case RuleKind::rate: {
      const auto mode = in.text("mode");
      if (!mode) in.fail_table("needs \"mode\" (sea, rail, air or road)");
      rule.rate_mode = *mode;
      if (std::none_of(freight::freight_modes.begin(), freight::freight_modes.end(), [&](const char* m) { return rule.rate_mode == m; })) {
        in.fail(*in.table().get("mode"), in.field("mode"), fmt::format("expected sea, rail, air or road, got \"{}\"", rule.rate_mode));
      }
      rule.directions = in.list("direction", "directions");
      if (rule.directions.empty()) in.fail_table("needs \"direction\" (\"CN->EU\", a list of them, or \"*\")");
      for (const std::string& d : rule.directions) {
        if (d != "*" && d.find("->") == std::string::npos) {
          in.fail_table(fmt::format("direction \"{}\": expected regions joined by \"->\" (\"CN->EU\") or \"*\"", d));
        }
      }
      const auto index = in.number("index", 0.01, 100);
      if (!index) in.fail_table("needs \"index\" (the rates relative to the network's, e.g. 2.5)");
      rule.rate_index = *index;
      break;
    }
    case RuleKind::haulier_ban:
      rule.carriers_of = in.list("carriers_of");
      rule.roads_of = in.list("roads_of");
      if (rule.carriers_of.empty() || rule.roads_of.empty()) {
        in.fail_table("needs \"carriers_of\" (whose hauliers are banned) and \"roads_of\" (where: ISO2 countries or \"EU\")");
      }
      rule.change_hours = in.number("change_hours", 0, 1000).value_or(0);
      rule.change_usd = in.number("change_usd", 0, 1e5).value_or(0);
      if (rule.change_hours == 0 && rule.change_usd == 0) {
        in.fail_table("needs \"change_hours\" and/or \"change_usd\": what changing truck or trailer at the border takes");
      }
      break;
    case RuleKind::duty: {
      const auto territory = in.text("territory");
      if (!territory || territory->empty()) in.fail_table("needs \"territory\" (\"EU\", \"EAEU\" or an ISO2 country the goods enter)");
      rule.territory = *territory;
      const auto territory_like = [](const std::string& t) {
        return t == "EU" || t == "EAEU" || (t.size() == 2 && std::isupper(static_cast<unsigned char>(t[0])) && std::isupper(static_cast<unsigned char>(t[1])));
      };
      if (!territory_like(rule.territory)) {
        in.fail_table(fmt::format("territory \"{}\": expected \"EU\", \"EAEU\" or an upper-case ISO2 country code", rule.territory));
      }
      rule.origins = in.list("origin", "origins");
      if (rule.origins.empty()) in.fail_table("needs \"origins\" (ISO2 countries, \"EU\", \"EAEU\" or \"*\": where the goods were made)");
      for (const std::string& o : rule.origins) {
        if (o != "*" && !territory_like(o)) in.fail_table(fmt::format("origin \"{}\": expected an upper-case ISO2 country code, \"EU\", \"EAEU\" or \"*\"", o));
      }
      rule.commodities = read_commodities(in);
      rule.duty_percent = in.number("duty_percent", 0, 1000);
      rule.duty_sanctioned = in.boolean("sanctioned");
      if (!rule.duty_percent && !rule.duty_sanctioned) in.fail_table("changes nothing: give duty_percent and/or sanctioned");
      break;
    }
    case RuleKind::parameters: {
      rule.usd_per_tonne_co2 = in.number("usd_per_tonne_co2", 0, 1e4);
      if (const auto iterations = in.number("max_iterations", 1, 100000)) rule.max_iterations = static_cast<int>(*iterations);
      rule.relative_gap = in.number("relative_gap", 1e-12, 1);
      if (const auto method = in.text("equilibrium_method")) {
        rule.equilibrium_method = freight::parse_equilibrium_method(*method);
        if (!rule.equilibrium_method) in.fail_table(fmt::format("equilibrium_method: expected \"anderson\" or \"msa\", got \"{}\"", *method));
      }
      if (!rule.usd_per_tonne_co2 && !rule.max_iterations && !rule.relative_gap && !rule.equilibrium_method) {
        in.fail_table("changes nothing: give usd_per_tonne_co2, max_iterations, relative_gap or equilibrium_method");
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
      {"close", RuleKind::close},   {"change", RuleKind::change}, {"sanction", RuleKind::sanction}, {"demand", RuleKind::demand},
      {"rate", RuleKind::rate},     {"avoid", RuleKind::avoid},   {"haulier_ban", RuleKind::haulier_ban},
      {"duty", RuleKind::duty}};
  // [[kind]] arrays of rule tables, in `table` (the file, or a [[period]]), keys prefixed with `prefix`.
  const auto read_rules = [&](const std::string& key, const toml::node& v, const std::string& prefix, std::vector<Rule>& rules) {
    const auto kind = kinds.find(key);
    const toml::array* array = v.as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      throw InputError(file, line_of(v), prefix + key, fmt::format("expected [[{}{}]] tables", prefix, key));
    }
    int index = 0;
    for (const toml::node& item : *array) {
      rules.push_back(read_rule(kind->second, *item.as_table(), file, fmt::format("{}{}[{}]", prefix, key, ++index)));
    }
  };
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
    } else if (key == "year") {
      const auto year = v.value<std::int64_t>();
      if (!v.is_integer() || !year || *year < 1900 || *year > 2200) throw InputError(file, line_of(v), key, "expected a year such as 2024");
      s.year = static_cast<int>(*year);
    } else if (kinds.contains(key)) {
      read_rules(key, v, "", s.rules);
    } else if (key == "period") {
      const toml::array* array = v.as_array();
      if (array == nullptr || !array->is_array_of_tables()) throw InputError(file, line_of(v), key, "expected [[period]] tables");
      int index = 0;
      for (const toml::node& item : *array) {
        const std::string prefix = fmt::format("period[{}].", ++index);
        Period period;
        for (const auto& [pk, pv] : *item.as_table()) {
          const std::string name(pk.str());
          if (name == "name") {
            period.name = detail::string_value(pv, file, prefix + name);
          } else if (name == "days") {
            const auto days = pv.value<std::int64_t>();
            if (!pv.is_integer() || !days || *days < 1 || *days > 366) {
              throw InputError(file, line_of(pv), prefix + name, "expected a whole number of days from 1 to 366");
            }
            period.days = static_cast<int>(*days);
          } else if (kinds.contains(name)) {
            read_rules(name, pv, prefix, period.rules);
          } else {
            throw InputError(file, line_of(pv), prefix + name,
                             fmt::format("unknown key \"{}\" in a [[period]] (name, days, and rule tables)", name));
          }
        }
        if (period.days == 0) throw InputError(file, line_of(item), prefix + "days", "a period needs \"days\"");
        if (period.rules.empty()) throw InputError(file, line_of(item), prefix.substr(0, prefix.size() - 1), "a period needs rules");
        std::stable_sort(period.rules.begin(), period.rules.end(), [](const Rule& a, const Rule& b) { return a.line < b.line; });
        s.periods.push_back(std::move(period));
      }
      int days = 0;
      for (const Period& p : s.periods) days += p.days;
      if (days > 366) throw InputError(file, line_of(v), key, fmt::format("the periods last {} days, more than a year", days));
    } else {
      throw InputError(file, line_of(v), key,
                       fmt::format("unknown key \"{}\" (name, title, description, sources, year, [[close]], [[change]], [[sanction]], "
                                   "[[demand]], [[rate]], [[avoid]], [[haulier_ban]], [[duty]], [[period]], [parameters])", key));
    }
  }
  if (s.name.empty()) throw InputError(file, "", "name", "a scenario needs a name");
  if (s.rules.empty() && s.periods.empty() && !s.year) throw InputError(file, "", "", "a scenario needs at least one rule");
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
