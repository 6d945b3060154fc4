#include "engine/FindingSink.h"

#include <gtest/gtest.h>

using pitfix::isSuppressed;

TEST(Suppression, NolintOnTheLine) {
  EXPECT_TRUE(isSuppressed("a;\nb; // NOLINT\n", 2, "sharing-x"));
  EXPECT_TRUE(isSuppressed("b; // NOLINT(sharing-x)\n", 1, "sharing-x"));
  EXPECT_TRUE(isSuppressed("b; // NOLINT(sharing-*)\n", 1, "sharing-x"));
  EXPECT_FALSE(isSuppressed("b; // NOLINT(ordering-*)\n", 1, "sharing-x"));
  EXPECT_FALSE(isSuppressed("a;\nb; // NOLINT\n", 1, "sharing-x"));
}

TEST(Suppression, NolintNextLine) {
  EXPECT_TRUE(isSuppressed("// NOLINTNEXTLINE(sharing-x)\nb;\n", 2, "sharing-x"));
  EXPECT_FALSE(isSuppressed("// NOLINTNEXTLINE(sharing-y)\nb;\n", 2, "sharing-x"));
  // NOLINTNEXTLINE does not suppress its own line.
  EXPECT_FALSE(isSuppressed("b; // NOLINTNEXTLINE\n", 1, "sharing-x"));
}

TEST(Suppression, BeginEnd) {
  const char *Src = "// NOLINTBEGIN(sharing-x)\na;\n// NOLINTEND(sharing-x)\nb;\n";
  EXPECT_TRUE(isSuppressed(Src, 2, "sharing-x"));
  EXPECT_FALSE(isSuppressed(Src, 4, "sharing-x"));
}

TEST(Suppression, PitfixIgnore) {
  EXPECT_TRUE(isSuppressed("b; // pitfix: ignore\n", 1, "sharing-x"));
  EXPECT_TRUE(isSuppressed("// pitfix: ignore\nb;\n", 2, "sharing-x"));
}
