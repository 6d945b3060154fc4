//===- MoveBeforeSpawnAction.cpp - count work in before it starts ---------===//
//
// `pool.submit([&] { wg.Add(1); work(); wg.Done(); });` counts the work in
// only once it runs, so `wg.Wait()` in the spawning thread can see a zero
// count and return before the work has even started. The fix moves the
// increment out of the spawned body to just before the spawning statement,
// spelled as the spawning scope sees the counter.
//
// The increment moves only when that keeps its meaning: it runs exactly once
// per spawn (not under a condition, not in a loop of the body, not after an
// early return), its value is not used, and everything it names is visible
// before the spawn and denotes the same object there (a counter captured by
// copy is another object: that is a bug of its own and is only reported).
//
//===----------------------------------------------------------------------===//
#include "analysis/AstWalk.h"
#include "analysis/Counters.h"
#include "analysis/SourceText.h"
#include "analysis/Spawns.h"
#include "engine/Action.h"
#include "engine/MatchContext.h"
#include "toolkit/StatementPlacement.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// The first statement in a spawned body (outside nested lambdas) that
/// leaves the body before \p Before: return, throw, co_return, goto.
const Stmt *earlyExit(const Stmt *Body, SourceLocation Before,
                      const SourceManager &SM) {
  const Stmt *Found = nullptr;
  WalkOptions O;
  O.Lambdas = false;
  forEachStmt(
      Body,
      [&](const Stmt *S) {
        if (isa<ReturnStmt, CXXThrowExpr, CoreturnStmt, GotoStmt>(S) &&
            SM.isBeforeInTranslationUnit(S->getBeginLoc(), Before))
          Found = S;
        return !Found;
      },
      O);
  return Found;
}

/// A spawn (of the vocabulary) in \p Body after \p After: a body that
/// counts in before spawning more work counts that work, correctly.
const Expr *spawnAfter(const Stmt *Body, SourceLocation After,
                       const SourceManager &SM, const Vocabulary &V) {
  const Expr *Found = nullptr;
  forEachStmt(Body, [&](const Stmt *S) {
    if (isa<CallExpr, CXXConstructExpr>(S) &&
        SM.isBeforeInTranslationUnit(After, S->getBeginLoc()) &&
        spawnInfo(cast<Expr>(S), V))
      Found = cast<Expr>(S);
    return !Found;
  });
  return Found;
}

/// The names and `this` used by an expression.
struct NameUses {
  std::vector<const DeclRefExpr *> Refs;
  std::vector<const CXXThisExpr *> Uses;
};
NameUses namesIn(const Expr *E) {
  NameUses N;
  forEachStmt(E, [&](const Stmt *S) {
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      N.Refs.push_back(R);
    else if (const auto *T = dyn_cast<CXXThisExpr>(S))
      N.Uses.push_back(T);
    return true;
  });
  return N;
}

/// The variable (or `this`) that holds the counter object itself, following
/// `.` and `[]` on arrays but not pointers: a by-copy capture of it means
/// the body counts a copy.
const Stmt *counterHolder(const Expr *Object) {
  const Expr *E = Object->IgnoreParenImpCasts();
  if (E->getType()->isPointerType())
    return nullptr; // a pointer: a copy points to the same counter
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (M->isArrow())
        return isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts())
                   ? M->getBase()->IgnoreParenImpCasts()
                   : nullptr;
      E = M->getBase();
      continue;
    }
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!A->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        return nullptr;
      E = A->getBase();
      continue;
    }
    if (isa<DeclRefExpr, CXXThisExpr>(E))
      return E;
    return nullptr;
  }
}

