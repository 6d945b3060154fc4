//===- Concurrency.cpp ----------------------------------------------------===//
#include "analysis/Concurrency.h"

#include "analysis/AstWalk.h"
#include "analysis/Effects.h"
#include "analysis/FreshName.h"
#include "analysis/HeldLocks.h"
#include "analysis/Locks.h"
#include "analysis/Publication.h"
#include "analysis/SpawnWaits.h"
#include "analysis/UnitCache.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Calls \p F on every statement of \p S that runs as part of the same
/// work: lambdas that are spawned (and, with \p SkipLambdas, all lambdas)
/// are work of their own and are not entered.
void forEachInWork(const Stmt *S, ASTContext &Ctx, const Vocabulary &V,
                   bool SkipLambdas, function_ref<void(const Stmt *)> F) {
  auto OtherWork = [&](const Stmt *X) {
    const auto *L = dyn_cast<LambdaExpr>(X);
    return L && (SkipLambdas || spawnRunning(L, Ctx, V));
  };
  WalkOptions O;
  O.Skip = OtherWork;
  forEachStmt(
      S,
      [&](const Stmt *X) {
        F(X);
        return true;
      },
      O);
}

/// The loop whose body runs \p E, within its function.
const Stmt *enclosingLoopBody(const Expr *E, ASTContext &Ctx,
                              const Stmt **Loop) {
  DynTypedNode Node = DynTypedNode::create(*E);
  const Stmt *Child = E;
  for (int Depth = 0; Depth < 64; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P) {
      if (Parents[0].get<VarDecl>()) {
        Node = Parents[0];
        continue;
      }
      return nullptr;
    }
    if (isa<LambdaExpr>(P))
      return nullptr;
    const Stmt *Body = loopBody(P);
    if (Body && Body == Child) {
      *Loop = P;
      return Body;
    }
    Child = P;
    Node = Parents[0];
  }
  return nullptr;
}

/// Does lambda \p L capture \p VD by reference?
bool capturesByRef(const LambdaExpr *L, const ValueDecl *VD) {
  if (!L)
    return false;
  for (const LambdaCapture &C : L->captures())
    if (C.capturesVariable() && C.getCapturedVar() == VD)
      return C.getCaptureKind() == LCK_ByRef;
  return false;
}

bool capturesThis(const LambdaExpr *L) {
  for (const LambdaCapture &C : L->captures())
    if (C.capturesThis())
      return true;
  return false;
}

bool isSharedGlobal(const VarDecl *VD) {
  return VD->hasGlobalStorage() && VD->getTLSKind() == VarDecl::TLS_None;
}

/// The variable that reference parameter \p D of the work's own function
/// is bound to by the spawn: `std::thread t(f, std::ref(x))` binds f's
/// first parameter to x. Nullptr for other parameters and arguments.
const VarDecl *refBoundVar(const ConcurrentWork &W, const FunctionDecl *Fn,
                           const ValueDecl *D) {
  const auto *P = dyn_cast_or_null<ParmVarDecl>(D);
  if (!P || !P->getType()->isReferenceType() || Fn != W.Body.Function ||
      llvm::find(Fn->parameters(), P) == Fn->param_end())
    return nullptr;
  unsigned Index = P->getFunctionScopeIndex();
  // A member function named as the work takes its object first.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Fn);
      MD && !W.Body.Lambda && MD->isInstance())
    ++Index;
  if (Index >= W.Spawn.CallableArgs.size())
    return nullptr;
  const auto *Call =
      dyn_cast<CallExpr>(stripImplicit(W.Spawn.CallableArgs[Index]));
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Call->getNumArgs() != 1 || !Callee->isInStdNamespace() ||
      !Callee->getIdentifier() ||
      (Callee->getName() != "ref" && Callee->getName() != "cref"))
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || Var->getType()->isReferenceType() ||
      (!Var->hasLocalStorage() && !isSharedGlobal(Var)))
    return nullptr;
  return Var;
}

} // namespace

