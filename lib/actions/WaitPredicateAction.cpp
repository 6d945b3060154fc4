//===- WaitPredicateAction.cpp - condition-variable waits without a predicate ===//
//
// A condition variable may wake a waiter that nobody notified (a spurious
// wake-up), and a waiter woken by notify_all may find that another waiter
// took what it was woken for (a stolen wake-up). A wait is only correct when
// something re-checks the awaited condition after it: a loop around it, or
// the predicate overload, which is that loop. `if (C) cv.wait(lk);` checks
// once and then runs on as if C were false.
//
// The rewrite turns `if (C) cv.wait(lk);` into
// `cv.wait(lk, [&] { return !(C); });`. The predicate only lets the wait
// return once C is false, so every notify must be about C: a notifier that
// also changes something C does not read (a stop flag) would no longer wake
// this waiter, and the rewrite is refused.
//
//===----------------------------------------------------------------------===//
#include "actions/WakeUps.h"
#include "analysis/AstWalk.h"
#include "analysis/ConditionVariables.h"
#include "analysis/Effects.h"
#include "analysis/FreshName.h"
#include "analysis/Locks.h"
#include "analysis/ManualLocks.h"
#include "analysis/SourceText.h"
#include "engine/Action.h"
#include "engine/MatchContext.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// The one parent of \p S that is a statement (nullptr at a declaration, a
/// lambda or the function).
const Stmt *parentStmt(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Ps = Ctx.getParents(*S);
  if (Ps.empty())
    return nullptr;
  if (const auto *VD = Ps[0].get<VarDecl>()) {
    DynTypedNodeList Ds = Ctx.getParents(*VD);
    return Ds.empty() ? nullptr : Ds[0].get<DeclStmt>();
  }
  if (Ps[0].get<LambdaExpr>())
    return nullptr;
  return Ps[0].get<Stmt>();
}

/// Statements that decide what runs next: after a wake-up they are the
/// re-check.
bool isCheck(const Stmt *S) {
  return isa<IfStmt, SwitchStmt, WhileStmt, DoStmt, ForStmt, CXXForRangeStmt,
             ReturnStmt, BreakStmt, ContinueStmt>(S);
}

/// Where a wait sits: its statement, whether its value is used, and the
/// loop around it.
struct WaitPlace {
  const Stmt *Statement = nullptr; ///< The expression statement (or DeclStmt).
  bool ResultUsed = false;
  const Stmt *Loop = nullptr;
  /// Inside Loop: the child of the loop on the path (its body, or its
  /// condition when the wait is part of it).
  const Stmt *LoopChild = nullptr;
  /// (child, block) pairs from the statement up to the loop or function.
  std::vector<std::pair<const Stmt *, const CompoundStmt *>> Blocks;
};

WaitPlace placeOf(const CallExpr *Call, ASTContext &Ctx) {
  WaitPlace P;
  const Stmt *Cur = Call;
  const Stmt *Par = parentStmt(Cur, Ctx);
  while (Par && isa<Expr>(Par)) {
    if (!isa<ExprWithCleanups, ParenExpr, ImplicitCastExpr,
             CXXBindTemporaryExpr, MaterializeTemporaryExpr>(Par)) {
      const auto *Cast = dyn_cast<ExplicitCastExpr>(Par);
      if (!Cast || !Cast->getType()->isVoidType())
        P.ResultUsed = true;
    }
    Cur = Par;
    Par = parentStmt(Cur, Ctx);
  }
  if (Par && isa<DeclStmt>(Par)) {
    P.ResultUsed = true;
    Cur = Par;
    Par = parentStmt(Cur, Ctx);
  }
  P.Statement = Cur;
  while (Par) {
    if (const auto *B = dyn_cast<CompoundStmt>(Par))
      P.Blocks.push_back({Cur, B});
    if (isLoop(Par)) {
      P.Loop = Par;
      P.LoopChild = Cur;
      break;
    }
    Cur = Par;
    Par = parentStmt(Cur, Ctx);
  }
  return P;
}

