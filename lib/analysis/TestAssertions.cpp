//===- TestAssertions.cpp -------------------------------------------------===//
#include "analysis/TestAssertions.h"

#include "clang/Lex/Lexer.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

bool inTestAssertion(SourceLocation Loc, const SourceManager &SM,
                     const LangOptions &LO, const Vocabulary &V) {
  const NameList &Macros = V.names("testAssertionMacros");
  for (int Depth = 0; Loc.isMacroID() && Depth < 64; ++Depth) {
    StringRef Name = Lexer::getImmediateMacroName(Loc, SM, LO);
    if (!Name.empty() && Macros.containsQualified(Name))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

} // namespace pitfix
