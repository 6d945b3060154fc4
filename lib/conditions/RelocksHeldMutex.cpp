//===- RelocksHeldMutex.cpp - a mutex locked again by the thread holding it ===//
//
// Locking a non-recursive mutex that the calling thread already holds
// deadlocks (std::mutex: undefined behaviour, in practice a hang). It
// happens in one function (a second guard on the same mutex in a nested
// block, `m.lock(); m.lock();`) and, more often, through a call: a method
// that holds `mu_` calls another method that takes `mu_` too. The condition
// `relocks-held-mutex` starts from the critical section that the node
// begins (a guard declaration, a lock() call) and looks through
// the statements that run while the lock is held, following direct calls
// into functions of this translation unit a few levels deep. Locks are
// asked about through LockAcquisitions only.
//
//===----------------------------------------------------------------------===//
#include "analysis/AstWalk.h"
#include "analysis/Blocking.h"
#include "analysis/ConditionVariables.h"
#include "analysis/CriticalSections.h"
#include "analysis/Locks.h"
#include "analysis/SourceText.h"
#include "conditions/LockAcquisitions.h"
#include "conditions/PitfallConditions.h"
#include "engine/MatchContext.h"

#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/DenseMap.h"
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

/// The parameters of a callee that the call passes as constants
/// (`evict(/*need_lock=*/false)`, a default argument).
using ConstantParams = llvm::DenseMap<const ParmVarDecl *, bool>;

ConstantParams constantParams(const CallExpr *C, const FunctionDecl *Callee,
                              const ASTContext &Ctx) {
  ConstantParams Out;
  unsigned Shift = isa<CXXOperatorCallExpr>(C) &&
                           isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = 0; I < Callee->getNumParams() && I + Shift < C->getNumArgs();
       ++I) {
    const Expr *A = C->getArg(I + Shift);
    bool Value;
    if (!A->isValueDependent() && A->EvaluateAsBooleanCondition(Value, Ctx))
      Out[Callee->getParamDecl(I)] = Value;
  }
  return Out;
}

/// The value of \p E when the parameters of \p Known have their constant
/// values: `need_lock`, `!is_locked`, `a && b`, comparisons with a literal.
std::optional<bool> valueUnder(const Expr *E, const ConstantParams &Known,
                               const ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *P = dyn_cast<ParmVarDecl>(D->getDecl())) {
      auto It = Known.find(P);
      if (It != Known.end())
        return It->second;
    }
    return std::nullopt;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_LNot) {
    if (std::optional<bool> V = valueUnder(U->getSubExpr(), Known, Ctx))
      return !*V;
    return std::nullopt;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    std::optional<bool> L = valueUnder(B->getLHS(), Known, Ctx);
    std::optional<bool> R = valueUnder(B->getRHS(), Known, Ctx);
    bool Lit;
    if (!R && B->getRHS()->EvaluateAsBooleanCondition(Lit, Ctx))
      R = Lit;
    switch (B->getOpcode()) {
    case BO_LAnd:
      if ((L && !*L) || (R && !*R))
        return false;
      return L && R ? std::optional<bool>(true) : std::nullopt;
    case BO_LOr:
      if ((L && *L) || (R && *R))
        return true;
      return L && R ? std::optional<bool>(false) : std::nullopt;
    case BO_EQ:
      return L && R ? std::optional<bool>(*L == *R) : std::nullopt;
    case BO_NE:
      return L && R ? std::optional<bool>(*L != *R) : std::nullopt;
    default:
      return std::nullopt;
    }
  }
  return std::nullopt;
}