/// A statement that only releases a lock (`lk.unlock();`, `lk.release();`)
/// or does nothing.
bool isNeutral(const Stmt *S, const Vocabulary &V) {
  if (isa<NullStmt>(S))
    return true;
  if (const auto *R = dyn_cast<ReturnStmt>(S))
    return !R->getRetValue();
  const Expr *E = statementExpr(S);
  if (!E)
    return false;
  if (std::optional<LockOp> Op = lockOp(E, V))
    return Op->Kind == LockOpKind::Unlock;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *MD = MC->getMethodDecl())
      return MD->getIdentifier() &&
             (MD->getName() == "unlock" || MD->getName() == "release");
  return false;
}

/// Outside loops: true when nothing but lock releases follows the wait up
/// to the end of its function. The function is then a wait primitive (a
/// condition-variable wrapper's Wait()), and its callers re-check.
bool endsFunction(const WaitPlace &P, const Vocabulary &V) {
  for (auto [Child, Block] : P.Blocks) {
    bool After = false;
    for (const Stmt *S : Block->body()) {
      if (S == Child)
        After = true;
      else if (After && !isNeutral(S, V))
        return false;
    }
  }
  return true;
}

/// Inside a loop: the first statement that runs after the wait and before
/// anything re-checks a condition, or nullptr when a check (or the loop's
/// own condition) comes first.
const Stmt *actsBeforeRecheck(const WaitPlace &P, const Vocabulary &V) {
  for (auto [Child, Block] : P.Blocks) {
    bool After = false;
    for (const Stmt *S : Block->body()) {
      if (S == Child) {
        After = true;
        continue;
      }
      if (!After || isNeutral(S, V))
        continue;
      return isCheck(S) ? nullptr : S;
    }
  }
  return nullptr;
}

/// A loop before the wait, in one of its enclosing blocks, that waits on
/// the same condition variable: the wait comes after that loop has ended.
const Stmt *endedLoopBefore(const WaitPlace &P, const CvWait &W,
                            const Vocabulary &V) {
  auto SameWait = [&](const Stmt *X) {
    if (const auto *C = dyn_cast<CallExpr>(X))
      if (std::optional<CvWait> O = cvWait(C, V))
        return O->Decl && O->Decl == W.Decl;
    return false;
  };
  for (auto [Child, Block] : P.Blocks)
    for (const Stmt *S : Block->body()) {
      if (S == Child)
        break;
      if (!isLoop(S))
        continue;
      if (!forEachStmt(S, [&](const Stmt *X) { return !SameWait(X); }))
        return S;
    }
  return nullptr;
}

/// `if (C) cv.wait(lk);` with nothing else in the `if`: the `if`.
const IfStmt *lonelyIf(const WaitPlace &P, ASTContext &Ctx) {
  const Stmt *S = P.Statement;
  const Stmt *Par = parentStmt(S, Ctx);
  if (const auto *B = dyn_cast_or_null<CompoundStmt>(Par)) {
    if (B->size() != 1)
      return nullptr;
    S = B;
    Par = parentStmt(B, Ctx);
  }
  const auto *If = dyn_cast_or_null<IfStmt>(Par);
  if (!If || If->getThen() != S || If->getElse() || If->getInit() ||
      If->getConditionVariable() || If->isConstexpr() || If->isConsteval())
    return nullptr;
  return If;
}

/// Why evaluating \p C may change something ("" when it cannot): only
/// const member functions and operators taking their operands by value or
/// const reference may be called, and nothing may be assigned or stepped.
std::string sideEffect(const Expr *C, ASTContext &Ctx, const Vocabulary &V) {
  std::string Why;
  forEachStmt(C, [&](const Stmt *S) {
    if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      if (U->isIncrementDecrementOp())
        Why = "it steps a variable";
    } else if (const auto *B = dyn_cast<BinaryOperator>(S)) {
      if (B->isAssignmentOp())
        Why = "it assigns";
    } else if (isa<LambdaExpr>(S)) {
      Why = "it contains a lambda";
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD)) {
        if (!MD->isConst() && !MD->isStatic())
          Why = "it calls the non-const member '" + MD->getNameAsString() + "'";
      } else if (isa<CXXOperatorCallExpr>(Call) && FD) {
        for (const ParmVarDecl *P : FD->parameters()) {
          QualType T = P->getType();
          if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
            Why = "'" + FD->getNameAsString() + "' takes an operand by reference";
        }
      } else {
        Why = FD ? "it calls '" + FD->getNameAsString() + "'"
                 : "it calls through a pointer";
      }
    }
    return Why.empty();
  });
  if (!Why.empty())
    return Why;
  Effects E = effectsOf(C, Ctx, V);
  for (const auto &[D, A] : E.Vars)
    if (A.Kind & AK_Write)
      return "it writes '" + D->getNameAsString() + "'";
  if (E.Unknown)
    return "it calls " + E.Unknown.What;
  if (E.Barrier)
    return "it synchronises through " + E.Barrier.What;
  return "";
}

