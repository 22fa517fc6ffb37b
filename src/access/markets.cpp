#include "access/markets.hpp"

#include <charconv>
#include <cmath>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "common/text.hpp"
#include "io/csv.hpp"

namespace landbridge::access {
namespace {

constexpr std::string_view commodity_list = "electronics, machinery, consumer-goods, auto-parts, chemicals-plastics, bulk-in-containers";

// The rows of a CSV table with an exact header; each data row has header.size() fields.
std::vector<io::CsvRecord> table_rows(std::string_view text, const std::string& file, const std::vector<std::string_view>& header) {
  std::vector<io::CsvRecord> records = io::split_csv(text, file);
  while (!records.empty() && records.back().fields.empty()) records.pop_back();  // blank lines at the end
  if (records.empty()) throw InputError(file, "line 1", "", fmt::format("empty file; expected the header {}", fmt::join(header, ",")));
  const auto& first = records.front().fields;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (c >= first.size() || first[c] != header[c]) {
      throw InputError(file, "line 1", std::string(header[c]),
                       fmt::format("expected the header {}, got \"{}\"", fmt::join(header, ","), printable(c < first.size() ? first[c] : "")));
    }
  }
  if (first.size() != header.size()) {
    throw InputError(file, "line 1", "", fmt::format("expected the header {} ({} columns), got {} columns", fmt::join(header, ","), header.size(), first.size()));
  }
  records.erase(records.begin());
  for (const io::CsvRecord& r : records) {
    if (r.fields.size() != header.size()) {
      throw InputError(file, fmt::format("line {}", r.line), "", fmt::format("expected {} fields, got {}", header.size(), r.fields.size()));
    }
  }
  return records;
}

double number(const std::string& text, double low, double high, const std::string& file, int line, const std::string& field) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value) || value < low || value > high) {
    throw InputError(file, fmt::format("line {}", line), field,
                     fmt::format("expected a number from {:g} to {:g}, got \"{}\"", low, high, printable(text)));
  }
  return value;
}

bool is_iso2(std::string_view s) { return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'; }
bool is_territory(std::string_view s) { return s == "EU" || s == "EAEU" || is_iso2(s); }

// The union an origin country belongs to, as duty rows name it ("" when none).
std::string origin_union(const std::string& country) { return std::string(network::customs_union_of(country)); }
std::string territory_of(const std::string& country) {
  const std::string u = origin_union(country);
  return u.empty() ? country : u;
}

}  // namespace

std::vector<Market> parse_markets(std::string_view text, const std::string& file, const network::Network& network) {
  const std::vector<std::string_view> header = {"market", "name", "group", "country", "nodes", "gdp_usd_bn", "source"};
  std::vector<Market> markets;
  std::set<std::string> ids;
  for (const io::CsvRecord& r : table_rows(text, file, header)) {
    const auto& f = r.fields;
    const std::string place = fmt::format("line {}", r.line);
    Market m;
    m.line = r.line;
    m.id = f[0];
    if (m.id.empty()) throw InputError(file, place, "market", "empty market id");
    if (!ids.insert(m.id).second) throw InputError(file, place, "market", fmt::format("market \"{}\" is listed twice", printable(m.id)));
    m.name = f[1].empty() ? m.id : f[1];
    m.group = f[2];
    if (m.group.empty()) throw InputError(file, place, "group", "empty group (EU, EAEU, Europe (other), Turkey, Caucasus, Central Asia, China ...)");
    m.country = f[3];
    if (!is_iso2(m.country)) {
      throw InputError(file, place, "country", fmt::format("expected an ISO 3166-1 alpha-2 code in upper case, got \"{}\"", printable(m.country)));
    }
    m.territory = territory_of(m.country);
    std::string_view rest = f[4];
    while (!rest.empty()) {
      const std::size_t space = rest.find(' ');
      const std::string id(rest.substr(0, space));
      if (!id.empty()) {
        const NodeId node = network.find_node(id);
        if (node == invalid_id) throw InputError(file, place, "nodes", fmt::format("no node \"{}\" in the network", printable(id)));
        m.nodes.push_back(node);
      }
      if (space == std::string_view::npos) break;
      rest.remove_prefix(space + 1);
    }
    if (m.nodes.empty()) throw InputError(file, place, "nodes", "no node: give the ids of the nodes serving the market, separated by spaces");
    m.size_usd_bn = number(f[5], 1e-6, 1e6, file, r.line, "gdp_usd_bn");
    m.source = f[6];
    if (m.source.empty()) throw InputError(file, place, "source", "empty source: name the SOURCES.md entry");
    markets.push_back(std::move(m));
  }
  if (markets.empty()) throw InputError(file, "", "", "no markets: the file has only its header");
  return markets;
}

DutyTable parse_duties(std::string_view text, const std::string& file) {
  const std::vector<std::string_view> header = {"territory", "origin", "commodity", "duty_percent", "sanctioned", "source"};
  std::vector<DutyRow> rows;
  std::set<std::tuple<std::string, std::string, int>> keys;
  for (const io::CsvRecord& r : table_rows(text, file, header)) {
    const auto& f = r.fields;
    const std::string place = fmt::format("line {}", r.line);
    DutyRow d;
    d.line = r.line;
    d.territory = f[0];
    if (!is_territory(d.territory)) {
      throw InputError(file, place, "territory", fmt::format("expected EU, EAEU or an ISO2 country code, got \"{}\"", printable(d.territory)));
    }
    d.origin = f[1];
    if (d.origin != "*" && !is_territory(d.origin)) {
      throw InputError(file, place, "origin", fmt::format("expected an ISO2 country code, EU, EAEU or *, got \"{}\"", printable(d.origin)));
    }
    if (f[2] != "*") {
      const auto c = freight::parse_commodity(f[2]);
      if (!c) throw InputError(file, place, "commodity", fmt::format("unknown commodity \"{}\" ({}, *)", printable(f[2]), commodity_list));
      d.commodity = static_cast<int>(*c);
    }
    d.duty_percent = number(f[3], 0, 1000, file, r.line, "duty_percent");
    if (f[4] == "yes") d.sanctioned = true;
    else if (f[4] != "no") throw InputError(file, place, "sanctioned", fmt::format("expected yes or no, got \"{}\"", printable(f[4])));
    d.source = f[5];
    if (d.source.empty()) throw InputError(file, place, "source", "empty source: name the SOURCES.md entry");
    if (!keys.emplace(d.territory, d.origin, d.commodity).second) {
      throw InputError(file, place, "commodity", fmt::format("a second row for territory {}, origin {}, commodity {}", d.territory, d.origin, f[2]));
    }
    rows.push_back(std::move(d));
  }
  return DutyTable(std::move(rows));
}

