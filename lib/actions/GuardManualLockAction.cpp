//===- GuardManualLockAction.cpp - a guard in place of lock()/unlock() ----===//
//
// `m.lock(); ... m.unlock();` releases the mutex only on the paths that reach
// the unlock: an early return, a break out of the block or an exception
// leaves it locked, and the next lock() deadlocks. A guard declared in place
// of the lock releases it on every exit. The rewrite is
//   std::unique_lock<M> lock(m); ... lock.unlock(); ... lock.lock(); ...
// (the guard follows every unlock and relock of the block), or
//   std::lock_guard<M> lock(m); ...
// when the only unlock is the block's last statement. The lock state is
// followed through the block (analysis/LockRegion.h); when a guard could not
// follow it, the finding is reported without a rewrite. Calls that only try
// to lock and C mutexes are reported only. Without the `strict` option only
// a lock that some path leaves held (a return, break, continue, goto or throw
// before the unlock, or a call that throws by evidence) is reported.
//
//===----------------------------------------------------------------------===//
#include "analysis/AstWalk.h"
#include "analysis/FreshName.h"
#include "analysis/LockRegion.h"
#include "analysis/Locks.h"
#include "analysis/ManualLocks.h"
#include "analysis/SourceText.h"
#include "engine/Action.h"
#include "engine/FindingSink.h"
#include "engine/MatchContext.h"
#include "toolkit/IncludeInsertion.h"
#include "toolkit/TypeSpelling.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/StmtCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// The mutex as an argument for a guard: `m`, or `*p` for a pointer.
static std::string guardArgument(const LockOp &Op, const SourceManager &SM,
                                 const LangOptions &LO) {
  std::string Text = sourceText(Op.Mutex->getSourceRange(), SM, LO);
  if (Text.empty() || !Op.Mutex->getType()->isPointerType())
    return Text;
  const Expr *E = Op.Mutex->IgnoreParenImpCasts();
  if (isa<DeclRefExpr, MemberExpr, CallExpr, ArraySubscriptExpr, ParenExpr,
          CXXThisExpr>(E))
    return "*" + Text;
  return "*(" + Text + ")";
}

/// The mutex's name for messages (the text of `&m` is `m`).
static std::string mutexName(const LockOp &Op, const SourceManager &SM,
                             const LangOptions &LO) {
  const Expr *E = Op.Mutex->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr();
  std::string Text = sourceText(E->getSourceRange(), SM, LO);
  if (Text.empty())
    if (const ValueDecl *D = mutexDecl(E))
      Text = D->getNameAsString();
  return Text;
}

/// The call as written in messages: "lock()", "pthread_mutex_lock()".
static std::string callName(const LockOp &Op) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Op.Call))
    return MC->getMethodDecl()->getNameAsString() + "()";
  return Op.Call->getDirectCallee()->getNameAsString() + "()";
}

/// Lock calls of \p Fn itself (not of lambdas inside it).
static std::vector<LockOp> ownOps(const FunctionDecl *Fn, ASTContext &Ctx,
                                  const Vocabulary &V) {
  std::vector<LockOp> Out;
  for (const LockOp &Op : lockOpsIn(Fn->getBody(), V))
    if (enclosingFunction(Op.Call, Ctx) == Fn)
      Out.push_back(Op);
  return Out;
}

/// A variable whose destructor does something: it must not move across the
/// unlock.
static bool destroysSomething(const Stmt *S) {
  const auto *DS = dyn_cast<DeclStmt>(S);
  if (!DS)
    return false;
  for (const Decl *D : DS->decls())
    if (const auto *VD = dyn_cast<VarDecl>(D))
      if (const CXXRecordDecl *RD = VD->getType()->getBaseElementTypeUnsafe()
                                        ->getAsCXXRecordDecl())
        if (RD->hasDefinition() && !RD->hasTrivialDestructor())
          return true;
  return false;
}

/// The `guard-manual-lock` action: one finding per critical section (the
/// lock() that opens it), rewritten to a guard or reported with the reason.
class GuardManualLockAction : public Action {
public:
  GuardManualLockAction(std::vector<std::string> Names, bool Strict)
      : Names(std::move(Names)), Strict(Strict) {}