/// \p E as the operand of a prefix operator: itself when it is a primary or
/// postfix expression, else in parentheses.
std::string operand(const Expr *E, StringRef Text) {
  const Expr *S = E->IgnoreImplicit();
  // A macro may expand to anything: `!(EMPTY)`, never `!EMPTY`.
  if (E->getBeginLoc().isMacroID() || E->getEndLoc().isMacroID())
    return "(" + Text.str() + ")";
  if (isa<DeclRefExpr, MemberExpr, CallExpr, ParenExpr, ArraySubscriptExpr,
          CXXBoolLiteralExpr, IntegerLiteral>(S) &&
      !isa<CXXOperatorCallExpr>(S))
    return Text.str();
  return "(" + Text.str() + ")";
}

/// The negation of condition \p C (spelled \p Text), simplified only where
/// the result plainly means the same: `!x` of a bool gives `x`, an integer
/// or pointer comparison is inverted, anything else gets a `!`.
std::string negation(const Expr *C, const SourceManager &SM,
                     const LangOptions &LO) {
  const Expr *E = C->IgnoreImplicit()->IgnoreParens();
  std::string Text = sourceText(C->getSourceRange(), SM, LO);
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_LNot) {
    const Expr *Sub = U->getSubExpr()->IgnoreParenImpCasts();
    if (Sub->getType()->isBooleanType() && !isa<CXXMemberCallExpr>(Sub) &&
        !isa<CXXOperatorCallExpr>(Sub)) {
      std::string SubText = sourceText(Sub->getSourceRange(), SM, LO);
      if (!SubText.empty())
        return Sub->getBeginLoc().isMacroID() || Sub->getEndLoc().isMacroID()
                   ? "(" + SubText + ")"
                   : SubText;
    }
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E);
      B && B->isComparisonOp() && !B->getLHS()->getType()->isFloatingType() &&
      !B->getRHS()->getType()->isFloatingType()) {
    static const std::pair<BinaryOperatorKind, const char *> Inverse[] = {
        {BO_EQ, "!="}, {BO_NE, "=="}, {BO_LT, ">="},
        {BO_GE, "<"},  {BO_GT, "<="}, {BO_LE, ">"}};
    for (auto [Op, Spelling] : Inverse)
      if (B->getOpcode() == Op) {
        std::string L = sourceText(
            CharSourceRange::getCharRange(B->getBeginLoc(), B->getOperatorLoc()),
            SM, LO);
        std::string R = sourceText(
            CharSourceRange::getCharRange(
                endOfToken(B->getOperatorLoc(), SM, LO),
                endOfToken(B->getEndLoc(), SM, LO)),
            SM, LO);
        if (!L.empty() && !R.empty())
          return StringRef(L).rtrim().str() + " " + Spelling + " " +
                 StringRef(R).ltrim().str();
      }
  }
  return "!" + operand(C, Text);
}

/// A comment inside \p R (which the rewrite would drop).
bool hasComment(CharSourceRange R, const SourceManager &SM,
                const LangOptions &LO) {
  bool Found = false;
  forEachRawToken(
      sourceText(R, SM, LO), LO,
      [&](const Token &Tok) { return !(Found = Tok.is(tok::comment)); },
      /*Comments=*/true);
  return Found;
}

/// What the code after a wake-up does with a spurious one.
struct WakeUp {
  enum KindT {
    Rechecked, ///< A check sends it back to wait, or out with "nothing".
    Acts,      ///< It runs on as if notified (At: the first such statement).
    Ends       ///< A check that it passes ends the loop (At: that `if`).
  } Kind = Rechecked;
  const Stmt *At = nullptr;
};

