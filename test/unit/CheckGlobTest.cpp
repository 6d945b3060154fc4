#include "config/CheckGlob.h"

#include <gtest/gtest.h>

using pitfix::CheckGlob;

TEST(CheckGlob, StarEnablesEverything) {
  CheckGlob G("*");
  EXPECT_TRUE(G.contains("sharing-unnamed-lock-guard"));
}

TEST(CheckGlob, LastMatchingGlobDecides) {
  CheckGlob G("-*,sharing-*,-sharing-io-under-lock");
  EXPECT_TRUE(G.contains("sharing-unnamed-lock-guard"));
  EXPECT_FALSE(G.contains("sharing-io-under-lock"));
  EXPECT_FALSE(G.contains("ordering-multi-lock-order"));
}

TEST(CheckGlob, WhitespaceAndEmptyItemsAreIgnored) {
  CheckGlob G(" -* , ordering-multi-lock-order ,,");
  EXPECT_TRUE(G.contains("ordering-multi-lock-order"));
  EXPECT_FALSE(G.contains("ordering-other"));
}

TEST(CheckGlob, RegexCharactersAreLiteral) {
  CheckGlob G("a.b");
  EXPECT_TRUE(G.contains("a.b"));
  EXPECT_FALSE(G.contains("axb"));
}
