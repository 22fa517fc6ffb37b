// freight/summary.hpp: the figures planners read off a freight equilibrium: TEU and shares by
// mode and corridor, transit through each country, border crossings' use and delay, averages.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "freight/model.hpp"

namespace landbridge::freight {

struct CrossingUse {
  std::string id;    // link id
  std::string from, to;  // node ids, in the direction of the flow
  std::string name;  // "Brest → Małaszewicze"
  double teu_per_day = 0;             // the demand's containers (the model's flow)
  double background_teu_per_day = 0;  // other traffic's share of the capacity (network data)
  double capacity_teu_per_day = 0;
  double utilization = 0;  // (teu_per_day + background_teu_per_day) / capacity
  double delay_hours = 0;  // congestion delay per TEU
};

// The figures of one market pair ("CN-RU": both directions; FreightParameters::market_of).
struct MarketFigures {
  double teu = 0, value_usd = 0;
  std::map<std::string, double> teu_by_mode, value_by_mode, teu_by_corridor;
  std::map<std::string, double> hours_teu_by_mode, usd_teu_by_mode;  // sums, for averages
  std::map<std::string, std::map<std::string, double>> teu_by_direction_mode;  // "CN->RU" -> mode -> TEU
  std::map<std::string, double> transit_teu_by_country;  // this market's cargo passing a third country
};

// Figures per mode ("rail", "sea") and per key (corridor, country, commodity ...). TEU are per year.
struct FreightSummary {
  double total_teu = 0, total_value_usd = 0;
  std::map<std::string, double> teu_by_mode, share_by_mode, value_share_by_mode;
  std::map<std::string, double> teu_by_corridor, share_by_corridor;
  std::map<std::string, double> transit_teu_by_country;          // cargo passing a country it neither starts nor ends in
  std::map<std::string, double> transit_revenue_usd_by_country;  // freight charges earned on that country's links by transit cargo
  std::vector<CrossingUse> crossings;                             // capacity links in use, busiest first
  std::map<std::string, double> avg_days_by_mode, avg_usd_per_teu_by_mode;
  std::map<std::string, std::map<std::string, double>> teu_by_mode_commodity;  // mode -> commodity -> TEU
  std::map<std::string, std::map<std::string, double>> avg_days_by_mode_commodity, avg_usd_per_teu_by_mode_commodity;
  // "CN->EU" style keys (customs territory of origin and destination) -> mode -> TEU
  std::map<std::string, std::map<std::string, double>> teu_by_direction_mode;
  std::map<std::string, MarketFigures> by_market;  // market pair -> its figures
  double logistics_cost_usd = 0;  // sum of generalized cost (rates, customs, time, reliability, CO2 price)
  double freight_charges_usd = 0; // sum of rates, transfers and customs
  double co2_tonnes = 0;
  double rail_revenue_usd = 0;
};

[[nodiscard]] FreightSummary summarize(const FreightModel& model, const FreightResult& result);

// The JSON of `landbridge assign` (docs/freight.md): teu_by_mode, share_by_mode,
// value_share_by_mode, teu_by_corridor, teu_by_market, by_market, transit_teu_by_country, crossings,
// avg_days_by_mode, avg_usd_per_teu_by_mode, convergence, and more.
[[nodiscard]] nlohmann::ordered_json summary_json(const FreightSummary& summary, const FreightResult& result);

// A table for people.
[[nodiscard]] std::string summary_table(const FreightSummary& summary, const FreightResult& result);

}  // namespace landbridge::freight