/// Is \p Holder (from counterHolder()) a variable declared inside the body
/// of \p L (not an init capture)?
bool declaredInside(const Stmt *Holder, const LambdaExpr *L,
                    const SourceManager &SM) {
  const auto *R = dyn_cast_or_null<DeclRefExpr>(Holder);
  const auto *VD = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
  if (!VD || VD->isInitCapture())
    return false;
  SourceRange Body = L->getBody()->getSourceRange();
  SourceLocation At = SM.getExpansionLoc(VD->getLocation());
  // A reference parameter may well be bound to the spawner's counter.
  if (isa<ParmVarDecl>(VD))
    return VD->getDeclContext() == L->getCallOperator() &&
           !VD->getType()->isReferenceType();
  return !SM.isBeforeInTranslationUnit(At, SM.getExpansionLoc(Body.getBegin())) &&
         SM.isBeforeInTranslationUnit(At, SM.getExpansionLoc(Body.getEnd()));
}

/// Like Expr::HasSideEffects, but reaching the counter through a smart
/// pointer (`sp->Add(1)`: an overloaded `->` or `*`) is only a read.
bool hasSideEffects(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    if ((OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star) &&
        OC->getNumArgs() == 1)
      return hasSideEffects(OC->getArg(0), Ctx);
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return hasSideEffects(M->getBase(), Ctx);
  return E->HasSideEffects(Ctx);
}

/// What the rewrite does: the text that runs before the spawn, where it
/// goes, and what is removed from the body.
struct MovePlan {
  std::string Text;
  StatementSlot Slot;
  CharSourceRange Removal;
};

/// The move-before-spawn action: see the file comment.
class MoveBeforeSpawnAction : public Action {
public:
  MoveBeforeSpawnAction(std::string IncrementId, std::string LambdaId)
      : IncrementId(std::move(IncrementId)), LambdaId(std::move(LambdaId)) {}

  void run(MatchContext &C) const override {
    const auto *Inc = C.node<Expr>(IncrementId);
    const auto *L = C.node<LambdaExpr>(LambdaId);
    if (!Inc || !L)
      return;
    const Vocabulary &V = C.vocab();
    std::optional<CounterOp> Op = counterIncrement(Inc, V);
    if (!Op)
      return;
    std::optional<SpawnInfo> Spawn = spawnRunning(L, C.ast(), V);
    if (!Spawn || !isPitfall(C, *Op, L, *Spawn))
      return;
    const SourceManager &SM = C.sm();
    std::string IncText = sourceText(Inc->getSourceRange(), SM, C.lang());
    std::string Counter = sourceText(Op->Object->getSourceRange(), SM, C.lang());
    if (IncText.empty())
      IncText = "the increment";
    RefusalOr<MovePlan> P = plan(C, *Op, L, *Spawn, IncText);
    // Other increments of the same body that move too all go before the
    // one spawn, in one finding (the first one's): separate insertions at
    // one point would conflict.
    std::vector<std::pair<const Expr *, MovePlan>> Others;
    if (P)
      for (const Expr *E : bodyIncrements(L, V)) {
        std::optional<CounterOp> O = counterIncrement(E, V);
        if (E == Inc || !O || !isPitfall(C, *O, L, *Spawn))
          continue;
        std::string Text = sourceText(E->getSourceRange(), SM, C.lang());
        RefusalOr<MovePlan> Q = plan(C, *O, L, *Spawn, Text);
        if (!Q)
          continue;
        if (SM.isBeforeInTranslationUnit(E->getBeginLoc(), Inc->getBeginLoc()))
          return; // reported and moved with that earlier increment
        Others.emplace_back(E, std::move(*Q));
      }
    FindingBuilder F =
        C.report(Inc->getBeginLoc(), {{"increment", IncText}, {"counter", Counter}});
    F.note(Spawn->Call->getBeginLoc(), "the work is spawned here");
    if (!P) {
      F.refuse(P.refusal());
      return;
    }
    std::vector<std::string> Texts = {P->Text};
    F.remove(P->Removal);
    for (auto &[E, Q] : Others) {
      F.note(E->getBeginLoc(), "'" + sourceText(E->getSourceRange(), C.sm(),
                                                C.lang()) +
                                   "' moves before the spawn as well");
      F.remove(Q.Removal);
      Texts.push_back(Q.Text);
    }
    SourceChanges Changes;
    insertInSlot(Changes, P->Slot, Texts, C.ast());
    F.apply(Changes);
  }

