//===- LockPurpose.cpp ----------------------------------------------------===//
#include "actions/LockPurpose.h"

#include "analysis/AstWalk.h"
#include "analysis/Blocking.h"
#include "analysis/ConditionVariables.h"
#include "analysis/Effects.h"
#include "analysis/FreshName.h"
#include "analysis/Locks.h"
#include "analysis/ManualLocks.h"
#include "analysis/ThreadJoins.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

bool needsNoLock(const ValueDecl *D, const Vocabulary &V) {
  if (const auto *VD = dyn_cast<VarDecl>(D))
    if (VD->getTLSKind() != VarDecl::TLS_None)
      return true;
  if (V.list(VocabList::ThreadSafeObjects).contains(D))
    return true;
  const CXXRecordDecl *RD = recordOf(D->getType());
  if (const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    RD = S->getSpecializedTemplate()->getTemplatedDecl();
  return RD && V.list(VocabList::ThreadSafeClasses).contains(RD);
}

/// State other threads can see: shared storage, what a reference names, and
/// locals of another function (captured by a lambda that runs elsewhere).
static bool isShared(const ValueDecl *D, const FunctionDecl *Fn) {
  if (isSharedStorage(D) || D->getType()->isReferenceType())
    return true;
  const auto *VD = dyn_cast<VarDecl>(D);
  return VD && VD->isLocalVarDeclOrParm() &&
         VD->getParentFunctionOrMethod() !=
             static_cast<const DeclContext *>(Fn);
}

/// The variable or field that the statement \p S assigns (`x = ...`,
/// `s.x += ...`, `x = ...` through operator=), if any.
static const ValueDecl *assignedDecl(const Stmt *S) {
  const Expr *E = statementExpr(S);
  const Expr *LHS = nullptr;
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(E);
      B && B->isAssignmentOp())
    LHS = B->getLHS();
  else if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
           Op && Op->isAssignmentOp() && Op->getNumArgs() == 2)
    LHS = Op->getArg(0);
  return LHS ? mutexDecl(LHS) : nullptr;
}

/// Is the blocking call \p B (followed to the vocabulary call it makes)
/// output to a stream, file or socket that a mutex may serialise: a write,
/// a flush, opening or closing the file written (`serialisedOutputFunctions`),
/// or a write to an output file stream? Sleeps, reads, receives, connects and
/// waits are not: under a lock they keep every other thread waiting.
static bool isSerialisedOutput(const BlockingCall &B, const Vocabulary &V) {
  const BlockingCall &Inner = B.Via.empty() ? B : B.Via.back();
  const FunctionDecl *FD = calleeOf(Inner.Call);
  if (!FD)
    return false;
  if (V.list(VocabList::SerialisedOutputFunctions).contains(FD))
    return true;
  // std::ofstream: constructed, opened, written, flushed, closed.
  const CXXRecordDecl *RD = nullptr;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    RD = MD->getParent();
  else if (FD->getNumParams() > 0)
    RD = recordOf(FD->getParamDecl(0)->getType().getNonReferenceType());
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    RD = Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  StringRef Class = RD->getName();
  if (Class == "basic_ofstream")
    return true;
  if (Class != "basic_fstream" && Class != "basic_ostream")
    return false;
  StringRef Name = FD->getIdentifier() ? FD->getName() : "";
  return isa<CXXConstructorDecl>(FD) ||
         FD->getOverloadedOperator() == OO_LessLess || Name == "write" ||
         Name == "put" || Name == "flush" || Name == "open" || Name == "close";
}