/// The mutex that \p E locks when it is `l.lock()` (a lock method of the
/// vocabulary) on a guard variable made with std::defer_lock: the guard
/// waits for the mutex there, as a lock() on it would.
const Expr *deferredGuardLock(const Expr *E, const Vocabulary &V) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !V.list(VocabList::MutexLockMethods).contains(MD))
    return nullptr;
  const auto *Obj = MC->getImplicitObjectArgument();
  const auto *Ref = Obj ? dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()) : nullptr;
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->getInit())
    return nullptr;
  std::optional<GuardInfo> G = guardInfo(Var->getInit(), V);
  if (!G || G->Mode != LockMode::Defers || G->Mutexes.size() != 1)
    return nullptr;
  return G->Mutexes[0];
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
  HeldWalker(const Vocabulary &V, ASTContext &Ctx, std::string Key,
             const VarDecl *Guard, std::optional<SharedMutex> Shared,
             bool InCallee)
      : V(V), Ctx(Ctx), SM(Ctx.getSourceManager()), Key(std::move(Key)),
        Guard(Guard), Shared(Shared), InCallee(InCallee) {}

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
    if (releasesMutex(E, Key, Guard, V) && !switchedOff(E)) {
      Released = true;
      return false;
    }
    if (std::optional<CvWait> W = cvWait(E, V))
      for (const Expr *A : W->Call->arguments())
        if (const auto *D = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts()))
          WaitArgs.insert(D);
    // `l.lock()` on a guard made with std::defer_lock on the held mutex.
    if (const Expr *M = deferredGuardLock(E, V))
      if (InCallee ? (Shared && sameShared(M, *Shared)) : lockKey(M) == Key) {
        if (switchedOff(E))
          return true;
        Again = E;
        return false;
      }
    if (std::optional<Acquisition> A = blockingAcquisition(E, V)) {
      for (const Expr *M : A->Mutexes)
        if (InCallee ? (Shared && sameShared(M, *Shared)) : lockKey(M) == Key) {
          if (switchedOff(E))
            return true;
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
  ASTContext &Ctx;
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
  /// In a callee: its parameters that the call passes as constants.
  ConstantParams Constants;

private:
  /// In a callee, \p E sits in a branch that the constants passed for its
  /// parameters turn off: `if (need_lock) mu_.lock();` called with false.
  bool switchedOff(const Expr *E) const {
    if (Constants.empty())
      return false;
    const Stmt *Child = E;
    for (const Stmt *P = parentStatement(E, Ctx); P;
         Child = P, P = parentStatement(P, Ctx)) {
      const Expr *Cond = nullptr;
      bool InThen = false;
      if (const auto *If = dyn_cast<IfStmt>(P)) {
        if (Child != If->getThen() && Child != If->getElse())
          continue;
        Cond = If->getCond();
        InThen = Child == If->getThen();
      } else if (const auto *CO = dyn_cast<ConditionalOperator>(P)) {
        if (Child != CO->getTrueExpr() && Child != CO->getFalseExpr())
          continue;
        Cond = CO->getCond();
        InThen = Child == CO->getTrueExpr();
      } else {
        continue;
      }
      if (std::optional<bool> V = valueUnder(Cond, Constants, Ctx);
          V && *V != InThen)
        return true;
    }
    return false;
  }

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
    HeldWalker Inner(V, Ctx, Key, nullptr, Shared, /*InCallee=*/true);
    Inner.Constants = constantParams(C, Callee, Ctx);
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

class RelocksHeldMutex {
public:
  static bool holds(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
    const auto *Acquire = N.get<Stmt>();
    const CompoundStmt *Block = Acquire ? parentBlock(Acquire, C.ast()) : nullptr;
    if (!Block)
      return false;
    std::optional<CriticalSection> CS =
        sectionStartingAt(Block, indexInBlock(Block, Acquire), C.vocab());
    if (!CS)
      return false;
    for (const Expr *M : CS->Mutexes)
      if (check(C, *CS, M, Out))
        return true;
    return false;
  }

private:
  static bool check(MatchContext &C, const CriticalSection &CS, const Expr *M,
                    ConditionOutput &Out) {
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    std::string Key = lockKey(M);
    if (Key.empty() || mayRelock(M, C.vocab(), C.ast()))
      return false;
    HeldWalker W(C.vocab(), C.ast(), Key, CS.Guard, sharedMutexOf(M),
                 /*InCallee=*/false);
    for (unsigned I = CS.Acquire + 1; I < CS.End && !W.Done(); ++I)
      W.walk(CS.stmt(I));
    if (!W.Again)
      return false;
    std::string Name = sourceText(M->getSourceRange(), SM, LO);
    if (Name.empty())
      Name = cast<NamedDecl>(mutexDecl(M))->getNameAsString();
    if (StringRef(Name).starts_with("&"))
      Name = Name.substr(1);
    const Stmt *First = CS.stmt(CS.Acquire);
    if (W.Chain.empty()) {
      Out.At = siteLoc(W.Again, C.ast());
      Out.Fills = {{"what", "'" + Name + "' is locked again"}};
      Out.Notes.push_back(
          {First->getBeginLoc(), "'" + Name + "' is locked first here"});
      return true;
    }
    const Step &Entry = W.Chain.front();
    Out.At = Entry.Call->getBeginLoc();
    Out.Fills = {{"what", "the call to '" + Entry.Callee->getNameAsString() +
                              "' locks '" + Name + "' again"}};
    Out.Notes.push_back(
        {First->getBeginLoc(), "'" + Name + "' is locked first here"});
    for (size_t I = 1; I < W.Chain.size(); ++I)
      Out.Notes.push_back({W.Chain[I].Call->getBeginLoc(),
                           "'" + W.Chain[I - 1].Callee->getNameAsString() +
                               "' calls '" +
                               W.Chain[I].Callee->getNameAsString() +
                               "' here"});
    Out.Notes.push_back({siteLoc(W.Again, C.ast()),
                         "'" + W.Chain.back().Callee->getNameAsString() +
                             "' locks '" + Name + "' here"});
    return true;
  }
};

} // namespace

bool relocksHeldMutex(const DynTypedNode &N, MatchContext &C,
                      ConditionOutput &Out) {
  return RelocksHeldMutex::holds(N, C, Out);
}

} // namespace pitfix