  /// Is \p Op, in the body of the spawned \p L, counting in work that a
  /// waiter relies on?
  static bool isPitfall(MatchContext &C, const CounterOp &Op,
                        const LambdaExpr *L, const SpawnInfo &Spawn) {
    const Vocabulary &V = C.vocab();
    const Expr *Inc = Op.Op;
    const Stmt *Body = L->getBody();
    const SourceManager &SM = C.sm();
    if (!SM.isBeforeInTranslationUnit(Body->getBeginLoc(), Inc->getBeginLoc()))
      return false; // in a capture initializer, not in the body
    // Counting in before starting more work is the correct shape for that
    // work.
    if (spawnAfter(Body, Inc->getBeginLoc(), SM, V))
      return false;
    // A counter declared in the body is not one the spawning code waits on.
    if (declaredInside(counterHolder(Op.Object), L, SM))
      return false;
    if (Op.Kind != CounterKind::Atomic)
      return true;
    // An atomic whose new value the body uses is a ticket, an id or a lock,
    // not a count of outstanding work.
    if (valueUsed(C, Inc))
      return false;
    // An atomic integer counts outstanding work when some code waits on it
    // and it is counted down again (in the body or elsewhere). Otherwise it
    // is a statistic, a gauge (the number of running tasks, a peak: counted
    // up and down but never waited on), or a completion count (incremented
    // when the work ends, waited on until it reaches a total): correct.
    return findCounterWaitAround(Op.Object, Spawn.Call, C.ast(), V) &&
           (findCounterDecrement(Body, counterKey(Op.Object), Inc->getEndLoc(),
                                 SM, V) ||
            findCounterDecrementAround(Op.Object, Spawn.Call, C.ast(), V));
  }

  /// The counter increments of \p L's body (not of nested lambdas), in
  /// source order.
  static std::vector<const Expr *> bodyIncrements(const LambdaExpr *L,
                                                  const Vocabulary &V) {
    std::vector<const Expr *> Found;
    WalkOptions O;
    O.Lambdas = false;
    forEachStmt(
        L->getBody(),
        [&](const Stmt *S) {
          if (isa<CXXMemberCallExpr, CXXOperatorCallExpr>(S) &&
              counterIncrement(cast<Expr>(S), V))
            Found.push_back(cast<Expr>(S));
          return true;
        },
        O);
    return Found;
  }

private:
  RefusalOr<MovePlan> plan(MatchContext &C, const CounterOp &Op,
                           const LambdaExpr *L, const SpawnInfo &Spawn,
                           StringRef IncText) const {
    const SourceManager &SM = C.sm();
    if (Op.Op->getBeginLoc().isMacroID() || Op.Op->getEndLoc().isMacroID())
      return Refusal("the code is inside a macro expansion");
    RefusalOr<const Stmt *> IncStmt = statementOf(C, Op.Op, L, IncText);
    if (!IncStmt)
      return IncStmt.refusal();
    if (const Stmt *Exit = earlyExit(L->getBody(), Op.Op->getBeginLoc(), SM))
      return Refusal("the body can leave before '" + IncText + "' (line " +
                     Twine(SM.getSpellingLineNumber(Exit->getBeginLoc())) +
                     "), so it does not always run");
    RefusalOr<StatementSlot> Slot = slotBefore(Spawn.Call, C.ast());
    if (!Slot)
      return Slot.refusal();
    MovePlan P;
    P.Slot = *Slot;
    RefusalOr<std::string> Text = respell(C, Op, L, P.Slot.Before);
    if (!Text)
      return Text.refusal();
    P.Text = *Text + ";";
    P.Removal = removal(C, *IncStmt, P.Text);
    return P;
  }