  void run(MatchContext &C) const override {
    const auto *Call = C.node<CallExpr>("lock");
    std::optional<LockOp> Op = Call ? lockOp(Call, C.vocab()) : std::nullopt;
    if (!Op || Op->Kind == LockOpKind::Unlock)
      return;
    const FunctionDecl *Fn = enclosingFunction(Call, C.ast());
    if (!Fn || !Fn->getBody())
      return;
    std::vector<LockOp> Ops = ownOps(Fn, C.ast(), C.vocab());
    // The unlocks that can release this lock come after it; without one,
    // this is a lock helper (its caller unlocks), or a relock after an
    // unlock of the caller's lock: nothing to pair.
    const SourceManager &SM = C.sm();
    std::string Name = mutexName(*Op, SM, C.lang());
    bool Paired = false, PairedByText = false;
    for (const LockOp &U : Ops) {
      if (U.Kind != LockOpKind::Unlock || U.CFunction != Op->CFunction ||
          !SM.isBeforeInTranslationUnit(Call->getBeginLoc(),
                                        U.Call->getBeginLoc()))
        continue;
      if (!Op->Key.empty() && U.Key == Op->Key)
        Paired = true;
      else if (Op->Key.empty() && mutexName(U, SM, C.lang()) == Name)
        PairedByText = true;
    }
    if (!Paired && !PairedByText)
      return;
    if (Op->Kind == LockOpKind::Lock && openingLock(*Op, C.ast(), C.vocab()))
      return; // Part of the critical section an earlier lock opens.
    std::map<std::string, std::string> Args = {{"mutex", Name},
                                               {"call", callName(*Op)}};
    if (PairedByText) {
      if (Strict)
        report(C, *Op, Args, nullptr)
            .refuse("the mutex is named by an expression ('" + Name +
                    "') that may denote another mutex at the unlock");
      return;
    }
    // The section and the state of the mutex through it.
    std::optional<LockRegion> R;
    const CompoundStmt *Block = lockBlock(C, *Op, R, Fn);
    if (!R) {
      if (Strict)
        report(C, *Op, Args, nullptr)
            .refuse(Op->Kind == LockOpKind::TryLock ? OnlyTried
                    : Op->CFunction                 ? CMutex
                                                    : "the lock is not a "
                                                      "statement of its own in "
                                                      "a block, so a guard has "
                                                      "no scope to live in");
      return;
    }
    bool FunctionBody = Block == Fn->getBody();
    // A function that returns with the mutex held is a lock helper.
    if (!R->Problem && R->HeldAtEnd && FunctionBody)
      return;
    bool Manual = Op->Kind == LockOpKind::Lock && !Op->CFunction;
    if (Manual && FunctionBody && !unlockedInBlock(C, *Op, Block))
      return;
    // Without strict mode, only a path that leaves with the mutex held is
    // worth a finding: a return, break, continue, goto or throw, or a call
    // that throws by evidence.
    if (!Strict && R->HeldExits.empty() && !R->HeldThrow && !R->HasGoto)
      return;
    FindingBuilder F = report(C, *Op, Args, &*R);
    if (Op->Kind == LockOpKind::TryLock) {
      F.refuse(OnlyTried);
      return;
    }
    if (Op->CFunction) {
      F.refuse(CMutex);
      return;
    }
    runOnLock(C, F, *Op, Block, *R, Fn);
  }

private:
  static constexpr const char *OnlyTried =
      "the mutex is only tried; restructure with a guard constructed with "
      "std::try_to_lock by hand";
  static constexpr const char *CMutex =
      "a C mutex has no standard guard; use a std::mutex with "
      "std::lock_guard or std::unique_lock";

  /// Is the mutex unlocked by a statement of \p Block after the lock?
  static bool unlockedInBlock(MatchContext &C, const LockOp &Op,
                              const CompoundStmt *Block) {
    bool After = false;
    for (const Stmt *S : Block->body()) {
      if (After)
        for (const LockOp &U : lockOpsIn(S, C.vocab()))
          if (U.Kind == LockOpKind::Unlock && U.Key == Op.Key && !U.CFunction)
            return true;
      After = After || statementExpr(S) == Op.Call;
    }
    return false;
  }