Concurrency::Concurrency(ASTContext &Ctx, const Vocabulary &V)
    : Ctx(Ctx), V(V) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<SpawnInfo> Spawns;
  forEachStmtInUnit(Ctx, [&](const Stmt *X) {
    if (isa<CXXConstructExpr, CallExpr>(X) &&
        !SM.isInSystemHeader(SM.getExpansionLoc(X->getBeginLoc())))
      if (std::optional<SpawnInfo> S = spawnInfo(cast<Expr>(X), V))
        Spawns.push_back(*S);
    return true;
  });
  for (const SpawnInfo &S : Spawns) {
    std::optional<SpawnedBody> B = spawnedBody(S);
    if (!B || !B->Function)
      continue;
    ConcurrentWork W;
    W.Spawn = S;
    W.Body = *B;
    W.Spawner = enclosingFunction(S.Call, Ctx);
    if (!W.Spawner || !W.Spawner->getBody())
      continue;
    const Stmt *Loop = nullptr;
    // A serial executor runs the instances one after another.
    if (const Stmt *LoopBody = enclosingLoopBody(S.Call, Ctx, &Loop);
        LoopBody && !S.SerialExecutor)
      if (!waitedWithin(S, LoopBody, Ctx)) {
        W.Repeated = true;
        W.RepeatIsLoop = true;
        W.RepeatLoc = Loop->getBeginLoc();
      }
    W.WindowBegin = S.Call->getEndLoc();
    if (const Stmt *Wait = waitAfterSpawn(S, W.Spawner->getBody(), Ctx))
      W.WindowEnd = Wait->getBeginLoc();
    if (SourceLocation Sync = syncAfter(S.Call->getEndLoc(), W.Spawner->getBody());
        Sync.isValid() &&
        (W.WindowEnd.isInvalid() || SM.isBeforeInTranslationUnit(Sync, W.WindowEnd)))
      W.WindowEnd = Sync;
    bool SharedThis = false;
    if (W.Body.Lambda)
      SharedThis = capturesThis(W.Body.Lambda);
    else if (isa<CXXMethodDecl>(W.Body.Function) && !S.CallableArgs.empty())
      SharedThis = isa<CXXThisExpr>(S.CallableArgs[0]->IgnoreParenImpCasts());
    Works.push_back(std::move(W));
    reach(Works.back(), Works.back().Body.Function, SharedThis, 0);
  }
  // The same body spawned more than once runs beside itself.
  DenseMap<const FunctionDecl *, std::vector<size_t>> ByBody;
  for (size_t I = 0; I < Works.size(); ++I)
    ByBody[Works[I].Body.Function->getCanonicalDecl()].push_back(I);
  for (auto &[F, Indices] : ByBody) {
    if (Indices.size() < 2)
      continue;
    for (size_t I : Indices) {
      ConcurrentWork &W = Works[I];
      if (W.Repeated || W.Spawn.SerialExecutor)
        continue;
      size_t Other = Indices[0] == I ? Indices[1] : Indices[0];
      W.Repeated = true;
      W.RepeatIsLoop = false;
      W.RepeatLoc = Works[Other].Spawn.Call->getBeginLoc();
    }
  }
  (void)SM;
}

const Concurrency &Concurrency::of(ASTContext &Ctx, const Vocabulary &V) {
  return perUnit<Concurrency>(Ctx, V);
}

SourceLocation Concurrency::syncAfter(SourceLocation After,
                                     const Stmt *Body) const {
  // Past an atomic operation or a polling loop (`while (!server.ready())`),
  // the spawner may have synchronised with the work: what it does afterwards
  // is not evidence of a race.
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation First;
  auto Found = [&](SourceLocation L) {
    L = SM.getExpansionLoc(L);
    if (!SM.isBeforeInTranslationUnit(SM.getExpansionLoc(After), L))
      return;
    if (First.isInvalid() || SM.isBeforeInTranslationUnit(L, First))
      First = L;
  };
  auto PollingCond = [&](const Expr *Cond, const Stmt *Loop) {
    if (!forEachStmt(Cond, [](const Stmt *S) { return !isa<CallExpr>(S); }))
      Found(Loop->getBeginLoc());
  };
  WalkOptions O;
  O.Lambdas = false;
  forEachStmt(
      Body,
      [&](const Stmt *S) {
        if (const auto *C = dyn_cast<CXXMemberCallExpr>(S)) {
          if (isThreadSafeType(C->getImplicitObjectArgument()->getType(), V))
            Found(C->getBeginLoc());
        } else if (const auto *C = dyn_cast<CXXOperatorCallExpr>(S)) {
          if (C->getNumArgs() && isThreadSafeType(C->getArg(0)->getType(), V))
            Found(C->getBeginLoc());
        } else if (const auto *W = dyn_cast<WhileStmt>(S)) {
          PollingCond(W->getCond(), W);
        } else if (const auto *D = dyn_cast<DoStmt>(S)) {
          PollingCond(D->getCond(), D);
        }
        return true;
      },
      O);
  return First;
}

