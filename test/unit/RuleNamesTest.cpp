//===- RuleNamesTest.cpp - did you mean, NOLINT names ---------------------===//
#include "engine/RuleNames.h"

#include <gtest/gtest.h>

using namespace pitfix;

namespace {

const std::vector<std::string> Ids = {"sharing-unnamed-lock-guard",
                                      "sharing-io-under-lock",
                                      "ordering-multi-lock-order"};

TEST(RuleNames, NearestIdForATypo) {
  EXPECT_EQ(nearestRuleId("sharing-unamed-lock-guard", Ids),
            "sharing-unnamed-lock-guard");
  EXPECT_EQ(nearestRuleId("ordering-multi-lock-ordr", Ids),
            "ordering-multi-lock-order");
  EXPECT_EQ(nearestRuleId("bugprone-use-after-move", Ids), "");
  EXPECT_EQ(didYouMean("sharing-io-undr-lock", Ids),
            " (did you mean 'sharing-io-under-lock'?)");
  EXPECT_EQ(didYouMean("x", Ids), "");
}

TEST(RuleNames, UnknownNolintNamesWithLineColumnAndSuggestion) {
  auto U = unknownNolintNames("int a;\n"
                              "  f(); // NOLINT(sharing-unamed-lock-guard)\n",
                              Ids);
  ASSERT_EQ(U.size(), 1u);
  EXPECT_EQ(U[0].Line, 2u);
  EXPECT_EQ(U[0].Column, 18u);
  EXPECT_EQ(U[0].Name, "sharing-unamed-lock-guard");
  EXPECT_EQ(U[0].Suggestion, "sharing-unnamed-lock-guard");
}

TEST(RuleNames, KnownIdsGlobsAndOtherToolsAreQuiet) {
  EXPECT_TRUE(unknownNolintNames(
                  "// NOLINT(sharing-unnamed-lock-guard, bugprone-foo)\n"
                  "// NOLINTNEXTLINE(sharing-*)\n"
                  "// NOLINTBEGIN(ordering-multi-lock-order)\n"
                  "// NOLINT\n// NOLINT(*)\n// NOLINT(-sharing-x)\n"
                  "// NOLINTEND(ordering-multi-lock-order)\n",
                  Ids)
                  .empty());
}

TEST(RuleNames, UnknownInAKnownCategoryOrAGlobMatchingNothing) {
  auto U = unknownNolintNames("// NOLINTNEXTLINE(cert-x, sharing-gone)\n"
                              "// pitfix: ignore(lifetime-*)\n"
                              "// NOLINTEND(ordering-nope-*)\n",
                              Ids);
  ASSERT_EQ(U.size(), 2u);
  EXPECT_EQ(U[0].Name, "sharing-gone");
  EXPECT_EQ(U[0].Suggestion, "");
  EXPECT_EQ(U[0].Column, 27u);
  // lifetime-* names no known category here; ordering-nope-* matches none.
  EXPECT_EQ(U[1].Name, "ordering-nope-*");
  EXPECT_EQ(U[1].Line, 3u);
}

} // namespace
