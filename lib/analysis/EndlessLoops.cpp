//===- EndlessLoops.cpp ---------------------------------------------------===//
#include "analysis/EndlessLoops.h"

#include "analysis/AstWalk.h"
#include "analysis/Blocking.h"
#include "analysis/MayThrow.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Is \p Cond (of a loop) missing or a constant true?
bool alwaysTrue(const Expr *Cond, ASTContext &Ctx) {
  if (!Cond)
    return true;
  if (Cond->isValueDependent() || Cond->HasSideEffects(Ctx))
    return false;
  bool Result = false;
  return Cond->EvaluateAsBooleanCondition(Result, Ctx) && Result;
}

/// Finds a way out of a loop body.
class ExitFinder {
public:
  ExitFinder(ASTContext &Ctx, const Vocabulary &V) : Ctx(Ctx), V(V) {}

  /// \p BreakLeaves: a `break` here leaves the loop being examined.
  bool exits(const Stmt *S, bool BreakLeaves) {
    if (!S)
      return false;
    if (isa<ReturnStmt, GotoStmt, CoreturnStmt, CXXThrowExpr, IndirectGotoStmt>(S))
      return true;
    if (isa<BreakStmt>(S))
      return BreakLeaves;
    if (isa<LambdaExpr>(S))
      return false;
    if (const auto *C = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *FD = C->getDirectCallee())
        if (FD->isNoReturn() || V.list(VocabList::StopChecks).contains(FD) ||
            V.list(VocabList::OutsideStoppedLoops).contains(FD))
          return true;
    bool Inner = BreakLeaves &&
                 !isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt>(S);
    for (const Stmt *Child : S->children())
      if (exits(Child, Inner))
        return true;
    return false;
  }

private:
  ASTContext &Ctx;
  const Vocabulary &V;
};

/// Is \p S a condition variable wait without a stop_token?
bool isCvWaitWithoutToken(const Stmt *S) {
  const auto *C = dyn_cast<CXXMemberCallExpr>(S);
  if (!C)
    return false;
  const CXXMethodDecl *MD = C->getMethodDecl();
  const CXXRecordDecl *RD = MD ? MD->getParent() : nullptr;
  if (!MD || !MD->getIdentifier() || !RD || !RD->getIdentifier() ||
      !MD->getName().starts_with("wait") ||
      !RD->getName().starts_with("condition_variable"))
    return false;
  bool Token = false;
  for (const Expr *A : C->arguments())
    if (const CXXRecordDecl *T = A->getType()->getAsCXXRecordDecl())
      Token |= T->getIdentifier() && T->getName() == "stop_token";
  return !Token;
}

} // namespace

bool isForeverLoop(const Stmt *S, ASTContext &Ctx) {
  if (const auto *W = dyn_cast<WhileStmt>(S))
    return !W->getConditionVariable() && alwaysTrue(W->getCond(), Ctx);
  if (const auto *F = dyn_cast<ForStmt>(S))
    return !F->getConditionVariable() && alwaysTrue(F->getCond(), Ctx);
  if (const auto *D = dyn_cast<DoStmt>(S))
    return alwaysTrue(D->getCond(), Ctx);
  return false;
}

const Stmt *endlessLoop(const CompoundStmt *Body, ASTContext &Ctx,
                        const Vocabulary &V) {
  if (!Body)
    return nullptr;
  ThrowAnalysis TA(Ctx, V);
  for (const Stmt *S : Body->body()) {
    if (!isForeverLoop(S, Ctx))
      continue;
    if (ExitFinder(Ctx, V).exits(S, /*BreakLeaves=*/false))
      continue;
    // The loop itself: a break directly in its body leaves it.
    const Stmt *LoopBody = loopBody(S);
    if (ExitFinder(Ctx, V).exits(LoopBody, /*BreakLeaves=*/true))
      continue;
    if (TA.firstThrow(S))
      continue; // an exception leaves it
    return S;
  }
  return nullptr;
}

const Expr *waitWithoutToken(const Stmt *S) {
  const Expr *Found = nullptr;
  WalkOptions O;
  O.Lambdas = false;
  forEachStmt(
      S,
      [&](const Stmt *X) {
        if (isCvWaitWithoutToken(X))
          Found = cast<Expr>(X);
        return !Found;
      },
      O);
  return Found;
}

bool cancelledFromOutside(const Stmt *Loop, const VarDecl *Handle,
                          const FunctionDecl *Fn, ASTContext &Ctx,
                          const Vocabulary &V) {
  if (!Loop || !Handle || !Fn || !Fn->getBody() ||
      BlockingFinder(Ctx, V).callsIn(Loop).empty())
    return false;
  auto NamesHandle = [&](const Expr *A) {
    A = A->IgnoreParenImpCasts();
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(A)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (!MD || !MD->getIdentifier() || MD->getName() != "native_handle")
        return false;
      A = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
    }
    const auto *D = dyn_cast<DeclRefExpr>(A);
    return D && D->getDecl() == Handle;
  };
  return !forEachStmt(Fn->getBody(), [&](const Stmt *S) {
    const auto *C = dyn_cast<CallExpr>(S);
    const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
    return !(FD && FD->getIdentifier() && FD->getName() == "pthread_cancel" &&
             C->getNumArgs() == 1 && NamesHandle(C->getArg(0)));
  });
}

} // namespace pitfix
