//===- WakeUps.cpp - what code does after a condition-variable wake-up
//-----===//
#include "actions/WakeUps.h"
#include "analysis/AstWalk.h"
#include "analysis/ConditionVariables.h"
#include "analysis/Effects.h"
#include "analysis/Locks.h"
#include "analysis/ManualLocks.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

const Expr *condBare(const Expr *E) { return E->IgnoreParenImpCasts(); }

/// The operands of a chain of \p Op: `a && (b && c)` gives a, b, c.
void flattenChain(const Expr *E, BinaryOperatorKind Op,
                  SmallVectorImpl<const Expr *> &Out) {
  E = condBare(E);
  if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->getOpcode() == Op) {
    flattenChain(B->getLHS(), Op, Out);
    flattenChain(B->getRHS(), Op, Out);
    return;
  }
  Out.push_back(E);
}

bool sameCondition(const Expr *A, const Expr *B, ASTContext &Ctx) {
  FoldingSetNodeID IA, IB;
  condBare(A)->Profile(IA, Ctx, /*Canonical=*/true);
  condBare(B)->Profile(IB, Ctx, /*Canonical=*/true);
  return IA == IB;
}

/// `!x` against `x`, `a == b` against `a != b`.
bool negatesCondition(const Expr *A, const Expr *B, ASTContext &Ctx) {
  A = condBare(A);
  B = condBare(B);
  auto NotOf = [&](const Expr *N, const Expr *X) {
    const auto *U = dyn_cast<UnaryOperator>(N);
    return U && U->getOpcode() == UO_LNot &&
           sameCondition(U->getSubExpr(), X, Ctx);
  };
  if (NotOf(A, B) || NotOf(B, A))
    return true;
  const auto *BA = dyn_cast<BinaryOperator>(A);
  const auto *BB = dyn_cast<BinaryOperator>(B);
  if (!BA || !BB || !BA->isEqualityOp() || !BB->isEqualityOp() ||
      BA->getOpcode() == BB->getOpcode())
    return false;
  return sameCondition(BA->getLHS(), BB->getLHS(), Ctx) &&
         sameCondition(BA->getRHS(), BB->getRHS(), Ctx);
}

bool isZeroLiteral(const Expr *E) {
  const auto *L = dyn_cast<IntegerLiteral>(condBare(E));
  return L && L->getValue() == 0;
}

/// `c.size()` (or `c->size()`) on an object.
bool isSizeCallOf(const Expr *E) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(condBare(E));
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  return MD && MD->getIdentifier() && MD->getName() == "size" &&
         MC->getNumArgs() == 0;
}

} // namespace

Truth truthUnder(const Expr *X, const Expr *C, ASTContext &Ctx) {
  SmallVector<const Expr *, 4> Known, Alternatives;
  flattenChain(C, BO_LAnd, Known);
  flattenChain(X, BO_LOr, Alternatives);
  bool AllRefuted = true;
  for (const Expr *Alt : Alternatives) {
    SmallVector<const Expr *, 4> Terms;
    flattenChain(Alt, BO_LAnd, Terms);
    bool AllKnown = true, Refuted = false;
    for (const Expr *T : Terms) {
      bool Held = false;
      for (const Expr *K : Known) {
        Held |= sameCondition(T, K, Ctx);
        Refuted |= negatesCondition(T, K, Ctx);
      }
      AllKnown &= Held;
    }
    if (AllKnown)
      return Truth::True;
    AllRefuted &= Refuted;
  }
  return AllRefuted ? Truth::False : Truth::Unknown;
}

bool isEmptinessTest(const Expr *E) {
  E = condBare(E);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier() || MC->getNumArgs() != 0)
      return false;
    StringRef N = MD->getName();
    return N == "empty" || N == "isEmpty" || N == "IsEmpty" || N == "is_empty";
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->getOpcode() == UO_LNot && isSizeCallOf(U->getSubExpr());
  if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->getOpcode() == BO_EQ)
    return (isSizeCallOf(B->getLHS()) && isZeroLiteral(B->getRHS())) ||
           (isZeroLiteral(B->getLHS()) && isSizeCallOf(B->getRHS()));
  return false;
}

