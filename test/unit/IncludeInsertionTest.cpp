#include "toolkit/IncludeInsertion.h"

#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace pitfix;
using namespace clang;

TEST(IncludeInsertion, AfterTheLastIncludeOnce) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      "// header\n#include <stddef.h>\n#include <stdint.h>\nint x;\n",
      {"-std=c++17"});
  ASSERT_TRUE(AST);
  SourceManager &SM = AST->getSourceManager();
  FileID Main = SM.getMainFileID();
  auto E = includeEdit(SM, Main, {"<stdint.h>", "cstdio", "\"a.h\""});
  ASSERT_TRUE(E.has_value());
  EXPECT_EQ(E->Text, "#include <cstdio>\n#include \"a.h\"\n");
  EXPECT_EQ(SM.getFileOffset(E->Loc), 50u);
  EXPECT_FALSE(includeEdit(SM, Main, {"<stddef.h>"}).has_value());
}

TEST(IncludeInsertion, AfterPragmaOnceOrAtTheTop) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs("void f() {}\n", {"-std=c++17"});
  ASSERT_TRUE(AST);
  SourceManager &SM = AST->getSourceManager();
  auto E = includeEdit(SM, SM.getMainFileID(), {"mutex"});
  ASSERT_TRUE(E.has_value());
  EXPECT_EQ(E->Text, "#include <mutex>\n");
  EXPECT_EQ(SM.getFileOffset(E->Loc), 0u);

  std::unique_ptr<ASTUnit> H = tooling::buildASTFromCodeWithArgs(
      "#pragma once\nvoid g();\n", {"-std=c++17"});
  ASSERT_TRUE(H);
  SourceManager &HSM = H->getSourceManager();
  auto HE = includeEdit(HSM, HSM.getMainFileID(), {"<mutex>"});
  ASSERT_TRUE(HE.has_value());
  EXPECT_EQ(HSM.getFileOffset(HE->Loc), 13u);
}
