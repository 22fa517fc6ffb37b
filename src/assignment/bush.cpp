// Bush-based user equilibrium / system optimum: Algorithm B of Dial (2006), "A path-based user-equilibrium
// traffic assignment algorithm that obviates path storage and enumeration", Transportation Research B 40(10),
// with exact Newton shifts between the min- and max-cost paths of each bush as described in Nie (2010),
// "A class of bush-based algorithms for the traffic assignment problem", Transportation Research B 44(1).
#include "assignment/detail/solver_context.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace landbridge::assignment::detail {
namespace {

// One origin's acyclic sub-network and the origin's flow on each of its links.
struct Bush {
  NodeId origin = invalid_id;
  std::vector<std::uint8_t> contains;  // m
  std::vector<double> flow;            // m, flow of this origin; > 0 only on contained links
  std::vector<NodeId> order;           // topological order of the bush's nodes, origin first
  // The bush's links grouped by head in topological order: links entering order[s] are
  // in_links[first_in[s] .. first_in[s + 1]). Rebuilt at each bush update; labels scan only these.
  std::vector<std::uint32_t> first_in;
  std::vector<LinkId> in_links;
};

class BushSolver {
 public:
  BushSolver(SolverContext& context, std::vector<double>& flow)
      : context_(context),
        graph_(context.graph),
        flow_(flow),
        n_(graph_.num_nodes),
        m_(graph_.num_links()),
        cost_(m_),
        derivative_(m_),
        min_label_(n_),
        max_label_(n_),
        min_pred_(n_),
        max_pred_(n_),
        position_(n_, invalid_id),
        in_degree_(n_, 0) {}

  void initialize() {
    context_.evaluate_all(flow_, cost_, derivative_);
    bushes_.resize(context_.num_origins());
    // Origins are independent here: each builds its own bush (on any thread), then the link flows are
    // the bushes' flows added in origin order.
    context_.for_each_origin([this](ShortestPathQuery& query, std::vector<double>& node_flow, std::uint32_t k) {
      Bush& bush = bushes_[k];
      bush.origin = context_.origin_node[k];
      bush.contains.assign(m_, 0);
      bush.flow.assign(m_, 0.0);
      // Start from the shortest-path tree at free-flow cost; settling order is topological.
      query.run(bush.origin, cost_);
      const auto settled = query.settled();
      bush.order.assign(settled.begin(), settled.end());
      for (std::size_t s = 1; s < settled.size(); ++s) bush.contains[query.predecessor(settled[s])] = 1;
      build_in_links(bush);
      for (std::uint32_t i = context_.first_destination[k]; i < context_.first_destination[k + 1]; ++i) {
        node_flow[context_.destination_node[i]] += context_.destination_demand[i];
      }
      for (std::size_t s = settled.size(); s-- > 1;) {
        const NodeId v = settled[s];
        const double f = node_flow[v];
        if (f == 0) continue;
        node_flow[v] = 0;
        const LinkId a = query.predecessor(v);
        bush.flow[a] += f;
        node_flow[graph_.tail[a]] += f;
      }
      node_flow[bush.origin] = 0;
    });
    refresh_costs();
  }

  // Relative gap at the current flows (full shortest paths, not restricted to bushes).
  double gap() {
    double total = 0;
    for (LinkId a = 0; a < m_; ++a) total += flow_[a] * cost_[a];
    return relative_gap(total, context_.shortest_path_total(cost_));
  }

  void refresh_costs() {
    // Re-sum link flows from bush flows in a fixed order to remove drift from incremental updates.
    std::fill(flow_.begin(), flow_.end(), 0.0);
    for (const Bush& bush : bushes_) {
      for (LinkId a = 0; a < m_; ++a) flow_[a] += bush.flow[a];
    }
    context_.evaluate_all(flow_, cost_, derivative_);
  }

  // Drops unused links and adds shortcuts by the max-path labels (Dial 2006, section 3.2).
  void update_bush(Bush& bush) {
    compute_labels(bush, /*for_update=*/true);
    const NodeId origin = bush.origin;
    // Remove zero-flow links, except the min-cost predecessor link of nodes without incoming flow,
    // so every bush node stays reachable from the origin.
    for (std::size_t s = 1; s < bush.order.size(); ++s) {
      const NodeId j = bush.order[s];
      const LinkId keep = max_pred_[j] == invalid_id ? min_pred_[j] : invalid_id;
      for (std::uint32_t k = bush.first_in[s]; k < bush.first_in[s + 1]; ++k) {
        const LinkId a = bush.in_links[k];
        if (bush.flow[a] <= 0 && a != keep) bush.contains[a] = 0;
      }
    }
    // Add links (i, j) with U_i + c_ij < U_j, where U is the max-cost label over used links and, at
    // nodes without flow, U of the min-cost predecessor plus its cost. Every kept link has
    // U_j >= U_i + c_ij >= U_i and every added link U_j > U_i, so the bush stays acyclic (strictly,
    // even with zero-cost links).
    bool added = false;
    for (const NodeId i : bush.order) {
      if (i != origin && !graph_.through[i]) continue;
      const double ui = max_label_[i];
      for (LinkId a = graph_.first_out[i]; a < graph_.first_out[i + 1]; ++a) {
        if (bush.contains[a]) continue;
        const NodeId j = graph_.head[a];
        // j is in the bush: bushes start as spanning shortest-path trees of everything reachable.
        if (ui + cost_[a] < max_label_[j]) {
          bush.contains[a] = 1;
          added = true;
        }
      }
    }
    if (added) topological_order(bush);
    build_in_links(bush);
  }