bool holdsWhenEmpty(const Expr *X) {
  SmallVector<const Expr *, 4> Alternatives;
  flattenChain(X, BO_LOr, Alternatives);
  for (const Expr *Alt : Alternatives)
    if (isEmptinessTest(Alt))
      return true;
  return false;
}

const Stmt *ifJump(const IfStmt *If) {
  if (!If || If->getElse() || If->getInit() || If->getConditionVariable() ||
      If->isConstexpr() || If->isConsteval())
    return nullptr;
  const Stmt *Last = If->getThen();
  if (const auto *B = dyn_cast<CompoundStmt>(Last))
    Last = B->body_empty() ? nullptr : B->body_back();
  if (!Last)
    return nullptr;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(Last))
    return Last;
  if (const auto *E = dyn_cast<Expr>(Last); E && isa<CXXThrowExpr>(condBare(E)))
    return Last;
  return nullptr;
}

bool isPrivateDecl(const Stmt *S, ASTContext &Ctx, const Vocabulary &V) {
  const auto *DS = dyn_cast<DeclStmt>(S);
  if (!DS)
    return false;
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || isSharedStorage(VD))
      return false;
  }
  Effects E = effectsOf(S, Ctx, V);
  if (E.Unknown || E.Barrier || E.External || E.IndirectRead ||
      E.IndirectWrite || E.FarWrite || E.Jump)
    return false;
  for (const auto &[D, A] : E.Vars)
    if (isSharedStorage(D))
      return false;
  return true;
}

const CallExpr *checkingCall(const Stmt *S, ASTContext &Ctx,
                             const Vocabulary &V) {
  const Expr *E = nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    const auto *VD =
        DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
    E = VD ? VD->getInit() : nullptr;
  } else if (const auto *If = dyn_cast<IfStmt>(S)) {
    E = If->getConditionVariable() ? If->getConditionVariable()->getInit()
                                   : If->getCond();
  } else if (const auto *W = dyn_cast<WhileStmt>(S)) {
    E = W->getConditionVariable() ? W->getConditionVariable()->getInit()
                                  : W->getCond();
  } else {
    E = dyn_cast<Expr>(S);
  }
  const CallExpr *Call = nullptr;
  while (E && !Call) {
    E = stripImplicit(E);
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_LNot)
      E = U->getSubExpr();
    else if (const auto *B = dyn_cast<BinaryOperator>(E))
      E = B->isAssignmentOp()   ? B->getRHS()
          : B->isComparisonOp() ? B->getLHS()
                                : nullptr;
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      E = Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 ? Op->getArg(1)
                                                                 : nullptr;
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
      E = CE->getNumArgs() == 1 ? CE->getArg(0) : nullptr;
    else if (!(Call = dyn_cast<CallExpr>(E)))
      return nullptr;
  }
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def)
    return nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body)
    return nullptr;
  for (const Stmt *X : Body->body()) {
    if (isa<NullStmt>(X) || isPrivateDecl(X, Ctx, V))
      continue;
    if (const auto *DS = dyn_cast<DeclStmt>(X); DS && DS->isSingleDecl()) {
      const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
      if (VD && isGuardClass(recordOf(VD->getType()), V))
        continue;
    }
    if (const Expr *XE = statementExpr(X); XE && lockOp(XE, V))
      continue;
    return isa<IfStmt, WhileStmt, ForStmt, CXXForRangeStmt, SwitchStmt>(X)
               ? Call
               : nullptr;
  }
  return nullptr;
}

/// `errno = EAGAIN;`: errno is thread-local, a wrapper's way to return why
/// it woke (the C library spells it as a call: `*__errno_location() = ...`).
static bool isErrnoWrite(const Stmt *S) {
  const auto *B = dyn_cast_or_null<BinaryOperator>(S);
  if (!B || !B->isAssignmentOp())
    return false;
  const auto *U = dyn_cast<UnaryOperator>(B->getLHS()->IgnoreParenImpCasts());
  if (!U || U->getOpcode() != UO_Deref)
    return false;
  const auto *CE = dyn_cast<CallExpr>(U->getSubExpr()->IgnoreParenImpCasts());
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() &&
         (FD->getName() == "__errno_location" || FD->getName() == "__error" ||
          FD->getName() == "_errno" || FD->getName() == "___errno");
}

