// fuzz/access_csv.cpp: the market-access readers (access/markets: markets.csv and duties.csv, with
// io::split_csv) against the embedded Eurasia network. Input: markets.csv and duties.csv joined by the
// separator line. Accepted markets have nodes of the network and a positive size; accepted duties a
// known territory, origin and rate; a duty table that covers the markets answers every lookup.
#include <cmath>

#include "access/markets.hpp"
#include "common/input_error.hpp"
#include "fixtures.hpp"
#include "fuzz_target.hpp"

LANDBRIDGE_FUZZ_TARGET(access_csv) {
  using namespace landbridge;
  const fuzz::Eurasia& eurasia = fuzz::eurasia();
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string separator = "#--next-file--#\n";
  const std::size_t cut = text.find(separator);
  const std::string markets_text = text.substr(0, cut);
  const std::string duties_text = cut == std::string::npos ? std::string() : text.substr(cut + separator.size());
  std::vector<access::Market> markets;
  try {
    markets = access::parse_markets(markets_text, "markets.csv", eurasia.network);
    fuzz::check(!markets.empty(), "accepted markets are not empty");
    for (const access::Market& m : markets) {
      fuzz::check(!m.nodes.empty(), "a market has nodes");
      for (NodeId v : m.nodes) fuzz::check(v < eurasia.network.node_count(), "market nodes are nodes of the network");
      fuzz::check(std::isfinite(m.size_usd_bn) && m.size_usd_bn > 0, "size finite and > 0");
      fuzz::check(m.line >= 2, "a market's line is after the header");
    }
  } catch (const InputError&) {
  }
  try {
    const access::DutyTable duties = access::parse_duties(duties_text, "duties.csv");
    for (const access::DutyRow& d : duties.rows()) {
      fuzz::check(std::isfinite(d.duty_percent) && d.duty_percent >= 0 && d.duty_percent <= 1000, "duty in 0..1000 %");
      fuzz::check(!d.territory.empty() && !d.origin.empty(), "territory and origin named");
    }
    if (!markets.empty()) {
      access::check_duties_cover(duties, markets, "duties.csv");
      for (const access::Market& m : markets) {
        for (freight::Commodity c : freight::all_commodities) {
          fuzz::check(duties.find(m.country, m.territory, "ZZ", c) != nullptr, "a covered market answers every class");
        }
      }
    }
  } catch (const InputError&) {
  }
  return 0;
}