const DutyRow* DutyTable::find(const std::string& country, const std::string& territory, const std::string& origin_country,
                               freight::Commodity commodity) const {
  if (territory_of(origin_country) == territory) return nullptr;  // inside one customs territory: no duty
  const std::string origin_u = origin_union(origin_country);
  const DutyRow* best = nullptr;
  int best_score = -1;
  for (const DutyRow& row : rows_) {
    int origin_score = 0;
    if (row.origin == origin_country) origin_score = 3;
    else if (!origin_u.empty() && row.origin == origin_u) origin_score = 2;
    else if (row.origin == "*") origin_score = 1;
    else continue;
    int territory_score = 0;
    if (!country.empty() && row.territory == country) territory_score = 2;
    else if (row.territory == territory) territory_score = 1;
    else continue;
    int commodity_score = 0;
    if (row.commodity == static_cast<int>(commodity)) commodity_score = 2;
    else if (row.commodity == -1) commodity_score = 1;
    else continue;
    const int score = origin_score * 100 + territory_score * 10 + commodity_score;
    if (score > best_score) {
      best_score = score;
      best = &row;
    }
  }
  return best;
}

void DutyTable::apply_rules(const std::vector<scenario::Scenario>& scenarios) {
  for (const scenario::Scenario& s : scenarios) {
    for (const scenario::Rule& rule : s.rules) {
      if (rule.kind != scenario::RuleKind::duty) continue;
      std::vector<int> classes;
      for (freight::Commodity c : rule.commodities) classes.push_back(static_cast<int>(c));
      if (classes.empty()) classes.push_back(-1);
      for (const std::string& origin : rule.origins) {
        for (int c : classes) {
          DutyRow* exact = nullptr;
          for (DutyRow& row : rows_) {
            if (row.territory == rule.territory && row.origin == origin && row.commodity == c) exact = &row;
          }
          if (exact == nullptr) {
            // New row, starting from what applied before at the territory's level.
            DutyRow row;
            const bool country_rule = is_iso2(rule.territory);
            const DutyRow* before =
                c < 0 || origin == "*" || origin == "EU" || origin == "EAEU"
                    ? nullptr
                    : find(country_rule ? rule.territory : "", country_rule ? territory_of(rule.territory) : rule.territory, origin,
                           static_cast<freight::Commodity>(c));
            if (before != nullptr) row = *before;
            row.territory = rule.territory;
            row.origin = origin;
            row.commodity = c;
            rows_.push_back(row);
            exact = &rows_.back();
          }
          if (rule.duty_percent) exact->duty_percent = *rule.duty_percent;
          if (rule.duty_sanctioned) exact->sanctioned = *rule.duty_sanctioned;
          exact->source = fmt::format("{} ({})", rule.file, rule.key);
          exact->line = 0;
        }
      }
    }
  }
}

void check_duties_cover(const DutyTable& duties, const std::vector<Market>& markets, const std::string& duties_file) {
  std::set<std::string> checked;
  for (const Market& m : markets) {
    if (!checked.insert(m.country).second) continue;
    for (freight::Commodity c : freight::all_commodities) {
      // "ZZ": an origin outside every territory and row, so only the "*" rows can answer.
      if (duties.find(m.country, m.territory, "ZZ", c) == nullptr) {
        throw InputError(duties_file, "", "origin",
                         fmt::format("no default row (origin *) for goods of class {} entering {} (market {}, markets.csv line {}): "
                                     "add a row {},*,{} or {},*,*",
                                     freight::to_string(c), m.territory, m.id, m.line, m.territory, freight::to_string(c), m.territory));
      }
    }
  }
}

std::filesystem::path default_markets_file(const std::filesystem::path& data_folder) { return data_folder / "access" / "markets.csv"; }
std::filesystem::path default_duties_file(const std::filesystem::path& data_folder) { return data_folder / "access" / "duties.csv"; }

AccessData load_access_data(const std::filesystem::path& markets_file, const std::filesystem::path& duties_file,
                            const network::Network& network) {
  AccessData data;
  data.markets = parse_markets(io::read_text_file(markets_file.string()), markets_file.string(), network);
  data.duties = parse_duties(io::read_text_file(duties_file.string()), duties_file.string());
  check_duties_cover(data.duties, data.markets, duties_file.string());
  return data;
}

scenario::Scenario resolve_access_scenario(const std::string& name_or_file, const std::filesystem::path& data_folder) {
  const std::filesystem::path own = data_folder / "access" / (name_or_file + ".toml");
  if (name_or_file.find('/') == std::string::npos && name_or_file.find(".toml") == std::string::npos && std::filesystem::exists(own)) {
    return scenario::load_scenario(own);
  }
  return scenario::resolve_scenario(name_or_file, data_folder);
}

}  // namespace landbridge::access
