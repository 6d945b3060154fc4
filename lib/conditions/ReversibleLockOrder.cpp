//===- ReversibleLockOrder.cpp - guards whose order another thread reverses
//-===//
//
// Guards on different mutexes acquired one after another in a block lock
// them in the order written; another thread that takes them in the other
// order deadlocks with this one. The condition `reversible-lock-order`
// holds for a block with such guards when the order can be reversed: the
// translation unit takes the mutexes the other way round, or the caller
// decides which comes first. It binds the first guard as `first_guard` and
// the later ones as `later_guards`, and fills {lock_args} with the mutexes'
// source text, so that a rule's fix can write one std::scoped_lock (which
// locks them with std::lock's deadlock avoidance); it refuses that fix
// where one lock cannot stand in for the guards.
//
// Asked of a lock that blocks (a guard's construction, `m.lock()`,
// `pthread_mutex_lock(&m)`, `lk.lock()` on a deferred guard), it holds when
// a critical section around it still holds another mutex and the order can
// be reversed; no scoped_lock can replace a lock() call or guards of
// different blocks, so the fix is always refused there.
//
//===----------------------------------------------------------------------===//
#include "analysis/AstWalk.h"
#include "analysis/Locks.h"
#include "analysis/SourceText.h"
#include "conditions/LockOrder.h"
#include "conditions/NestedLocks.h"
#include "conditions/PitfallConditions.h"
#include "engine/MatchContext.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

struct HeldGuard {
  const DeclStmt *Stmt;
  const VarDecl *Var;
  GuardInfo Info;
  size_t Index; ///< Position in the block.
};

/// The first of \p Vars that \p Body refers to, and where.
const VarDecl *firstUse(const Stmt *Body,
                        const std::vector<const VarDecl *> &Vars,
                        SourceLocation &Where) {
  const VarDecl *Found = nullptr;
  forEachStmt(Body, [&](const Stmt *S) {
    if (const auto *E = dyn_cast<DeclRefExpr>(S))
      for (const VarDecl *D : Vars)
        if (E->getDecl() == D) {
          Found = D;
          Where = E->getLocation();
        }
    return !Found;
  });
  return Found;
}

/// Does the mutex type have try_lock() (which std::scoped_lock needs)?
bool isLockable(QualType T) {
  const CXXRecordDecl *RD = recordOf(T.getNonReferenceType());
  if (!RD || !RD->hasDefinition())
    return false;
  bool Has = false;
  auto Scan = [&](const CXXRecordDecl *R) {
    for (const Decl *D : R->decls())
      if (const auto *M = dyn_cast<CXXMethodDecl>(D))
        if (M->getIdentifier() && M->getName() == "try_lock")
          Has = true;
    return true;
  };
  Scan(RD->getDefinition());
  RD->getDefinition()->forallBases(Scan);
  return Has;
}

/// What to do about mutexes \p Mutexes taken in an order another thread
/// can reverse: take them together where std::scoped_lock can (each has
/// try_lock()), or else in one order everywhere.
std::string remedyFor(const std::vector<const Expr *> &Mutexes) {
  for (const Expr *M : Mutexes)
    if (!isLockable(M->getType()))
      return "take them in the same order everywhere";
  return "lock them together with std::scoped_lock";
}

/// The guards that \p Block declares, each alone in its statement.
std::vector<HeldGuard> guardsOf(const CompoundStmt *Block,
                                const Vocabulary &V) {
  std::vector<HeldGuard> Held;
  size_t Index = 0;
  for (const Stmt *S : Block->body()) {
    ++Index;
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (!DS || !DS->isSingleDecl())
      continue;
    const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (!VD || !VD->getInit())
      continue;
    std::optional<GuardInfo> G = guardInfo(VD->getInit(), V);
    if (!G || G->Mode == LockMode::Defers || G->Mode == LockMode::Adopts)
      continue;
    Held.push_back({DS, VD, *G, Index - 1});
  }
  return Held;
}

