#include "freight/parameters.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "io/csv.hpp"
#include "io/json_text.hpp"

namespace landbridge::freight {

using nlohmann::json;

double FreightParameters::mode_constant_for(const std::string& mode, const std::string& origin_country,
                                           const std::string& direction) const {
  const auto by_country = mode_constant_usd.find(mode);
  if (by_country == mode_constant_usd.end()) return 0.0;
  if (!direction.empty()) {
    if (const auto it = by_country->second.find(direction); it != by_country->second.end()) return it->second;
  }
  if (const auto it = by_country->second.find(origin_country); it != by_country->second.end()) return it->second;
  if (const auto it = by_country->second.find(region_of(origin_country)); it != by_country->second.end()) return it->second;
  const auto any = by_country->second.find("*");
  return any == by_country->second.end() ? 0.0 : any->second;
}

double FreightParameters::rate_index_for(const std::string& mode, const std::string& direction) const {
  const auto by_direction = rate_index.find(mode);
  if (by_direction == rate_index.end()) return 1.0;
  if (const auto it = by_direction->second.find(direction); it != by_direction->second.end()) return it->second;
  const auto any = by_direction->second.find("*");
  return any == by_direction->second.end() ? 1.0 : any->second;
}

std::string FreightParameters::region_of(const std::string& country) const {
  for (const Region& region : regions) {
    if (std::find(region.countries.begin(), region.countries.end(), country) != region.countries.end()) return region.name;
  }
  return country;
}

std::string FreightParameters::market_of(const std::string& region_a, const std::string& region_b) const {
  const auto rank = [&](const std::string& name) {
    for (std::size_t i = 0; i < regions.size(); ++i)
      if (regions[i].name == name) return std::pair<std::size_t, std::string>{i, ""};
    return std::pair<std::size_t, std::string>{regions.size(), name};
  };
  return rank(region_a) <= rank(region_b) ? region_a + "-" + region_b : region_b + "-" + region_a;
}

namespace {

// A value as it appears in a message: invalid UTF-8 replaced (dump() would throw), long text cut.
std::string shown(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw InputError(file_, "", key, problem);
  }

  const json& member(const json& object, const std::string& name, const std::string& key) const {
    if (!object.contains(name)) fail(key, "missing");
    return object.at(name);
  }

  double number(const json& value, const std::string& key, double min, double max) const {
    if (!value.is_number()) fail(key, "expected a number, got " + shown(value));
    const double x = value.get<double>();
    if (!std::isfinite(x) || x < min || x > max) fail(key, fmt::format("expected a number from {} to {}, got {}", min, max, shown(value)));
    return x;
  }

  std::string string(const json& value, const std::string& key) const {
    if (!value.is_string() || value.get<std::string>().empty()) fail(key, "expected a non-empty string, got " + shown(value));
    return value.get<std::string>();
  }

  // An object whose members are read by name, or an array; `form` shows what it should look like.
  const json& object(const json& value, const std::string& key, const char* form) const {
    if (!value.is_object()) fail(key, fmt::format("expected an object {}, got {}", form, shown(value)));
    return value;
  }
  const json& array(const json& value, const std::string& key, const char* form) const {
    if (!value.is_array()) fail(key, fmt::format("expected an array {}, got {}", form, shown(value)));
    return value;
  }

 private:
  std::string file_;
};

}  // namespace