/// Follows the statements after the wait, as P.Blocks lists them. \p Cond
/// is the condition of the `if` around the wait (null for a bare wait):
/// after a spurious wake-up it still holds, so a check it decides is
/// followed (a check it refutes is passed), and a check it does not
/// decide counts as a re-check. A bare wait's state is unknown, except
/// that a worker waits when its queue is empty: a check that holds when a
/// container is empty and leaves the loop ends the worker. Outside a loop,
/// only a return of "nothing" on that state re-checks.
WakeUp afterWakeUp(const WaitPlace &P, const Expr *Cond, ASTContext &Ctx,
                   const Vocabulary &V) {
  bool InLoop = P.Loop != nullptr;
  for (auto [Child, Block] : P.Blocks) {
    bool After = false;
    for (const Stmt *S : Block->body()) {
      if (S == Child) {
        After = true;
        continue;
      }
      if (!After || isNeutral(S, V) || isPrivateDecl(S, Ctx, V))
        continue;
      if (checkingCall(S, Ctx, V))
        return {};
      const auto *If = dyn_cast<IfStmt>(S);
      if (const Stmt *Jump = ifJump(If)) {
        Truth T = Cond ? truthUnder(If->getCond(), Cond, Ctx)
                 : holdsWhenEmpty(If->getCond()) ? Truth::True
                                                 : Truth::Unknown;
        if (T == Truth::False)
          continue;
        bool Leaves = isa<ReturnStmt, BreakStmt>(Jump) ||
                      (isa<Expr>(Jump) && !isa<GotoStmt>(Jump));
        if (InLoop) {
          if (T == Truth::True && Leaves)
            return {WakeUp::Ends, If};
          return {};
        }
        if (T == Truth::True && isa<ReturnStmt>(Jump))
          return {};
        return {WakeUp::Acts, S};
      }
      if (InLoop && isCheck(S))
        return {};
      return {WakeUp::Acts, S};
    }
  }
  return InLoop ? WakeUp{} : WakeUp{WakeUp::Acts, nullptr};
}