void Concurrency::reach(ConcurrentWork &W, const FunctionDecl *F,
                        bool SharedThis, int Depth) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || !Def || Depth > 6)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return;
  for (ReachedFunction &R : W.Functions)
    if (R.Function == Def) {
      if (!SharedThis || R.SharedThis)
        return;
      R.SharedThis = true;
      SharedThis = true;
    }
  if (std::none_of(W.Functions.begin(), W.Functions.end(),
                   [&](const ReachedFunction &R) { return R.Function == Def; }))
    W.Functions.push_back({Def, SharedThis});

  std::vector<const CallExpr *> Calls;
  forEachInWork(Def->getBody(), Ctx, V, /*SkipLambdas=*/false,
                [&](const Stmt *S) {
                  if (const auto *C = dyn_cast<CallExpr>(S))
                    Calls.push_back(C);
                });
  const LambdaExpr *Lambda = W.Body.Function == Def ? W.Body.Lambda : nullptr;
  for (const CallExpr *C : Calls) {
    if (spawnInfo(C, V) || locksHeldAt(C, Ctx, V).Any)
      continue;
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee)
      continue;
    bool CalleeThis = false;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
      const Expr *Obj = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Obj))
        CalleeThis = SharedThis;
      else if (const auto *DRE = dyn_cast<DeclRefExpr>(Obj))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          CalleeThis = isSharedGlobal(VD) || capturesByRef(Lambda, VD) ||
                       refBoundVar(W, Def, VD);
    }
    reach(W, Callee, CalleeThis, Depth + 1);
  }
}

std::vector<Access> Concurrency::accessesIn(const Stmt *S,
                                            bool SkipLambdas) const {
  std::vector<Access> Found;
  forEachInWork(S, Ctx, V, SkipLambdas, [&](const Stmt *X) {
    Access A;
    if (isa<DeclRefExpr, MemberExpr>(X) &&
        describeAccess(cast<Expr>(X), Ctx, V, A))
      Found.push_back(A);
  });
  return Found;
}

const ConcurrentWork *Concurrency::workOf(const Expr *SpawnCall) const {
  for (const ConcurrentWork &W : Works)
    if (W.Spawn.Call == SpawnCall)
      return &W;
  return nullptr;
}

/// Is \p A, made by code of \p W running in \p RF, an access to state other
/// threads reach? Sets \p Same when every instance of the work touches the
/// same object.
static bool isShared(const Access &A, const ConcurrentWork &W,
                     const ReachedFunction &RF, ASTContext &Ctx, bool &Same) {
  Same = true;
  const LambdaExpr *Lambda =
      RF.Function == W.Body.Function ? W.Body.Lambda : nullptr;
  auto SharedVar = [&](const VarDecl *VD) {
    if (isSharedGlobal(VD))
      return true;
    if (capturesByRef(Lambda, VD)) {
      Same = !iterationBody(VD, W.Spawn.Call, Ctx);
      return true;
    }
    return false;
  };
  if (const auto *DRE = dyn_cast<DeclRefExpr>(A.Ref))
    return SharedVar(cast<VarDecl>(DRE->getDecl()));
  const auto *ME = cast<MemberExpr>(A.Ref);
  const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Base))
    return RF.SharedThis;
  if (ME->isArrow())
    return false;
  // `a.b.c`: the object at the root of the path.
  while (const auto *Inner = dyn_cast<MemberExpr>(Base)) {
    if (Inner->isArrow())
      return false;
    Base = Inner->getBase()->IgnoreParenImpCasts();
  }
  if (isa<CXXThisExpr>(Base))
    return RF.SharedThis;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Base))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return SharedVar(VD);
  return false;
}

static bool isConstState(const ValueDecl *D) {
  return D->getType().isConstQualified() ||
         (isa<VarDecl>(D) && cast<VarDecl>(D)->isConstexpr());
}

std::vector<SharedUse> Concurrency::sharedUses(const ConcurrentWork &W) const {
  std::vector<SharedUse> Out;
  for (const SharedUse &U : allUsesOf(W))
    if (!locksHeldAt(U.A.Ref, Ctx, V).Any)
      Out.push_back(U);
  return Out;
}

