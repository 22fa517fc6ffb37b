#include "io/network_geojson.hpp"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "io/csv.hpp"
#include "io/json_text.hpp"

#ifndef LANDBRIDGE_DATA_DIR
#define LANDBRIDGE_DATA_DIR "data"
#endif

namespace landbridge::io {

using nlohmann::json;
using network::Link;
using network::Mode;
using network::Node;
using network::NodeKind;
using network::TransferKind;

ValidationErrors::ValidationErrors(std::vector<InputError> errors, std::size_t total)
    : InputError(errors.front()), errors_(std::move(errors)), total_(total) {
  std::string joined;
  for (const InputError& e : errors_) {
    if (!joined.empty()) joined += '\n';
    joined += e.what();
  }
  if (total_ > errors_.size()) joined += fmt::format("\n... and {} more problems", total_ - errors_.size());
  message_ = std::move(joined);
}

namespace {

// Collects problems up to the reporting limit while counting all of them.
class ErrorLog {
 public:
  void add(InputError error) {
    ++total_;
    if (errors_.size() < ValidationErrors::max_reported) errors_.push_back(std::move(error));
  }
  [[nodiscard]] bool empty() const { return total_ == 0; }
  void throw_if_any() {
    if (total_ > 0) throw ValidationErrors(std::move(errors_), total_);
  }

 private:
  std::vector<InputError> errors_;
  std::size_t total_ = 0;
};

InputError field_error(const std::string& field, const std::string& problem) {
  return InputError("", "", field, problem);
}

std::string describe_json_type(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  if (value.is_string()) {
    std::string s = value.get<std::string>();
    if (s.size() > 40) s = s.substr(0, 40) + "...";
    return "\"" + printable(s) + "\"";
  }
  return value.is_array() ? "an array" : "an object";
}

const json& features_of(const json& document, const std::string& file) {
  if (!document.is_object() || !document.contains("type") || document["type"] != "FeatureCollection") {
    throw InputError(file, "", "type", "expected a GeoJSON FeatureCollection at the top level");
  }
  if (!document.contains("features") || !document["features"].is_array()) {
    throw InputError(file, "", "features", "expected an array of features");
  }
  return document["features"];
}

// Accessors for one feature's properties. They throw field_error; the feature loop adds the place.
class Properties {
 public:
  explicit Properties(const json& feature) {
    if (!feature.is_object()) throw field_error("", "a feature must be a JSON object, got " + describe_json_type(feature));
    if (!feature.contains("properties") || !feature["properties"].is_object()) {
      throw field_error("properties", "a feature needs a properties object");
    }
    props_ = &feature["properties"];
  }

  [[nodiscard]] const json* find(const char* field) const {
    const auto it = props_->find(field);
    return it == props_->end() || it->is_null() ? nullptr : &*it;
  }

  [[nodiscard]] std::string string(const char* field, bool required) const {
    const json* value = find(field);
    if (!value) {
      if (required) throw field_error(field, "missing");
      return {};
    }
    if (!value->is_string()) throw field_error(field, "expected a string, got " + describe_json_type(*value));
    std::string s = value->get<std::string>();
    if (!is_valid_utf8(s)) throw field_error(field, "not valid UTF-8");
    if (required && s.empty()) throw field_error(field, "must not be empty");
    return s;
  }

  [[nodiscard]] std::optional<double> number(const char* field, bool required, double min, bool min_exclusive) const {
    const json* value = find(field);
    if (!value) {
      if (required) throw field_error(field, "missing");
      return std::nullopt;
    }
    if (!value->is_number()) throw field_error(field, "expected a number, got " + describe_json_type(*value));
    const double x = value->get<double>();
    if (!std::isfinite(x)) throw field_error(field, "expected a finite number, got " + value->dump());
    if (x < min || (min_exclusive && x == min)) {
      throw field_error(field, fmt::format("expected a number {} {}, got {}", min_exclusive ? ">" : ">=", min, value->dump()));
    }
    if (x > 1e12) throw field_error(field, "number too large: " + value->dump());
    return x;
  }

  [[nodiscard]] bool boolean(const char* field) const {
    const json* value = find(field);
    if (!value) return false;
    if (!value->is_boolean()) throw field_error(field, "expected true or false, got " + describe_json_type(*value));
    return value->get<bool>();
  }

