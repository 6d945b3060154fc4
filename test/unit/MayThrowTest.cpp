#include "analysis/MayThrow.h"
#include "config/Vocabulary.h"

#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace pitfix;
using namespace clang;

namespace {

/// The shipped vocabulary, compiled once.
const Vocabulary &vocabulary() {
  static Vocabulary *V = [] {
    auto *V = new Vocabulary();
    llvm::cantFail(V->addFile(PITFIX_TEST_RULES_DIR "/vocabulary.yaml"));
    llvm::cantFail(V->compile());
    return V;
  }();
  return *V;
}

/// Parses \p Code and says why the body of function `f` may throw ("" when
/// it may not).
std::string whyThrows(const std::string &Code) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"});
  EXPECT_TRUE(AST);
  const FunctionDecl *F = nullptr;
  for (const Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls())
    if (const auto *FD = dyn_cast<FunctionDecl>(D);
        FD && FD->getName() == "f" && FD->doesThisDeclarationHaveABody())
      F = FD;
  if (!F) {
    ADD_FAILURE() << "no function f";
    return "";
  }
  ThrowAnalysis A(AST->getASTContext(), vocabulary());
  std::optional<ThrowSite> Site = A.firstThrow(F->getBody());
  return Site ? Site->Why : "";
}

} // namespace

TEST(MayThrow, OnlyEvidenceCounts) {
  EXPECT_EQ(whyThrows("void f() { throw 1; }"), "a throw expression");
  // Allocation failure, a body pitfix cannot see and a call through a
  // virtual function are not evidence of a throw.
  EXPECT_EQ(whyThrows("void f() { int *p = new int(1); delete p; }"), "");
  EXPECT_EQ(whyThrows("void g(); void f() { g(); }"), "");
  EXPECT_EQ(whyThrows("struct A { virtual void g() {} };"
                      "void f(A &a) { a.g(); }"),
            "");
}

TEST(MayThrow, NoexceptArithmeticAndCFunctionsDoNotCount) {
  EXPECT_EQ(whyThrows("void g() noexcept; void f(int x) { g(); x = x * 2 + 1; }"),
            "");
  EXPECT_EQ(whyThrows("extern \"C\" int puts(const char *);"
                      "void f() { puts(\"x\"); __builtin_expect(1, 1); }"),
            "");
  // A lambda that is created but not called runs nothing.
  EXPECT_EQ(whyThrows("void f() { auto l = [] { throw 1; }; (void)l; }"), "");
}

TEST(MayThrow, ProjectFunctionsAreLookedInto) {
  EXPECT_EQ(whyThrows("int g(int v) { return v + 1; } void f() { g(1); }"), "");
  EXPECT_EQ(whyThrows("void h(int v) { if (v) throw v; }"
                      "void g(int v) { h(v); } void f() { g(1); }"),
            "'g' may throw");
  // Recursion ends.
  EXPECT_EQ(whyThrows("int g(int v) { return v ? g(v - 1) : 0; }"
                      "void f() { g(3); }"),
            "");
}

TEST(MayThrow, TryBlocksThatCatchCover) {
  EXPECT_EQ(whyThrows("void g(); void f() { try { g(); } catch (...) {} }"), "");
  EXPECT_EQ(whyThrows("struct E {}; struct D : E {};"
                      "void f() { try { throw D(); } catch (const E &) {} }"),
            "");
  EXPECT_EQ(whyThrows("struct E {}; struct D {};"
                      "void f() { try { throw D(); } catch (const E &) {} }"),
            "a throw expression");
  // A rethrow rethrows only what its try block can throw; the handler
  // itself is not covered by its own try.
  EXPECT_EQ(whyThrows("void f() { try { } catch (...) { throw; } }"), "");
  EXPECT_NE(whyThrows("void f() { try { throw 1; } catch (...) { throw; } }"),
            "");
}