class WaitPredicateAction : public Action {
public:
  void run(MatchContext &C) const override {
    const auto *Root = C.node<Expr>("root");
    std::optional<CvWait> W = cvWait(Root, C.vocab());
    if (!W || W->HasPredicate)
      return;
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    const Vocabulary &V = C.vocab();
    WaitPlace P = placeOf(W->Call, Ctx);
    std::string WaitText = sourceText(W->Call->getSourceRange(), SM, LO);
    if (WaitText.empty())
      WaitText = W->Call->getDirectCallee()->getNameAsString() + "(...)";
    const IfStmt *If = P.ResultUsed ? nullptr : lonelyIf(P, Ctx);
    // An `if` on a by-value parameter or a local chooses how to wait
    // (`if (timeout == -1)`), not what for: no condition of another thread.
    if (const FunctionDecl *Fn = enclosingFunction(W->Call, Ctx);
        If && Fn && readsOnlyCallLocals(If->getCond(), Fn->getBody(), Ctx))
      If = nullptr;
    const Expr *Cond = If ? If->getCond() : nullptr;
    std::string CondText =
        Cond ? sourceText(Cond->getSourceRange(), SM, LO) : "";
    std::string Quoted = CondText.empty() ? "the condition" : "'" + CondText + "'";
    const char *NotVisible =
        "the condition this waits for is not visible; pass it as the wait's "
        "predicate, e.g. `wait(lock, [&] { return <condition>; })`";

    if (P.Loop) {
      // Periodic timed waits, and waits whose result or whose loop decides
      // what happens next, are re-checked.
      if (W->Timed || P.ResultUsed || P.LoopChild != loopBody(P.Loop))
        return;
      WakeUp A = afterWakeUp(P, Cond, Ctx, V);
      if (A.Kind == WakeUp::Rechecked)
        return;
      if (A.Kind == WakeUp::Ends) {
        const auto *Check = cast<IfStmt>(A.At);
        std::string CheckText =
            sourceText(Check->getCond()->getSourceRange(), SM, LO);
        FindingBuilder F = C.report(
            W->Call->getBeginLoc(),
            {{"wait", WaitText},
             {"why", "and a spurious wake-up reaches a check that ends the "
                     "loop while " +
                         (If ? Quoted + " still holds"
                             : std::string("the queue is still empty")) +
                         ": the worker stops although nobody asked it to"}});
        F.note(Check->getBeginLoc(),
               "a spurious wake-up leaves the loop here" +
                   (CheckText.empty() ? std::string()
                                      : ": '" + CheckText + "' holds"));
        if (!If) {
          F.refuse(NotVisible);
          return;
        }
        rewriteIf(F, *W, If, C, /*EveryNotifyChanges=*/true);
        return;
      }
      if (If) {
        FindingBuilder F = reportUnderIf(C, WaitText, Quoted);
        rewriteIf(F, *W, If, C, /*EveryNotifyChanges=*/false);
        return;
      }
      FindingBuilder F = C.report(
          W->Call->getBeginLoc(),
          {{"wait", WaitText},
           {"why", "and its loop acts on the wake-up before re-checking a "
                   "condition: a spurious or stolen wake-up runs on as if "
                   "notified"}});
      F.note(A.At->getBeginLoc(), "this runs after the wake-up with nothing "
                                  "checked");
      F.refuse("the condition this waits for is not visible; check it after "
               "the wait, or pass it as the wait's predicate");
      return;
    }

    if (!If) {
      // A timed wait whose result is ignored is an interruptible sleep.
      if (W->Timed && !P.ResultUsed)
        return;
      if (!P.ResultUsed && endsFunction(P, V))
        return;
      // A condition-variable wrapper: its callers re-check.
      if (isWaitPrimitive(enclosingFunction(W->Call, Ctx), W->Call, Ctx, V))
        return;
      // A timed wait whose early return (a spurious wake-up looks like one)
      // the code handles by testing what it waited for again.
      if (W->Timed && recheckedLater(W->Call, Ctx))
        return;
      if (!P.ResultUsed &&
          afterWakeUp(P, nullptr, Ctx, V).Kind == WakeUp::Rechecked)
        return;
      FindingBuilder F = C.report(
          W->Call->getBeginLoc(),
          {{"wait", WaitText},
           {"why", P.ResultUsed
                       ? "and its result is taken as the reason it woke: a "
                         "spurious wake-up returns too, with nothing changed"
                       : "and no loop re-checks a condition after it: a "
                         "spurious or stolen wake-up runs on as if notified"}});
      if (const Stmt *Ended = endedLoopBefore(P, *W, V))
        F.note(Ended->getBeginLoc(),
               "this loop re-checks before its own wait, but it has ended "
               "when this wait runs");
      F.refuse(NotVisible);
      return;
    }

    // An untimed wait followed by a check that returns "nothing" in the
    // state a spurious wake-up leaves (a dequeue's empty result): its
    // callers handle that result. A timed one would cut its timeout short.
    if (!W->Timed && afterWakeUp(P, Cond, Ctx, V).Kind == WakeUp::Rechecked)
      return;
    FindingBuilder F = reportUnderIf(C, WaitText, Quoted);
    rewriteIf(F, *W, If, C, /*EveryNotifyChanges=*/false);
  }

private:
  static FindingBuilder reportUnderIf(MatchContext &C,
                                      const std::string &WaitText,
                                      const std::string &Quoted) {
    const CallExpr *Call = cast<CallExpr>(C.node<Expr>("root")->IgnoreImplicit());
    return C.report(Call->getBeginLoc(),
                    {{"wait", WaitText},
                     {"why", "and runs once under 'if': a spurious or stolen "
                             "wake-up runs on while " +
                                 Quoted + " still holds"}});
  }