/// Why one std::scoped_lock cannot replace \p Held, or "".
std::string whyNotScoped(MatchContext &C, const CompoundStmt *Block,
                         const std::vector<HeldGuard> &Held,
                         ConditionOutput &Out) {
  if (!C.lang().CPlusPlus17)
    return "std::scoped_lock needs C++17";
  for (size_t I = 1; I < Held.size(); ++I)
    if (Held[I].Index != Held[I - 1].Index + 1)
      return "other statements run between the acquisitions; taking all the "
             "locks at once would hold them over those statements too";
  for (const HeldGuard &H : Held) {
    if (H.Info.Mode == LockMode::Tries)
      return "a guard only tries to lock; its outcome must stay separate";
    if (H.Info.Shared)
      return "'" + H.Var->getName().str() +
             "' is a shared (reader) lock, which std::scoped_lock would take "
             "exclusively";
    if (!C.vocab()
             .list(VocabList::MergeableGuardClasses)
             .contains(H.Info.Class))
      return "'" + H.Info.Class->getName().str() +
             "' is not a standard guard that std::scoped_lock can replace";
    for (const Expr *M : H.Info.Mutexes)
      if (!isLockable(M->getType()))
        return "'" + sourceText(M->getSourceRange(), C.sm(), C.lang()) +
               "' has no try_lock(), which std::scoped_lock needs";
  }
  std::vector<const VarDecl *> Vars;
  for (const HeldGuard &H : Held)
    Vars.push_back(H.Var);
  SourceLocation UseLoc;
  if (const VarDecl *Used = firstUse(Block, Vars, UseLoc)) {
    Out.Notes.push_back(
        {UseLoc, "'" + Used->getName().str() + "' is used here"});
    return "the guard '" + Used->getName().str() +
           "' is used later; std::scoped_lock cannot stand in for it";
  }
  return "";
}

/// Fills \p Out for the guards \p Held of \p Block, whose order \p Why
/// shows reversed at \p OtherLoc (or by the caller, when invalid).
bool holdsFor(MatchContext &C, const CompoundStmt *Block,
              const std::vector<HeldGuard> &Held, SourceLocation OtherLoc,
              const std::string &Why, ConditionOutput &Out) {
  const SourceManager &SM = C.sm();
  const LangOptions &LO = C.lang();
  // Names for the message even when a macro declares the guards; the
  // rewrite needs each mutex's own source text.
  std::vector<std::string> MutexTexts, MutexNames;
  bool InMacro = false;
  for (const HeldGuard &H : Held)
    for (const Expr *M : H.Info.Mutexes) {
      MutexTexts.push_back(sourceText(M->getSourceRange(), SM, LO));
      MutexNames.push_back(spelledText(M, C.ast()));
      InMacro |= MutexTexts.back().empty() || H.Stmt->getBeginLoc().isMacroID();
    }
  std::vector<const Expr *> All;
  for (const HeldGuard &H : Held)
    All.insert(All.end(), H.Info.Mutexes.begin(), H.Info.Mutexes.end());
  Out.At = Held[1].Stmt->getBeginLoc();
  Out.Fills = {{"first", MutexNames.front()},
               {"second", spelledText(Held[1].Info.Mutexes[0], C.ast())},
               {"mutexes", join(MutexNames, ", ")},
               {"lock_args", join(MutexTexts, ", ")},
               {"remedy", remedyFor(All)}};
  Out.Notes.push_back({Held[0].Stmt->getBeginLoc(),
                       "'" + MutexNames.front() + "' is locked first here"});
  Out.Notes.push_back(
      {OtherLoc.isValid() ? OtherLoc : Held[1].Stmt->getBeginLoc(), Why});
  Out.Binds.insert_or_assign("first_guard", DynTypedNode::create(*Held[0].Var));
  for (size_t I = 1; I < Held.size(); ++I)
    Out.BindLists["later_guards"].push_back(DynTypedNode::create(*Held[I].Var));
  if (InMacro)
    Out.Refusal = "a guard or its mutex is written by a macro; the rewrite "
                  "cannot replace the macro's expansion";
  else
    Out.Refusal = whyNotScoped(C, Block, Held, Out);
  return true;
}

/// The mutex \p M as a message names it: `pa` for `&pa`.
std::string mutexName(const Expr *M, const ASTContext &Ctx) {
  const Expr *E = M->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr();
  return spelledText(E, Ctx);
}

/// Why no std::scoped_lock replaces \p T taken while \p H is held.
std::string whyNotScopedNested(const TakenLock &T, const HeldLock &H,
                               const std::string &First,
                               const std::string &Second) {
  const char *Only = "only guards declared one after another in one block "
                     "become one std::scoped_lock";
  if (!T.Guard)
    return "'" + Second + "' is locked by a call, not by a guard: " + Only;
  if (H.Kind != SectionKind::Guard)
    return "'" + First + "' is held through a call, not by a guard: " + Only;
  return "the guards are in different blocks: one std::scoped_lock in the "
         "outer block would hold both mutexes over all of it";
}

