//===- CriticalSections.cpp -----------------------------------------------===//
#include "analysis/CriticalSections.h"

#include "analysis/AstWalk.h"
#include "analysis/Effects.h"
#include "analysis/LockModel.h"
#include "analysis/Locks.h"
#include "analysis/ManualLocks.h"
#include "analysis/Spawns.h"
#include "analysis/UnitCache.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

bool CriticalSection::releasedExplicitly() const { return End < Block->size(); }

const Stmt *CriticalSection::stmt(unsigned I) const {
  return Block->body_begin()[I];
}

/// A statement that calls a lock method (of a mutex, or of a guard such as
/// a deferred unique_lock) or a C lock function of the kind \p Kind: the
/// mutex or guard it acts on.
static const Expr *lockCallOn(const Stmt *S, LockOpKind Kind,
                              const LockModel &L) {
  const Expr *E = statementExpr(S);
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    std::optional<LockCallKind> K = L.methodKind(MC->getMethodDecl());
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (K && K->Kind == Kind && Obj &&
        isMutexType(Obj->getType(), L.vocab(), /*AllowPointer=*/true))
      return Obj->IgnoreParenImpCasts();
    return nullptr;
  }
  if (const auto *C = dyn_cast_or_null<CallExpr>(E)) {
    std::optional<LockCallKind> K = L.functionKind(C->getDirectCallee());
    if (K && K->Kind == Kind && C->getNumArgs() >= 1)
      return C->getArg(0)->IgnoreParenImpCasts();
  }
  return nullptr;
}

/// Does statement \p S release what \p Key (a mutex or a guard) holds?
static bool releases(const Stmt *S, const std::string &Key,
                     const LockModel &L) {
  if (Key.empty())
    return false;
  const Expr *Obj = lockCallOn(S, LockOpKind::Unlock, L);
  return Obj && mutexKey(Obj) == Key;
}

/// A statement that always leaves: return, break, continue, throw, or a
/// block that ends in one.
static bool alwaysLeaves(const Stmt *S) {
  if (const auto *B = dyn_cast_or_null<CompoundStmt>(S))
    return !B->body_empty() && alwaysLeaves(B->body_back());
  if (isa_and_nonnull<ReturnStmt, BreakStmt, ContinueStmt>(S))
    return true;
  return isa_and_nonnull<CXXThrowExpr>(statementExpr(S));
}

/// `lock.owns_lock()` or `lock` (its operator bool), possibly negated, on a
/// guard constructed with std::try_to_lock: the try it tests, with the
/// guard's mutex, as a LockOp (Negated: true when the test is true on
/// failure).
static std::optional<LockOp> ownsLockTested(const Expr *Cond,
                                            const Vocabulary &V,
                                            bool &Negated) {
  Negated = false;
  const Expr *E = Cond->IgnoreParenImpCasts();
  while (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() != UO_LNot)
      return std::nullopt;
    Negated = !Negated;
    E = U->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !(isa<CXXConversionDecl>(MD) ||
               (MD->getIdentifier() && MD->getName() == "owns_lock")))
    return std::nullopt;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || !VD->isLocalVarDecl() || !VD->getInit())
    return std::nullopt;
  std::optional<GuardInfo> G = guardInfo(VD->getInit(), V);
  if (!G || G->Mode != LockMode::Tries || G->Mutexes.size() != 1)
    return std::nullopt;
  LockOp Op;
  Op.Call = MC;
  Op.Mutex = G->Mutexes[0];
  Op.Kind = LockOpKind::TryLock;
  Op.Shared = G->Shared;
  Op.Key = mutexKey(Ref);
  return Op;
}

/// The try that \p Cond tests: a try-lock call or a tried guard's state.
static std::optional<LockOp> tryTested(const Expr *Cond, const Vocabulary &V,
                                       bool &Negated) {
  if (std::optional<LockOp> Op = tryLockTested(Cond, V, Negated))
    return Op;
  return ownsLockTested(Cond, V, Negated);
}

/// `if (!m.try_lock()) return;`: the try, when the statement is such a test
/// whose failure branch leaves.
static std::optional<LockOp> failedTryExits(const Stmt *S,
                                            const Vocabulary &V) {
  const auto *If = dyn_cast<IfStmt>(S);
  bool Negated = false;
  if (!If || If->getElse() || If->getInit() || If->getConditionVariable())
    return std::nullopt;
  std::optional<LockOp> Op = tryTested(If->getCond(), V, Negated);
  if (!Op || !Negated || !alwaysLeaves(If->getThen()))
    return std::nullopt;
  return Op;
}