FreightParameters parse_freight_parameters(const std::string& text, const std::string& file) {
  const json doc = io::parse_json_text(text, file, "a JSON object");
  const Reader r(file);
  if (!doc.is_object()) r.fail("", "expected a JSON object");
  FreightParameters p;

  const json& rates = r.object(r.member(doc, "carrying_rate_per_year", "carrying_rate_per_year"), "carrying_rate_per_year",
                               "{\"electronics\": rate, ...}");
  for (Commodity c : all_commodities) {
    const std::string key = fmt::format("carrying_rate_per_year.{}", to_string(c));
    p.carrying_rate_per_year[static_cast<std::size_t>(c)] = r.number(r.member(rates, std::string(to_string(c)), key), key, 0, 10);
  }
  for (const auto& [mode, share] : r.object(r.member(doc, "reliability_buffer_share", "reliability_buffer_share"),
                                            "reliability_buffer_share", "{\"rail\": share, ...}").items()) {
    p.reliability_buffer_share[mode] = r.number(share, "reliability_buffer_share." + mode, 0, 10);
  }
  p.mode_scale_per_usd = r.number(r.member(doc, "mode_scale_per_usd", "mode_scale_per_usd"), "mode_scale_per_usd", 1e-9, 1);
  p.corridor_scale_per_usd =
      r.number(r.member(doc, "corridor_scale_per_usd", "corridor_scale_per_usd"), "corridor_scale_per_usd", 1e-9, 1);
  if (p.corridor_scale_per_usd < p.mode_scale_per_usd) {
    r.fail("corridor_scale_per_usd", "must be at least mode_scale_per_usd, or the nested logit is not consistent with utility maximisation");
  }
  for (const auto& [mode, by_country] : r.object(r.member(doc, "mode_constant_usd", "mode_constant_usd"), "mode_constant_usd",
                                                  "{\"rail\": {\"country\": USD, ...}, ...}").items()) {
    const bool known = std::any_of(freight_modes.begin(), freight_modes.end(), [&](const char* m) { return mode == m; });
    if (!known) r.fail("mode_constant_usd." + mode, "expected a mode: sea, rail, air or road");
    for (const auto& [country, usd] :
         r.object(by_country, "mode_constant_usd." + mode, "{\"country\": USD, ...}").items()) {
      p.mode_constant_usd[mode][country] = r.number(usd, "mode_constant_usd." + mode + "." + country, -1e6, 1e6);
    }
  }
  if (doc.contains("corridor_constant_usd")) {
    for (const auto& [name, usd] : r.object(doc["corridor_constant_usd"], "corridor_constant_usd", "{\"corridor\": USD, ...}").items()) {
      p.corridor_constant_usd[name] = r.number(usd, "corridor_constant_usd." + name, -1e6, 1e6);
    }
  }
  if (doc.contains("usd_per_tonne_co2")) p.usd_per_tonne_co2 = r.number(doc["usd_per_tonne_co2"], "usd_per_tonne_co2", 0, 1e5);
  p.conical_alpha = r.number(r.member(doc, "conical_alpha", "conical_alpha"), "conical_alpha", 1.0001, 1000);
  if (doc.contains("delay_usd_per_teu_day")) {
    p.delay_usd_per_teu_day = r.number(doc["delay_usd_per_teu_day"], "delay_usd_per_teu_day", 0, 1e5);
  }
  if (doc.contains("slot_price_usd_at_capacity")) {
    p.slot_price_usd_at_capacity = r.number(doc["slot_price_usd_at_capacity"], "slot_price_usd_at_capacity", 0, 1e6);
  }
  if (doc.contains("max_iterations")) p.max_iterations = static_cast<int>(r.number(doc["max_iterations"], "max_iterations", 1, 100000));
  if (doc.contains("relative_gap")) p.relative_gap = r.number(doc["relative_gap"], "relative_gap", 0, 1);
  if (doc.contains("equilibrium_method")) {
    const std::string method = r.string(doc["equilibrium_method"], "equilibrium_method");
    const auto parsed = parse_equilibrium_method(method);
    if (!parsed) r.fail("equilibrium_method", "expected \"anderson\" or \"msa\", got \"" + method + "\"");
    p.equilibrium_method = *parsed;
  }

  const json& corridors = r.member(doc, "corridors", "corridors");
  if (!corridors.is_array() || corridors.empty()) r.fail("corridors", "expected a non-empty array");
  std::set<std::string> names;
  for (std::size_t i = 0; i < corridors.size(); ++i) {
    const std::string key = fmt::format("corridors[{}]", i);
    CorridorDefinition c;
    c.name = r.string(r.member(corridors[i], "name", key + ".name"), key + ".name");
    if (!names.insert(c.name).second) r.fail(key + ".name", "duplicate corridor \"" + c.name + "\"");
    c.mode = r.string(r.member(corridors[i], "mode", key + ".mode"), key + ".mode");
    if (std::none_of(freight_modes.begin(), freight_modes.end(), [&](const char* m) { return c.mode == m; })) {
      r.fail(key + ".mode", "expected \"sea\", \"rail\", \"air\" or \"road\", got \"" + c.mode + "\"");
    }
    const json& tags = r.member(corridors[i], "tags", key + ".tags");
    if (!tags.is_array() || tags.empty()) r.fail(key + ".tags", "expected a non-empty array of link corridor tags");
    for (const json& t : tags) c.tags.push_back(r.string(t, key + ".tags"));
    if (corridors[i].contains("feeders")) {
      if (!corridors[i]["feeders"].is_boolean()) r.fail(key + ".feeders", "expected true or false, got " + shown(corridors[i]["feeders"]));
      c.feeders = corridors[i]["feeders"].get<bool>();
    }
    if (corridors[i].contains("exclude_links")) {
      const json& excluded = corridors[i]["exclude_links"];
      if (!excluded.is_array()) r.fail(key + ".exclude_links", "expected an array of link ids");
      for (const json& id : excluded) c.exclude_links.push_back(r.string(id, key + ".exclude_links"));
    }
    p.corridors.push_back(std::move(c));
  }
  for (const json& t : r.array(r.member(doc, "feeder_tags", "feeder_tags"), "feeder_tags", "of link corridor tags")) {
    p.feeder_tags.push_back(r.string(t, "feeder_tags"));
  }
  if (doc.contains("entry_gateways")) {
    const json& groups = doc["entry_gateways"];
    if (!groups.is_array()) r.fail("entry_gateways", "expected an array of {name, links, constant_usd} objects");
    for (std::size_t i = 0; i < groups.size(); ++i) {
      const std::string key = fmt::format("entry_gateways[{}]", i);
      FreightParameters::EntryGateway gateway;
      gateway.name = r.string(r.member(groups[i], "name", key + ".name"), key + ".name");
      const json& links = r.member(groups[i], "links", key + ".links");
      if (!links.is_array() || links.empty()) r.fail(key + ".links", "expected a non-empty array of link ids");
      for (const json& id : links) gateway.links.push_back(r.string(id, key + ".links"));
      if (groups[i].contains("constant_usd")) gateway.constant_usd = r.number(groups[i]["constant_usd"], key + ".constant_usd", -1e6, 1e6);
      p.entry_gateways.push_back(std::move(gateway));
    }
  }
  if (doc.contains("rate_index")) {
    for (const auto& [mode, by_direction] : r.object(doc["rate_index"], "rate_index", "{\"sea\": {\"CN->EU\": index, ...}, ...}").items()) {
      const bool known = std::any_of(freight_modes.begin(), freight_modes.end(), [&](const char* m) { return mode == m; });
      if (!known) r.fail("rate_index." + mode, "expected a mode: sea, rail, air or road");
      for (const auto& [direction, index] : r.object(by_direction, "rate_index." + mode, "{\"CN->EU\": index, ...}").items()) {
        if (direction != "*" && direction.find("->") == std::string::npos) {
          r.fail("rate_index." + mode + "." + direction, "expected a direction such as \"CN->EU\" (regions) or \"*\"");
        }
        p.rate_index[mode][direction] = r.number(index, "rate_index." + mode + "." + direction, 0.01, 100);
      }
    }
  }
  if (doc.contains("value_tiers")) {
    const json& tiers = r.object(doc["value_tiers"], "value_tiers", "{\"count\": N, \"sigma\": s}");
    p.value_tiers.count = static_cast<int>(r.number(r.member(tiers, "count", "value_tiers.count"), "value_tiers.count", 1, 50));
    if (static_cast<double>(p.value_tiers.count) != tiers["count"].get<double>()) r.fail("value_tiers.count", "expected a whole number");
    p.value_tiers.sigma = r.number(r.member(tiers, "sigma", "value_tiers.sigma"), "value_tiers.sigma", 0, 5);
  }
  if (doc.contains("driving_rules")) {
    const json& rules = r.object(doc["driving_rules"], "driving_rules", "{\"driving_hours_per_day\": 9, ...}");
    routing::DrivingRules& d = p.driving_rules;
    for (const auto& [name, value] : rules.items()) {
      const std::string key = "driving_rules." + name;
      if (name == "driving_hours_per_day") d.driving_hours_per_day = r.number(value, key, 1, 24);
      else if (name == "break_after_hours") d.break_after_hours = r.number(value, key, 0.5, 24);
      else if (name == "break_hours") d.break_hours = r.number(value, key, 0, 24);
      else if (name == "day_hours") d.day_hours = r.number(value, key, 1, 48);
      else if (name == "driving_days_per_week") d.driving_days_per_week = static_cast<int>(r.number(value, key, 1, 7));
      else if (name == "weekly_rest_extra_hours") d.weekly_rest_extra_hours = r.number(value, key, 0, 168);
      else r.fail(key, "unknown key (driving_hours_per_day, break_after_hours, break_hours, day_hours, driving_days_per_week, weekly_rest_extra_hours)");
    }
    if (d.day_hours < d.driving_hours_per_day + d.break_hours) r.fail("driving_rules.day_hours", "must hold a day's driving and its break");
  }
  if (doc.contains("calibration_years")) {
    for (const json& year : r.array(doc["calibration_years"], "calibration_years", "of years such as 2023")) {
      const double y = r.number(year, "calibration_years", 1900, 2200);
      if (y != std::floor(y)) r.fail("calibration_years", "expected whole years");
      p.calibration_years.push_back(static_cast<int>(y));
    }
  }
  if (doc.contains("regions")) {
    const json& regions = r.array(doc["regions"], "regions", "of {name, countries} objects");
    std::set<std::string> region_names, assigned;
    for (std::size_t i = 0; i < regions.size(); ++i) {
      const std::string key = fmt::format("regions[{}]", i);
      FreightParameters::Region region;
      region.name = r.string(r.member(regions[i], "name", key + ".name"), key + ".name");
      if (!region_names.insert(region.name).second) r.fail(key + ".name", "duplicate region \"" + region.name + "\"");
      for (const json& c : r.array(r.member(regions[i], "countries", key + ".countries"), key + ".countries", "of ISO2 codes")) {
        const std::string country = r.string(c, key + ".countries");
        if (!assigned.insert(country).second) r.fail(key + ".countries", "country \"" + country + "\" is in two regions");
        region.countries.push_back(country);
      }
      p.regions.push_back(std::move(region));
    }
  }
  for (const auto& [name, usd] : p.corridor_constant_usd) {
    if (!names.contains(name)) r.fail("corridor_constant_usd." + name, "no corridor of that name");
  }
  for (const auto& c : p.corridors) {
    if (!p.reliability_buffer_share.contains(c.mode)) r.fail("reliability_buffer_share", "no value for mode \"" + c.mode + "\"");
  }
  return p;
}

FreightParameters load_freight_parameters(const std::filesystem::path& path) {
  return parse_freight_parameters(io::read_text_file(path.string()), path.string());
}

std::filesystem::path default_parameters_file(const std::filesystem::path& network_folder) {
  return network_folder / "freight-parameters.json";
}

}  // namespace landbridge::freight
