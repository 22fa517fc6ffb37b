// access/request.hpp: an access question as people ask it (place names, a commodity name, an
// optional value and scenarios) answered on loaded inputs; shared by the command line and the API,
// each naming the options its own way in errors.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "access/markets.hpp"
#include "freight/demand.hpp"
#include "freight/parameters.hpp"
#include "network/model.hpp"
#include "routing/router.hpp"

namespace landbridge::access {

// What the answers need, loaded once (the server keeps them for its lifetime).
struct AccessInputs {
  const network::Network* network = nullptr;
  const routing::Router* router = nullptr;        // on `network`
  const AccessData* data = nullptr;
  const freight::FreightParameters* parameters = nullptr;  // carrying rates (value of time)
  const freight::Demand* demand = nullptr;        // default cargo values by class; may be null
  std::filesystem::path data_folder;              // built-in scenarios
};

struct AccessRequest {
  std::string from;
  std::vector<std::string> compare;
  std::string commodity = "machinery";
  std::optional<double> value_usd_per_teu;
  std::vector<std::string> scenarios;  // built-in names or files (the API passes names only)
};

// How the caller spells each option in errors.
struct AccessOptionNames {
  std::string from, compare, commodity, value, scenario;
  static AccessOptionNames command_line();  // FROM, --compare, --commodity, --value, --scenario
  static AccessOptionNames http();          // from, compare, commodity, value, scenario
};

// Throws InputError naming the option for unknown places, commodities, bad values, scenarios.
[[nodiscard]] AccessResult answer_access(const AccessInputs& inputs, const AccessRequest& request, const AccessOptionNames& names);

}  // namespace landbridge::access