/// A call to a function that does not return (abort, __assert_fail).
static bool callsNoReturn(const Expr *E) {
  const auto *C = E ? dyn_cast<CallExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
  return FD && FD->isNoReturn();
}

/// `assert(p)`: `p ? void(0) : __assert_fail(...)`, a check that ends the
/// process when it fails and changes nothing when it holds.
static bool isAssertion(const Stmt *S) {
  const Expr *E = statementExpr(S);
  const auto *CO =
      E ? dyn_cast<ConditionalOperator>(E->IgnoreParenImpCasts()) : nullptr;
  return CO && (callsNoReturn(CO->getTrueExpr()) ||
                callsNoReturn(CO->getFalseExpr()));
}

/// A function of this unit that only checks a result and ends the process
/// on an error, then returns it: its body is `if`s on its parameters whose
/// branch ends in a [[noreturn]] call (`abort()`), and a return of a
/// parameter (rocksdb's `PthreadCall(label, result)`). A call to it forwards
/// the wait's raw result.
static bool isAbortingCheck(const FunctionDecl *FD, ASTContext &Ctx) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || isa<CXXMethodDecl>(Def))
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->body_empty())
    return false;
  for (const Stmt *S : Body->body()) {
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      const Stmt *Last = If->getThen();
      if (const auto *B = dyn_cast<CompoundStmt>(Last))
        Last = B->body_empty() ? nullptr : B->body_back();
      if (If->getElse() || If->getInit() || If->getConditionVariable() ||
          !Last || !callsNoReturn(statementExpr(Last)) ||
          !readsOnlyCallLocals(If->getCond(), Body, Ctx))
        return false;
    } else if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      if (R->getRetValue() && !readsOnlyCallLocals(R->getRetValue(), Body, Ctx))
        return false;
    } else {
      return false;
    }
  }
  return true;
}

/// The local declared by \p S whose value only builds the wait's lock:
/// `auto *impl = static_cast<std::timed_mutex *>(mutex_->getUnderlyingImpl());`
/// read only by a guard's construction (`unique_lock lock(*impl,
/// std::adopt_lock)`) and by assertions. Its initialiser calls nothing but
/// const member functions without arguments (getters, perhaps defined in
/// another file).
static bool buildsLockOnly(const Stmt *S, const Stmt *FnBody,
                           const Vocabulary &V) {
  const auto *DS = dyn_cast<DeclStmt>(S);
  const auto *VD = DS && DS->isSingleDecl()
                       ? dyn_cast<VarDecl>(DS->getSingleDecl())
                       : nullptr;
  if (!VD || !VD->hasLocalStorage() || !VD->getInit())
    return false;
  bool Getters = true;
  forEachStmt(VD->getInit(), [&](const Stmt *X) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(X)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      Getters = MD && MD->isConst() && MC->getNumArgs() == 0;
    } else if (isa<CallExpr, CXXConstructExpr, LambdaExpr, BinaryOperator>(X)) {
      Getters = false;
    }
    return Getters;
  });
  if (!Getters)
    return false;
  // Every use is in an assertion or in a guard's construction (a use may
  // be seen through several nodes of one assertion: count each once).
  SmallPtrSet<const DeclRefExpr *, 4> Allowed;
  bool BuildsGuard = false;
  forEachStmt(FnBody, [&](const Stmt *X) {
    if (isAssertion(X)) {
      for (const DeclRefExpr *R : referencesTo(VD, X))
        Allowed.insert(R);
    } else if (const auto *D = dyn_cast<DeclStmt>(X); D && D->isSingleDecl()) {
      if (const auto *G = dyn_cast<VarDecl>(D->getSingleDecl());
          G && G->getInit() && isGuardClass(recordOf(G->getType()), V))
        for (const DeclRefExpr *R : referencesTo(VD, G->getInit())) {
          Allowed.insert(R);
          BuildsGuard = true;
        }
    }
    return true;
  });
  return BuildsGuard && Allowed.size() == referencesTo(VD, FnBody).size();
}