  /// `if (C) cv.wait(lk);` becomes `cv.wait(lk, [&] { return !(C); });`,
  /// or `while (C) cv.wait(lk);` where the wait takes no predicate or the
  /// condition cannot move into a lambda. With \p EveryNotifyChanges, each
  /// notifier must change something C reads (a notify that changes nothing
  /// may be meant to end the loop that the check after the wait leaves).
  static void rewriteIf(FindingBuilder &F, const CvWait &W, const IfStmt *If,
                        MatchContext &C, bool EveryNotifyChanges) {
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    const Expr *Cond = If->getCond();
    std::string CondText = sourceText(Cond->getSourceRange(), SM, LO);
    std::string Callee = W.Call->getDirectCallee()->getNameAsString();
    if (CondText.empty()) {
      F.refuse("the condition is spelled in a macro");
      return;
    }
    std::string Why = sideEffect(Cond, Ctx, C.vocab());
    if (!Why.empty()) {
      F.refuse("the condition '" + CondText + "' cannot move into a "
               "predicate: " + Why);
      return;
    }
    // Where the wait takes no predicate, or a lambda cannot capture what
    // the condition names, `while` in place of `if` is the same loop.
    std::string NoLambda;
    if (W.CFunction)
      NoLambda = "'" + Callee + "' takes no predicate";
    else if (!hasPredicateOverload(W))
      NoLambda = "'" +
                 W.Call->getDirectCallee()->getQualifiedNameAsString() +
                 "' has no overload that takes a predicate";
    else if (std::string Bad = bindingUse(Cond); !Bad.empty() &&
                                                 !LO.CPlusPlus20)
      NoLambda = "the structured binding '" + Bad +
                 "' cannot be captured by a lambda before C++20";
    if (!NoLambda.empty() && W.Timed) {
      F.refuse(NoLambda + ", and in a `while` loop the timed wait would "
               "wait again after its timeout");
      return;
    }
    if (!notifiesAreAbout(F, W, Cond, Ctx, C.vocab(), EveryNotifyChanges))
      return;
    if (!NoLambda.empty()) {
      if (If->getIfLoc().isMacroID()) {
        F.refuse("the 'if' is spelled in a macro");
        return;
      }
      F.replace(CharSourceRange::getTokenRange(If->getIfLoc()), "while");
      return;
    }
    CharSourceRange IfRange = CharSourceRange::getCharRange(
        If->getBeginLoc(), statementRange(If->getThen(), SM, LO).getEnd());
    if (hasComment(IfRange, SM, LO)) {
      F.refuse("a comment inside the 'if' would be lost");
      return;
    }
    std::string Head = sourceText(
        CharSourceRange::getCharRange(W.Call->getBeginLoc(),
                                      W.Call->getRParenLoc()),
        SM, LO);
    if (Head.empty()) {
      F.refuse("the wait is spelled in a macro");
      return;
    }
    std::string Sep = W.Call->getNumArgs() ? ", " : "";
    F.replace(IfRange, Head + Sep + "[&] { return " + negation(Cond, SM, LO) +
                           "; });");
  }

  /// The name of a structured binding that \p E uses, or "".
  static std::string bindingUse(const Expr *E) {
    std::string Name;
    forEachStmt(E, [&](const Stmt *S) {
      if (const auto *D = dyn_cast<DeclRefExpr>(S);
          D && isa<BindingDecl>(D->getDecl()))
        Name = D->getDecl()->getNameAsString();
      return Name.empty();
    });
    return Name;
  }

