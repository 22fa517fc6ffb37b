#include "network/graph.hpp"

#include <cassert>
#include <numeric>
#include <unordered_map>

namespace landbridge::network {

CsrGraph CsrGraph::from_arcs(NodeId node_count, std::span<const NodeId> tails, std::span<const NodeId> heads,
                             std::vector<ArcId>* order) {
  assert(tails.size() == heads.size());
  CsrGraph g;
  const auto arc_count = static_cast<ArcId>(tails.size());
  g.first_out.assign(static_cast<std::size_t>(node_count) + 1, 0);
  for (NodeId t : tails) ++g.first_out[t + 1];
  std::partial_sum(g.first_out.begin(), g.first_out.end(), g.first_out.begin());
  std::vector<ArcId> next(g.first_out.begin(), g.first_out.end() - 1);
  g.head.resize(arc_count);
  g.tail.resize(arc_count);
  if (order) order->resize(arc_count);
  for (ArcId i = 0; i < arc_count; ++i) {  // counting sort by tail keeps input order within a node
    const ArcId slot = next[tails[i]]++;
    g.head[slot] = heads[i];
    g.tail[slot] = tails[i];
    if (order) (*order)[slot] = i;
  }
  return g;
}

Graph compile(const Network& network) {
  Graph g;
  // Customs territories as small integers; 0 is "at sea".
  g.territories.emplace_back();
  std::unordered_map<std::string, std::uint16_t> territory_index{{"", 0}};
  g.node_territory.resize(network.node_count());
  for (NodeId v = 0; v < network.node_count(); ++v) {
    const std::string territory = network.customs_territory(v);
    auto [it, inserted] = territory_index.emplace(territory, static_cast<std::uint16_t>(g.territories.size()));
    if (inserted) g.territories.push_back(territory);
    g.node_territory[v] = it->second;
  }

  std::vector<NodeId> tails, heads;
  std::vector<LinkId> links;
  std::vector<std::uint8_t> reversed;
  for (LinkId l = 0; l < network.link_count(); ++l) {
    const Link& link = network.link(l);
    tails.push_back(link.from), heads.push_back(link.to), links.push_back(l), reversed.push_back(0);
    if (!link.oneway) tails.push_back(link.to), heads.push_back(link.from), links.push_back(l), reversed.push_back(1);
  }
  std::vector<ArcId> order;
  g.topology = CsrGraph::from_arcs(network.node_count(), tails, heads, &order);

  const ArcId m = g.topology.arc_count();
  g.arc_link.resize(m), g.arc_reversed.resize(m), g.arc_mode.resize(m);
  g.arc_length_km.resize(m), g.arc_hours.resize(m), g.arc_usd.resize(m), g.arc_co2_kg.resize(m);
  g.arc_capacity_teu_per_day.resize(m), g.arc_customs_hours.resize(m), g.arc_customs_usd.resize(m);
  g.arc_background_teu_per_day.resize(m);
  for (ArcId a = 0; a < m; ++a) {
    const LinkId l = links[order[a]];
    const Link& link = network.link(l);
    g.arc_link[a] = l;
    g.arc_reversed[a] = reversed[order[a]];
    g.arc_mode[a] = link.mode;
    g.arc_length_km[a] = link.length_km;
    g.arc_co2_kg[a] = link.co2_kg_per_teu;
    g.arc_capacity_teu_per_day[a] = link.capacity_teu_per_day;
    g.arc_background_teu_per_day[a] = link.background_teu_per_day[g.arc_reversed[a]];
    double customs_hours = 0, customs_usd = 0;
    if (g.arc_enters_territory(a)) {
      const Node& entry = network.node(g.topology.head[a]);
      assert(entry.customs_hours && entry.customs_usd);
      customs_hours = entry.customs_hours.value_or(0);
      customs_usd = entry.customs_usd.value_or(0);
    }
    g.arc_customs_hours[a] = customs_hours;
    g.arc_customs_usd[a] = customs_usd;
    g.arc_hours[a] = link.hours + customs_hours + link.carrier_change_hours;
    g.arc_usd[a] = link.usd_per_teu + customs_usd + link.carrier_change_usd;
  }
  return g;
}

}  // namespace landbridge::network
