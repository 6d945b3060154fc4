//===- Completion.cpp -----------------------------------------------------===//
#include "analysis/Completion.h"

#include "analysis/Counters.h"
#include "analysis/Signals.h"
#include "analysis/Spawns.h"

#include "clang/AST/RecursiveASTVisitor.h"

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

/// Collects the completion signals of a body, outside nested lambdas.
class SignalCollector : public RecursiveASTVisitor<SignalCollector> {
public:
  explicit SignalCollector(const Vocabulary &V) : V(V) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitExpr(Expr *E) {
    if (isa<CXXMemberCallExpr>(E) && signalCall(E, V)) {
      Found.push_back({E, false});
      return true;
    }
    if (isa<CXXMemberCallExpr, CXXOperatorCallExpr>(E))
      if (std::optional<CounterOp> Op = counterDecrement(E, V))
        Found.push_back({E, true});
    return true;
  }
  const Vocabulary &V;
  /// Each signal, and whether it is a counter decrement.
  std::vector<std::pair<const Expr *, bool>> Found;
};

} // namespace

BodyCompletion bodyCompletion(const CompoundStmt *Body, ASTContext &Ctx,
                              const Vocabulary &V) {
  BodyCompletion C;
  if (!Body || Body->body_empty())
    return C;
  const Stmt *Last = Body->body_back();
  const auto *LastExpr = dyn_cast<Expr>(Last);
  const Expr *LastCall = LastExpr ? stripImplicit(LastExpr) : nullptr;
  SignalCollector S(V);
  S.TraverseStmt(const_cast<CompoundStmt *>(Body));
  for (const auto &[E, IsDecrement] : S.Found) {
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
