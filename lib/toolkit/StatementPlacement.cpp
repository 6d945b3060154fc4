//===- StatementPlacement.cpp ---------------------------------------------===//
#include "toolkit/StatementPlacement.h"

#include "analysis/AstWalk.h"
#include "analysis/SourceText.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

bool startsLine(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid() || Loc.isMacroID())
    return false;
  auto [FID, Off] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return false;
  while (Off > 0 && (Buf[Off - 1] == ' ' || Buf[Off - 1] == '\t'))
    --Off;
  return Off == 0 || Buf[Off - 1] == '\n';
}

SourceLocation lineStart(SourceLocation Loc, const SourceManager &SM) {
  auto [FID, Off] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return Loc;
  unsigned Start = Off;
  while (Start > 0 && Buf[Start - 1] != '\n')
    --Start;
  return Loc.getLocWithOffset(-static_cast<int>(Off - Start));
}

/// \p Child is the lone body of the loop or branch \p P: the slot with
/// braces, or nullopt when \p Child is another part of \p P.
static std::optional<StatementSlot> bodySlot(const Stmt *P, const Stmt *Child) {
  StatementSlot S;
  S.Before = Child;
  S.Owner = P;
  if (const auto *If = dyn_cast<IfStmt>(P)) {
    if (Child == If->getThen())
      S.HeaderEnd = If->getRParenLoc();
    else if (Child == If->getElse())
      S.HeaderEnd = If->getElseLoc();
    else
      return std::nullopt;
  } else if (const auto *For = dyn_cast<ForStmt>(P)) {
    if (Child != For->getBody())
      return std::nullopt;
    S.HeaderEnd = For->getRParenLoc();
  } else if (const auto *While = dyn_cast<WhileStmt>(P)) {
    if (Child != While->getBody())
      return std::nullopt;
    S.HeaderEnd = While->getRParenLoc();
  } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(P)) {
    if (Child != Range->getBody())
      return std::nullopt;
    S.HeaderEnd = Range->getRParenLoc();
  } else if (const auto *Do = dyn_cast<DoStmt>(P)) {
    if (Child != Do->getBody())
      return std::nullopt;
    S.HeaderEnd = Do->getDoLoc();
  } else {
    return std::nullopt;
  }
  return S;
}

RefusalOr<StatementSlot> slotBefore(const Expr *E, ASTContext &Ctx) {
  const Stmt *Child = E;
  while (true) {
    const Stmt *P = parentStatement(Child, Ctx);
    if (!P)
      return Refusal("the spawn is not inside a block");
    if (isa<CompoundStmt>(P)) {
      StatementSlot S;
      S.Before = Child;
      return S;
    }
    if (isa<IfStmt, ForStmt, WhileStmt, CXXForRangeStmt, DoStmt>(P)) {
      if (std::optional<StatementSlot> S = bodySlot(P, Child))
        return *S;
      return Refusal("the spawn is in the header of a loop or the condition "
                     "of a statement");
    }
    if (isa<SwitchStmt>(P))
      return Refusal("the spawn is in the condition of a switch");
    // `case 1: spawn;` and `label: spawn;`: the new statement goes after the
    // label, directly before the spawning statement.
    if (isa<SwitchCase, LabelStmt, AttributedStmt>(P)) {
      StatementSlot S;
      S.Before = Child;
      return S;
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P))
      if (Child != CO->getCond())
        return Refusal("the spawn runs on one branch of a '?:' expression");
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      if (BO->isLogicalOp() && Child == BO->getRHS())
        return Refusal("the spawn runs only when the left side of '" +
                       BO->getOpcodeStr() + "' allows it");
    if (isa<LambdaExpr>(P))
      return Refusal("the spawn is in a lambda capture");
    Child = P;
  }
}

void insertInSlot(SourceChanges &F, const StatementSlot &Slot,
                  ArrayRef<std::string> Statements, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const Stmt *B = Slot.Before;
  SourceLocation Begin = B->getBeginLoc();
  std::string Indent = lineIndent(Begin, SM);
  // One statement per line, each with the indentation of the statement
  // they precede; or all on its line when it does not start one.
  std::string Lines, Inline;
  for (const std::string &S : Statements) {
    Lines += Indent + S + "\n";
    Inline += S + " ";
  }
  bool OwnLine = startsLine(Begin, SM);
  if (!Slot.Owner) {
    if (OwnLine)
      F.insert(lineStart(Begin, SM), Lines);
    else
      F.insert(Begin, Inline);
    return;
  }
  CharSourceRange R = statementRange(B, SM, LO);
  bool HeaderOnEarlierLine = Slot.HeaderEnd.isValid() &&
                             !Slot.HeaderEnd.isMacroID() &&
                             SM.getSpellingLineNumber(Slot.HeaderEnd) <
                                 SM.getSpellingLineNumber(Begin);
  if (OwnLine && HeaderOnEarlierLine) {
    F.insert(endOfToken(Slot.HeaderEnd, SM, LO), " {");
    F.insert(lineStart(Begin, SM), Lines);
    F.insert(R.getEnd(), "\n" + lineIndent(Slot.HeaderEnd, SM) + "}");
    return;
  }
  F.insert(Begin, "{ " + Inline);
  F.insert(R.getEnd(), " }");
}

} // namespace pitfix