  // One pass of Newton flow shifts from max- to min-cost segments, nodes in reverse topological order.
  // Returns the largest max-min label difference seen (an upper bound of the bush's excess cost).
  double equilibrate(Bush& bush) {
    compute_labels(bush, /*for_update=*/false);
    double largest = 0;
    for (std::size_t s = bush.order.size(); s-- > 1;) {
      const NodeId j = bush.order[s];
      const LinkId last_max = max_pred_[j];
      if (last_max == invalid_id) continue;
      const LinkId last_min = min_pred_[j];
      if (last_min == last_max) continue;
      const double label_difference = max_label_[j] - min_label_[j];
      largest = std::max(largest, label_difference);
      if (!(label_difference > 1e-14 * max_label_[j])) continue;
      // Walk both trees back to the node where the two segments meet (highest topological position first).
      min_segment_.clear();
      max_segment_.clear();
      min_segment_.push_back(last_min);
      max_segment_.push_back(last_max);
      NodeId p = graph_.tail[last_min], q = graph_.tail[last_max];
      bool broken = false;
      while (p != q) {
        if (position_[p] > position_[q]) {
          const LinkId a = min_pred_[p];
          min_segment_.push_back(a);
          p = graph_.tail[a];
        } else {
          const LinkId a = max_pred_[q];
          // Rounding can leave a crumb of flow leaving a node that has none entering; nothing to move.
          if (a == invalid_id) {
            broken = true;
            break;
          }
          max_segment_.push_back(a);
          q = graph_.tail[a];
        }
      }
      if (broken) continue;
      double min_cost = 0, max_cost = 0, slope = 0, movable = infinite_cost;
      for (const LinkId a : min_segment_) {
        min_cost += cost_[a];
        slope += derivative_[a];
      }
      for (const LinkId a : max_segment_) {
        max_cost += cost_[a];
        slope += derivative_[a];
        movable = std::min(movable, bush.flow[a]);
      }
      const double difference = max_cost - min_cost;
      if (!(difference > 0) || !(movable > 0)) continue;
      const double shift = slope > 0 ? std::min(movable, difference / slope) : movable;
      if (!(shift > 0)) continue;
      for (const LinkId a : max_segment_) {
        bush.flow[a] = bush.flow[a] - shift;  // >= 0 exactly, since shift <= flow
        flow_[a] = std::max(0.0, flow_[a] - shift);
        context_.costs.evaluate(a, flow_[a], context_.objective, cost_[a], derivative_[a]);
      }
      for (const LinkId a : min_segment_) {
        bush.flow[a] += shift;
        flow_[a] += shift;
        context_.costs.evaluate(a, flow_[a], context_.objective, cost_[a], derivative_[a]);
      }
    }
    return largest;
  }

  std::vector<Bush>& bushes() { return bushes_; }


 private:
  // Min-cost labels over all bush links; max-cost labels over links carrying this origin's flow.
  // With for_update, nodes without incoming flow take their max label over all bush links.
  void compute_labels(Bush& bush, bool for_update) {
    for (std::size_t s = 0; s < bush.order.size(); ++s) position_[bush.order[s]] = static_cast<std::uint32_t>(s);
    const NodeId origin = bush.order.front();
    min_label_[origin] = 0;
    max_label_[origin] = 0;
    min_pred_[origin] = invalid_id;
    max_pred_[origin] = invalid_id;
    for (std::size_t s = 1; s < bush.order.size(); ++s) {
      const NodeId j = bush.order[s];
      double low = infinite_cost, high = -infinite_cost;
      LinkId low_pred = invalid_id, high_pred = invalid_id;
      for (std::uint32_t k = bush.first_in[s]; k < bush.first_in[s + 1]; ++k) {
        const LinkId a = bush.in_links[k];
        const NodeId i = graph_.tail[a];
        const double via_min = min_label_[i] + cost_[a];
        if (via_min < low) {
          low = via_min;
          low_pred = a;
        }
        if (bush.flow[a] > 0) {
          if (i != origin && max_pred_[i] == invalid_id) {
            // A crumb left by rounding: flow leaving a node that receives none. Ignore it, and
            // drop it when the bush is updated.
            if (for_update) {
              flow_[a] = std::max(0.0, flow_[a] - bush.flow[a]);
              bush.flow[a] = 0;
            }
            continue;
          }
          const double via_max = max_label_[i] + cost_[a];
          if (via_max > high) {
            high = via_max;
            high_pred = a;
          }
        }
      }
      min_label_[j] = low;
      min_pred_[j] = low_pred;
      max_pred_[j] = high_pred;
      if (high_pred != invalid_id) {
        max_label_[j] = high;
      } else if (for_update && low_pred != invalid_id) {
        max_label_[j] = max_label_[graph_.tail[low_pred]] + cost_[low_pred];
      } else {
        max_label_[j] = low;
      }
    }
  }

