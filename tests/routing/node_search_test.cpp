#include "routing/node_search.hpp"

#include <gtest/gtest.h>

#include "common/input_error.hpp"
#include "io/network_geojson.hpp"
#include "support/temp_folder.hpp"

namespace landbridge::routing {
namespace {

class TinySearch : public ::testing::Test {
 protected:
  TinySearch() : net_(io::load_network(testing::tiny_network())) {}
  std::vector<std::string> ids(const std::vector<NodeId>& nodes) {
    std::vector<std::string> out;
    for (NodeId v : nodes) out.push_back(net_.node(v).id);
    return out;
  }
  std::string error(const std::string& text) {
    try {
      (void)resolve_nodes(net_, text, "from");
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  }
  network::Network net_;
};

using Ids = std::vector<std::string>;

TEST_F(TinySearch, ResolvesIdsAnyCase) {
  EXPECT_EQ(ids(resolve_nodes(net_, "PLMAL", "from")), (Ids{"PLMAL"}));
  EXPECT_EQ(ids(resolve_nodes(net_, "plmal", "from")), (Ids{"PLMAL"}));
  EXPECT_EQ(ids(resolve_nodes(net_, "nlrtm-r", "from")), (Ids{"NLRTM-R"}));
}

TEST_F(TinySearch, ResolvesNamesWithoutDiacritics) {
  EXPECT_EQ(ids(resolve_nodes(net_, "Malaszewicze", "from")), (Ids{"PLMAL"}));
  EXPECT_EQ(ids(resolve_nodes(net_, "MAŁASZEWICZE", "from")), (Ids{"PLMAL"}));
  EXPECT_EQ(ids(resolve_nodes(net_, "sestokai", "from")), (Ids{"PLSES"}));
  EXPECT_EQ(ids(resolve_nodes(net_, "rotterdam", "from")), (Ids{"NLRTM", "NLRTM-R"}));
  EXPECT_EQ(ids(resolve_nodes(net_, "great", "from")), (Ids{"BYGST"}));  // the one name starting so
}

TEST_F(TinySearch, UnknownNamesGetSuggestions) {
  EXPECT_EQ(error("Duisbrg"), "field \"from\": no place called \"Duisbrg\"; did you mean Duisburg (DEDUI)?");
  EXPECT_EQ(error("Shanghia"), "field \"from\": no place called \"Shanghia\"; did you mean Shanghai (CNSHA)?");
  EXPECT_EQ(error("Zzzzzzzzzzz"), "field \"from\": no place called \"Zzzzzzzzzzz\" (see: landbridge nodes --search TEXT)");
  EXPECT_EQ(error("Alpha B"), "no error");
  EXPECT_EQ(error(""), "field \"from\": no place given");
}

TEST_F(TinySearch, AmbiguousPrefixesAskWhichOne) {
  // "shanghai" is exact for CNSHA; "sha" is a prefix of two different names.
  EXPECT_EQ(error("sha"), "field \"from\": \"sha\" matches several places: Shanghai Rail (CNSHR), Shanghai (CNSHA); say which");
}

TEST_F(TinySearch, SearchRanksExactThenPrefixThenSubstring) {
  EXPECT_EQ(ids(search_nodes(net_, "rotterdam")), (Ids{"NLRTM", "NLRTM-R"}));
  EXPECT_EQ(ids(search_nodes(net_, "border")), (Ids{"CNBRD", "KZBRD"}));
  EXPECT_EQ(search_nodes(net_, "").size(), net_.node_count());
}

}  // namespace
}  // namespace landbridge::routing
