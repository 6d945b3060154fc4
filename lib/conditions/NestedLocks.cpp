//===- NestedLocks.cpp ----------------------------------------------------===//
#include "conditions/NestedLocks.h"

#include "analysis/AstWalk.h"
#include "analysis/LockModel.h"
#include "analysis/Locks.h"
#include "analysis/ManualLocks.h"
#include "conditions/LockAcquisitions.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// The local guard variable that \p E names (`lk` in `lk.lock()`), and what
/// its construction takes, or nullptr.
static const VarDecl *guardVariable(const Expr *E, const Vocabulary &V,
                                    GuardInfo *Info = nullptr) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || !VD->getInit())
    return nullptr;
  std::optional<GuardInfo> G = guardInfo(VD->getInit(), V);
  if (!G)
    return nullptr;
  if (Info)
    *Info = *G;
  return VD;
}

std::optional<TakenLock> takenLock(const Expr *E, const Vocabulary &V) {
  if (!E || !isa<CXXConstructExpr, CallExpr>(E))
    return std::nullopt;
  if (std::optional<Acquisition> A = blockingAcquisition(E, V))
    return TakenLock{E, A->Mutexes, A->Shared, isa<CXXConstructExpr>(E),
                     A->CFunction};
  // `lk.lock()` on a deferred (or unlocked) guard takes the guard's mutex.
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
  if (!MC || !MC->getMethodDecl())
    return std::nullopt;
  std::optional<LockCallKind> K = LockModel(V).methodKind(MC->getMethodDecl());
  GuardInfo G;
  if (!K || K->Kind != LockOpKind::Lock ||
      !guardVariable(MC->getImplicitObjectArgument(), V, &G))
    return std::nullopt;
  return TakenLock{E, G.Mutexes, G.Shared || K->Shared, false, false, true};
}

/// Sets \p H's reader and C-function flags from the statement that takes
/// its lock, and returns the guard variable that holds it, if any.
static const VarDecl *describeTaker(const Stmt *S, const Vocabulary &V,
                                    HeldLock &H) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    const auto *VD =
        DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
    if (VD && VD->getInit())
      if (std::optional<GuardInfo> G = guardInfo(VD->getInit(), V)) {
        H.Shared = G->Shared;
        return VD;
      }
    return nullptr;
  }
  if (const auto *If = dyn_cast<IfStmt>(S))
    S = If->getCond();
  const VarDecl *Guard = nullptr;
  forEachStmt(S, [&](const Stmt *X) {
    const auto *E = dyn_cast<Expr>(X);
    if (!E)
      return true;
    if (std::optional<LockOp> Op = lockOp(E, V)) {
      H.Shared = Op->Shared;
      H.CFunction = Op->CFunction;
      return false;
    }
    GuardInfo G;
    if (const VarDecl *VD = guardVariable(E, V, &G)) {
      H.Shared = G.Shared;
      Guard = VD;
      return false;
    }
    return true;
  });
  return Guard;
}

/// A release in a block that then returns or throws (`if (bad) {
/// m.unlock(); return; }`): the code after that block still holds the
/// mutex. \p Stop is the section's own block.
static bool leavesAfter(const Expr *Release, const CompoundStmt *Stop,
                        ASTContext &Ctx) {
  const Stmt *S = Release;
  while (const Stmt *P = parentStatement(S, Ctx)) {
    if (P == Stop)
      return false;
    if (const auto *B = dyn_cast<CompoundStmt>(P)) {
      const Stmt *Last = B->body_back();
      return isa<ReturnStmt>(Last) ||
             isa_and_nonnull<CXXThrowExpr>(statementExpr(Last));
    }
    S = P;
  }
  return false;
}

/// Does a statement of \p CS's block, from \p From to \p To, release its
/// mutex before \p Site on a path that goes on to it?
static bool releasedBefore(const CriticalSection &CS, unsigned From,
                           unsigned To, const Expr *Site,
                           const VarDecl *GuardVar, ASTContext &Ctx,
                           const Vocabulary &V) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation SiteLoc = SM.getExpansionLoc(Site->getBeginLoc());
  std::vector<std::string> Keys;
  for (const Expr *M : CS.Mutexes)
    Keys.push_back(mutexKey(M));
  bool Released = false;
  WalkOptions O;
  O.Lambdas = false;
  for (unsigned J = From; J <= To && J < CS.Block->size() && !Released; ++J)
    forEachStmt(
        CS.stmt(J),
        [&](const Stmt *X) {
          const auto *E = dyn_cast<CallExpr>(X);
          if (!E || !SM.isBeforeInTranslationUnit(
                        SM.getExpansionLoc(E->getBeginLoc()), SiteLoc))
            return true;
          for (const std::string &K : Keys)
            if (releasesMutex(E, K, GuardVar, V) &&
                !leavesAfter(E, CS.Block, Ctx))
              Released = true;
          return !Released;
        },
        O);
  return Released;
}

std::vector<HeldLock> locksHeldWhere(const Expr *Site, ASTContext &Ctx,
                                     const Vocabulary &V) {
  // The blocks around Site, innermost first, each with the index of its
  // statement that contains Site.
  std::vector<std::pair<const CompoundStmt *, unsigned>> Chain;
  DynTypedNode Node = DynTypedNode::create(*Site);
  const Stmt *Child = Site;
  for (int Depth = 0; Depth < 512; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty() || Parents[0].get<LambdaExpr>())
      break;
    if (const auto *VD = Parents[0].get<VarDecl>();
        VD && VD->isLocalVarDecl()) {
      Node = Parents[0];
      continue;
    }
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P)
      break;
    if (const auto *B = dyn_cast<CompoundStmt>(P))
      Chain.push_back({B, indexInBlock(B, Child)});
    Child = P;
    Node = Parents[0];
  }
  std::vector<HeldLock> Held;
  for (size_t K = 0; K < Chain.size(); ++K) {
    auto [B, Index] = Chain[K];
    for (unsigned J = 0; J <= Index && J < B->size(); ++J) {
      std::optional<CriticalSection> CS = sectionStartingAt(B, J, V);
      if (!CS)
        continue;
      // The index, in the section's block, of the statement holding Site.
      unsigned At = Index, From = J + 1;
      if (CS->Block == B) {
        if (J == Index || Index < CS->First || Index >= CS->End)
          continue;
      } else {
        // `if (m.try_lock()) { ... }`: its then-block is the section.
        if (J != Index || K == 0 || Chain[K - 1].first != CS->Block)
          continue;
        At = Chain[K - 1].second;
        From = 0;
        if (At >= CS->End)
          continue;
      }
      HeldLock H;
      H.Taken = B->body_begin()[J];
      H.Kind = CS->Kind;
      H.Block = CS->Block;
      const VarDecl *GuardVar = describeTaker(H.Taken, V, H);
      if (CS->Guard)
        GuardVar = CS->Guard;
      if (releasedBefore(*CS, From, At, Site, GuardVar, Ctx, V))
        continue;
      for (const Expr *M : CS->Mutexes) {
        H.Mutex = M;
        Held.push_back(H);
      }
    }
  }
  return Held;
}

} // namespace pitfix
