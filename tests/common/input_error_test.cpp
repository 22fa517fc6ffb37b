#include "common/input_error.hpp"

#include <gtest/gtest.h>

namespace landbridge {
namespace {

TEST(InputError, ComposesFilePlaceFieldAndProblem) {
  const InputError e("links.geojson", "feature 17", "gauge_mm", "expected 1435 or 1520, got 1000");
  EXPECT_STREQ(e.what(), "links.geojson: feature 17: field \"gauge_mm\": expected 1435 or 1520, got 1000");
}

TEST(InputError, LeavesOutEmptyParts) {
  EXPECT_STREQ(InputError("", "", "--optimize", "bad").what(), "field \"--optimize\": bad");
  EXPECT_STREQ(InputError("a.csv", "", "", "empty").what(), "a.csv: empty");
}

TEST(InputError, LocatedFillsOnlyWhatIsMissing) {
  const InputError inner("", "", "hours", "missing");
  EXPECT_STREQ(inner.located("n.geojson", "feature 2").what(), "n.geojson: feature 2: field \"hours\": missing");
  const InputError placed("x.csv", "line 3", "a", "b");
  EXPECT_STREQ(placed.located("y.csv", "line 9").what(), "x.csv: line 3: field \"a\": b");
}

}  // namespace
}  // namespace landbridge
