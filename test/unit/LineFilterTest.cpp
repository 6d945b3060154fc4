#include "config/LineFilter.h"

#include <gtest/gtest.h>

using namespace pitfix;

namespace {

TEST(LineFilterTest, InactiveKeepsEverything) {
  LineFilter F;
  EXPECT_FALSE(F.active());
  EXPECT_TRUE(F.contains("/p/a.cpp", 7));
}

TEST(LineFilterTest, JsonRangesAndWholeFiles) {
  auto F = LineFilter::fromJson(
      R"([{"name":"src/a.cpp","lines":[[3,5],[9,9]]},{"name":"b.h"}])");
  ASSERT_TRUE(bool(F)) << llvm::toString(F.takeError());
  EXPECT_TRUE(F->contains("/p/src/a.cpp", 3));
  EXPECT_TRUE(F->contains("/p/src/a.cpp", 5));
  EXPECT_FALSE(F->contains("/p/src/a.cpp", 6));
  EXPECT_TRUE(F->contains("/p/src/a.cpp", 9));
  EXPECT_TRUE(F->contains("/p/include/b.h", 1000));
  // A relative name matches at a path component, not inside one.
  EXPECT_FALSE(F->contains("/p/src/xa.cpp", 3));
  EXPECT_FALSE(F->contains("/p/sub.h", 1));
  EXPECT_FALSE(F->contains("/p/c.cpp", 3));
}

TEST(LineFilterTest, JsonErrors) {
  for (const char *Bad : {"{}", "[{\"lines\":[[1,2]]}]",
                          "[{\"name\":\"a\",\"lines\":[[5,2]]}]", "[1"}) {
    auto F = LineFilter::fromJson(Bad);
    EXPECT_FALSE(bool(F)) << Bad;
    if (!F)
      EXPECT_NE(llvm::toString(F.takeError()).find("--line-filter"),
                std::string::npos);
  }
}

TEST(LineFilterTest, GitDiffNewSideOfHunks) {
  const char *Diff = "diff --git a/src/a.cpp b/src/a.cpp\n"
                     "--- a/src/a.cpp\n"
                     "+++ b/src/a.cpp\n"
                     "@@ -4 +4 @@ void f() {\n"
                     "-  x = 1;\n"
                     "+  x = 2;\n"
                     "@@ -10,0 +11,3 @@\n"
                     "+a\n+b\n+c\n"
                     "@@ -20,2 +23,0 @@\n"
                     "-gone\n-gone\n"
                     "diff --git a/old.h b/old.h\n"
                     "--- a/old.h\n"
                     "+++ /dev/null\n"
                     "@@ -1 +0,0 @@\n"
                     "-x\n";
  LineFilter F = LineFilter::fromGitDiff(Diff, "/repo");
  EXPECT_TRUE(F.contains("/repo/src/a.cpp", 4));
  EXPECT_FALSE(F.contains("/repo/src/a.cpp", 5));
  EXPECT_TRUE(F.contains("/repo/src/a.cpp", 11));
  EXPECT_TRUE(F.contains("/repo/src/a.cpp", 13));
  EXPECT_FALSE(F.contains("/repo/src/a.cpp", 14));
  EXPECT_FALSE(F.contains("/repo/src/a.cpp", 23)); // Only deletions there.
  EXPECT_FALSE(F.contains("/repo/old.h", 1));
  EXPECT_FALSE(F.contains("/other/src/a.cpp", 4));
}

} // namespace
