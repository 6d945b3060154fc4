//===- WriteSafetyTest.cpp - what --fix may write, and when ---------------===//
//
// A file that changed on disk after it was parsed must not receive edits
// computed on its old text: the edits carry the digest of the text they were
// computed on, and the rewrite of a file whose digest differs is refused.
//
//===----------------------------------------------------------------------===//
#include "actions/ActionTable.h"
#include "edit/AtomicWrite.h"
#include "edit/EditSet.h"
#include "engine/RuleSet.h"
#include "engine/Runner.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "ScratchDir.h"

#include <gtest/gtest.h>

using namespace llvm;
using namespace pitfix;

namespace {

class WriteSafety : public ScratchDirTest {
protected:
  /// Parses File with the shipped rules and returns its findings' edit set.
  EditSet analyse() {
    RuleLoader L(ruleLanguage());
    EXPECT_FALSE(bool(L.addDirectory(PITFIX_TEST_RULES_DIR)));
    Expected<RuleSet> Rules = L.build();
    EXPECT_TRUE(bool(Rules));
    std::vector<const CompiledRule *> Enabled;
    for (const auto &R : Rules->Rules)
      Enabled.push_back(R.get());
    clang::tooling::FixedCompilationDatabase DB(
        ".", std::vector<std::string>{"-std=c++17"});
    RunOptions O;
    O.DB = &DB;
    O.Files = {File};
    std::vector<TUResult> Rs = runRules(*Rules, Enabled, O);
    EXPECT_EQ(Rs.size(), 1u);
    EXPECT_FALSE(Rs[0].Failed) << Rs[0].Errors;
    EditSet S;
    S.add(std::move(Rs[0].Findings));
    S.resolveConflicts();
    return S;
  }
};

const char *Guard = "#include <mutex>\nstd::mutex mu;\nint n;\n"
                    "void bump() {\n  std::lock_guard<std::mutex>{mu};\n"
                    "  ++n;\n}\n";

TEST_F(WriteSafety, UnchangedFileIsRewritten) {
  writeFile(File, Guard);
  EditSet S = analyse();
  ASSERT_FALSE(S.findings().empty());
  auto Rs = S.rewrites();
  ASSERT_EQ(Rs.count(File), 1u);
  EXPECT_EQ(Rs[File].Problem, "");
  EXPECT_NE(Rs[File].Text.find("lock{mu}"), std::string::npos);
}

TEST_F(WriteSafety, FileChangedAfterParsingIsNotRewritten) {
  writeFile(File, Guard);
  EditSet S = analyse();
  ASSERT_FALSE(S.findings().empty());
  // The same length, other text: offsets would land in the wrong places.
  std::string Changed = Guard;
  Changed.replace(Changed.find("void bump"), 9, "void lump");
  writeFile(File, Changed);
  auto Rs = S.rewrites();
  ASSERT_EQ(Rs.count(File), 1u);
  EXPECT_EQ(Rs[File].Problem, "changed on disk since it was analysed");
  EXPECT_EQ(Rs[File].Text, "");
}

TEST_F(WriteSafety, DeletedFileIsReportedNotFatal) {
  writeFile(File, Guard);
  EditSet S = analyse();
  sys::fs::remove(File);
  auto Rs = S.rewrites();
  ASSERT_EQ(Rs.count(File), 1u);
  EXPECT_NE(Rs[File].Problem.find("cannot read it"), std::string::npos);
}

TEST(LineEndings, CrlfFilesGetCrlfInsertedLines) {
  std::vector<Edit> Es = editsForFile(
      {{"f", 0, 0, "#include <a>\n"}, {"f", 3, 1, "x;\n  y;"}}, "ab\r\ncd\r\n");
  ASSERT_EQ(Es.size(), 2u);
  EXPECT_EQ(Es[0].Text, "#include <a>\r\n");
  EXPECT_EQ(Es[1].Text, "x;\r\n  y;");
  std::vector<Edit> Lf = editsForFile({{"f", 0, 0, "#include <a>\n"}}, "ab\n");
  EXPECT_EQ(Lf[0].Text, "#include <a>\n");
  std::vector<Edit> Cr = editsForFile({{"f", 0, 0, "#include <a>\n"}}, "ab\rcd\r");
  EXPECT_EQ(Cr[0].Text, "#include <a>\r");
}

TEST(ByteOrderMark, NothingIsInsertedBeforeIt) {
  std::vector<Edit> Es =
      editsForFile({{"f", 0, 0, "#include <a>\n"}}, "\xEF\xBB\xBFint x;\n");
  ASSERT_EQ(Es.size(), 1u);
  EXPECT_EQ(Es[0].Offset, 3u);
}

TEST(ExportedEdits, AnIncludeNeededTwiceIsExportedOnce) {
  Finding A, B;
  A.RuleId = B.RuleId = "r";
  A.Edits = {{"/nonexistent/f", 0, 0, "#include <m>\n"},
             {"/nonexistent/f", 5, 1, "X"}};
  B.Edits = {{"/nonexistent/f", 0, 0, "#include <m>\n#include <n>\n"},
             {"/nonexistent/f", 9, 1, "Y"}};
  auto Ex = exportedEdits({A, B});
  ASSERT_EQ(Ex.size(), 2u);
  ASSERT_EQ(Ex[0].size(), 2u);
  EXPECT_EQ(Ex[0][0].Text, "#include <m>\n");
  ASSERT_EQ(Ex[1].size(), 2u);
  EXPECT_EQ(Ex[1][0].Text, "#include <n>\n");
}

TEST_F(WriteSafety, ReadOnlyModeIsRefusedEvenForRoot) {
  writeFile(File, "x");
  EXPECT_EQ(writeRefusal(File), "");
  sys::fs::setPermissions(File, sys::fs::owner_read | sys::fs::group_read);
  EXPECT_EQ(writeRefusal(File),
            "the file is read-only (its mode grants no write permission)");
}

} // namespace
