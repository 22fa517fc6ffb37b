#include "server/route_json.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

#include <nlohmann/json.hpp>

namespace landbridge::server {

namespace {

// JSON text of a string exactly as nlohmann's dump() writes it (replacing invalid UTF-8, as the
// API's dump does). Plain printable ASCII is the common case and needs no escaping.
void append_string(std::string_view text, std::string& out) {
  bool plain = true;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    plain = plain && u >= 0x20 && u < 0x7f && c != '"' && c != '\\';
  }
  if (plain) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out += nlohmann::ordered_json(std::string(text)).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string json_string(std::string_view text) {
  std::string out;
  append_string(text, out);
  return out;
}

// report::rounded without a pow() per number: 10^d is exact in a double for these d, so the
// products and quotients are the same as rounded()'s.
constexpr std::array<double, 7> powers_of_ten = {1, 10, 100, 1000, 10000, 100000, 1000000};

// A double as nlohmann's dump() writes it: the same shortest round-trip digits (its own Grisu2
// to_chars, not std::to_chars, whose digits may differ in rare cases), "null" for NaN and infinity.
void append_number(double value, std::string& out) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  std::array<char, 64> buffer{};
  const char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

void append_rounded(double value, int decimals, std::string& out) {
  const double scale = powers_of_ten[static_cast<std::size_t>(decimals)];
  append_number(std::round(value * scale) / scale, out);
}

void append_integer(long long value, std::string& out) {
  std::array<char, 24> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  (void)ec;  // 24 characters always suffice
  out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

void append_strings(const std::vector<std::string>& items, std::string& out) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    append_string(items[i], out);
  }
  out += ']';
}

// The keys km ... customs_usd of a leg or a total, in report::route_json's order and rounding.
void append_totals(const routing::Totals& t, bool with_days, std::string& out) {
  out += "\"km\":";
  append_rounded(t.km, 1, out);
  out += ",\"hours\":";
  append_rounded(t.hours, 2, out);
  if (with_days) {
    out += ",\"days\":";
    append_rounded(t.days(), 2, out);
  }
  out += ",\"usd\":";
  append_rounded(t.usd, 2, out);
  out += ",\"co2_kg\":";
  append_rounded(t.co2_kg, 1, out);
  out += ",\"customs_hours\":";
  append_rounded(t.customs_hours, 2, out);
  out += ",\"customs_usd\":";
  append_rounded(t.customs_usd, 2, out);
  out += ",\"rest_hours\":";
  append_rounded(t.rest_hours, 2, out);
}

}  // namespace

RouteJsonWriter::RouteJsonWriter(const routing::Router& router) : router_(router) {
  const network::Network& net = router.network();
  id_json_.reserve(net.node_count());
  name_json_.reserve(net.node_count());
  for (NodeId v = 0; v < net.node_count(); ++v) {
    id_json_.push_back(json_string(net.node(v).id));
    name_json_.push_back(json_string(net.node(v).name));
  }
}

void RouteJsonWriter::write(const std::vector<routing::RouteSummary>& summaries, routing::Criterion criterion,
                            std::string& out) const {
  // routes_json: the best route's keys, then "alternatives" with the others.
  write_route(summaries.front(), criterion, out);
  out.pop_back();  // the closing brace
  out += ",\"alternatives\":[";
  for (std::size_t i = 1; i < summaries.size(); ++i) {
    if (i > 1) out += ',';
    write_route(summaries[i], criterion, out);
  }
  out += "]}";
}

void RouteJsonWriter::write_route(const routing::RouteSummary& route, routing::Criterion criterion, std::string& out) const {
  out += "{\"from\":{\"id\":";
  out += id_json_[route.origin];
  out += ",\"name\":";
  out += name_json_[route.origin];
  out += "},\"to\":{\"id\":";
  out += id_json_[route.destination];
  out += ",\"name\":";
  out += name_json_[route.destination];
  out += "},\"optimize\":";
  append_string(routing::to_string(criterion), out);
  out += ",\"criterion_value\":";
  append_rounded(route.criterion_value, 2, out);
  out += ",\"total\":{";
  append_totals(route.total, true, out);
  out += "},\"legs\":[";
  for (std::size_t i = 0; i < route.legs.size(); ++i) {
    const routing::Leg& leg = route.legs[i];
    if (i > 0) out += ',';
    out += "{\"from\":";
    out += id_json_[leg.from];
    out += ",\"from_name\":";
    out += name_json_[leg.from];
    out += ",\"to\":";
    out += id_json_[leg.to];
    out += ",\"to_name\":";
    out += name_json_[leg.to];
    out += ",\"mode\":";
    append_string(network::to_string(leg.mode), out);
    out += ',';
    append_totals(leg.totals, false, out);
    out += ",\"countries\":";
    append_strings(leg.countries, out);
    out += ",\"passages\":";
    append_strings(leg.passages, out);
    if (leg.transfer != network::TransferKind::none) {
      out += ",\"transfer\":";
      append_string(network::to_string(leg.transfer), out);
    }
    out += '}';
  }
  out += "],\"gauge_changes\":";
  append_integer(route.gauge_changes, out);
  out += ",\"countries\":";
  append_strings(route.countries, out);
  out += ",\"passages\":";
  append_strings(route.passages, out);
  out += '}';
}

}  // namespace landbridge::server