 private:
  const json* props_ = nullptr;
};

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::array<double, 2> read_position(const json& position, const char* field) {
  if (!position.is_array() || position.size() < 2 || !position[0].is_number() || !position[1].is_number()) {
    throw field_error(field, "expected a position [lon, lat], got " + describe_json_type(position));
  }
  const double lon = position[0].get<double>(), lat = position[1].get<double>();
  if (!std::isfinite(lon) || lon < -180 || lon > 180) throw field_error(field, "longitude out of range: " + position[0].dump());
  if (!std::isfinite(lat) || lat < -90 || lat > 90) throw field_error(field, "latitude out of range: " + position[1].dump());
  return {lon, lat};
}

const json& geometry_of(const json& feature, const char* expected_type) {
  if (!feature.contains("geometry") || !feature["geometry"].is_object()) throw field_error("geometry", "missing");
  const json& geometry = feature["geometry"];
  if (!geometry.contains("type") || geometry["type"] != expected_type) {
    throw field_error("geometry", std::string("expected a ") + expected_type + ", got " +
                                      (geometry.contains("type") ? describe_json_type(geometry["type"]) : "no type"));
  }
  if (!geometry.contains("coordinates")) throw field_error("geometry", "no coordinates");
  return geometry["coordinates"];
}

std::string feature_place(std::size_t index, const std::string& id) {
  return id.empty() ? fmt::format("feature {}", index + 1) : fmt::format("feature {} (id \"{}\")", index + 1, id);
}

// The id of a feature if it has a readable one, for error places.
std::string peek_id(const json& feature) {
  if (feature.is_object() && feature.contains("properties") && feature["properties"].is_object()) {
    const json& props = feature["properties"];
    if (props.contains("id") && props["id"].is_string()) {
      std::string id = props["id"].get<std::string>();
      if (valid_id(id)) return id;
    }
  }
  return {};
}

Node parse_node(const json& feature) {
  Properties p(feature);
  Node node;
  node.id = p.string("id", true);
  if (!valid_id(node.id)) throw field_error("id", "use letters, digits, '-' and '_' only (at most 64), got \"" + printable(node.id) + "\"");
  const std::string kind = p.string("kind", true);
  const auto parsed_kind = network::parse_node_kind(kind);
  if (!parsed_kind) {
    throw field_error("kind", "expected terminal, border, seaport, hub, airport, chokepoint or junction, got \"" + printable(kind) + "\"");
  }
  node.kind = *parsed_kind;
  node.name = p.string("name", node.kind != NodeKind::junction);
  node.country = p.string("country", false);
  if (!node.country.empty() &&
      (node.country.size() != 2 || !std::isupper(static_cast<unsigned char>(node.country[0])) ||
       !std::isupper(static_cast<unsigned char>(node.country[1])))) {
    throw field_error("country", "expected an ISO 3166-1 alpha-2 code such as \"PL\", got \"" + printable(node.country) + "\"");
  }
  if (node.country.empty() && node.kind != NodeKind::junction && node.kind != NodeKind::chokepoint) {
    throw field_error("country", std::string("missing (only junctions and chokepoints may lie at sea)"));
  }
  node.free_zone = p.boolean("free_zone");
  node.customs_hours = p.number("customs_hours", false, 0, false);
  node.customs_usd = p.number("customs_usd", false, 0, false);
  node.passage = p.string("passage", node.kind == NodeKind::chokepoint);
  node.source = p.string("source", true);
  const auto position = read_position(geometry_of(feature, "Point"), "geometry");
  node.lon = position[0];
  node.lat = position[1];
  return node;
}

Link parse_link(const json& feature, const network::Network& nodes_only) {
  Properties p(feature);
  Link link;
  link.id = p.string("id", true);
  if (!valid_id(link.id)) throw field_error("id", "use letters, digits, '-' and '_' only (at most 64), got \"" + printable(link.id) + "\"");
  for (const char* end : {"from", "to"}) {
    const std::string ref = p.string(end, true);
    const NodeId node = nodes_only.find_node(ref);
    if (node == invalid_id) throw field_error(end, "no node with id \"" + printable(ref) + "\" in nodes.geojson");
    (std::string_view(end) == "from" ? link.from : link.to) = node;
  }
  if (link.from == link.to) throw field_error("to", "a link must join two different nodes, both are \"" + p.string("to", true) + "\"");
  const std::string mode = p.string("mode", true);
  const auto parsed_mode = network::parse_mode(mode);
  if (!parsed_mode) throw field_error("mode", "expected rail, road, sea, ferry, air or transfer, got \"" + printable(mode) + "\"");
  link.mode = *parsed_mode;
  link.length_km = *p.number("length_km", true, 0, false);
  link.hours = *p.number("hours", true, 0, false);
  link.usd_per_teu = *p.number("usd_per_teu", true, 0, false);
  link.co2_kg_per_teu = *p.number("co2_kg_per_teu", true, 0, false);
  link.capacity_teu_per_day = p.number("capacity_teu_per_day", false, 0, true).value_or(network::unlimited_capacity);
  link.background_teu_per_day[0] = p.number("background_teu_per_day", false, 0, false).value_or(0.0);
  link.background_teu_per_day[1] = p.number("background_teu_per_day_reverse", false, 0, false).value_or(0.0);
  if ((link.background_teu_per_day[0] > 0 || link.background_teu_per_day[1] > 0) &&
      link.capacity_teu_per_day == network::unlimited_capacity) {
    throw field_error(link.background_teu_per_day[0] > 0 ? "background_teu_per_day" : "background_teu_per_day_reverse",
                      "background traffic takes a share of a capacity: give the link a capacity_teu_per_day");
  }
  if (const json* gauge = p.find("gauge_mm")) {
    if (!gauge->is_number_integer()) throw field_error("gauge_mm", "expected an integer, got " + describe_json_type(*gauge));
    link.gauge_mm = gauge->get<int>();
  }
  if (link.mode == Mode::rail) {
    if (link.gauge_mm != 1435 && link.gauge_mm != 1520 && link.gauge_mm != 1524 && link.gauge_mm != 1668) {
      throw field_error("gauge_mm", link.gauge_mm == 0 ? std::string("missing: a rail link needs a gauge of 1435, 1520, 1524 or 1668")
                                                       : fmt::format("a rail link needs a gauge of 1435, 1520, 1524 or 1668, got {}", link.gauge_mm));
    }
  } else if (link.gauge_mm != 0) {
    throw field_error("gauge_mm", "only rail links have a gauge; this is a " + mode + " link");
  }
  const std::string transfer = p.string("transfer", false);
  if (link.mode == Mode::transfer) {
    const auto kind = network::parse_transfer_kind(transfer);
    if (!kind) {
      throw field_error("transfer", "a transfer link needs transfer: gauge, port, ferry, terminal, airport or border, got \"" + printable(transfer) + "\"");
    }
    link.transfer = *kind;
  } else if (!transfer.empty()) {
    throw field_error("transfer", "only transfer links have this field; this is a " + mode + " link");
  }
  link.passage = p.string("passage", false);
  if (const json* corridors = p.find("corridor")) {
    if (!corridors->is_array()) throw field_error("corridor", "expected an array of strings, got " + describe_json_type(*corridors));
    for (const json& c : *corridors) {
      if (!c.is_string() || c.get<std::string>().empty()) throw field_error("corridor", "expected non-empty strings, got " + describe_json_type(c));
      link.corridors.push_back(c.get<std::string>());
    }
  }
  link.carrier_change_hours = p.number("carrier_change_hours", false, 0, false).value_or(0.0);
  link.carrier_change_usd = p.number("carrier_change_usd", false, 0, false).value_or(0.0);
  link.oneway = p.boolean("oneway");
  if (link.oneway && link.background_teu_per_day[1] > 0) {
    throw field_error("background_teu_per_day_reverse", "a one-way link has no reverse direction");
  }
  link.source = p.string("source", true);
  const json& coordinates = geometry_of(feature, "LineString");
  if (!coordinates.is_array() || coordinates.size() < 2) throw field_error("geometry", "a LineString needs at least two positions");
  link.geometry.reserve(coordinates.size());
  for (const json& position : coordinates) link.geometry.push_back(read_position(position, "geometry"));
  return link;
}

// Rules that involve several features: one gauge per node, gauge transfers join different gauges,
// customs figures present where a link enters a territory.
void check_network_rules(const network::Network& net, const std::string& nodes_file, const std::string& links_file,
                         ErrorLog& log) {
  std::vector<int> node_gauge(net.node_count(), 0);
  std::vector<LinkId> gauge_witness(net.node_count(), invalid_id);
  for (LinkId l = 0; l < net.link_count(); ++l) {
    const Link& link = net.link(l);
    if (link.mode != Mode::rail) continue;
    for (NodeId v : {link.from, link.to}) {
      if (node_gauge[v] == 0) {
        node_gauge[v] = link.gauge_mm, gauge_witness[v] = l;
      } else if (node_gauge[v] != link.gauge_mm) {
        log.add(InputError(links_file, feature_place(l, link.id), "gauge_mm",
                           fmt::format("node \"{}\" already has {} mm rail (link \"{}\"), got {} mm; a gauge break must be a "
                                       "transfer link between two nodes",
                                       net.node(v).id, node_gauge[v], net.link(gauge_witness[v]).id, link.gauge_mm)));
      }
    }
  }
  for (LinkId l = 0; l < net.link_count(); ++l) {
    const Link& link = net.link(l);
    if (link.mode == Mode::transfer && link.transfer == TransferKind::gauge) {
      const int a = node_gauge[link.from], b = node_gauge[link.to];
      if (a == 0 || b == 0 || a == b) {
        log.add(InputError(links_file, feature_place(l, link.id), "transfer",
                           fmt::format("a gauge transfer must join rail nodes of different gauges, got {} mm at \"{}\" and {} mm at \"{}\"",
                                       a, net.node(link.from).id, b, net.node(link.to).id)));
      }
    }
  }
  // Customs: each node entered from another territory needs both customs fields.
  std::vector<LinkId> entered_by(net.node_count(), invalid_id);
  std::vector<std::string> territory(net.node_count());
  for (NodeId v = 0; v < net.node_count(); ++v) territory[v] = net.customs_territory(v);
  for (LinkId l = 0; l < net.link_count(); ++l) {
    const Link& link = net.link(l);
    auto check = [&](NodeId from, NodeId to) {
      if (!territory[to].empty() && territory[to] != territory[from] && entered_by[to] == invalid_id) entered_by[to] = l;
    };
    check(link.from, link.to);
    if (!link.oneway) check(link.to, link.from);
  }
  for (NodeId v = 0; v < net.node_count(); ++v) {
    const Node& node = net.node(v);
    if (entered_by[v] == invalid_id) continue;
    for (const auto& [field, value] : {std::pair{"customs_hours", node.customs_hours}, std::pair{"customs_usd", node.customs_usd}}) {
      if (!value) {
        log.add(InputError(nodes_file, feature_place(v, node.id), field,
                           fmt::format("missing: link \"{}\" enters customs territory {} here", net.link(entered_by[v]).id,
                                       territory[v])));
      }
    }
  }
}

// The nodes file's features, validated on their own (links refer to them, so a load stops here if
// they are not sound).
std::vector<Node> parse_nodes(std::string_view text, const std::string& nodes_file) {
  ErrorLog log;
  const json nodes_doc = parse_json_text(text, nodes_file, "a GeoJSON FeatureCollection");
  const json& node_features = features_of(nodes_doc, nodes_file);
  std::vector<Node> nodes;
  nodes.reserve(node_features.size());
  std::unordered_map<std::string, std::size_t> first_node_feature;
  for (std::size_t i = 0; i < node_features.size(); ++i) {
    try {
      Node node = parse_node(node_features[i]);
      auto [it, inserted] = first_node_feature.emplace(node.id, i);
      if (!inserted) throw field_error("id", fmt::format("duplicate id \"{}\" (first used by feature {})", node.id, it->second + 1));
      nodes.push_back(std::move(node));
    } catch (const InputError& e) {
      log.add(e.located(nodes_file, feature_place(i, peek_id(node_features[i]))));
    }
  }
  if (nodes.empty() && log.empty()) throw InputError(nodes_file, "", "features", "no nodes");
  log.throw_if_any();
  return nodes;
}

// The links file's features on sound nodes, then the rules that involve several features.
network::Network parse_links(std::vector<Node> nodes, std::string_view text, const std::string& nodes_file,
                             const std::string& links_file) {
  ErrorLog log;
  const network::Network nodes_only(nodes, {});
  const json links_doc = parse_json_text(text, links_file, "a GeoJSON FeatureCollection");
  const json& link_features = features_of(links_doc, links_file);
  std::vector<Link> links;
  links.reserve(link_features.size());
  std::unordered_map<std::string, std::size_t> first_link_feature;
  for (std::size_t i = 0; i < link_features.size(); ++i) {
    try {
      Link link = parse_link(link_features[i], nodes_only);
      auto [it, inserted] = first_link_feature.emplace(link.id, i);
      if (!inserted) throw field_error("id", fmt::format("duplicate id \"{}\" (first used by feature {})", link.id, it->second + 1));
      links.push_back(std::move(link));
    } catch (const InputError& e) {
      log.add(e.located(links_file, feature_place(i, peek_id(link_features[i]))));
    }
  }
  log.throw_if_any();
  network::Network net(std::move(nodes), std::move(links));
  check_network_rules(net, nodes_file, links_file, log);
  log.throw_if_any();
  return net;
}

}  // namespace

network::Network parse_network(std::string_view nodes_text, std::string_view links_text, const std::string& nodes_file,
                               const std::string& links_file) {
  return parse_links(parse_nodes(nodes_text, nodes_file), links_text, nodes_file, links_file);
}

network::Network load_network(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) {
    throw InputError(folder.string(), "", "", "not a folder; --network expects a folder holding nodes.geojson and links.geojson");
  }
  const std::filesystem::path nodes_path = folder / "nodes.geojson";
  const std::filesystem::path links_path = folder / "links.geojson";
  // The links file is read only once the nodes are sound, so its problems never hide theirs.
  std::vector<Node> nodes = parse_nodes(read_text_file(nodes_path.string()), nodes_path.string());
  return parse_links(std::move(nodes), read_text_file(links_path.string()), nodes_path.string(), links_path.string());
}

std::filesystem::path default_network_folder() {
  if (const char* env = std::getenv("LANDBRIDGE_DATA"); env && *env) return std::filesystem::path(env) / "eurasia";
  return std::filesystem::path(LANDBRIDGE_DATA_DIR) / "eurasia";
}

}  // namespace landbridge::io