  /// Is every notify of the condition variable about \p Cond: does each
  /// notifying function change only what \p Cond reads? Otherwise a waiter
  /// with the predicate would sleep through a wake-up meant for something
  /// else, and the finding is refused with the reason. With
  /// \p EveryNotifyChanges, each notifier must also change something that
  /// \p Cond reads.
  static bool notifiesAreAbout(FindingBuilder &F, const CvWait &W,
                               const Expr *Cond, ASTContext &Ctx,
                               const Vocabulary &V, bool EveryNotifyChanges) {
    const SourceManager &SM = Ctx.getSourceManager();
    std::string CvName = W.Decl ? W.Decl->getNameAsString() : "";
    if (!W.Decl || isa<ParmVarDecl>(W.Decl) ||
        W.Decl->getType()->isReferenceType() ||
        W.Decl->getType()->isPointerType()) {
      F.refuse("the condition variable is reached through a parameter, "
               "reference or pointer; its notifiers are not visible");
      return false;
    }
    if (const auto *Var = dyn_cast<VarDecl>(W.Decl);
        Var && Var->hasExternalStorage()) {
      F.refuse("'" + CvName + "' is defined in another file, where it may "
               "be notified for other reasons");
      return false;
    }
    if (const auto *Field = dyn_cast<FieldDecl>(W.Decl))
      for (const CXXMethodDecl *MD : cast<CXXRecordDecl>(Field->getParent())->methods())
        if (MD->isUserProvided() && !MD->isPureVirtual() && !MD->hasBody()) {
          F.note(MD->getLocation(), "'" + MD->getNameAsString() +
                                        "' is defined in another file");
          F.refuse("methods of '" + Field->getParent()->getNameAsString() +
                   "' are defined elsewhere and may notify '" + CvName +
                   "' for other reasons");
          return false;
        }
    std::vector<const CallExpr *> Notifies = notifiesOf(W.Decl, Ctx, V);
    if (Notifies.empty()) {
      F.refuse("no notify of '" + CvName + "' is visible in this file");
      return false;
    }
    Effects Reads = effectsOf(Cond, Ctx, V);
    for (const CallExpr *N : Notifies) {
      const FunctionDecl *Fn = enclosingFunction(N, Ctx);
      if (!Fn || !Fn->getBody()) {
        F.refuse("a notify of '" + CvName + "' is outside any function");
        return false;
      }
      Effects E = effectsUpTo(N, Ctx, V);
      // The mutexes the notifier locks are not news for the waiter.
      SmallPtrSet<const ValueDecl *, 4> Mutexes;
      for (const LockOp &Op : lockOpsIn(Fn->getBody(), V))
        if (const ValueDecl *M = mutexDecl(Op.Mutex))
          Mutexes.insert(M);
      for (const ValueDecl *M : Mutexes)
        E.Vars.erase(M);
      EffectSite Far = E.FarWrite ? E.FarWrite : E.IndirectWrite;
      if (!Far)
        Far = E.Unknown;
      if (Far) {
        F.note(Far.Loc, Far.What + " may change anything before the notify");
        F.refuse("a notifier of '" + CvName + "' may change state that '" +
                 sourceText(Cond->getSourceRange(), SM, Ctx.getLangOpts()) +
                 "' does not read");
        return false;
      }
      for (const auto &[D, A] : E.Vars) {
        if (!(A.Kind & AK_Write) || D == W.Decl)
          continue;
        // The notifier's own locals are private to it.
        const auto *DC = D->getDeclContext();
        if (!isSharedStorage(D) && DC == Fn)
          continue;
        if (isa<ParmVarDecl>(D) && DC == Fn)
          continue;
        auto It = Reads.Vars.find(D);
        if (It != Reads.Vars.end() && (It->second.Kind & AK_Read))
          continue;
        F.note(A.Loc, "'" + D->getNameAsString() + "' changes here, and '" +
                          CvName + "' is notified after it");
        F.refuse("a notifier of '" + CvName + "' changes '" +
                 D->getNameAsString() + "', which the condition does not "
                 "read: with the predicate, that notify would not wake "
                 "this wait");
        return false;
      }
      if (EveryNotifyChanges && !changesWhatIsRead(E, Reads)) {
        F.note(N->getBeginLoc(), "'" + Fn->getNameAsString() +
                                     "' notifies '" + CvName +
                                     "' without changing what the condition "
                                     "reads");
        F.refuse("a notify that changes nothing the condition reads may be "
                 "meant to end the loop, which the check after the wait "
                 "does; with the predicate, it would not wake this wait");
        return false;
      }
    }
    return true;
  }

  /// What the function around the notify \p N does before it: the
  /// statements of each enclosing block up to the one that contains \p N
  /// (all of a loop around it, whose next round comes after the notify).
  /// What it does after the notify is not why it notifies.
  static Effects effectsUpTo(const CallExpr *N, ASTContext &Ctx,
                             const Vocabulary &V) {
    Effects E;
    const Stmt *Child = N;
    for (const Stmt *P = parentStatement(N, Ctx); P && !isa<LambdaExpr>(P);
         Child = P, P = parentStatement(P, Ctx)) {
      if (isLoop(P)) {
        E.merge(effectsOf(P, Ctx, V));
        continue;
      }
      const auto *B = dyn_cast<CompoundStmt>(P);
      if (!B)
        continue;
      for (const Stmt *S : B->body()) {
        E.merge(effectsOf(S, Ctx, V));
        if (S == Child)
          break;
      }
    }
    return E;
  }

  /// True when \p Notifier writes a variable that \p Reads reads.
  static bool changesWhatIsRead(const Effects &Notifier,
                                const Effects &Reads) {
    for (const auto &[D, A] : Notifier.Vars) {
      auto It = Reads.Vars.find(D);
      if ((A.Kind & AK_Write) && It != Reads.Vars.end() &&
          (It->second.Kind & AK_Read))
        return true;
    }
    return false;
  }
};

} // namespace

Expected<std::unique_ptr<Action>>
createWaitPredicateAction(const ActionOptions &) {
  return std::make_unique<WaitPredicateAction>();
}

} // namespace pitfix