  /// Starts the finding, saying what leaves the mutex locked.
  FindingBuilder report(MatchContext &C, const LockOp &Op,
                        std::map<std::string, std::string> Args,
                        const LockRegion *R) const {
    std::string Why;
    if (R && !R->HeldExits.empty())
      Why = std::string(exitNoun(R->HeldExits.front())) +
            " in between leaves it locked";
    else if (R && R->HeldThrow)
      Why = "an exception in between leaves it locked (" + R->HeldThrowWhy +
            ")";
    else if (R && R->HasGoto)
      Why = "a computed goto in between may leave it locked";
    else
      Why = "no path leaves it locked today; a guard keeps it so (strict "
            "mode, C++ Core Guidelines CP.20)";
    Args["why"] = Why;
    FindingBuilder F = C.report(Op.Call->getBeginLoc(), Args);
    if (R && R->HeldThrow && R->HeldExits.empty())
      F.note(R->HeldThrow->getBeginLoc(),
             "'" + Args["mutex"] + "' stays locked when this throws");
    return F;
  }

  /// The block of the critical section \p Op opens, with the lock state
  /// followed through it in \p R (unset when the lock is nowhere a guard
  /// could follow: inside a larger expression, a try in a loop condition).
  static const CompoundStmt *lockBlock(MatchContext &C, const LockOp &Op,
                                       std::optional<LockRegion> &R,
                                       const FunctionDecl *Fn) {
    ASTContext &Ctx = C.ast();
    // The statement that is the lock call (perhaps cast to void or tested).
    const Stmt *Top = Op.Call;
    DynTypedNodeList Parents = Ctx.getParents(*Top);
    while (!Parents.empty() && Parents[0].get<Expr>()) {
      Top = Parents[0].get<Expr>();
      Parents = Ctx.getParents(*Top);
    }
    const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    if (Op.Kind != LockOpKind::TryLock) {
      const auto *Block = dyn_cast_or_null<CompoundStmt>(Parent);
      if (!Block || statementExpr(Top) != Op.Call)
        return nullptr;
      R = analyzeLockRegion(Op, Block, Fn, Ctx, C.vocab());
      return Block;
    }
    // `if (m.try_lock()) { ... }` and `if (!m.try_lock()) return; ...`.
    const auto *If = dyn_cast_or_null<IfStmt>(Parent);
    bool Negated = false;
    std::optional<LockOp> Tested =
        If && If->getCond() == Top ? tryLockTested(If->getCond(), C.vocab(), Negated)
                                   : std::nullopt;
    if (!Tested || Tested->Call != Op.Call || If->getInit() ||
        If->getConditionVariable())
      return nullptr;
    if (!Negated) {
      const auto *Then = dyn_cast<CompoundStmt>(If->getThen());
      if (!Then)
        return nullptr;
      R = analyzeLockRegionFrom(Op, Then, 0, Fn, Ctx, C.vocab());
      return Then;
    }
    const CompoundStmt *Block = parentBlock(If, Ctx);
    if (!Block || If->getElse())
      return nullptr;
    // The section starts after the `if`.
    unsigned Index = indexInBlock(Block, If) + 1;
    R = analyzeLockRegionFrom(Op, Block, Index, Fn, Ctx, C.vocab());
    return Block;
  }