const std::vector<SharedUse> &
Concurrency::allUsesOf(const ConcurrentWork &W) const {
  size_t Index = &W - Works.data();
  if (UsesOfWork.size() != Works.size())
    UsesOfWork.resize(Works.size());
  if (UsesOfWork[Index])
    return *UsesOfWork[Index];
  std::vector<SharedUse> &Out = UsesOfWork[Index].emplace();
  for (const ReachedFunction &RF : W.Functions)
    for (Access A : accessesIn(RF.Function->getBody())) {
      // A reference parameter bound with std::ref: the access is to the
      // spawner's variable, shared like a by-reference capture.
      if (const VarDecl *Bound = refBoundVar(W, RF.Function, A.Decl)) {
        A.Decl = Bound;
        if (isConstState(Bound) || isThreadSafeType(Bound->getType(), V))
          continue;
        bool Same = isSharedGlobal(Bound) ||
                    !iterationBody(Bound, W.Spawn.Call, Ctx);
        Out.push_back({A, &W, Same});
        continue;
      }
      if (isConstState(A.Decl) || isThreadSafeType(A.Decl->getType(), V) ||
          A.Decl->getType()->isReferenceType())
        continue;
      bool Same = true;
      if (!isShared(A, W, RF, Ctx, Same))
        continue;
      Out.push_back({A, &W, Same});
    }
  return Out;
}

std::vector<SharedUse> Concurrency::allUses(const ValueDecl *D) const {
  if (!UsesByDecl) {
    UsesByDecl.emplace();
    for (const ConcurrentWork &W : Works)
      for (const SharedUse &U : allUsesOf(W))
        (*UsesByDecl)[U.A.Decl].push_back(U);
  }
  auto It = UsesByDecl->find(D);
  return It == UsesByDecl->end() ? std::vector<SharedUse>() : It->second;
}

bool Concurrency::inWindow(const ConcurrentWork &W, SourceLocation Loc) const {
  const SourceManager &SM = Ctx.getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  if (!SM.isBeforeInTranslationUnit(SM.getExpansionLoc(W.WindowBegin), Loc))
    return false;
  return W.WindowEnd.isInvalid() ||
         SM.isBeforeInTranslationUnit(Loc, SM.getExpansionLoc(W.WindowEnd));
}

bool Concurrency::inWork(const FunctionDecl *F) const {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || !Def)
    return false;
  for (const ConcurrentWork &W : Works)
    for (const ReachedFunction &RF : W.Functions)
      if (RF.Function == Def)
        return true;
  return false;
}

/// Both spawns post to one serial executor (by its spelled path), which
/// runs their work one item at a time.
static bool sameSerialExecutor(const SpawnInfo &A, const SpawnInfo &B) {
  if (!A.SerialExecutor || !B.SerialExecutor)
    return false;
  std::string Key = mutexKey(A.SerialExecutor);
  return !Key.empty() && Key == mutexKey(B.SerialExecutor);
}

/// The spawner's accesses to \p D between the spawn and the wait: direct
/// ones, and calls into the unit that touch it.
static std::optional<Overlap>
spawnerAccess(const Concurrency &CC, const ConcurrentWork &W,
              const SharedUse &U, bool NeedWrite, std::vector<Access> Direct,
              ASTContext &Ctx, const Vocabulary &V) {
  const ValueDecl *D = U.A.Decl;
  std::string Name = W.Spawner->getNameAsString();
  if (isa<CXXMethodDecl>(W.Spawner) &&
      cast<CXXMethodDecl>(W.Spawner)->getParent()->isLambda())
    Name = "the spawning code";
  else
    Name = "'" + Name + "'";
  for (const Access &A : Direct) {
    if (A.Decl != D || !CC.inWindow(W, A.Ref->getBeginLoc()))
      continue;
    if (NeedWrite && !A.writes())
      continue;
    // Published by a release that the other side observes with an acquire.
    if (orderedByAtomics(U.A.Ref, A.Ref, Ctx))
      continue;
    Overlap O;
    O.How = Overlap::Spawner;
    O.Loc = A.Ref->getBeginLoc();
    O.OtherWrites = A.writes();
    O.Why = Name + (A.writes() ? " writes" : " reads") + " it before waiting";
    return O;
  }
  std::vector<const CallExpr *> Calls;
  WalkOptions NoLambdas;
  NoLambdas.Lambdas = false;
  forEachStmt(
      W.Spawner->getBody(),
      [&](const Stmt *S) {
        if (const auto *C = dyn_cast<CallExpr>(S))
          Calls.push_back(C);
        return true;
      },
      NoLambdas);
  for (const CallExpr *C : Calls) {
    if (!CC.inWindow(W, C->getBeginLoc()) || spawnInfo(C, V) ||
        !C->getDirectCallee() || !C->getDirectCallee()->hasBody())
      continue;
    // What the callee does: a lambda handed to it as an argument (a
    // handler to run later) is not run by the call itself.
    const FunctionDecl *Def = nullptr;
    C->getDirectCallee()->hasBody(Def);
    if (!Def || !Def->getBody())
      continue;
    Effects E = effectsOf(Def->getBody(), Ctx, V);
    auto It = E.Vars.find(D);
    if (It == E.Vars.end() || (NeedWrite && !(It->second.Kind & AK_Write)))
      continue;
    Overlap O;
    O.How = Overlap::Spawner;
    O.Loc = C->getBeginLoc();
    O.OtherWrites = It->second.Kind & AK_Write;
    O.Why = Name + " calls '" + C->getDirectCallee()->getNameAsString() +
            "', which " + (O.OtherWrites ? "writes" : "reads") +
            " it, before waiting";
    return O;
  }
  return std::nullopt;
}