bool sectionIsOnlyIo(const CriticalSection &CS, ASTContext &Ctx,
                     const Vocabulary &V, bool OutputOnly) {
  BlockingFinder Blocking(Ctx, V);
  const FunctionDecl *Fn = enclosingFunction(CS.Block, Ctx);
  std::vector<const ValueDecl *> Own;
  if (CS.Guard)
    Own.push_back(CS.Guard);
  for (const Expr *M : CS.Mutexes)
    if (const ValueDecl *D = mutexDecl(M))
      Own.push_back(D);
  bool AnyIo = false;
  for (unsigned J = CS.First; J < CS.End; ++J) {
    Effects E = effectsOf(CS.stmt(J), Ctx, V);
    // Input/output, not only a call into unknown code (which may touch
    // anything).
    bool UnknownFirst = E.Unknown && E.External.What == E.Unknown.What &&
                        E.External.Loc == E.Unknown.Loc;
    if (E.External && !UnknownFirst) {
      // The I/O itself, not its result stored in shared state
      // (`cache_ = read_file(path);` guards cache_).
      if (const ValueDecl *D = assignedDecl(CS.stmt(J));
          D && isShared(D, Fn) && !is_contained(Own, D))
        return false;
      // Only output is what a mutex exists to serialise.
      if (OutputOnly)
        for (const BlockingCall &B : Blocking.callsIn(CS.stmt(J)))
          if (!isSerialisedOutput(B, V))
            return false;
      AnyIo = true;
      continue;
    }
    // A write through a pointer no local holds may reach guarded state; a
    // write into a local buffer (`snprintf(buf, ...)`) does not.
    if (E.FarWrite || E.Unknown)
      return false;
    for (const auto &[D, A] : E.Vars)
      if (isShared(D, Fn) && !needsNoLock(D, V) && !is_contained(Own, D))
        return false;
  }
  return AnyIo;
}

bool mutexGuardsOnlyIo(const std::vector<const ValueDecl *> &Mutexes,
                       ASTContext &Ctx, const Vocabulary &V) {
  if (Mutexes.empty())
    return false;
  bool All = true, Any = false;
  forEachSectionOn(Mutexes, Ctx, V, [&](const CriticalSection &CS) {
    if (!All)
      return;
    Any = true;
    // A section that does no input/output at all guards something else.
    All = sectionIsOnlyIo(CS, Ctx, V, /*OutputOnly=*/true);
  });
  return Any && All;
}

/// The shared variable or field of scalar type (a descriptor, a handle)
/// that \p E names, following a parameter of the function called at
/// \p Chain[K] to the argument of that call: the argument written at
/// \p Chain[K-1]. Nullptr otherwise.
static const ValueDecl *
outputTarget(const Expr *E, ArrayRef<const CallExpr *> Chain, size_t K) {
  E = E->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *R = dyn_cast<DeclRefExpr>(E))
    D = R->getDecl();
  else if (const auto *M = dyn_cast<MemberExpr>(E))
    D = M->getMemberDecl();
  if (!D)
    return nullptr;
  if (const auto *P = dyn_cast<ParmVarDecl>(D)) {
    if (K == 0 || P->getType()->isReferenceType())
      return nullptr;
    const CallExpr *Outer = Chain[K - 1];
    const FunctionDecl *Callee = Outer->getDirectCallee();
    unsigned I = P->getFunctionScopeIndex();
    if (!Callee || isa<CXXOperatorCallExpr>(Outer) ||
        Callee->getCanonicalDecl() !=
            cast<FunctionDecl>(P->getDeclContext())->getCanonicalDecl() ||
        I >= Outer->getNumArgs())
      return nullptr;
    return outputTarget(Outer->getArg(I), Chain, K - 1);
  }
  QualType T = D->getType();
  if (!isSharedStorage(D) ||
      !(T->isIntegralOrEnumerationType() || T->isPointerType()))
    return nullptr;
  return D;
}

bool outputTargetIsGuarded(const BlockingCall &B, const CriticalSection &CS,
                           ASTContext &Ctx, const Vocabulary &V) {
  if (!isSerialisedOutput(B, V))
    return false;
  // The call written in the section, then one call per function on the
  // way down to the vocabulary's output call.
  SmallVector<const CallExpr *, 4> Chain;
  SmallVector<const Expr *, 4> Written{B.Call};
  for (const BlockingCall &Step : B.Via)
    Written.push_back(Step.Call);
  for (const Expr *E : Written) {
    const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
    if (!Call)
      return false;
    Chain.push_back(Call);
  }
  SmallVector<const ValueDecl *, 2> Targets;
  for (const Expr *Arg : Chain.back()->arguments())
    if (const ValueDecl *D = outputTarget(Arg, Chain, Chain.size() - 1))
      Targets.push_back(D);
  std::vector<const ValueDecl *> Mutexes;
  for (const Expr *M : CS.Mutexes)
    if (const ValueDecl *D = mutexDecl(M))
      Mutexes.push_back(D);
  if (Targets.empty() || Mutexes.empty())
    return false;
  bool Assigned = false;
  forEachSectionOn(Mutexes, Ctx, V, [&](const CriticalSection &Other) {
    for (unsigned J = Other.First; J < Other.End && !Assigned; ++J) {
      Effects E = effectsOf(Other.stmt(J), Ctx, V);
      for (const ValueDecl *D : Targets)
        Assigned = Assigned || E.writes(D);
    }
  });
  return Assigned;
}

