// server/query_string: percent-decoding and query parsing, checked by hand on the cases that
// matter (malformed escapes, '+', repeated and empty names, bytes that are not UTF-8).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "server/query_string.hpp"

namespace landbridge::server {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs pairs(const std::multimap<std::string, std::string>& params) { return {params.begin(), params.end()}; }

TEST(PercentDecode, DecodesEscapesInEitherCase) {
  EXPECT_EQ(percent_decode("%41%62%2c%2C", true), "Ab,,");
  EXPECT_EQ(percent_decode("Ma%C5%82aszewicze", true), "Ma\xc5\x82" "aszewicze");
  EXPECT_EQ(percent_decode("", true), "");
  EXPECT_EQ(percent_decode("plain", true), "plain");
}

TEST(PercentDecode, KeepsMalformedEscapesAsTheyAre) {
  EXPECT_EQ(percent_decode("%", true), "%");
  EXPECT_EQ(percent_decode("%%", true), "%%");
  EXPECT_EQ(percent_decode("%zz", true), "%zz");
  EXPECT_EQ(percent_decode("%4", true), "%4");     // cut short at the end
  EXPECT_EQ(percent_decode("50%", true), "50%");
  EXPECT_EQ(percent_decode("%4g%41", true), "%4gA");  // the next escape still decodes
  EXPECT_EQ(percent_decode("%%41", true), "%A");
  EXPECT_EQ(percent_decode("%u0041", true), "%u0041");  // no %uXXXX: not part of the URL syntax
}

TEST(PercentDecode, PlusIsASpaceOnlyInQueries) {
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("a%2Bb", true), "a+b");  // an escaped '+' stays a '+'
  EXPECT_EQ(percent_decode("%20+", true), "  ");
}

TEST(PercentDecode, PassesAnyByteThrough) {
  EXPECT_EQ(percent_decode("%00", true), std::string(1, '\0'));
  EXPECT_EQ(percent_decode("%ff%FE", true), "\xff\xfe");
  EXPECT_EQ(percent_decode("%c3%28", true), "\xc3(");  // invalid UTF-8 is the API's business
}

TEST(ParseQuery, SplitsPairsInOrderAndKeepsRepeatedNames) {
  EXPECT_EQ(pairs(parse_query("from=CNCKG&to=DEDUI")), (Pairs{{"from", "CNCKG"}, {"to", "DEDUI"}}));
  EXPECT_EQ(pairs(parse_query("avoid_country=BY&to=X&avoid_country=LT")),
            (Pairs{{"avoid_country", "BY"}, {"avoid_country", "LT"}, {"to", "X"}}));
  EXPECT_EQ(pairs(parse_query("search=Ma%C5%82a+szewicze")), (Pairs{{"search", "Ma\xc5\x82" "a szewicze"}}));
  EXPECT_EQ(pairs(parse_query("avoid_country=by,%20LT")), (Pairs{{"avoid_country", "by, LT"}}));
}

TEST(ParseQuery, EmptyPartsAndNamesWithoutValues) {
  EXPECT_TRUE(parse_query("").empty());
  EXPECT_TRUE(parse_query("&&&").empty());
  EXPECT_EQ(pairs(parse_query("from")), (Pairs{{"from", ""}}));
  EXPECT_EQ(pairs(parse_query("from=")), (Pairs{{"from", ""}}));
  EXPECT_EQ(pairs(parse_query("=&=x&&from")), (Pairs{{"", ""}, {"", "x"}, {"from", ""}}));
  EXPECT_EQ(pairs(parse_query("a=b=c")), (Pairs{{"a", "b=c"}}));  // only the first '=' splits
  EXPECT_EQ(pairs(parse_query("a%3Db=c")), (Pairs{{"a=b", "c"}}));
  EXPECT_EQ(pairs(parse_query("a=1%26b=2")), (Pairs{{"a", "1&b=2"}}));
  EXPECT_EQ(pairs(parse_query("from=%&to=%zz")), (Pairs{{"from", "%"}, {"to", "%zz"}}));
}

TEST(ParseTarget, SplitsPathAndQueryAtTheFirstQuestionMark) {
  Target t = parse_target("/v1/route?from=A&to=B?C");
  EXPECT_EQ(t.path, "/v1/route");
  EXPECT_EQ(pairs(t.params), (Pairs{{"from", "A"}, {"to", "B?C"}}));
  t = parse_target("/%2e%2e/a+b%20c");
  EXPECT_EQ(t.path, "/../a+b c");
  EXPECT_TRUE(t.params.empty());
  t = parse_target("/health?");
  EXPECT_EQ(t.path, "/health");
  EXPECT_TRUE(t.params.empty());
  EXPECT_EQ(parse_target("").path, "");
}

}  // namespace
}  // namespace landbridge::server
