#include "access/request.hpp"

#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::access {

AccessOptionNames AccessOptionNames::command_line() { return {"FROM", "--compare", "--commodity", "--value", "--scenario"}; }
AccessOptionNames AccessOptionNames::http() { return {"from", "compare", "commodity", "value", "scenario"}; }

AccessResult answer_access(const AccessInputs& in, const AccessRequest& request, const AccessOptionNames& names) {
  const auto commodity = freight::parse_commodity(request.commodity);
  if (!commodity) {
    throw InputError("", "", names.commodity,
                     fmt::format("unknown commodity \"{}\" (electronics, machinery, consumer-goods, auto-parts, chemicals-plastics, "
                                 "bulk-in-containers)",
                                 request.commodity));
  }
  AccessSettings settings;
  settings.commodity = *commodity;
  settings.carrying_rate_per_year = in.parameters->carrying_rate_per_year[static_cast<std::size_t>(*commodity)];
  if (request.value_usd_per_teu) {
    const double v = *request.value_usd_per_teu;
    if (!std::isfinite(v) || v < 0 || v > 1e8) {
      throw InputError("", "", names.value, fmt::format("expected a cargo value from 0 to 100000000 USD per TEU, got {}", v));
    }
    settings.value_usd_per_teu = v;
  } else {
    const std::optional<double> mean = in.demand != nullptr ? mean_value_usd_per_teu(*in.demand, *commodity) : std::nullopt;
    if (!mean) throw InputError("", "", names.value, fmt::format("the demand has no {} to take a value from; give one", request.commodity));
    settings.value_usd_per_teu = *mean;
  }

  std::vector<Site> sites;
  sites.push_back(resolve_site(*in.network, request.from, names.from));
  for (const std::string& text : request.compare) sites.push_back(resolve_site(*in.network, text, names.compare));

  std::vector<scenario::Scenario> scenarios;
  for (const std::string& s : request.scenarios) {
    try {
      scenarios.push_back(resolve_access_scenario(s, in.data_folder));
    } catch (const InputError& e) {
      if (e.field() != "--scenario") throw;
      throw InputError(e.file(), e.place(), names.scenario, e.problem());
    }
  }
  if (scenarios.empty()) {
    AccessQuery query(*in.router);
    return query.run(*in.data, sites, settings);
  }
  // The scenario's network (same nodes and links, changed attributes) and its masks; the duties
  // with the scenario's [[duty]] rules.
  const scenario::AppliedScenario applied =
      scenario::apply_scenarios(scenarios, *in.network, in.router->graph(), in.demand != nullptr ? *in.demand : freight::Demand{}, *in.parameters);
  const routing::Router router(applied.network);
  std::vector<std::uint8_t> blocked = applied.restrictions.blocked;
  const auto& banned = applied.restrictions.banned_for[static_cast<std::size_t>(*commodity)];
  if (!banned.empty()) {
    blocked.resize(banned.size(), 0);
    for (std::size_t a = 0; a < banned.size(); ++a) blocked[a] = static_cast<std::uint8_t>(blocked[a] | banned[a]);
  }
  AccessData data{in.data->markets, in.data->duties};
  data.duties.apply_rules(scenarios);
  AccessQuery query(router);
  AccessResult result = query.run(data, sites, settings, blocked);
  for (const scenario::Scenario& s : scenarios) result.scenarios.push_back(s.name);
  for (const scenario::RuleEffect& e : applied.effects) result.effects.push_back(fmt::format("{} ({}): {}", e.scenario, e.key, e.description));
  return result;
}

}  // namespace landbridge::access
