//===- Completion.cpp -----------------------------------------------------===//
#include "actions/Completion.h"

#include "analysis/AstWalk.h"
#include "analysis/Counters.h"
#include "analysis/Signals.h"
#include "analysis/Spawns.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

bool isPromiseSignal(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *MD = Call ? Call->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || !MD->getParent()->isInStdNamespace())
    return false;
  const CXXRecordDecl *RD = MD->getParent();
  return RD->getIdentifier() && RD->getName() == "promise" &&
         (MD->getName() == "set_value" || MD->getName() == "set_exception");
}

namespace {

/// The completion signals of a body, outside nested lambdas: each signal,
/// and whether it is a counter decrement.
std::vector<std::pair<const Expr *, bool>> signalsIn(const Stmt *Body,
                                                     const Vocabulary &V) {
  std::vector<std::pair<const Expr *, bool>> Found;
  WalkOptions O;
  O.Lambdas = false;
  forEachStmt(
      Body,
      [&](const Stmt *S) {
        const auto *E = dyn_cast<Expr>(S);
        if (isa<CXXMemberCallExpr>(S) && signalCall(E, V))
          Found.push_back({E, false});
        else if (isa<CXXMemberCallExpr, CXXOperatorCallExpr>(S) &&
                 counterDecrement(E, V))
          Found.push_back({E, true});
        return true;
      },
      O);
  return Found;
}

} // namespace

BodyCompletion bodyCompletion(const CompoundStmt *Body, ASTContext &Ctx,
                              const Vocabulary &V) {
  BodyCompletion C;
  if (!Body || Body->body_empty())
    return C;
  const Stmt *Last = Body->body_back();
  const auto *LastExpr = dyn_cast<Expr>(Last);
  const Expr *LastCall = LastExpr ? stripImplicit(LastExpr) : nullptr;
  for (const auto &[E, IsDecrement] : signalsIn(Body, V)) {
    if (E == LastCall && !C.Trailing && !C.Promise) {
      const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
      if (MC && isPromiseSignal(MC))
        C.Promise = MC;
      else
        C.Trailing = Last;
      continue;
    }
    // A counter that nothing waits on is a gauge: skipping its decrement
    // hangs nobody.
    if (IsDecrement) {
      std::optional<CounterOp> Op = counterDecrement(E, V);
      if (!findCounterWaitAround(Op->Object, Body, Ctx, V))
        continue;
    }
    if (!C.Other)
      C.Other = E;
  }
  return C;
}

} // namespace pitfix
