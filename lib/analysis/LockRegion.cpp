//===- LockRegion.cpp -----------------------------------------------------===//
//
// The walk keeps, for the mutex, a set of possible states at each point:
// {}, {unlocked}, {locked} or both. Structured statements merge the states of
// their branches; loops must leave the state as they found it, so that a
// guard's single "owns the lock" flag tracks every iteration.
//
//===----------------------------------------------------------------------===//
#include "analysis/LockRegion.h"

#include "analysis/AstWalk.h"
#include "analysis/EndlessLoops.h"
#include "analysis/FreshName.h"
#include "analysis/Locks.h"
#include "analysis/MayThrow.h"
#include "analysis/SourceText.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <map>

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Possible lock states: a bit set.
enum : unsigned { Unreached = 0, Free = 1, Held = 2 };

/// The declarations along the way to the mutex (`s->m`: s and m).
static void chainDecls(const Expr *E, SmallVectorImpl<const ValueDecl *> &Out) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return chainDecls(U->getSubExpr(), Out);
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    Out.push_back(D->getDecl());
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    Out.push_back(M->getMemberDecl());
    chainDecls(M->getBase(), Out);
  }
}

/// The name of the mutex for messages.
static std::string spelled(const Expr *E, ASTContext &Ctx) {
  std::string S = sourceText(E->getSourceRange(), Ctx.getSourceManager(),
                             Ctx.getLangOpts());
  if (S.empty())
    if (const ValueDecl *D = mutexDecl(E))
      S = D->getNameAsString();
  return S;
}

/// Follows one mutex through the statements after its lock() and fills a
/// LockRegion; the first problem found ends the walk.
class Walker {
public:
  Walker(const LockOp &Lock, ASTContext &Ctx, const Vocabulary &V,
         const FunctionDecl *Fn, LockRegion &R)
      : Lock(Lock), Ctx(Ctx), V(V), Fn(Fn), R(R),
        Name(spelled(Lock.Mutex, Ctx)), Throws(Ctx, V) {}

  /// Checks the uses of the mutex, then walks the statements after the lock
  /// (from statement \p First when it is set).
  void run(const CompoundStmt *Block, std::optional<unsigned> First) {
    std::vector<const Stmt *> Region;
    bool After = false;
    unsigned I = 0;
    for (const Stmt *S : Block->body()) {
      if (After || (First && I >= *First))
        Region.push_back(S), After = true;
      else if (!First && statementExpr(S) == Lock.Call)
        After = true;
      ++I;
    }
    RegionBegin = Region.empty() ? SourceLocation() : Region.front()->getBeginLoc();
    RegionEnd = Block->getRBracLoc();
    if (!After && !First)
      return fail(Lock.Call->getBeginLoc(), "",
                  "the lock is not a statement of its own in the block");
    for (const Stmt *S : Region)
      for (const LockOp &Op : lockOpsIn(S, V))
        if (Op.CFunction == Lock.CFunction && Op.Key == Lock.Key)
          KeyOps.insert(Op.Call);
    if (Ctx.getParents(*Block).size() == 1 && Ctx.getParents(*Block)[0].get<SwitchStmt>())
      return fail(Lock.Call->getBeginLoc(), "",
                  "the lock is directly in a switch body, where the case "
                  "labels would jump over the guard's declaration");
    for (const Stmt *S : Region) {
      checkUses(S);
      if (R.Problem)
        return;
    }
    unsigned State = Held;
    for (const Stmt *S : Region)
      State = walk(S, State);
    R.HeldAtEnd = State & Held;
    // The walk follows each goto to see whether it leaves with the mutex
    // held; a guard would still have to follow the jumps themselves.
    if (hasGoto(Fn->getBody()))
      fail(Lock.Call->getBeginLoc(), "",
           "the function uses goto; the paths a guard would follow are not "
           "checked");
  }

private:
  void fail(SourceLocation Loc, const Twine &Note, const Twine &Reason) {
    if (R.Problem)
      return;
    R.Problem = Refusal(Reason, Loc, Note);
  }

