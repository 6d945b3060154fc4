//===- StyleFormatTest.cpp - rewrites in the style of the file ------------===//
//
// Edits are formatted with the .clang-format found above their file, on the
// lines they write only; without a usable style they stay as written.
//
//===----------------------------------------------------------------------===//
#include "edit/EditSet.h"
#include "edit/StyleFormat.h"

#include "clang/Format/Format.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include "ScratchDir.h"

#include <gtest/gtest.h>

using namespace llvm;
using namespace pitfix;

namespace {

class StyleFormat : public ScratchDirTest {
protected:
  void write(StringRef Code, StringRef Style) {
    Text = Code.str();
    writeFile(File, Code);
    if (!Style.empty())
      writeFile(std::string(Dir) + "/.clang-format", Style);
  }
  /// A finding that replaces the first \p Old of the file with \p New.
  Finding replacing(StringRef Old, StringRef New) {
    Finding F;
    F.RuleId = "r";
    size_t At = StringRef(Text).find(Old);
    EXPECT_NE(At, StringRef::npos);
    F.Loc = {File, 1, 1, (unsigned)At};
    F.Edits.push_back({File, (unsigned)At, (unsigned)Old.size(), New.str(),
                       contentDigest(Text)});
    return F;
  }
  std::string applied(const Finding &F) {
    Expected<std::string> New = applyEdits(Text, F.Edits);
    EXPECT_TRUE(bool(New));
    return New ? *New : "";
  }