/// `cv.notify_one()`, `pthread_cond_broadcast(&cv)`: wakes waiters.
static bool wakesWaiters(const Expr *E, const Vocabulary &V) {
  const auto *Call = dyn_cast_or_null<CallExpr>(stripImplicit(E));
  if (!Call)
    return false;
  const Expr *Cv = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    Cv = MC->getImplicitObjectArgument();
  else if (Call->getNumArgs() > 0)
    Cv = Call->getArg(0);
  return Cv && isNotifyOf(Call, mutexDecl(Cv), V);
}

/// `std::thread t(work);`, `spawn(work);`: starts work that runs while the
/// section holds the lock (and may try it).
static bool startsWork(const Stmt *S, const Vocabulary &V) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    const auto *Var =
        DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
    return Var && Var->getInit() && spawnValue(Var->getInit(), V);
  }
  const auto *E = dyn_cast<Expr>(S);
  return E && spawnValue(E, V);
}

bool sectionOnlyBlocks(const CriticalSection &CS, ASTContext &Ctx,
                       const Vocabulary &V) {
  BlockingFinder Blocking(Ctx, V);
  bool Any = false;
  for (unsigned J = CS.First; J < CS.End; ++J) {
    const Stmt *S = CS.stmt(J);
    if (isa<NullStmt>(S) || startsWork(S, V))
      continue;
    const Expr *E = statementExpr(S);
    if (!E)
      return false;
    if (wakesWaiters(E, V))
      continue;
    std::vector<BlockingCall> Calls = Blocking.callsIn(S);
    if (Calls.size() != 1 ||
        stripImplicit(Calls.front().Call) != stripImplicit(E))
      return false;
    Any = true;
  }
  return Any;
}

/// A call to a function that does not return.
static bool callsNoReturn(const Expr *E) {
  const auto *C = dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
  return FD && FD->isNoReturn();
}

bool endsProcess(const Stmt *S, ASTContext &Ctx) {
  const Expr *E = statementExpr(S);
  if (!E)
    return false;
  if (callsNoReturn(E))
    return true;
  // assert(false): `cond ? (void)0 : __assert_fail(...)` with a false cond.
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    bool Value = true;
    const Expr *Cond = CO->getCond();
    if (!Cond->isValueDependent() &&
        Cond->EvaluateAsBooleanCondition(Value, Ctx))
      return callsNoReturn(
          statementExpr(Value ? CO->getTrueExpr() : CO->getFalseExpr()));
  }
  return false;
}

/// Is a statement after \p Child in \p Block one that ends the process?
static bool laterEnds(const CompoundStmt *Block, const Stmt *Child,
                      unsigned Limit, ASTContext &Ctx) {
  bool After = false;
  unsigned I = 0;
  for (const Stmt *S : Block->body()) {
    if (I++ >= Limit)
      break;
    if (After && endsProcess(S, Ctx))
      return true;
    After = After || S == Child;
  }
  return false;
}

bool pathEndsProcess(const Stmt *Inner, const CriticalSection &CS,
                     unsigned Index, ASTContext &Ctx) {
  const Stmt *Outer = CS.stmt(Index);
  if (endsProcess(Outer, Ctx) || laterEnds(CS.Block, Outer, CS.End, Ctx))
    return true;
  DynTypedNode Node = DynTypedNode::create(*Inner);
  const Stmt *Child = Inner;
  while (Child != Outer) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    if (const auto *B = Parents[0].get<CompoundStmt>())
      if (laterEnds(B, Child, B->size(), Ctx))
        return true;
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P) {
      // Through a declaration (`int n = read(...);`).
      Node = Parents[0];
      Parents = Ctx.getParents(Node);
      P = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
      if (!P)
        return false;
    }
    Child = P;
    Node = DynTypedNode::create(*P);
  }
  return false;
}

} // namespace pitfix