std::optional<Overlap> Concurrency::overlap(const SharedUse &U) const {
  const ConcurrentWork &W = *U.Work;
  bool NeedWrite = !U.A.writes();
  if (W.Repeated && U.SameForEveryInstance && !NeedWrite) {
    Overlap O;
    O.How = Overlap::OtherInstance;
    O.Loc = W.RepeatLoc;
    O.OtherWrites = true;
    O.Why = W.RepeatIsLoop ? "the work is spawned in a loop, so several "
                             "threads run it at once"
                           : "the same work is spawned more than once";
    return O;
  }
  if (std::optional<Overlap> O =
          spawnerAccess(*this, W, U, NeedWrite,
                        accessesIn(W.Spawner->getBody(), true), Ctx, V))
    return O;
  for (const ConcurrentWork &W2 : Works) {
    if (&W2 == &W || W2.Spawner != W.Spawner ||
        W2.Body.Function == W.Body.Function)
      continue;
    if (!inWindow(W, W2.Spawn.Call->getBeginLoc()) &&
        !inWindow(W2, W.Spawn.Call->getBeginLoc()))
      continue;
    if (sameSerialExecutor(W.Spawn, W2.Spawn))
      continue;
    for (const SharedUse &O2 : allUsesOf(W2)) {
      if (O2.A.Decl != U.A.Decl || (NeedWrite && !O2.A.writes()) ||
          orderedByAtomics(U.A.Ref, O2.A.Ref, Ctx))
        continue;
      Overlap O;
      O.How = Overlap::OtherWork;
      O.Loc = O2.A.Ref->getBeginLoc();
      O.OtherWrites = O2.A.writes();
      O.Why = std::string("other spawned work ") +
              (O2.A.writes() ? "writes" : "reads") + " it at the same time";
      return O;
    }
  }
  return std::nullopt;
}

std::vector<Access> Concurrency::outsideUses(const ValueDecl *D) const {
  if (!AccessesByDecl) {
    // Every access of the unit, once, by the declaration accessed.
    DenseMap<const ValueDecl *, std::vector<Access>> &ByDecl =
        AccessesByDecl.emplace();
    forEachStmtInUnit(Ctx, [&](const Stmt *X) {
      Access A;
      if (isa<DeclRefExpr, MemberExpr>(X) &&
          describeAccess(cast<Expr>(X), Ctx, V, A))
        ByDecl[A.Decl].push_back(A);
      return true;
    });
  }
  auto Found = AccessesByDecl->find(D);
  if (Found == AccessesByDecl->end())
    return {};
  std::vector<Access> Out;
  for (const Access &A : Found->second) {
    const FunctionDecl *F = enclosingFunction(A.Ref, Ctx);
    if (!F || inWork(F))
      continue;
    // In a spawner, only the stretch that runs beside the work counts.
    bool Spawner = false, Beside = false;
    for (const ConcurrentWork &W : Works)
      if (W.Spawner == F) {
        Spawner = true;
        Beside = Beside || inWindow(W, A.Ref->getBeginLoc());
      }
    if (!Spawner || Beside)
      Out.push_back(A);
  }
  return Out;
}

} // namespace pitfix
