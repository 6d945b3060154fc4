//===- RelockAction.cpp - a mutex locked again by the thread that holds it -===//
//
// Locking a non-recursive mutex that the calling thread already holds
// deadlocks (std::mutex: undefined behaviour, in practice a hang). It
// happens in one function (a second guard on the same mutex in a nested
// block, `m.lock(); m.lock();`) and, more often, through a call: a method
// that holds `mu_` calls another method that takes `mu_` too. The action
// starts from each critical section of the matched block and looks through
// the statements that run while the lock is held, following direct calls
// into functions of this translation unit a few levels deep. Locks are
// asked about through LockAcquisitions only.
//
//===----------------------------------------------------------------------===//
#include "engine/Action.h"
#include "analysis/AstWalk.h"
#include "analysis/Blocking.h"
#include "analysis/ConditionVariables.h"
#include "analysis/LockAcquisitions.h"
#include "analysis/Locks.h"
#include "analysis/SourceText.h"
#include "engine/MatchContext.h"

#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// How deep calls are followed from the function that holds the lock.
constexpr unsigned MaxCallDepth = 4;

/// A mutex that functions other than the holder can name: a field reached
/// through `this`, or a variable with static storage.
struct SharedMutex {
  const ValueDecl *Decl = nullptr;
  bool ThisField = false;
};

std::optional<SharedMutex> sharedMutexOf(const Expr *M) {
  M = M->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(M);
      U && U->getOpcode() == UO_AddrOf)
    M = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(M))
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
        isa<FieldDecl>(ME->getMemberDecl()))
      return SharedMutex{ME->getMemberDecl(), true};
  if (const auto *D = dyn_cast<DeclRefExpr>(M))
    if (const auto *Var = dyn_cast<VarDecl>(D->getDecl());
        Var && Var->hasGlobalStorage() && !Var->getType()->isReferenceType() &&
        !Var->getType()->isPointerType())
      return SharedMutex{Var, false};
  return std::nullopt;
}

bool sameShared(const Expr *M, const SharedMutex &S) {
  std::optional<SharedMutex> O = sharedMutexOf(M);
  return O && O->Decl == S.Decl && O->ThisField == S.ThisField;
}

/// A member call on `this` (written or implicit).
bool callsOnThis(const CallExpr *C) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(C);
  return MC && MC->getImplicitObjectArgument() &&
         isa<CXXThisExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts());
}

/// One step of a call chain: the call, and the function it enters.
struct Step {
  const Expr *Call;
  const FunctionDecl *Callee;
};

/// Walks code that runs while a mutex is held, in source order, until the
/// mutex is released (then nothing after it counts) or taken again.
/// Lambda bodies and local classes do not run here and are skipped.
class HeldWalker {
public:
  HeldWalker(const Vocabulary &V, const SourceManager &SM, std::string Key,
             const VarDecl *Guard, std::optional<SharedMutex> Shared,
             bool InCallee)
      : V(V), SM(SM), Key(std::move(Key)), Guard(Guard), Shared(Shared),
        InCallee(InCallee) {}

  /// Walks \p S until the mutex is released or taken again.
  void walk(const Stmt *S) {
    auto OtherCode = [](const Decl *D) {
      return isa<FunctionDecl, CXXRecordDecl>(D);
    };
    WalkOptions O;
    O.Lambdas = false;
    O.SkipDecl = OtherCode;
    forEachStmt(
        S, [&](const Stmt *X) { return !isa<Expr>(X) || visit(cast<Expr>(X)); },
        O);
  }

  bool visit(const Expr *E) {
    if (Done())
      return false;
    if (Guard)
      if (const auto *D = dyn_cast<DeclRefExpr>(E))
        if (D->getDecl() == Guard && !WaitArgs.count(D)) {
          // The guard handed on (moved, released, passed): it may no longer
          // hold the mutex.
          Released = true;
          return false;
        }
    if (releasesMutex(E, Key, Guard, V)) {
      Released = true;
      return false;
    }
    if (std::optional<CvWait> W = cvWait(E, V))
      for (const Expr *A : W->Call->arguments())
        if (const auto *D = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts()))
          WaitArgs.insert(D);
    if (std::optional<Acquisition> A = blockingAcquisition(E, V)) {
      for (const Expr *M : A->Mutexes)
        if (InCallee ? (Shared && sameShared(M, *Shared)) : lockKey(M) == Key) {
          Again = E;
          return false;
        }
      return true;
    }
    if (const auto *C = dyn_cast<CallExpr>(E))
      followCall(C);
    return !Done();
  }

  bool Done() const { return Released || Again; }

  const Vocabulary &V;
  const SourceManager &SM;
  std::string Key;
  const VarDecl *Guard;
  std::optional<SharedMutex> Shared;
  bool InCallee;
  SmallPtrSet<const DeclRefExpr *, 4> WaitArgs;
  bool Released = false;
  /// The acquisition that takes the mutex again.
  const Expr *Again = nullptr;
  /// When Again is in another function: the calls that lead to it.
  std::vector<Step> Chain;
  unsigned Depth = 0;
  SmallPtrSet<const FunctionDecl *, 8> *Visited = nullptr;