/// The condition for one blocking acquisition \p Site: it takes a mutex
/// while a section around it holds another, in an order that can be
/// reversed. Guards declared one after another in one block are the block
/// form's.
bool reversibleNestedLock(const Expr *Site, MatchContext &C,
                          ConditionOutput &Out) {
  std::optional<TakenLock> T = takenLock(Site, C.vocab());
  if (!T)
    return false;
  ASTContext &Ctx = C.ast();
  const Stmt *Decl = T->Guard ? parentStatement(Site, Ctx) : nullptr;
  const CompoundStmt *OwnBlock =
      isa_and_nonnull<DeclStmt>(Decl) ? parentBlock(Decl, Ctx) : nullptr;
  const LockOrders *Orders = nullptr;
  for (const HeldLock &H : locksHeldWhere(Site, Ctx, C.vocab())) {
    // A reader holding the mutex does not keep another reader out; a
    // guard of the same block is a pair of the block's own guards.
    if ((H.Shared && T->Shared) ||
        (T->Guard && H.Kind == SectionKind::Guard && H.Block == OwnBlock))
      continue;
    for (const Expr *B : T->Mutexes) {
      const Expr *A = H.Mutex;
      std::string KA = mutexKey(A), KB = mutexKey(B);
      if (KA.empty() || KB.empty() || KA == KB)
        continue;
      std::string Why = callerDependentOrder(A, B);
      SourceLocation OtherLoc;
      if (!Why.empty()) {
        Why = "the order depends on the caller: " + Why;
      } else {
        const ValueDecl *DA = mutexDecl(A), *DB = mutexDecl(B);
        if (!DA || !DB)
          continue;
        if (!Orders)
          Orders = &LockOrders::of(Ctx, C.vocab());
        if (!Orders->shows(DB, DA))
          continue;
        OtherLoc = Orders->where(DB, DA);
        Why = "'" + DA->getNameAsString() + "' is locked while '" +
              DB->getNameAsString() + "' is held here: the other order";
      }
      std::string First = mutexName(A, Ctx), Second = mutexName(B, Ctx);
      Out.At = Decl && OwnBlock ? Decl->getBeginLoc() : Site->getBeginLoc();
      Out.Fills = {{"first", First},
                   {"second", Second},
                   {"mutexes", First + ", " + Second},
                   {"lock_args", First + ", " + Second},
                   {"remedy", remedyFor({A, B})}};
      Out.Notes.push_back(
          {H.Taken->getBeginLoc(), "'" + First + "' is locked first here"});
      Out.Notes.push_back({OtherLoc.isValid() ? OtherLoc : Out.At, Why});
      Out.Refusal = whyNotScopedNested(*T, H, First, Second);
      return true;
    }
  }
  return false;
}

} // namespace

bool reversibleLockOrder(const DynTypedNode &N, MatchContext &C,
                         ConditionOutput &Out) {
  if (const auto *E = N.get<Expr>())
    return reversibleNestedLock(E, C, Out);
  const auto *Block = N.get<CompoundStmt>();
  if (!Block)
    return false;
  std::vector<HeldGuard> Held = guardsOf(Block, C.vocab());
  if (Held.size() < 2)
    return false;
  // Distinct mutexes only: the same mutex twice is a relock, not an
  // ordering problem.
  std::vector<std::string> Keys;
  for (const HeldGuard &H : Held)
    for (const Expr *M : H.Info.Mutexes) {
      std::string K = mutexKey(M);
      if (K.empty() || is_contained(Keys, K))
        return false;
      Keys.push_back(K);
    }
  // Only an order that can be reversed deadlocks: the translation unit
  // takes the same mutexes the other way round, or the caller decides
  // which mutex comes first.
  const LockOrders *Orders = nullptr;
  for (size_t I = 0; I < Held.size(); ++I)
    for (size_t J = I + 1; J < Held.size(); ++J) {
      // A guard that only tries never waits, and a reader does not keep
      // another reader out: neither pair is an edge of a cycle.
      if (Held[J].Info.Mode == LockMode::Tries ||
          (Held[I].Info.Shared && Held[J].Info.Shared))
        continue;
      for (const Expr *A : Held[I].Info.Mutexes)
        for (const Expr *B : Held[J].Info.Mutexes) {
          std::string Why = callerDependentOrder(A, B);
          if (!Why.empty())
            return holdsFor(C, Block, Held, SourceLocation(),
                            "the order depends on the caller: " + Why, Out);
          const ValueDecl *DA = mutexDecl(A), *DB = mutexDecl(B);
          if (!DA || !DB)
            continue;
          if (!Orders)
            Orders = &LockOrders::of(C.ast(), C.vocab());
          if (Orders->shows(DB, DA))
            return holdsFor(C, Block, Held, Orders->where(DB, DA),
                            "'" + DA->getNameAsString() +
                                "' is locked while '" + DB->getNameAsString() +
                                "' is held here: the other order",
                            Out);
        }
    }
  return false;
}

} // namespace pitfix