  std::string Text;
};

const char *Code = "void g(int, int);\n"
                   "void f() {\n"
                   "        int   a = 1;\n"
                   "        g(a, a);\n"
                   "        g(a,   a);\n"
                   "}\n";

TEST_F(StyleFormat, OnlyTheWrittenLinesFollowTheStyle) {
  write(Code, "BasedOnStyle: LLVM\nSpaceBeforeParens: Always\n");
  std::vector<Finding> Fs = {replacing("g(a, a);", "g( a,a );")};
  StyleFormatter S;
  S.format(Fs);
  // The written line gets the style (indented as the line before it); the
  // badly spaced lines around it stay as they are.
  EXPECT_EQ(applied(Fs[0]), "void g(int, int);\n"
                            "void f() {\n"
                            "        int   a = 1;\n"
                            "        g (a, a);\n"
                            "        g(a,   a);\n"
                            "}\n");
  EXPECT_TRUE(S.takeWarnings().empty());
}

TEST_F(StyleFormat, TheLinesAfterAWrittenLineAreNotReindented) {
  write("void g(int, int);\n"
        "void f() {\n"
        "        g(1, 1);\n"
        "        g(2,   2);\n"
        "}\n",
        "BasedOnStyle: LLVM\n");
  std::vector<Finding> Fs = {replacing("g(1, 1);", "g( 3,3 );")};
  std::vector<Edit> Written = Fs[0].Edits;
  StyleFormatter S;
  S.format(Fs);
  EXPECT_EQ(applied(Fs[0]), "void g(int, int);\n"
                            "void f() {\n"
                            "  g(3, 3);\n"
                            "        g(2,   2);\n"
                            "}\n");
  // clang-format's formatReplacements() goes on to the next line, whose
  // indentation differs from the style.
  Expected<clang::tooling::Replacements> R =
      toReplacements(File, Text, Written);
  ASSERT_TRUE(bool(R));
  auto Whole = clang::format::formatReplacements(
      Text, *R, clang::format::getLLVMStyle());
  ASSERT_TRUE(bool(Whole));
  Expected<std::string> All = clang::tooling::applyAllReplacements(Text, *Whole);
  ASSERT_TRUE(bool(All));
  EXPECT_NE(All->find("  g(2, 2);\n"), std::string::npos) << *All;
}

TEST_F(StyleFormat, WithoutAStyleFileEditsStayAsWritten) {
  write(Code, "");
  std::vector<Finding> Fs = {replacing("g(a, a);", "g( a,a );")};
  std::vector<Edit> Before = Fs[0].Edits;
  StyleFormatter S;
  S.format(Fs);
  EXPECT_EQ(Fs[0].Edits, Before);
}

TEST_F(StyleFormat, DisableFormatLeavesEditsAsWritten) {
  write(Code, "BasedOnStyle: LLVM\nDisableFormat: true\n");
  std::vector<Finding> Fs = {replacing("g(a, a);", "g( a,a );")};
  std::vector<Edit> Before = Fs[0].Edits;
  StyleFormatter S;
  S.format(Fs);
  EXPECT_EQ(Fs[0].Edits, Before);
}

TEST_F(StyleFormat, AMalformedStyleIsOneWarningAndNoFormatting) {
  write(Code, "BasedOnStyle: LLVM\nIndentWdth: 4\n");
  std::vector<Finding> Fs = {replacing("g(a, a);", "g( a,a );"),
                             replacing("g(a,   a);", "g( a , a );")};
  std::vector<Edit> First = Fs[0].Edits, Second = Fs[1].Edits;
  StyleFormatter S;
  S.format(Fs);
  EXPECT_EQ(Fs[0].Edits, First);
  EXPECT_EQ(Fs[1].Edits, Second);
  std::vector<std::string> W = S.takeWarnings();
  ASSERT_EQ(W.size(), 1u);
  EXPECT_EQ(W[0], std::string(Dir) +
                      "/.clang-format:2:1: warning: the clang-format style "
                      "cannot be used: unknown key 'IndentWdth'; rewrites are "
                      "left as written [pitfix]");
  S.format(Fs);
  EXPECT_TRUE(S.takeWarnings().empty()); // Said once.
}

TEST_F(StyleFormat, IncludeInsertionsStayPure) {
  write("#include <b>\n" + std::string(Code), "BasedOnStyle: LLVM\n");
  Finding F = replacing("g(a, a);", "g( a,a );");
  F.Edits.push_back({File, 0, 0, "#include <a>\n", contentDigest(Text)});
  std::vector<Finding> Fs = {F};
  StyleFormatter S;
  S.format(Fs);
  ASSERT_EQ(Fs[0].Edits.size(), 2u);
  EXPECT_EQ(Fs[0].Edits[0].Text, "#include <a>\n");
  EXPECT_TRUE(isIncludeInsertion(Fs[0].Edits[0]));
  EXPECT_NE(applied(Fs[0]).find("        g(a, a);\n"), std::string::npos);
}

TEST_F(StyleFormat, EditsOfAnotherTextAreLeftAlone) {
  write(Code, "BasedOnStyle: LLVM\n");
  std::vector<Finding> Fs = {replacing("g(a, a);", "g( a,a );")};
  Fs[0].Edits[0].Digest = contentDigest("another text");
  std::vector<Edit> Before = Fs[0].Edits;
  StyleFormatter S;
  S.format(Fs);
  EXPECT_EQ(Fs[0].Edits, Before);
}

TEST_F(StyleFormat, TextsInMemoryReplaceTheDisk) {
  write(Code, "BasedOnStyle: LLVM\n");
  std::string OnDisk = Text;
  Text = "void g(int, int);\nvoid f() {\n  g(1, 1);\n}\n";
  std::vector<Finding> Fs = {replacing("g(1, 1);", "g( 2,2 );")};
  StyleFormatter S;
  S.format(Fs, {{File, Text}});
  EXPECT_EQ(applied(Fs[0]), "void g(int, int);\nvoid f() {\n  g(2, 2);\n}\n");
}

TEST_F(StyleFormat, FindingsThatFormattingWouldMakeCollideStayAsWritten) {
  write("void g(int);\nvoid f() {\n  g(1); g( 2 );\n}\n",
        "BasedOnStyle: LLVM\n");
  // On its own, the first is formatted: the line is split after it, and the
  // spaces of "( 2 )" go.
  std::vector<Finding> Alone = {replacing("g(1);", "g(3);")};
  std::vector<Edit> First = Alone[0].Edits;
  StyleFormatter S;
  S.format(Alone);
  EXPECT_NE(Alone[0].Edits, First);
  // With a second finding that rewrites "( 2 )", those spaces are its
  // edit's: the first keeps its edit as written, and neither conflicts.
  std::vector<Finding> Fs = {replacing("g(1);", "g(3);"),
                             replacing("( 2 )", "(4)")};
  std::vector<Edit> Second = Fs[1].Edits;
  S.format(Fs);
  EXPECT_EQ(Fs[0].Edits, First);
  EXPECT_EQ(Fs[1].Edits, Second);
  EditSet Set;
  Set.add(Fs);
  Set.resolveConflicts();
  for (const Finding &F : Set.findings())
    EXPECT_TRUE(F.Conflict.empty()) << F.Conflict;
}

} // namespace