private:
  void followCall(const CallExpr *C) {
    if (!Shared || Depth >= MaxCallDepth || isa<CXXOperatorCallExpr>(C))
      return;
    const FunctionDecl *Callee = analysableBody(C->getDirectCallee(), SM);
    if (!Callee)
      return;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee))
      if (MD->isVirtual())
        return;
    // A member mutex stays the same mutex only through calls on `this`.
    if (Shared->ThisField && !callsOnThis(C))
      return;
    SmallPtrSet<const FunctionDecl *, 8> Mine;
    SmallPtrSet<const FunctionDecl *, 8> &Seen = Visited ? *Visited : Mine;
    if (!Seen.insert(Callee).second)
      return;
    HeldWalker Inner(V, SM, Key, nullptr, Shared, /*InCallee=*/true);
    Inner.Depth = Depth + 1;
    Inner.Visited = &Seen;
    Inner.walk(Callee->getBody());
    // A callee that releases the caller's lock: nothing after it is held.
    Released = Inner.Released;
    if (Inner.Again) {
      Again = Inner.Again;
      Chain.push_back({C, Callee});
      Chain.insert(Chain.end(), Inner.Chain.begin(), Inner.Chain.end());
    }
  }
};

/// Where to point at an acquisition: a guard's declaration statement, or
/// the lock call.
SourceLocation siteLoc(const Expr *E, ASTContext &Ctx) {
  if (!isa<CXXConstructExpr>(E))
    return E->getBeginLoc();
  DynTypedNodeList Ps = Ctx.getParents(*E);
  for (unsigned Hops = 0; !Ps.empty() && Hops < 6; ++Hops) {
    if (const auto *DS = Ps[0].get<DeclStmt>())
      return DS->getBeginLoc();
    Ps = Ctx.getParents(Ps[0]);
  }
  return E->getBeginLoc();
}

class RelockAction : public Action {
public:
  void run(MatchContext &C) const override {
    const auto *Block = C.node<CompoundStmt>("root");
    if (!Block)
      return;
    for (const CriticalSection &CS : sectionsIn(Block, C.vocab()))
      for (const Expr *M : CS.Mutexes)
        check(C, CS, M);
  }

private:
  void check(MatchContext &C, const CriticalSection &CS, const Expr *M) const {
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    std::string Key = lockKey(M);
    if (Key.empty() || mayRelock(M, C.vocab(), SM, LO))
      return;
    HeldWalker W(C.vocab(), SM, Key, CS.Guard, sharedMutexOf(M),
                 /*InCallee=*/false);
    for (unsigned I = CS.Acquire + 1; I < CS.End && !W.Done(); ++I)
      W.walk(CS.stmt(I));
    if (!W.Again)
      return;
    std::string Name = sourceText(M->getSourceRange(), SM, LO);
    if (Name.empty())
      Name = cast<NamedDecl>(mutexDecl(M))->getNameAsString();
    if (StringRef(Name).starts_with("&"))
      Name = Name.substr(1);
    const Stmt *First = CS.stmt(CS.Acquire);
    if (W.Chain.empty()) {
      FindingBuilder F = C.report(
          siteLoc(W.Again, C.ast()),
          {{"what", "'" + Name + "' is locked again"}});
      F.note(First->getBeginLoc(), "'" + Name + "' is locked first here");
      return;
    }
    const Step &Entry = W.Chain.front();
    FindingBuilder F = C.report(
        Entry.Call->getBeginLoc(),
        {{"what", "the call to '" + Entry.Callee->getNameAsString() +
                      "' locks '" + Name + "' again"}});
    F.note(First->getBeginLoc(), "'" + Name + "' is locked first here");
    for (size_t I = 1; I < W.Chain.size(); ++I)
      F.note(W.Chain[I].Call->getBeginLoc(),
             "'" + W.Chain[I - 1].Callee->getNameAsString() + "' calls '" +
                 W.Chain[I].Callee->getNameAsString() + "' here");
    F.note(siteLoc(W.Again, C.ast()), "'" + W.Chain.back().Callee->getNameAsString() +
                                       "' locks '" + Name + "' here");
  }
};

} // namespace

Expected<std::unique_ptr<Action>> createRelockAction(const ActionOptions &) {
  return std::make_unique<RelockAction>();
}

} // namespace pitfix
