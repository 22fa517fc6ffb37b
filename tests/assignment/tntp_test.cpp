#include "assignment/tntp.hpp"

#include "common/input_error.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace landbridge::assignment {
namespace {

namespace fs = std::filesystem;
const fs::path data_dir = ASSIGNMENT_TEST_DATA_DIR;

// Runs f, expecting an InputError whose what() is exactly `message`.
template <typename F>
void expect_input_error(F&& f, const std::string& message) {
  try {
    f();
    FAIL() << "expected InputError: " << message;
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(Tntp, ReadsSiouxFalls) {
  const TntpNetwork n = read_tntp_directory(testing::tntp_dir("SiouxFalls"));
  EXPECT_EQ(n.problem.num_nodes, 24u);
  EXPECT_EQ(n.problem.num_links(), 76u);
  EXPECT_EQ(n.problem.num_zones(), 24u);
  EXPECT_EQ(n.first_thru_node, 1u);
  EXPECT_TRUE(n.problem.allows_through(0));
  EXPECT_DOUBLE_EQ(std::accumulate(n.problem.demand.begin(), n.problem.demand.end(), 0.0), 360600.0);
  // First link: 1 2 25900.20064 6 6 0.15 4 0 0 1 ;
  EXPECT_EQ(n.problem.tail[0], 0u);
  EXPECT_EQ(n.problem.head[0], 1u);
  EXPECT_DOUBLE_EQ(n.problem.capacity[0], 25900.20064);
  EXPECT_DOUBLE_EQ(n.problem.alpha[0], 0.15);
  EXPECT_DOUBLE_EQ(n.problem.od_demand(0, 1), 100.0);
  EXPECT_FALSE(n.flow_file.empty());
  EXPECT_FALSE(n.node_file.empty());
  const auto flow = read_tntp_flow(n.flow_file, n);
  EXPECT_NEAR(flow[0], 4494.6576464564205, 1e-9);
  const auto xy = read_tntp_nodes(n.node_file, n.problem.num_nodes);
  EXPECT_DOUBLE_EQ(xy.x[0], -96.77041974);
}

TEST(Tntp, CentroidsBelowFirstThruNodeAreNotThroughNodes) {
  const TntpNetwork n = read_tntp_directory(data_dir / "through");
  EXPECT_FALSE(n.problem.allows_through(2));  // zone 3
  EXPECT_TRUE(n.problem.allows_through(3));   // node 4
  AssignmentOptions options;
  options.relative_gap = 1e-12;
  const AssignmentResult r = assign(n.problem, options);
  ASSERT_EQ(r.status, AssignmentStatus::converged);
  // Links: 1->3, 3->2, 1->4, 4->2: the short path through zone 3 is not allowed.
  EXPECT_DOUBLE_EQ(r.link_flow[0], 0.0);
  EXPECT_DOUBLE_EQ(r.link_flow[1], 0.0);
  EXPECT_DOUBLE_EQ(r.link_flow[2], 10.0);
  EXPECT_DOUBLE_EQ(r.link_flow[3], 10.0);
}

TEST(Tntp, ParsesTextInMemory) {
  const std::string net =
      "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 3\n<FIRST THRU NODE> 3\n<NUMBER OF LINKS> 2\n<END OF METADATA>\n"
      "1 3 100 1 2 0.15 4 0 0 1 ;\n3 2 100 1 2 0.15 4 0 0 1 ;\n";
  TntpNetwork network = parse_tntp_net(net, "memory_net.tntp");
  EXPECT_EQ(network.problem.num_links(), 2u);
  EXPECT_EQ(network.problem.through_allowed, (std::vector<std::uint8_t>{0, 0, 1}));
  parse_tntp_trips("<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n2 : 7.5;\n", "memory_trips.tntp", network);
  EXPECT_DOUBLE_EQ(network.problem.od_demand(0, 1), 7.5);
  const auto flow = parse_tntp_flow("From To Volume Cost\n1 3 7.5 2\n3 2 7.5 2\n", "memory_flow.tntp", network);
  EXPECT_EQ(flow, (std::vector<double>{7.5, 7.5}));
  try {
    (void)parse_tntp_net("<NUMBER OF ZONES> x\n<END OF METADATA>\n", "memory_net.tntp");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("memory_net.tntp: metadata: field \"<NUMBER OF ZONES>\"", 0), 0u) << e.what();
  }
}

TEST(Tntp, BadNumberNamesFileLineAndField) {
  const fs::path file = data_dir / "bad_capacity" / "bad_net.tntp";
  expect_input_error([&] { (void)read_tntp_net(file); },
                     file.string() + ": line 9: field \"capacity\": expected a number, got \"abc\"");
}

TEST(Tntp, MissingEndOfMetadata) {
  const fs::path file = data_dir / "no_end" / "no_end_net.tntp";
  expect_input_error([&] { (void)read_tntp_net(file); },
                     file.string() + ": line 4: expected a metadata line \"<TAG> value\" or <END OF METADATA>");
}

TEST(Tntp, LinkCountMustMatchMetadata) {
  const fs::path file = data_dir / "link_count" / "count_net.tntp";
  expect_input_error([&] { (void)read_tntp_net(file); },
                     file.string() + ": field \"<NUMBER OF LINKS>\": metadata says 3 links, the file has 2");
}

TEST(Tntp, TripsDestinationOutOfRange) {
  const fs::path dir = data_dir / "bad_trips";
  expect_input_error([&] { (void)read_tntp_directory(dir); },
                     (dir / "bt_trips.tntp").string() +
                         ": line 7: field \"destination\": expected a zone id in 1..2, got \"3\"");
}

TEST(Tntp, FolderWithoutNetworkFile) {
  const fs::path dir = data_dir;
  expect_input_error([&] { (void)read_tntp_directory(dir); }, dir.string() + ": no *_net.tntp file in the folder");
}

TEST(Tntp, UnroutableDemandIsReportedByPair) {
  const TntpNetwork n = read_tntp_directory(data_dir / "disconnected");
  const AssignmentResult r = assign(n.problem, {});
  ASSERT_EQ(r.status, AssignmentStatus::unroutable_demand);
  ASSERT_EQ(r.unroutable.size(), 2u);
  EXPECT_EQ(r.unroutable[0].origin, 0u);
  EXPECT_EQ(r.unroutable[0].destination, 2u);
  EXPECT_DOUBLE_EQ(r.unroutable[0].demand, 5.0);
  EXPECT_EQ(r.unroutable[1].origin, 2u);
  EXPECT_EQ(r.unroutable[1].destination, 0u);
  EXPECT_TRUE(r.link_flow.empty());
}

TEST(Tntp, ReadsEveryNetworkInTheSharedFolder) {
  for (const char* name : {"Anaheim", "Barcelona", "ChicagoSketch", "Winnipeg", "BerlinCenter"}) {
    SCOPED_TRACE(name);
    const TntpNetwork n = read_tntp_directory(testing::tntp_dir(name));
    EXPECT_NO_THROW(n.problem.validate());
    EXPECT_GT(n.problem.num_links(), 0u);
  }
}

}  // namespace
}  // namespace landbridge::assignment
