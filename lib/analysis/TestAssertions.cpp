//===- TestAssertions.cpp -------------------------------------------------===//
#include "analysis/TestAssertions.h"

#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// Is \p Loc inside the expansion of a macro of the list \p Macros?
static bool inExpansionOf(SourceLocation Loc, const SourceManager &SM,
                          const LangOptions &LO, const NameList &Macros) {
  for (int Depth = 0; Loc.isMacroID() && Depth < 64; ++Depth) {
    StringRef Name = Lexer::getImmediateMacroName(Loc, SM, LO);
    if (!Name.empty() && Macros.containsQualified(Name))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

bool inTestAssertion(SourceLocation Loc, const SourceManager &SM,
                     const LangOptions &LO, const Vocabulary &V) {
  return inExpansionOf(Loc, SM, LO, V.list(VocabList::TestAssertionMacros));
}

bool inAssertion(SourceLocation Loc, const SourceManager &SM,
                 const LangOptions &LO, const Vocabulary &V) {
  return inExpansionOf(Loc, SM, LO, V.list(VocabList::AssertionMacros));
}

bool isTestCaseBody(const FunctionDecl *Fn, const Vocabulary &V) {
  if (!Fn)
    return false;
  const ASTContext &Ctx = Fn->getASTContext();
  return inExpansionOf(Fn->getLocation(), Ctx.getSourceManager(),
                       Ctx.getLangOpts(), V.list(VocabList::TestCaseMacros));
}

} // namespace pitfix