  void build_in_links(Bush& bush) {
    bush.first_in.resize(bush.order.size() + 1);
    bush.in_links.clear();
    bush.first_in[0] = 0;
    for (std::size_t s = 0; s < bush.order.size(); ++s) {
      const NodeId j = bush.order[s];
      for (std::uint32_t k = graph_.first_in[j]; k < graph_.first_in[j + 1]; ++k) {
        const LinkId a = graph_.in_link[k];
        if (bush.contains[a]) bush.in_links.push_back(a);
      }
      bush.first_in[s + 1] = static_cast<std::uint32_t>(bush.in_links.size());
    }
  }

  // Kahn's algorithm over the bush's links (the node set never changes after initialization).
  void topological_order(Bush& bush) {
    const std::size_t previous_size = bush.order.size();
    for (const NodeId i : bush.order) {
      for (LinkId a = graph_.first_out[i]; a < graph_.first_out[i + 1]; ++a) {
        if (bush.contains[a]) ++in_degree_[graph_.head[a]];
      }
    }
    std::vector<NodeId>& order = bush.order;
    scratch_order_.clear();
    scratch_order_.push_back(bush.origin);
    for (std::size_t s = 0; s < scratch_order_.size(); ++s) {
      const NodeId i = scratch_order_[s];
      for (LinkId a = graph_.first_out[i]; a < graph_.first_out[i + 1]; ++a) {
        if (!bush.contains[a]) continue;
        const NodeId j = graph_.head[a];
        if (--in_degree_[j] == 0) scratch_order_.push_back(j);
      }
    }
    assert(scratch_order_.size() == previous_size && "bush update created a cycle");
    (void)previous_size;
    order.swap(scratch_order_);
  }

  SolverContext& context_;
  const AssignmentGraph& graph_;
  std::vector<double>& flow_;
  std::uint32_t n_, m_;
  std::vector<double> cost_, derivative_;
  std::vector<double> min_label_, max_label_;
  std::vector<LinkId> min_pred_, max_pred_;
  std::vector<std::uint32_t> position_;
  std::vector<std::uint32_t> in_degree_;
  std::vector<NodeId> scratch_order_;
  std::vector<LinkId> min_segment_, max_segment_;
  std::vector<Bush> bushes_;
};

}  // namespace

AssignmentStatus run_bush_based(SolverContext& context, const AssignmentOptions& options, IterationControl& control,
                                std::vector<double>& flow) {
  BushSolver solver(context, flow);
  solver.initialize();
  // One iteration: update each bush and shift once, then a few more shift passes over all bushes
  // with the bushes fixed. Four passes was the best of 1..10 on ChicagoSketch, Winnipeg and
  // Barcelona (fewer passes need many more bush updates and gap evaluations on Winnipeg). The
  // extra passes skip bushes whose largest max-min cost difference is already below the average
  // excess cost the target gap allows.
  constexpr int extra_passes = 4;
  double total_demand = 0;
  for (const double q : context.destination_demand) total_demand += q;
  std::vector<double> largest(solver.bushes().size(), infinite_cost);
  double threshold = 0;
  for (std::uint32_t iteration = 1;; ++iteration) {
    for (std::size_t k = 0; k < largest.size(); ++k) {
      solver.update_bush(solver.bushes()[k]);
      largest[k] = solver.equilibrate(solver.bushes()[k]);
    }
    for (int pass = 0; pass < extra_passes; ++pass) {
      for (std::size_t k = 0; k < largest.size(); ++k) {
        if (largest[k] <= threshold) continue;
        largest[k] = solver.equilibrate(solver.bushes()[k]);
      }
    }
    solver.refresh_costs();
    const double gap = solver.gap();
    double total = 0;
    for (LinkId a = 0; a < context.num_links(); ++a) total += flow[a] * context.costs.cost(a, flow[a]);
    threshold = options.relative_gap * total / std::max(total_demand, 1e-300);
    if (auto stop = control.check(iteration, gap, objective_for_report(context, control, flow))) return *stop;
  }
}

}  // namespace landbridge::assignment::detail