/// The section of `if (m.try_lock()) { ... }`: its then-block.
static std::optional<CriticalSection> trySection(const IfStmt *If,
                                                 const LockModel &L) {
  bool Negated = false;
  const auto *Then = dyn_cast_or_null<CompoundStmt>(If->getThen());
  if (!Then || If->getConditionVariable())
    return std::nullopt;
  std::optional<LockOp> Op = tryTested(If->getCond(), L.vocab(), Negated);
  if (!Op || Negated)
    return std::nullopt;
  CriticalSection CS;
  CS.Block = Then;
  CS.Kind = SectionKind::TryLock;
  CS.TryIf = If;
  CS.Mutexes = {Op->Mutex};
  CS.End = Then->size();
  for (unsigned J = 0; J < Then->size(); ++J)
    if (releases(Then->body_begin()[J], Op->Key, L)) {
      CS.End = J;
      break;
    }
  return CS;
}

static bool hasUnlockMethod(const VarDecl *VD) {
  const CXXRecordDecl *RD = recordOf(VD->getType());
  if (!RD || !RD->hasDefinition())
    return false;
  for (const Decl *D : RD->getDefinition()->decls())
    if (const auto *M = dyn_cast<CXXMethodDecl>(D))
      if (M->getIdentifier() && M->getName() == "unlock")
        return true;
  return false;
}

std::optional<CriticalSection> sectionStartingAt(const CompoundStmt *B,
                                                 unsigned I,
                                                 const Vocabulary &V) {
  if (I >= B->size())
    return std::nullopt;
  const Stmt *S = B->body_begin()[I];
  LockModel L(V);
  CriticalSection CS;
  CS.Block = B;
  CS.Acquire = I;
  CS.First = I + 1;
  CS.End = B->size();
  std::string Key;
  bool BareTry = false;
  if (const auto *If = dyn_cast<IfStmt>(S); If && !failedTryExits(S, V))
    return trySection(If, L);
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    const auto *VD = DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl())
                                        : nullptr;
    if (!VD || !VD->getInit())
      return std::nullopt;
    std::optional<GuardInfo> G = guardInfo(VD->getInit(), V);
    // A deferred or tried lock may not be held; an adopted one was taken
    // by an earlier lock() call, which starts the section itself.
    if (!G || G->Mode != LockMode::Locks)
      return std::nullopt;
    CS.Kind = SectionKind::Guard;
    CS.Guard = VD;
    CS.GuardCanUnlock = hasUnlockMethod(VD);
    CS.Mutexes = G->Mutexes;
    Key = VD->getName().str() + "#" +
          utohexstr(reinterpret_cast<uintptr_t>(static_cast<const ValueDecl *>(VD)));
  } else if (const Expr *Obj = lockCallOn(S, LockOpKind::Lock, L)) {
    CS.Kind = SectionKind::ManualLock;
    CS.Mutexes = {Obj->IgnoreParenImpCasts()};
    Key = mutexKey(Obj);
    // `lock.lock()` on a guard (a deferred or unlocked unique_lock) holds
    // the guard's mutex.
    if (const auto *VD = dyn_cast_or_null<VarDecl>(mutexDecl(Obj)))
      if (VD->getInit())
        if (std::optional<GuardInfo> G = guardInfo(VD->getInit(), V))
          CS.Mutexes = G->Mutexes;
  } else if (std::optional<LockOp> Try = failedTryExits(S, V)) {
    // `if (!m.try_lock()) return;`: held from the next statement on.
    CS.Kind = SectionKind::TryLock;
    CS.Mutexes = {Try->Mutex};
    Key = Try->Key;
  } else if (const Expr *Obj = lockCallOn(S, LockOpKind::TryLock, L)) {
    // `pthread_mutex_trylock(&m);`, `mtx_timedlock(&m, &t);` with the
    // result ignored, then an unlock: the code runs on as if it held the
    // mutex (a section only when the unlock follows).
    CS.Kind = SectionKind::TryLock;
    CS.Mutexes = {Obj};
    Key = mutexKey(Obj);
    BareTry = true;
  } else {
    return std::nullopt;
  }
  for (unsigned J = CS.First; J < B->size(); ++J)
    if (releases(B->body_begin()[J], Key, L)) {
      CS.End = J;
      break;
    }
  if (BareTry && CS.End == B->size())
    return std::nullopt;
  return CS;
}