  void runOnLock(MatchContext &C, FindingBuilder &F, const LockOp &Op,
                 const CompoundStmt *Block, const LockRegion &R,
                 const FunctionDecl *Fn) const {
    ASTContext &Ctx = C.ast();
    const std::string Name = mutexName(Op, C.sm(), C.lang());
    if (!unlockedInBlock(C, Op, Block) || (!R.Problem && R.HeldAtEnd)) {
      F.refuse("'" + Name + "' can still be locked when the block ends; a "
               "guard declared here would release it too early");
      return;
    }
    if (R.Problem) {
      F.refuse(R.Problem);
      return;
    }
    // An unlock that no lock of an enclosing block opens (after a loop that
    // is left with the mutex held, in a catch handler) expects the mutex to
    // outlive this block on some path: the guard would release it first.
    for (const LockOp &U : ownOps(Fn, Ctx, C.vocab()))
      if (U.Kind == LockOpKind::Unlock && !U.CFunction && U.Key == Op.Key &&
          !openingLock(U, Ctx, C.vocab())) {
        F.note(U.Call->getBeginLoc(), "'" + Name + "' is unlocked here, "
                                      "outside the block that locks it");
        F.refuse("'" + Name + "' is also unlocked outside the block, so "
                 "some path leaves the block with it locked on purpose; a "
                 "guard would release it there");
        return;
      }
    for (const Stmt *Exit : R.HeldExits)
      F.note(Exit->getBeginLoc(), "'" + Name + "' stays locked when this " +
                                      exitVerb(Exit));
    if (!usesStandardNames(Op, R)) {
      QualType T = Op.Mutex->getType();
      if (T->isPointerType())
        T = T->getPointeeType();
      F.refuse("the standard guards call lock() and unlock(), which '" +
               T.getUnqualifiedType().getAsString(C.ast().getPrintingPolicy()) +
               "' does not have");
      return;
    }
    if (!C.lang().CPlusPlus11) {
      F.refuse("the standard lock guards need C++11");
      return;
    }
    if (Op.Shared && !C.lang().CPlusPlus14) {
      F.refuse("std::shared_lock needs C++14");
      return;
    }
    rewrite(C, F, Op, Block, R, Fn);
  }

  /// The lock calls are the ones std::unique_lock and std::shared_lock make
  /// (a class with Lock()/Unlock() has no standard guard).
  static bool usesStandardNames(const LockOp &Op, const LockRegion &R) {
    auto Named = [](const LockOp &O, StringRef A, StringRef B) {
      const auto *MC = dyn_cast<CXXMemberCallExpr>(O.Call);
      StringRef N = MC && MC->getMethodDecl() ? MC->getMethodDecl()->getName() : "";
      return N == A || N == B;
    };
    if (!Named(Op, "lock", "lock_shared"))
      return false;
    for (const LockOp &U : R.Unlocks)
      if (!Named(U, "unlock", "unlock_shared"))
        return false;
    for (const LockOp &L : R.Relocks)
      if (!Named(L, "lock", "lock_shared"))
        return false;
    return true;
  }

  static const char *exitNoun(const Stmt *S) {
    if (isa<ReturnStmt>(S))
      return "a return";
    if (isa<CXXThrowExpr>(S))
      return "a throw";
    if (isa<BreakStmt>(S))
      return "a break";
    if (isa<GotoStmt>(S))
      return "a goto";
    return "a continue";
  }

  static const char *exitVerb(const Stmt *S) {
    if (isa<ReturnStmt>(S))
      return "returns";
    if (isa<CXXThrowExpr>(S))
      return "throws";
    return "leaves the block";
  }

