#include "common/text.hpp"

#include <gtest/gtest.h>

namespace landbridge {
namespace {

TEST(FoldForMatching, FoldsPolishLithuanianAndTurkishLetters) {
  EXPECT_EQ(fold_for_matching("Łódź"), "lodz");
  EXPECT_EQ(fold_for_matching("Małaszewicze"), "malaszewicze");
  EXPECT_EQ(fold_for_matching("Klaipėda"), "klaipeda");
  EXPECT_EQ(fold_for_matching("Šeštokai"), "sestokai");
  EXPECT_EQ(fold_for_matching("Kapıkule"), "kapikule");
  EXPECT_EQ(fold_for_matching("Constanța"), "constanta");
  EXPECT_EQ(fold_for_matching("Straße"), "strasse");
}

TEST(FoldForMatching, JoinsApostrophesAndCollapsesSeparators) {
  EXPECT_EQ(fold_for_matching("Xi'an"), "xian");
  EXPECT_EQ(fold_for_matching("Xi\xE2\x80\x99" "an"), "xian");  // typographic apostrophe
  EXPECT_EQ(fold_for_matching("  Frankfurt (Oder) "), "frankfurt oder");
  EXPECT_EQ(fold_for_matching("Zamyn-Uud"), "zamyn uud");
  EXPECT_EQ(fold_for_matching(""), "");
}

TEST(FoldForMatching, TreatsInvalidUtf8AsSeparator) {
  EXPECT_EQ(fold_for_matching("ab\xFF" "cd"), "ab cd");
  EXPECT_EQ(fold_for_matching("\xC3"), "");  // truncated sequence
}

TEST(EditDistance, MatchesTextbookValues) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("duisburg", "duisburg"), 0u);
  EXPECT_EQ(edit_distance("duisbrg", "duisburg"), 1u);
}

TEST(IsValidUtf8, AcceptsGoodAndRejectsBadSequences) {
  EXPECT_TRUE(is_valid_utf8("Małaszewicze"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("abc\xE2\x82"));   // truncated
}

}  // namespace
}  // namespace landbridge

namespace landbridge {
namespace {

TEST(Printable, EscapesInvalidBytesAndControlCharacters) {
  EXPECT_EQ(printable("Ma\xC5\x82" "a"), "Ma\xC5\x82" "a");  // valid UTF-8 stays
  EXPECT_EQ(printable("Al\xFFpha"), "Al\\xFFpha");
  EXPECT_EQ(printable("a\tb\x7F"), "a\\x09b\\x7F");
}

}  // namespace
}  // namespace landbridge