std::optional<CriticalSection> innermostSection(const Stmt *S, ASTContext &Ctx,
                                                const Vocabulary &V) {
  DynTypedNode Node = DynTypedNode::create(*S);
  const Stmt *Child = S;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return std::nullopt;
    if (const auto *B = Parents[0].get<CompoundStmt>()) {
      unsigned Index = indexInBlock(B, Child);
      for (unsigned J = Index; J-- > 0;)
        if (std::optional<CriticalSection> CS = sectionStartingAt(B, J, V))
          if (CS->Block == B && Index < CS->End)
            return CS;
      DynTypedNodeList Up = Ctx.getParents(*B);
      if (const auto *If = Up.empty() ? nullptr : Up[0].get<IfStmt>())
        if (If->getThen() == B)
          if (std::optional<CriticalSection> CS = trySection(If, LockModel(V)))
            if (Index < CS->End)
              return CS;
    }
    if (Parents[0].get<LambdaExpr>())
      return std::nullopt;
    if (const auto *VD = Parents[0].get<VarDecl>(); VD && VD->isLocalVarDecl()) {
      Node = Parents[0];
      continue;
    }
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P)
      return std::nullopt;
    Child = P;
    Node = Parents[0];
  }
}

namespace {
/// Every critical section of a unit (outside system headers), in the order
/// of a walk of the unit, and those of each mutex: the rules ask for the
/// sections on a mutex once per match, and a walk of the unit for each made
/// the pass quadratic in the size of the unit.
class UnitSections {
public:
  UnitSections(ASTContext &Ctx, const Vocabulary &V) {
    const SourceManager &SM = Ctx.getSourceManager();
    forEachStmtInUnit(Ctx, [&](const Stmt *S) {
      const auto *B = dyn_cast<CompoundStmt>(S);
      // The library's own locking is not this program's guarded state.
      if (!B || SM.isInSystemHeader(SM.getExpansionLoc(B->getBeginLoc())))
        return true;
      for (unsigned I = 0; I < B->size(); ++I)
        if (std::optional<CriticalSection> CS = sectionStartingAt(B, I, V))
          add(*CS);
      return true;
    });
  }
  std::vector<CriticalSection> All;
  DenseMap<const ValueDecl *, std::vector<unsigned>> ByMutex;

private:
  void add(const CriticalSection &CS) {
    unsigned Index = All.size();
    All.push_back(CS);
    for (const Expr *M : CS.Mutexes)
      if (const ValueDecl *D = mutexDecl(M)) {
        std::vector<unsigned> &Of = ByMutex[D];
        if (Of.empty() || Of.back() != Index)
          Of.push_back(Index);
      }
  }
};
} // namespace

void forEachSectionOn(const std::vector<const ValueDecl *> &Mutexes,
                      ASTContext &Ctx, const Vocabulary &V,
                      function_ref<void(const CriticalSection &)> F) {
  const UnitSections &U = perUnit<UnitSections>(Ctx, V);
  if (Mutexes.empty()) {
    for (const CriticalSection &CS : U.All)
      F(CS);
    return;
  }
  std::vector<unsigned> Indices;
  for (const ValueDecl *D : Mutexes) {
    auto It = U.ByMutex.find(D);
    if (It != U.ByMutex.end())
      Indices.insert(Indices.end(), It->second.begin(), It->second.end());
  }
  llvm::sort(Indices);
  Indices.erase(std::unique(Indices.begin(), Indices.end()), Indices.end());
  for (unsigned I : Indices)
    F(U.All[I]);
}

MapVector<const ValueDecl *, SourceLocation>
guardedState(const std::vector<const ValueDecl *> &Mutexes, const Stmt *Skip,
             ASTContext &Ctx, const Vocabulary &V) {
  MapVector<const ValueDecl *, SourceLocation> Found;
  forEachSectionOn(Mutexes, Ctx, V, [&](const CriticalSection &CS) {
    for (unsigned J = CS.First; J < CS.End; ++J) {
      const Stmt *S = CS.stmt(J);
      if (S == Skip)
        continue;
      Effects E = effectsOf(S, Ctx, V);
      for (const auto &[D, A] : E.Vars)
        if (!Found.count(D))
          Found[D] = A.Loc;
    }
  });
  return Found;
}

} // namespace pitfix