  static bool hasGoto(const Stmt *S) {
    if (!S)
      return false;
    if (isa<GotoStmt, IndirectGotoStmt>(S))
      return true;
    for (const Stmt *C : S->children())
      if (hasGoto(C))
        return true;
    return false;
  }

  bool hasKeyOp(const Stmt *S) const {
    if (!S)
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (KeyOps.count(CE))
        return true;
    for (const Stmt *C : S->children())
      if (hasKeyOp(C))
        return true;
    return false;
  }

  /// Every mention of the mutex in \p S must be a lock call on it, or a
  /// guard that locks it and lets it go again; pointers on the way to it
  /// must not change; functions called here must not lock or unlock it.
  void checkUses(const Stmt *S) {
    const ValueDecl *Target = mutexDecl(Lock.Mutex);
    SmallVector<const ValueDecl *, 4> Chain;
    chainDecls(Lock.Mutex, Chain);
    forEachStmt(S, [&](const Stmt *X) {
      if (const auto *E = dyn_cast<DeclRefExpr>(X))
        checkUse(E, E->getDecl(), Target, Chain);
      else if (const auto *E = dyn_cast<MemberExpr>(X))
        checkUse(E, E->getMemberDecl(), Target, Chain);
      else if (const auto *E = dyn_cast<CallExpr>(X))
        checkCallee(E, Target);
      return !R.Problem;
    });
  }

  void checkUse(const Expr *E, const ValueDecl *D, const ValueDecl *Target,
                ArrayRef<const ValueDecl *> Chain) {
    if (D == Target && mutexKey(E) == Lock.Key) {
      if (isLockCallOn(E) || isGuardOn(E))
        return;
      return fail(E->getBeginLoc(), "'" + Name + "' is used here",
                  "'" + Name + "' is used other than by lock() and unlock() "
                  "while the guard would exist");
    }
    if (D == Target || !is_contained(Chain, D))
      return;
    QualType T = D->getType();
    if (!T->isPointerType() || T.isConstQualified())
      return;
    // Reading the pointer is fine; anything else may point it elsewhere.
    DynTypedNodeList P = Ctx.getParents(*E);
    if (!P.empty())
      if (const auto *Cast = P[0].get<ImplicitCastExpr>())
        if (Cast->getCastKind() == CK_LValueToRValue)
          return;
    fail(E->getBeginLoc(), "'" + D->getName() + "' may change here",
         "'" + D->getName() + "' may point elsewhere by the time of the "
         "unlock, so the guard could release another mutex");
  }

  /// \p E is the object of a lock call on the mutex, in this function.
  bool isLockCallOn(const Expr *E) const {
    DynTypedNodeList P = Ctx.getParents(*E);
    while (!P.empty()) {
      if (const auto *Call = P[0].get<CallExpr>())
        return KeyOps.count(Call) && enclosingFunction(Call, Ctx) == Fn;
      const Expr *PE = P[0].get<Expr>();
      if (!PE || !(isa<ImplicitCastExpr, ParenExpr, MemberExpr>(PE) ||
                   (isa<UnaryOperator>(PE) &&
                    cast<UnaryOperator>(PE)->getOpcode() == UO_AddrOf)))
        return false;
      P = Ctx.getParents(P[0]);
    }
    return false;
  }

  /// \p E is handed to a guard that locks (or tries) and releases it itself.
  bool isGuardOn(const Expr *E) const {
    DynTypedNodeList P = Ctx.getParents(*E);
    while (!P.empty()) {
      if (const auto *C = P[0].get<CXXConstructExpr>()) {
        std::optional<GuardInfo> G = guardInfo(C, V);
        return G && G->Mode != LockMode::Adopts;
      }
      const Expr *PE = P[0].get<Expr>();
      if (!PE || !isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                      UnaryOperator>(PE))
        return false;
      P = Ctx.getParents(P[0]);
    }
    return false;
  }