  /// The statement of the body that the increment is, or why it cannot
  /// move: its value is used, it is conditional, or it is in a loop.
  static RefusalOr<const Stmt *> statementOf(MatchContext &C, const Expr *Inc,
                                             const LambdaExpr *L,
                                             StringRef IncText) {
    const Stmt *Child = Inc;
    DynTypedNode Node = DynTypedNode::create(*Inc);
    const Stmt *Statement = nullptr;
    while (true) {
      DynTypedNodeList Parents = C.ast().getParents(Node);
      if (Parents.empty())
        return Refusal("the increment is not inside the spawned body");
      const Stmt *P = Parents[0].get<Stmt>();
      if (!P)
        return Refusal("the increment is not inside the spawned body");
      if (P == L->getBody())
        return Statement ? Statement : Child;
      if (!Statement) {
        if (isa<ExprWithCleanups>(P)) {
          Child = P;
          Node = Parents[0];
          continue;
        }
        if (!isa<CompoundStmt, IfStmt, SwitchCase, ForStmt, WhileStmt, DoStmt,
                 CXXForRangeStmt, CXXTryStmt, LabelStmt, AttributedStmt>(P) ||
            isConditionOf(P, Child))
          return Refusal("the body uses the value of '" + IncText + "'");
        Statement = Child;
      }
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P))
        return Refusal("'" + IncText +
                       "' is inside a loop of the spawned body: the number of "
                       "increments is not known before the spawn");
      if (isa<IfStmt, SwitchStmt, SwitchCase, AbstractConditionalOperator>(P) ||
          (isa<BinaryOperator>(P) && cast<BinaryOperator>(P)->isLogicalOp()))
        return Refusal("'" + IncText +
                       "' is conditional: it does not run on "
                       "every path of the spawned body");
      if (isa<CXXTryStmt, CXXCatchStmt>(P))
        return Refusal("'" + IncText + "' is inside a try block");
      if (isa<LambdaExpr>(P))
        return Refusal("'" + IncText + "' is inside a nested lambda");
      Child = P;
      Node = Parents[0];
    }
  }

  /// Does the code use the value of \p Inc (rather than running it as a
  /// statement of its own)?
  static bool valueUsed(MatchContext &C, const Expr *Inc) {
    DynTypedNode Node = DynTypedNode::create(*Inc);
    const Stmt *Child = Inc;
    while (true) {
      DynTypedNodeList Parents = C.ast().getParents(Node);
      const Stmt *P = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
      if (!P)
        return true;
      if (!isa<ExprWithCleanups>(P))
        return !isa<CompoundStmt, IfStmt, SwitchCase, ForStmt, WhileStmt,
                    DoStmt, CXXForRangeStmt, LabelStmt, AttributedStmt>(P) ||
               isConditionOf(P, Child);
      Child = P;
      Node = Parents[0];
    }
  }

  /// Is \p Child a condition (not a body) of statement \p P?
  static bool isConditionOf(const Stmt *P, const Stmt *Child) {
    if (const auto *If = dyn_cast<IfStmt>(P))
      return Child != If->getThen() && Child != If->getElse();
    if (const auto *For = dyn_cast<ForStmt>(P))
      return Child != For->getBody();
    if (const auto *W = dyn_cast<WhileStmt>(P))
      return Child != W->getBody();
    if (const auto *D = dyn_cast<DoStmt>(P))
      return Child != D->getBody();
    if (const auto *R = dyn_cast<CXXForRangeStmt>(P))
      return Child != R->getBody();
    return false;
  }

  /// The increment as the spawning scope spells it. Init captures are
  /// replaced by their initializers; every other name must already mean the
  /// same there.
  RefusalOr<std::string> respell(MatchContext &C, const CounterOp &Op,
                                 const LambdaExpr *L,
                                 const Stmt *Before) const {
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    ASTContext &Ctx = C.ast();
    for (const Expr *A : Op.Operands)
      if (A->HasSideEffects(Ctx))
        return Refusal("'" + sourceText(A->getSourceRange(), SM, LO) +
                       "' has side effects or calls a function; moving it "
                       "would change when it runs");
    if (hasSideEffects(Op.Object, Ctx))
      return Refusal("'" + sourceText(Op.Object->getSourceRange(), SM, LO) +
                     "' calls a function; moving it would change when it runs");
    const Stmt *Holder = counterHolder(Op.Object);
    NameUses Names = namesIn(Op.Op);
    for (const CXXThisExpr *T : Names.Uses)
      for (const LambdaCapture &Cap : L->captures())
        if (Cap.capturesThis() && Cap.getCaptureKind() == LCK_StarThis &&
            T == Holder)
          return Refusal("the lambda captures '*this' by copy, so the body "
                         "counts on a copy of the object; a copied counter is "
                         "a bug of its own");

    CharSourceRange Whole = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(Op.Op->getSourceRange()), SM, LO);
    if (Whole.isInvalid())
      return Refusal("the code is inside a macro expansion");
    unsigned Base = SM.getFileOffset(Whole.getBegin());
    std::string Text = sourceText(Whole, SM, LO);
    // Replacements (offset in Text, length, new text), applied back to front.
    std::vector<std::tuple<unsigned, unsigned, std::string>> Subst;
    for (const DeclRefExpr *R : Names.Refs) {
      const auto *VD = dyn_cast<VarDecl>(R->getDecl());
      if (!VD)
        continue; // functions, enumerators: the same everywhere
      std::string Name = VD->getName().str();
      bool IsHolder = R == Holder;
      if (VD->isInitCapture()) {
        const Expr *Init = VD->getInit();
        if (IsHolder && !VD->getType()->isReferenceType())
          return Refusal("the lambda captures '" + Name +
                         "' by copy, so the body counts on a copy, not the "
                         "counter the spawning code waits on; a copied counter "
                         "is a bug of its own");
        if (!Init || Init->HasSideEffects(Ctx))
          return Refusal("the initializer of the capture '" + Name +
                         "' would run a second time before the spawn");
        if (Refusal E = checkVisible(C, Init, L, Before))
          return E;
        std::string InitText = sourceText(Init->getSourceRange(), SM, LO);
        const Expr *Bare = Init->IgnoreParenImpCasts();
        if (!isa<DeclRefExpr, MemberExpr>(Bare))
          InitText = "(" + InitText + ")";
        Subst.emplace_back(SM.getFileOffset(SM.getSpellingLoc(R->getBeginLoc())) - Base,
                           Name.size(), InitText);
        continue;
      }
      if (Refusal E = checkVisibleVar(C, VD, L, Before))
        return E;
      if (IsHolder)
        for (const LambdaCapture &Cap : L->captures())
          if (Cap.capturesVariable() && Cap.getCapturedVar() == VD &&
              Cap.getCaptureKind() == LCK_ByCopy)
            return Refusal("the lambda captures '" + Name +
                           "' by copy, so the body counts on a copy, not the "
                           "counter the spawning code waits on; a copied "
                           "counter is a bug of its own");
    }
    std::sort(Subst.begin(), Subst.end());
    for (auto It = Subst.rbegin(); It != Subst.rend(); ++It)
      Text.replace(std::get<0>(*It), std::get<1>(*It), std::get<2>(*It));
    return Text;
  }

  /// Every variable that \p E names is visible before \p Before.
  static Refusal checkVisible(MatchContext &C, const Expr *E,
                              const LambdaExpr *L, const Stmt *Before) {
    NameUses Names = namesIn(E);
    for (const DeclRefExpr *R : Names.Refs)
      if (const auto *VD = dyn_cast<VarDecl>(R->getDecl()))
        if (Refusal Err = checkVisibleVar(C, VD, L, Before))
          return Err;
    return Refusal();
  }

  /// \p VD is not declared inside the spawned body and, when it is a local,
  /// is declared before the statement \p Before.
  static Refusal checkVisibleVar(MatchContext &C, const VarDecl *VD,
                                 const LambdaExpr *L, const Stmt *Before) {
    const SourceManager &SM = C.sm();
    SourceRange Lambda = L->getSourceRange();
    SourceLocation At = SM.getExpansionLoc(VD->getLocation());
    bool Inside = VD->getDeclContext() == L->getCallOperator() ||
                  (!SM.isBeforeInTranslationUnit(At, SM.getExpansionLoc(Lambda.getBegin())) &&
                   SM.isBeforeInTranslationUnit(At, SM.getExpansionLoc(Lambda.getEnd())));
    if (Inside)
      return Refusal("'" + VD->getName() + "' is " +
                     (isa<ParmVarDecl>(VD)
                          ? "a parameter of the spawned lambda"
                          : "declared inside the spawned body") +
                     ", so the increment cannot run before the spawn");
    if (VD->hasGlobalStorage() && !VD->isStaticLocal())
      return Refusal();
    if (!SM.isBeforeInTranslationUnit(At, SM.getExpansionLoc(Before->getBeginLoc())))
      return Refusal("'" + VD->getName() +
                     "' is declared by the spawning statement, so the "
                     "increment cannot run before it");
    return Refusal();
  }

  /// The text to remove from the body: the whole line when the increment
  /// is alone on it. A comment that ends the line goes along: \p Text gets
  /// it appended.
  static CharSourceRange removal(MatchContext &C, const Stmt *S,
                                 std::string &Text) {
    const SourceManager &SM = C.sm();
    CharSourceRange R = statementRange(S, SM, C.lang());
    CharSourceRange Lines = statementLinesRange(S, SM, C.lang());
    if (Lines.getBegin() != R.getBegin())
      return Lines; // whole lines already
    auto [FID, End] = SM.getDecomposedLoc(R.getEnd());
    bool Invalid = false;
    StringRef Buf = SM.getBufferData(FID, &Invalid);
    if (Invalid)
      return Lines;
    unsigned CStart = End;
    while (CStart < Buf.size() && (Buf[CStart] == ' ' || Buf[CStart] == '\t'))
      ++CStart;
    if (!startsLine(R.getBegin(), SM)) {
      // Between other code on one line: the spaces after it go too.
      bool LineGoesOn = CStart < Buf.size() && Buf[CStart] != '\n' &&
                        Buf[CStart] != '\r';
      return LineGoesOn ? CharSourceRange::getCharRange(
                              R.getBegin(), R.getEnd().getLocWithOffset(CStart - End))
                        : Lines;
    }
    if (!Buf.substr(CStart).starts_with("//"))
      return Lines;
    unsigned NL = Buf.find('\n', CStart);
    if (NL == StringRef::npos)
      NL = Buf.size();
    StringRef Comment = Buf.slice(CStart, NL).rtrim("\r");
    Text += " " + Comment.str();
    unsigned Stop = NL < Buf.size() ? NL + 1 : NL;
    return CharSourceRange::getCharRange(lineStart(R.getBegin(), SM),
                                         R.getEnd().getLocWithOffset(Stop - End));
  }

  std::string IncrementId, LambdaId;
};

} // namespace

Expected<std::unique_ptr<Action>>
createMoveBeforeSpawnAction(const ActionOptions &O) {
  std::string Inc = O.get("increment"), L = O.get("lambda");
  if (Inc.empty())
    return O.error("increment", "the bind name of the increment is empty");
  if (L.empty())
    return O.error("lambda", "the bind name of the spawned lambda is empty");
  return std::make_unique<MoveBeforeSpawnAction>(Inc, L);
}

} // namespace pitfix