/// `s = Status::TimedOut(Status::SubCode::kMutexTimeout);`: a local of the
/// wrapper set to what a free or static function makes of constants, the
/// wrapper's way to return why it woke.
static bool setsLocalResult(const Stmt *S) {
  const Expr *E = statementExpr(S);
  const Expr *LHS = nullptr, *RHS = nullptr;
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(E);
      B && B->getOpcode() == BO_Assign) {
    LHS = B->getLHS();
    RHS = B->getRHS();
  } else if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
             Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
    LHS = Op->getArg(0);
    RHS = Op->getArg(1);
  }
  const auto *Target =
      LHS ? dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts()) : nullptr;
  const auto *VD = Target ? dyn_cast<VarDecl>(Target->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) ||
      VD->getType()->isReferenceType())
    return false;
  const auto *Call = dyn_cast<CallExpr>(stripImplicit(RHS));
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!FD || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) ||
      (MD && !MD->isStatic()))
    return false;
  for (const Expr *A : Call->arguments()) {
    const Expr *X = A->IgnoreParenImpCasts();
    const auto *R = dyn_cast<DeclRefExpr>(X);
    if (!(R && isa<EnumConstantDecl>(R->getDecl())) &&
        !isa<CXXDefaultArgExpr>(X) &&
        !(!X->isValueDependent() &&
          X->isIntegerConstantExpr(FD->getASTContext())))
      return false;
  }
  return true;
}

static const CallExpr *someWaitIn(const FunctionDecl *FD, const Vocabulary &V);

/// The effects a caller of the wrapper \p FnBody sees from \p S: errno
/// writes, assertions and the set-up of the wait's lock left out, a call
/// to an aborting check or to another wait primitive seen as its
/// arguments only.
/// The effects of the wait \p Wait itself: what it reads, without the
/// writes through its pointers (`pthread_cond_wait(&cv_, &mu_->mu_)` writes
/// the condition variable and the mutex it names, and nothing else).
static Effects waitOwnEffects(const CallExpr *Wait, ASTContext &Ctx,
                              const Vocabulary &V) {
  Effects E = effectsOf(Wait, Ctx, V);
  E.IndirectWrite = EffectSite();
  E.FarWrite = EffectSite();
  return E;
}

