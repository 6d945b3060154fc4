#include "edit/EditSet.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace pitfix;

namespace {

Finding finding(const std::string &Rule, const std::string &File, unsigned Off,
                std::vector<Edit> Edits) {
  Finding F;
  F.RuleId = Rule;
  F.Loc.File = File;
  F.Loc.Offset = Off;
  F.Loc.Line = 1;
  F.Loc.Col = Off + 1;
  F.Message = "m";
  F.Edits = std::move(Edits);
  return F;
}

std::string tempFile(const std::string &Content) {
  llvm::SmallString<128> Path;
  int FD;
  EXPECT_FALSE(llvm::sys::fs::createTemporaryFile("editset", "cpp", FD, Path));
  llvm::raw_fd_ostream OS(FD, true);
  OS << Content;
  return std::string(Path);
}

} // namespace

TEST(EditSet, SameFindingFromTwoUnitsIsMergedAndEditedOnce) {
  std::string F = tempFile("abcdef");
  EditSet S;
  S.add({finding("r", F, 1, {{F, 1, 1, "X"}})});
  S.add({finding("r", F, 1, {{F, 1, 1, "X"}})});
  S.resolveConflicts();
  ASSERT_EQ(S.findings().size(), 1u);
  auto C = S.newContents();
  ASSERT_TRUE(static_cast<bool>(C));
  EXPECT_EQ(C->at(F), "aXcdef");
}

TEST(EditSet, OverlappingEditsOfTwoFindingsAreBothDropped) {
  std::string F = tempFile("abcdef");
  EditSet S;
  S.add({finding("r1", F, 1, {{F, 1, 3, "X"}}),
         finding("r2", F, 2, {{F, 2, 2, "Y"}}),
         finding("r3", F, 5, {{F, 5, 1, "Z"}})});
  S.resolveConflicts();
  ASSERT_EQ(S.findings().size(), 3u);
  EXPECT_FALSE(S.findings()[0].Conflict.empty());
  EXPECT_FALSE(S.findings()[1].Conflict.empty());
  EXPECT_TRUE(S.findings()[2].Conflict.empty());
  auto C = S.newContents();
  ASSERT_TRUE(static_cast<bool>(C));
  // Not all-or-nothing: the third finding is still applied.
  EXPECT_EQ(C->at(F), "abcdeZ");
}

TEST(EditSet, AFindingIsAppliedWhollyOrNotAtAll) {
  std::string F = tempFile("0123456789");
  EditSet S;
  // r1 has two edits; one collides with r2, so neither of r1's is applied.
  S.add({finding("r1", F, 0, {{F, 0, 1, "A"}, {F, 5, 1, "B"}}),
         finding("r2", F, 5, {{F, 5, 2, "C"}})});
  S.resolveConflicts();
  auto C = S.newContents();
  ASSERT_TRUE(static_cast<bool>(C));
  EXPECT_TRUE(C->empty());
}

TEST(EditSet, TwoInsertionsAtOnePointConflict) {
  std::string F = tempFile("abc");
  EditSet S;
  S.add({finding("r1", F, 1, {{F, 1, 0, "X"}}),
         finding("r2", F, 1, {{F, 1, 0, "Y"}})});
  S.resolveConflicts();
  EXPECT_FALSE(S.findings()[0].Conflict.empty());
}

TEST(EditSet, TheSameInsertionFromTwoFindingsIsMadeOnce) {
  std::string F = tempFile("abc");
  EditSet S;
  S.add({finding("r1", F, 1, {{F, 0, 0, "#"}, {F, 1, 1, "X"}}),
         finding("r2", F, 3, {{F, 0, 0, "#"}, {F, 2, 1, "Y"}})});
  S.resolveConflicts();
  EXPECT_TRUE(S.findings()[0].Conflict.empty());
  EXPECT_TRUE(S.findings()[1].Conflict.empty());
  auto C = S.newContents();
  ASSERT_TRUE(static_cast<bool>(C));
  EXPECT_EQ(C->at(F), "#aXY");
}

TEST(EditSet, DifferentEditsForOneFindingAcrossUnitsAreRefused) {
  std::string F = tempFile("abc");
  EditSet S;
  S.add({finding("r", F, 1, {{F, 1, 1, "X"}})});
  S.add({finding("r", F, 1, {{F, 1, 1, "Y"}})});
  ASSERT_EQ(S.findings().size(), 1u);
  EXPECT_TRUE(S.findings()[0].Edits.empty());
  EXPECT_FALSE(S.findings()[0].Refusal.empty());
}

TEST(ApplyEdits, BackToFrontWithInsertionBeforeReplacement) {
  auto R = applyEdits("hello world", {{"f", 6, 5, "there"}, {"f", 6, 0, "big "},
                                      {"f", 0, 0, ">"}});
  ASSERT_TRUE(static_cast<bool>(R));
  EXPECT_EQ(*R, ">hello big there");
}

TEST(EditSet, TheSameEditFromTwoRulesIsMadeOnce) {
  std::string F = tempFile("abcdef");
  EditSet S;
  S.add({finding("r1", F, 1, {{F, 1, 1, "X"}, {F, 3, 0, "+"}}),
         finding("r2", F, 2, {{F, 1, 1, "X"}})});
  S.resolveConflicts();
  ASSERT_EQ(S.findings().size(), 2u);
  EXPECT_TRUE(S.findings()[0].Conflict.empty());
  EXPECT_TRUE(S.findings()[1].Conflict.empty());
  auto New = S.newContents();
  ASSERT_TRUE(static_cast<bool>(New));
  EXPECT_EQ((*New)[F], "aXc+def");
}

TEST(EditSet, IncludeInsertionsAtOnePointAreMerged) {
  // Two rewrites that need different headers add them at the same place.
  std::string F = tempFile("#include <a>\nx;\ny;\n");
  EditSet S;
  S.add({finding("r1", F, 13, {{F, 13, 0, "#include <b>\n"}, {F, 13, 1, "X"}}),
         finding("r2", F, 16,
                 {{F, 13, 0, "#include <c>\n#include <b>\n"}, {F, 16, 1, "Y"}})});
  S.resolveConflicts();
  EXPECT_TRUE(S.findings()[0].Conflict.empty());
  EXPECT_TRUE(S.findings()[1].Conflict.empty());
  auto New = S.newContents();
  ASSERT_TRUE(static_cast<bool>(New));
  EXPECT_EQ(New->at(F), "#include <a>\n#include <b>\n#include <c>\nX;\nY;\n");
}
