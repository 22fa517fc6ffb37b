#include "freight/demand.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "common/text.hpp"
#include "io/csv.hpp"
#include "io/network_geojson.hpp"

namespace landbridge::freight {
namespace {

constexpr std::array<std::string_view, 5> columns = {"origin", "destination", "commodity", "teu_per_year",
                                                     "value_usd_per_teu"};

std::string place(int line, std::size_t column) {
  return fmt::format("line {}, column {} (\"{}\")", line, column + 1, columns[column]);
}

// A plain decimal number: digits, optional sign, point and exponent; no spaces, separators or units.
std::optional<double> parse_number(const std::string& text) {
  double value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

double Demand::total_teu_per_year() const {
  double total = 0;
  for (const DemandRow& row : rows) total += row.teu_per_year;
  return total;
}

Demand parse_demand(const std::string& text, const std::string& file, const network::Network& network) {
  const std::vector<io::CsvRecord> records = io::split_csv(text, file);
  if (records.empty()) throw InputError(file, "", "", "the file is empty; expected the header " + fmt::format("{}", fmt::join(columns, ",")));
  const io::CsvRecord& header = records.front();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c >= header.fields.size() || header.fields[c] != columns[c]) {
      throw InputError(file, fmt::format("line 1, column {}", c + 1), "",
                       fmt::format("expected the header \"{}\", got \"{}\"", fmt::join(columns, ","),
                                   printable(fmt::format("{}", fmt::join(header.fields, ",")))));
    }
  }
  if (header.fields.size() != columns.size()) {
    throw InputError(file, "line 1", "", fmt::format("expected {} columns, got {}", columns.size(), header.fields.size()));
  }
  // Trailing empty lines are allowed; an empty line before the last record is not.
  std::size_t last = records.size();
  while (last > 1 && records[last - 1].fields.empty()) --last;

  Demand demand;
  std::vector<InputError> errors;
  std::size_t total_errors = 0;
  auto report = [&](InputError e) {
    ++total_errors;
    if (errors.size() < io::ValidationErrors::max_reported) errors.push_back(std::move(e));
  };
  std::map<std::tuple<NodeId, NodeId, Commodity>, int> first_line;
  for (std::size_t r = 1; r < last; ++r) {
    const io::CsvRecord& record = records[r];
    try {
      if (record.fields.size() != columns.size()) {
        throw InputError(file, fmt::format("line {}", record.line), "",
                         record.fields.empty() ? std::string("empty line")
                                               : fmt::format("expected {} fields, got {}", columns.size(), record.fields.size()));
      }
      DemandRow row;
      row.line = record.line;
      for (std::size_t c = 0; c < 2; ++c) {
        const std::string& id = record.fields[c];
        const NodeId node = network.find_node(id);
        if (node == invalid_id) throw InputError(file, place(record.line, c), "", fmt::format("no node \"{}\" in the network", printable(id)));
        (c == 0 ? row.origin : row.destination) = node;
      }
      if (row.origin == row.destination) throw InputError(file, place(record.line, 1), "", "same node as the origin");
      const auto commodity = parse_commodity(record.fields[2]);
      if (!commodity) {
        throw InputError(file, place(record.line, 2), "",
                         fmt::format("unknown commodity \"{}\"; expected one of electronics, machinery, consumer-goods, "
                                     "auto-parts, chemicals-plastics, bulk-in-containers",
                                     printable(record.fields[2])));
      }
      row.commodity = *commodity;
      for (std::size_t c = 3; c < 5; ++c) {
        const auto value = parse_number(record.fields[c]);
        const bool positive_required = c == 3;
        if (!value || !std::isfinite(*value) || *value < 0 || (positive_required && *value == 0) || *value > 1e12) {
          throw InputError(file, place(record.line, c), "",
                           fmt::format("expected a number {} 0, got \"{}\"", positive_required ? ">" : ">=", printable(record.fields[c])));
        }
        (c == 3 ? row.teu_per_year : row.value_usd_per_teu) = *value;
      }
      const auto key = std::make_tuple(row.origin, row.destination, row.commodity);
      if (const auto [it, inserted] = first_line.emplace(key, record.line); !inserted) {
        throw InputError(file, fmt::format("line {}", record.line), "",
                         fmt::format("duplicate of line {} ({}, {}, {})", it->second, network.node(row.origin).id,
                                     network.node(row.destination).id, to_string(row.commodity)));
      }
      for (NodeId v : {row.origin, row.destination}) {
        const network::NodeKind kind = network.node(v).kind;
        if (kind != network::NodeKind::terminal && kind != network::NodeKind::hub && kind != network::NodeKind::seaport) {
          demand.warnings.push_back(fmt::format("{}: line {}: node \"{}\" is a {}, not a terminal, hub or seaport", file,
                                                record.line, network.node(v).id, network::to_string(kind)));
        }
      }
      demand.rows.push_back(row);
    } catch (const InputError& e) {
      report(e);
    }
  }
  if (total_errors > 0) throw io::ValidationErrors(std::move(errors), total_errors);
  if (demand.rows.empty()) throw InputError(file, "", "", "no demand rows after the header");
  return demand;
}

Demand load_demand(const std::filesystem::path& path, const network::Network& network) {
  return parse_demand(io::read_text_file(path.string()), path.string(), network);
}

std::filesystem::path default_demand_file(const std::filesystem::path& network_folder) {
  return network_folder / "demand.csv";
}

}  // namespace landbridge::freight