static Effects wrapperEffects(const Stmt *S, const Stmt *FnBody,
                              const CallExpr *Wait, ASTContext &Ctx,
                              const Vocabulary &V, unsigned Depth) {
  Effects E;
  if (!S || isErrnoWrite(S) || isAssertion(S) || buildsLockOnly(S, FnBody, V) ||
      setsLocalResult(S))
    return E;
  if (isa<CompoundStmt, IfStmt>(S)) {
    for (const Stmt *C : S->children())
      E.merge(wrapperEffects(C, FnBody, Wait, Ctx, V, Depth));
    return E;
  }
  // `int err = pthread_cond_timedwait(...);`, a local that takes the result.
  if (const auto *DS = dyn_cast<DeclStmt>(S); DS && DS->isSingleDecl())
    if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
        VD && VD->hasLocalStorage() && VD->getInit() &&
        stripImplicit(VD->getInit()) == Wait)
      return waitOwnEffects(Wait, Ctx, V);
  const Expr *X = statementExpr(S);
  if (const auto *R = dyn_cast<ReturnStmt>(S))
    X = R->getRetValue();
  // `return s;`: the result the wrapper built in a local, copied out (its
  // copy constructor may be defined in another file).
  if (const auto *R = dyn_cast<ReturnStmt>(S); R && X) {
    const Expr *Value = stripImplicit(X);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Value);
        CE && CE->getNumArgs() == 1 &&
        CE->getConstructor()->isCopyOrMoveConstructor())
      Value = stripImplicit(CE->getArg(0));
    const auto *Ref = dyn_cast<DeclRefExpr>(Value);
    const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Local && Local->hasLocalStorage() && !isa<ParmVarDecl>(Local) &&
        !Local->getType()->isReferenceType())
      return E;
  }
  if (X && stripImplicit(X) == Wait)
    return waitOwnEffects(Wait, Ctx, V);
  const auto *Call = X ? dyn_cast<CallExpr>(stripImplicit(X)) : nullptr;
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Def = nullptr;
  if (FD && FD->hasBody(Def) && Def && !isa<CXXOperatorCallExpr>(Call)) {
    // A hook that does nothing (instrumentation compiled out): only what
    // its arguments compute counts; naming a variable changes nothing.
    if (const auto *Body = dyn_cast<CompoundStmt>(Def->getBody());
        Body && Body->body_empty() && !isa<CXXConstructorDecl>(Def)) {
      for (const Expr *Arg : Call->arguments()) {
        const Expr *A = stripImplicit(Arg);
        if (const auto *U = dyn_cast<UnaryOperator>(A);
            U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf))
          A = stripImplicit(U->getSubExpr());
        if (!isa<DeclRefExpr, IntegerLiteral, clang::StringLiteral>(A) &&
            A != Wait)
          E.merge(effectsOf(Arg, Ctx, V));
      }
      return E;
    }
    const CallExpr *Inner = Depth < 2 ? someWaitIn(Def, V) : nullptr;
    if (isAbortingCheck(Def, Ctx) ||
        (Inner && isWaitPrimitive(Def, Inner, Ctx, V, Depth + 1))) {
      for (const Expr *Arg : Call->arguments())
        E.merge(stripImplicit(Arg) == Wait ? waitOwnEffects(Wait, Ctx, V)
                                           : effectsOf(Arg, Ctx, V));
      return E;
    }
  }
  return effectsOf(S, Ctx, V);
}

/// The first condition-variable wait in the body of \p FD, if any.
static const CallExpr *someWaitIn(const FunctionDecl *FD, const Vocabulary &V) {
  const CallExpr *Found = nullptr;
  WalkOptions O;
  O.Lambdas = false;
  forEachStmt(
      FD->getBody(),
      [&](const Stmt *X) {
        if (const auto *C = dyn_cast<CallExpr>(X); C && cvWait(C, V))
          Found = C;
        return !Found;
      },
      O);
  return Found;
}

bool isWaitPrimitive(const FunctionDecl *Fn, const CallExpr *Wait,
                     ASTContext &Ctx, const Vocabulary &V, unsigned Depth) {
  if (!Fn || !Fn->getBody() ||
      isa<CXXMethodDecl>(Fn) &&
          cast<CXXMethodDecl>(Fn)->getParent()->isLambda())
    return false;
  SmallPtrSet<const ValueDecl *, 8> Named;
  forEachStmt(Wait, [&](const Stmt *S) {
    if (const auto *D = dyn_cast<DeclRefExpr>(S))
      Named.insert(D->getDecl());
    else if (const auto *M = dyn_cast<MemberExpr>(S))
      Named.insert(M->getMemberDecl());
    return true;
  });
  Effects E = wrapperEffects(Fn->getBody(), Fn->getBody(), Wait, Ctx, V, Depth);
  if (E.Unknown || E.IndirectWrite || E.FarWrite)
    return false;
  for (const auto &[D, A] : E.Vars) {
    bool Outside = isSharedStorage(D) ||
                   (isa<ParmVarDecl>(D) && (D->getType()->isReferenceType() ||
                                            D->getType()->isPointerType()));
    if (!Outside || Named.contains(D))
      continue;
    if (isMutexType(D->getType(), V, /*AllowPointer=*/true))
      continue;
    return false;
  }
  return true;
}