  /// A function of this translation unit called in the region must not lock
  /// or unlock the mutex itself (lock/unlock helpers).
  void checkCallee(const CallExpr *CE, const ValueDecl *Target) {
    const FunctionDecl *FD = CE->getDirectCallee();
    const FunctionDecl *Def = nullptr;
    if (!FD || !FD->hasBody(Def) || !Def || Def == Fn)
      return;
    for (const LockOp &Op : lockOpsIn(Def->getBody(), V))
      if (mutexDecl(Op.Mutex) == Target)
        return fail(CE->getBeginLoc(),
                    "'" + FD->getName() + "' locks or unlocks '" + Name + "'",
                    "a function called while the guard would exist locks or "
                    "unlocks '" + Name + "' itself");
  }

  void exitHere(const Stmt *S, unsigned In) {
    // A throw inside a try whose handler catches everything does not leave.
    if (Covered && isa<CXXThrowExpr>(S))
      return;
    if (In & Held)
      R.HeldExits.push_back(S);
  }

  /// Records the first statement, run with the mutex held, from which an
  /// exception may leave by evidence.
  void throwsHere(const Stmt *S, unsigned In) {
    // Without exceptions (-fno-exceptions) nothing throws.
    if (!S || !(In & Held) || R.HeldThrow || Covered ||
        !Ctx.getLangOpts().CXXExceptions)
      return;
    if (std::optional<ThrowSite> T = Throws.firstThrow(S)) {
      // A throw statement of the region is already one of its exits.
      if (isa<CXXThrowExpr>(T->Where))
        return;
      R.HeldThrow = T->Where;
      R.HeldThrowWhy = T->Why;
    }
  }

  /// A try that holds no lock call of the mutex: the handlers start in the
  /// state the try started in. A `catch (...)` covers the exceptions of its
  /// try block.
  unsigned tryStmt(const CXXTryStmt *T, unsigned In) {
    bool CatchAll = false;
    for (unsigned I = 0; I < T->getNumHandlers(); ++I)
      CatchAll = CatchAll || T->getHandler(I)->getCaughtType().isNull();
    Covered += CatchAll;
    unsigned Out = walk(T->getTryBlock(), In);
    Covered -= CatchAll;
    for (unsigned I = 0; I < T->getNumHandlers(); ++I)
      Out |= walk(T->getHandler(I)->getHandlerBlock(), In);
    return Out;
  }

