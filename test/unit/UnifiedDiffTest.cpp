#include "edit/UnifiedDiff.h"

#include <gtest/gtest.h>

using pitfix::unifiedDiff;

TEST(UnifiedDiff, EqualTextsGiveNothing) {
  EXPECT_EQ(unifiedDiff("f.cpp", "a\nb\n", "a\nb\n"), "");
}

TEST(UnifiedDiff, OneChangedLineWithContext) {
  std::string Old = "1\n2\n3\n4\n5\n6\n7\n8\n";
  std::string New = "1\n2\n3\n4x\n5\n6\n7\n8\n";
  EXPECT_EQ(unifiedDiff("f.cpp", Old, New),
            "--- a/f.cpp\n+++ b/f.cpp\n@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+4x\n"
            " 5\n 6\n 7\n");
}

TEST(UnifiedDiff, DistantChangesMakeTwoHunks) {
  std::string Old, New;
  for (int I = 1; I <= 20; ++I) {
    Old += std::to_string(I) + "\n";
    New += (I == 2 || I == 18 ? "x" : std::to_string(I)) + "\n";
  }
  std::string D = unifiedDiff("f.cpp", Old, New);
  EXPECT_NE(D.find("@@ -1,5 +1,5 @@"), std::string::npos) << D;
  EXPECT_NE(D.find("@@ -15,6 +15,6 @@"), std::string::npos) << D;
}

TEST(UnifiedDiff, InsertionAndDeletion) {
  EXPECT_EQ(unifiedDiff("f.cpp", "a\nb\n", "a\nnew\nb\n"),
            "--- a/f.cpp\n+++ b/f.cpp\n@@ -1,2 +1,3 @@\n a\n+new\n b\n");
  EXPECT_EQ(unifiedDiff("f.cpp", "a\nb\nc\n", "a\nc\n"),
            "--- a/f.cpp\n+++ b/f.cpp\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
}

TEST(UnifiedDiff, MissingFinalNewlineIsMarked) {
  EXPECT_EQ(unifiedDiff("f.cpp", "a", "b"),
            "--- a/f.cpp\n+++ b/f.cpp\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end "
            "of file\n+b\n\\ No newline at end of file\n");
}