/// Can another thread reach the local \p VD of the function with body
/// \p FnBody: captured by reference by a lambda, its address taken, or bound
/// to a reference (an argument or initializer that is not read as a value)?
static bool localEscapes(const VarDecl *VD, const Stmt *FnBody,
                         ASTContext &Ctx) {
  bool Escapes = false;
  forEachStmt(FnBody, [&](const Stmt *S) {
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &C : L->captures())
        if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef &&
            C.getCapturedVar() == VD)
          Escapes = true;
    } else if (const auto *D = dyn_cast<DeclRefExpr>(S);
               D && D->getDecl() == VD &&
               !D->refersToEnclosingVariableOrCapture()) {
      DynTypedNodeList P = Ctx.getParents(*D);
      const auto *Cast = P.empty() ? nullptr : P[0].get<ImplicitCastExpr>();
      const auto *Op = P.empty() ? nullptr : P[0].get<UnaryOperator>();
      const auto *Assign = P.empty() ? nullptr : P[0].get<BinaryOperator>();
      bool Read = Cast && Cast->getCastKind() == CK_LValueToRValue;
      bool Written = (Assign && Assign->isAssignmentOp() &&
                      Assign->getLHS()->IgnoreParens() == D) ||
                     (Op && Op->isIncrementDecrementOp());
      if (!Read && !Written)
        Escapes = true;
    }
    return !Escapes;
  });
  return Escapes;
}

bool readsOnlyCallLocals(const Expr *Cond, const Stmt *FnBody,
                         ASTContext &Ctx) {
  bool Local = true;
  forEachStmt(Cond, [&](const Stmt *S) {
    if (isa<CallExpr, MemberExpr, CXXThisExpr, CXXNewExpr, LambdaExpr,
            ArraySubscriptExpr>(S))
      Local = false;
    else if (const auto *U = dyn_cast<UnaryOperator>(S);
             U && U->getOpcode() == UO_Deref)
      Local = false;
    else if (const auto *D = dyn_cast<DeclRefExpr>(S)) {
      const auto *VD = dyn_cast<VarDecl>(D->getDecl());
      if (VD && (!VD->hasLocalStorage() || VD->getType()->isReferenceType() ||
                 VD->getType().isVolatileQualified() ||
                 D->refersToEnclosingVariableOrCapture() || !FnBody ||
                 localEscapes(VD, FnBody, Ctx)))
        Local = false;
      else if (!VD && !isa<EnumConstantDecl, FunctionDecl>(D->getDecl()))
        Local = false;
    }
    return Local;
  });
  return Local;
}

bool recheckedLater(const CallExpr *Wait, ASTContext &Ctx) {
  SmallVector<const Expr *, 4> Guards;
  SmallVector<std::pair<const Stmt *, const CompoundStmt *>, 4> Blocks;
  const Stmt *Child = Wait;
  for (const Stmt *P = parentStatement(Child, Ctx); P && !isa<LambdaExpr>(P);
       Child = P, P = parentStatement(P, Ctx)) {
    if (const auto *If = dyn_cast<IfStmt>(P); If && If->getThen() == Child)
      flattenChain(If->getCond(), BO_LAnd, Guards);
    if (const auto *B = dyn_cast<BinaryOperator>(P);
        B && B->getOpcode() == BO_LAnd && B->getRHS() == Child)
      flattenChain(B->getLHS(), BO_LAnd, Guards);
    if (const auto *B = dyn_cast<CompoundStmt>(P))
      Blocks.push_back({Child, B});
  }
  if (Guards.empty())
    return false;
  auto Tests = [&](const Expr *Cond) {
    SmallVector<const Expr *, 4> Ops;
    if (Cond)
      flattenChain(Cond, BO_LAnd, Ops);
    return any_of(Ops, [&](const Expr *Op) {
      return any_of(Guards,
                    [&](const Expr *G) { return sameCondition(Op, G, Ctx); });
    });
  };
  for (auto [Child, Block] : Blocks) {
    bool After = false;
    for (const Stmt *S : Block->body()) {
      if (After) {
        const auto *If = dyn_cast<IfStmt>(S);
        if (Tests(If ? If->getCond() : loopCondition(S)))
          return true;
      }
      After = After || S == Child;
    }
  }
  return false;
}

} // namespace pitfix