  /// break/continue/return/throw inside \p S that leave it, for a
  /// statement without lock calls (its state is unchanged on every path
  /// that falls through).
  void jumps(const Stmt *S, unsigned In, unsigned Loops, unsigned Switches) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (isa<ReturnStmt>(S) || isa<CXXThrowExpr>(S))
      exitHere(S, In);
    if (isa<GotoStmt, IndirectGotoStmt>(S))
      gotoHere(S, In);
    if (isa<BreakStmt>(S) && Loops + Switches == 0)
      jumpTo(S, In, /*Continue=*/false);
    if (isa<ContinueStmt>(S) && Loops == 0)
      jumpTo(S, In, /*Continue=*/true);
    bool Loop = isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
    bool Switch = isa<SwitchStmt>(S);
    for (const Stmt *C : S->children())
      jumps(C, In, Loops + Loop, Switches + Switch);
  }

  /// A goto run with the mutex held leaves the region when its label is
  /// outside it (before the lock or after the block). A jump to a label
  /// inside the region stays in it and is not an exit (the function's goto
  /// already keeps a guard from being declared); a computed goto may go
  /// anywhere.
  void gotoHere(const Stmt *S, unsigned In) {
    if (In == Unreached)
      return;
    const auto *G = dyn_cast<GotoStmt>(S);
    if (!G || !G->getLabel() || !G->getLabel()->getStmt()) {
      R.HasGoto = R.HasGoto || (In & Held);
      return;
    }
    const SourceManager &SM = Ctx.getSourceManager();
    const LabelStmt *Label = G->getLabel()->getStmt();
    SourceLocation L = Label->getBeginLoc();
    bool Inside = RegionBegin.isValid() &&
                  !SM.isBeforeInTranslationUnit(L, RegionBegin) &&
                  SM.isBeforeInTranslationUnit(L, RegionEnd);
    if (!Inside) {
      if (In & Held)
        R.HeldExits.push_back(S);
      return;
    }
    // A jump forward inside the region: the label starts in its state too.
    // A jump back is a loop the walk does not follow (no exit).
    if (SM.isBeforeInTranslationUnit(L, S->getBeginLoc()))
      return;
    PendingGoto &P = Pending[G->getLabel()];
    P.State |= In;
    if (In & Held)
      P.Held.push_back(S);
  }

  /// A label that forward gotos reach: their states join the fall-through
  /// one. A goto that holds the mutex and jumps past its unlock (the label
  /// is reached unlocked otherwise) leaves it locked.
  unsigned label(const LabelStmt *L, unsigned In) {
    auto It = Pending.find(L->getDecl());
    if (It != Pending.end()) {
      if (In == Free && !It->second.Held.empty()) {
        R.HeldExits.insert(R.HeldExits.end(), It->second.Held.begin(),
                           It->second.Held.end());
        In |= It->second.State & ~unsigned(Held);
      } else {
        In |= It->second.State;
      }
    }
    return walk(L->getSubStmt(), In);
  }

  void jumpTo(const Stmt *S, unsigned In, bool Continue) {
    for (auto It = Targets.rbegin(); It != Targets.rend(); ++It) {
      if (Continue && !It->Loop)
        continue;
      (Continue ? It->Continue : It->Break) |= In;
      return;
    }
    exitHere(S, In);
  }

  unsigned walk(const Stmt *S, unsigned In) {
    if (!S || R.Problem)
      return In;
    if (const auto *B = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *C : B->body())
        In = walk(C, In);
      return In;
    }
    if (const auto *A = dyn_cast<AttributedStmt>(S))
      return walk(A->getSubStmt(), In);
    if (const auto *L = dyn_cast<LabelStmt>(S))
      return label(L, In);
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      if (hasKeyOp(If->getInit()) || hasKeyOp(If->getCond()) ||
          hasKeyOp(If->getConditionVariableDeclStmt()))
        return nested(S);
      jumps(If->getInit(), In, 0, 0);
      throwsHere(If->getInit(), In);
      throwsHere(If->getCond(), In);
      unsigned Then = walk(If->getThen(), In);
      unsigned Else = If->getElse() ? walk(If->getElse(), In) : In;
      return Then | Else;
    }
    if (isa<ReturnStmt>(S)) {
      if (hasKeyOp(S))
        return nested(S);
      exitHere(S, In);
      return Unreached;
    }
    if (isa<BreakStmt>(S) || isa<ContinueStmt>(S)) {
      jumpTo(S, In, isa<ContinueStmt>(S));
      return Unreached;
    }
    if (isa<GotoStmt, IndirectGotoStmt>(S)) {
      gotoHere(S, In);
      return Unreached;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S) && hasKeyOp(S))
      return loop(S, In);
    if (const auto *T = dyn_cast<CXXTryStmt>(S); T && !hasKeyOp(T->getTryBlock()))
      return tryStmt(T, In);
    if (const Expr *E = statementExpr(S)) {
      if (const auto *Call = dyn_cast<CallExpr>(E); Call && KeyOps.count(Call))
        return operation(*lockOp(Call, V), In);
      if (isa<CXXThrowExpr>(E) && !hasKeyOp(S)) {
        exitHere(E, In);
        return Unreached;
      }
    }
    if (hasKeyOp(S))
      return nested(S);
    jumps(S, In, 0, 0);
    throwsHere(S, In);
    return In;
  }

  unsigned nested(const Stmt *S) {
    for (const LockOp &Op : lockOpsIn(S, V))
      if (KeyOps.count(Op.Call)) {
        fail(Op.Call->getBeginLoc(), "'" + Name + "' is locked or unlocked here",
             "a lock or unlock of '" + Name + "' is part of a larger "
             "statement or expression whose paths pitfix does not follow");
        break;
      }
    return Free | Held;
  }

  unsigned loop(const Stmt *S, unsigned In) {
    const Stmt *Body = nullptr;
    SmallVector<const Stmt *, 4> Heads;
    if (const auto *F = dyn_cast<ForStmt>(S)) {
      Body = F->getBody();
      Heads = {F->getInit(), F->getCond(), F->getInc()};
    } else if (const auto *W = dyn_cast<WhileStmt>(S)) {
      Body = W->getBody();
      Heads = {W->getCond()};
    } else if (const auto *D = dyn_cast<DoStmt>(S)) {
      Body = D->getBody();
      Heads = {D->getCond()};
    } else if (const auto *RF = dyn_cast<CXXForRangeStmt>(S)) {
      Body = RF->getBody();
      Heads = {RF->getInit(), RF->getRangeInit()};
    }
    for (const Stmt *H : Heads)
      if (hasKeyOp(H))
        return nested(S);
    Targets.push_back({true});
    unsigned End = walk(Body, In);
    Target T = Targets.back();
    Targets.pop_back();
    unsigned Iteration = End | T.Continue;
    if (!R.Problem && Iteration != Unreached && Iteration != In)
      fail(S->getBeginLoc(), "the loop starts here",
           "whether '" + Name + "' is held changes from one iteration of "
           "the loop to the next");
    // `for (;;)` and `while (true)` end only by their breaks.
    if (isForeverLoop(S, Ctx))
      return T.Break;
    return In | T.Break;
  }

  unsigned operation(const LockOp &Op, unsigned In) {
    SourceLocation Loc = Op.Call->getBeginLoc();
    if (Op.Kind == LockOpKind::TryLock) {
      fail(Loc, "'" + Name + "' is tried here",
           "the critical section also tries to lock '" + Name + "'");
      return In;
    }
    if (Op.Shared != Lock.Shared) {
      fail(Loc, "'" + Name + "' is locked or unlocked " +
                    (Op.Shared ? "shared" : "exclusively") + " here",
           "'" + Name + "' is taken both shared and exclusively; one guard "
           "cannot follow both");
      return In;
    }
    if (Op.Kind == LockOpKind::Unlock) {
      if (In & Free)
        fail(Loc, "'" + Name + "' may not be locked here",
             "'" + Name + "' is unlocked on a path where it may not be "
             "locked");
      R.Unlocks.push_back(Op);
      return In == Unreached ? Unreached : Free;
    }
    if (In & Held)
      fail(Loc, "'" + Name + "' may already be locked here",
           "'" + Name + "' is locked again on a path where it is already "
           "held");
    R.Relocks.push_back(Op);
    return In == Unreached ? Unreached : Held;
  }

  struct Target {
    bool Loop;
    unsigned Break = Unreached;
    unsigned Continue = Unreached;
  };

  const LockOp &Lock;
  ASTContext &Ctx;
  const Vocabulary &V;
  const FunctionDecl *Fn;
  LockRegion &R;
  std::string Name;
  SmallPtrSet<const CallExpr *, 8> KeyOps;
  std::vector<Target> Targets;
  struct PendingGoto {
    unsigned State = Unreached;
    std::vector<const Stmt *> Held; ///< Gotos that jump with it held.
  };
  std::map<const LabelDecl *, PendingGoto> Pending;
  /// The statements after the lock: from RegionBegin up to RegionEnd.
  SourceLocation RegionBegin, RegionEnd;
  ThrowAnalysis Throws;
  unsigned Covered = 0; ///< Enclosing try blocks that catch everything.
};

} // namespace

LockRegion analyzeLockRegion(const LockOp &Lock, const CompoundStmt *Block,
                             const FunctionDecl *Fn, ASTContext &Ctx,
                             const Vocabulary &V) {
  LockRegion R;
  Walker(Lock, Ctx, V, Fn, R).run(Block, std::nullopt);
  return R;
}

LockRegion analyzeLockRegionFrom(const LockOp &Lock, const CompoundStmt *Block,
                                 unsigned First, const FunctionDecl *Fn,
                                 ASTContext &Ctx, const Vocabulary &V) {
  LockRegion R;
  Walker(Lock, Ctx, V, Fn, R).run(Block, First);
  return R;
}

} // namespace pitfix
