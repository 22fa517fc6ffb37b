#include "freight/parameters.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/input_error.hpp"
#include "io/csv.hpp"
#include "io/json_text.hpp"

namespace landbridge::freight {

using nlohmann::json;

double FreightParameters::rail_constant_for(const std::string& origin_country) const {
  if (const auto it = rail_constant_usd.find(origin_country); it != rail_constant_usd.end()) return it->second;
  const auto any = rail_constant_usd.find("*");
  return any == rail_constant_usd.end() ? 0.0 : any->second;
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
  for (const auto& [country, usd] :
       r.object(r.member(doc, "rail_constant_usd", "rail_constant_usd"), "rail_constant_usd", "{\"country\": USD, ...}").items()) {
    p.rail_constant_usd[country] = r.number(usd, "rail_constant_usd." + country, -1e6, 1e6);
  }
  if (doc.contains("corridor_constant_usd")) {
    for (const auto& [name, usd] : r.object(doc["corridor_constant_usd"], "corridor_constant_usd", "{\"corridor\": USD, ...}").items()) {
      p.corridor_constant_usd[name] = r.number(usd, "corridor_constant_usd." + name, -1e6, 1e6);
    }
  }
  if (doc.contains("usd_per_tonne_co2")) p.usd_per_tonne_co2 = r.number(doc["usd_per_tonne_co2"], "usd_per_tonne_co2", 0, 1e5);
  p.conical_alpha = r.number(r.member(doc, "conical_alpha", "conical_alpha"), "conical_alpha", 1.0001, 1000);
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
    if (c.mode != "rail" && c.mode != "sea") r.fail(key + ".mode", "expected \"rail\" or \"sea\", got \"" + c.mode + "\"");
    const json& tags = r.member(corridors[i], "tags", key + ".tags");
    if (!tags.is_array() || tags.empty()) r.fail(key + ".tags", "expected a non-empty array of link corridor tags");
    for (const json& t : tags) c.tags.push_back(r.string(t, key + ".tags"));
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