  void rewrite(MatchContext &C, FindingBuilder &F, const LockOp &Op,
               const CompoundStmt *Block, const LockRegion &R,
               const FunctionDecl *Fn) const {
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    std::string Arg = guardArgument(Op, SM, LO);
    QualType T = Op.Mutex->getType();
    if (T->isPointerType())
      T = T->getPointeeType();
    // The mutex type as a template argument; without a spelling valid
    // everywhere, the guard deduces it (C++17) or names the variable's type.
    std::string TArgs;
    std::string Type = spelledType(T, C.ast());
    if (!Type.empty())
      TArgs = "<" + Type + ">";
    else if (!LO.CPlusPlus17) {
      const Expr *ME = Op.Mutex->IgnoreParenImpCasts();
      const ValueDecl *D = nullptr;
      if (const auto *DR = dyn_cast<DeclRefExpr>(ME))
        D = DR->getDecl();
      else if (const auto *M = dyn_cast<MemberExpr>(ME))
        D = M->getMemberDecl();
      if (!D || Op.Mutex->getType()->isPointerType() ||
          D->getType()->isReferenceType()) {
        F.refuse("the mutex's type has no name that is valid here, and "
                 "C++17 is needed to let the guard deduce it");
        return;
      }
      TArgs = "<decltype(" + sourceText(ME->getSourceRange(), SM, LO) + ")>";
    }
    std::string Guard = guardName(C, Op, Fn);
    const Stmt *Last = Block->body_back();
    bool LockGuard = !Op.Shared && R.Relocks.empty() && R.Unlocks.size() == 1 &&
                     statementExpr(Last) == R.Unlocks[0].Call &&
                     !destroysBetween(Block, Op.Call, Last);
    std::string Class = Op.Shared ? "std::shared_lock"
                        : LockGuard ? "std::lock_guard"
                                    : "std::unique_lock";
    auto Range = [](const Expr *E) {
      return CharSourceRange::getTokenRange(E->getSourceRange());
    };
    // The whole statement: `(void)m.lock();` becomes a declaration too.
    const Stmt *LockStmt = Op.Call;
    for (const Stmt *S : Block->body())
      if (statementExpr(S) == Op.Call)
        LockStmt = S;
    F.replace(CharSourceRange::getTokenRange(LockStmt->getSourceRange()),
              Class + TArgs + " " + Guard + "(" + Arg + ")");
    if (LockGuard) {
      F.remove(statementRemovalRange(Last, SM, LO));
    } else {
      for (const LockOp &U : R.Unlocks)
        F.replace(Range(U.Call), Guard + ".unlock()");
      for (const LockOp &L : R.Relocks)
        F.replace(Range(L.Call), Guard + ".lock()");
    }
    SourceLocation At = SM.getExpansionLoc(Op.Call->getBeginLoc());
    F.addIncludes(SM.getFileID(At), {Op.Shared ? "<shared_mutex>" : "<mutex>"});
  }

  /// A variable with a destructor declared between the lock and \p Last:
  /// a lock_guard would keep the mutex locked while it is destroyed.
  static bool destroysBetween(const CompoundStmt *Block, const CallExpr *Lock,
                              const Stmt *Last) {
    bool After = false;
    for (const Stmt *S : Block->body()) {
      if (S == Last)
        break;
      if (After && destroysSomething(S))
        return true;
      After = After || statementExpr(S) == Lock;
    }
    return false;
  }

  /// A name that clashes with nothing in the function, and differs from the
  /// names given to the guards of the function's other critical sections
  /// (each section's finding picks by its position among them).
  std::string guardName(MatchContext &C, const LockOp &Op,
                        const FunctionDecl *Fn) const {
    unsigned Index = 0;
    for (const LockOp &Other : ownOps(Fn, C.ast(), C.vocab())) {
      if (Other.Call == Op.Call)
        break;
      if (Other.Kind == LockOpKind::Lock && !Other.CFunction &&
          !openingLock(Other, C.ast(), C.vocab()))
        ++Index;
    }
    NameReservations &Reserved = C.sink().names();
    SourceLocation Anchor = Op.Call->getBeginLoc();
    StringSet<> Others = Reserved.takenByOthers(Fn, Anchor, C.sm());
    std::vector<std::string> Stream = Names;
    for (unsigned N = 2; Stream.size() <= Index + Names.size() + 8 + Others.size();
         ++N)
      Stream.push_back(Names.front() + std::to_string(N));
    // The Index-th fresh name, then the next that no other rewrite of this
    // unit gave a declaration in the function.
    bool Counted = false;
    for (const std::string &Candidate : Stream) {
      if (freshName(Fn, C.ast(), {Candidate}) != Candidate)
        continue;
      if (!Counted && Index-- != 0)
        continue;
      Counted = true;
      if (Others.contains(Candidate))
        continue;
      Reserved.reserve(Fn, Anchor, C.sm(), {Candidate});
      return Candidate;
    }
    return freshName(Fn, C.ast(), Names, &Reserved, Anchor);
  }

  std::vector<std::string> Names;
  /// Report every manual pair (CP.20), not only those a path leaves locked.
  bool Strict;
};

} // namespace

Expected<std::unique_ptr<Action>>
createGuardManualLockAction(const ActionOptions &O) {
  Expected<std::vector<std::string>> Names = O.identifiers("names", {"lock", "guard", "lk"});
  if (!Names)
    return Names.takeError();
  Expected<bool> Strict = O.flag("strict");
  if (!Strict)
    return Strict.takeError();
  return std::make_unique<GuardManualLockAction>(std::move(*Names), *Strict);
}

} // namespace pitfix
