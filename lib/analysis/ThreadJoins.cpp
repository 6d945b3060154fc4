//===- ThreadJoins.cpp ----------------------------------------------------===//
#include "analysis/ThreadJoins.h"
#include "analysis/CountedLoops.h"

#include "analysis/AstWalk.h"
#include "analysis/BoolFlags.h"
#include "analysis/MayThrow.h"
#include "analysis/Spawns.h"
#include "analysis/TestAssertions.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

#include <deque>
#include <map>
#include <set>
#include <tuple>

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// What one use of the handle does to "may be joinable".
enum class UseEffect { Keep, Finish, Assign };

/// The handle being followed: a local variable, or a member of `*this`.
struct Handle {
  const VarDecl *Var = nullptr;
  const FieldDecl *Field = nullptr;
  /// Var is a container of threads: it may hold joinable threads once a
  /// thread is emplaced or pushed into it.
  bool Container = false;
  /// Var is an array of threads (`std::thread t[4]`, `std::array`): it may
  /// hold joinable threads once one is assigned to an element.
  bool Array = false;

  /// Does \p E (implicit nodes stripped) name the handle?
  bool isRef(const Expr *E) const {
    if (!E)
      return false;
    E = E->IgnoreParenImpCasts();
    if (Var)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        return DRE->getDecl() == Var;
    if (Field)
      if (const auto *ME = dyn_cast<MemberExpr>(E))
        return ME->getMemberDecl() == Field &&
               isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
    return false;
  }
};

/// Methods of a thread that leave its joinability alone.
bool isQuery(StringRef Name) {
  return StringSwitch<bool>(Name)
      .Cases("joinable", "get_id", "native_handle", "hardware_concurrency",
             "get_stop_source", "get_stop_token", true)
      .Default(false);
}

/// Does \p ME, a use of the member \p F, join, detach or move it, or hand it
/// to code pitfix cannot follow? Any use other than a query or an
/// assignment of a new thread counts: join, detach, a move, a swap, a
/// reference handed on.
bool finishesUse(const MemberExpr *ME, const FieldDecl *F) {
  const Stmt *U = valueUser(ME, F->getASTContext());
  // An element of an array of threads (`threads_[i]`): what is done to it.
  const Expr *Element = nullptr;
  if (const auto *ASE = dyn_cast_or_null<ArraySubscriptExpr>(U);
      ASE && ASE->getBase()->IgnoreParenImpCasts() == ME)
    Element = ASE;
  else if (const auto *Sub = dyn_cast_or_null<CXXOperatorCallExpr>(U);
           Sub && Sub->getOperator() == OO_Subscript &&
           Sub->getArg(0)->IgnoreParenImpCasts() == ME)
    Element = Sub;
  if (Element) {
    U = valueUser(Element, F->getASTContext());
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(U);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        Op->getArg(0)->IgnoreParenImpCasts() == Element)
      return false;
    const auto *Outer = dyn_cast_or_null<MemberExpr>(U);
    const auto *MD =
        Outer ? dyn_cast<CXXMethodDecl>(Outer->getMemberDecl()) : nullptr;
    return !MD || !MD->getIdentifier() || !isQuery(MD->getName());
  }
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(U);
      Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
      Op->getArg(0)->IgnoreParenImpCasts() == ME)
    return false;
  const auto *Outer = dyn_cast_or_null<MemberExpr>(U);
  const auto *MD =
      Outer ? dyn_cast<CXXMethodDecl>(Outer->getMemberDecl()) : nullptr;
  return !MD || !MD->getIdentifier() || !isQuery(MD->getName());
}

/// The callback for forEachStmt() that stops at the first use of \p F that
/// finishes it.
auto noFinishOf(const FieldDecl *F) {
  return [F](const Stmt *S) {
    const auto *ME = dyn_cast<MemberExpr>(S);
    return !ME || ME->getMemberDecl() != F || !finishesUse(ME, F);
  };
}

/// Follows "may the handle be joinable" through one function's CFG.
class JoinFlow {
public:
  JoinFlow(Handle H, const FunctionDecl *Fn, ASTContext &Ctx,
           const Vocabulary &V)
      : H(H), Fn(Fn), Ctx(Ctx), Vocab(V), TA(Ctx, V) {}

  std::optional<JoinableEnd> run(bool JoinableAtEntry) {
    if (!Fn->getBody())
      return std::nullopt;
    if ((H.Container || H.Array) && H.Var)
      findJoinLoops();
    if (H.Array && H.Field)
      findMemberJoinLoops();
    CFG::BuildOptions Opts;
    Opts.AddImplicitDtors = true;
    Opts.AddTemporaryDtors = false;
    Opts.setAllAlwaysAdd();
    std::unique_ptr<CFG> G = CFG::buildCFG(
        Fn, Fn->getBody(), &Ctx, Opts);
    if (!G)
      return std::nullopt;
    BoolFlags Flags(*Fn, Ctx);
    if (!flow(*G, JoinableAtEntry, Flags, /*UseFlags=*/true)) {
      // Too many combinations of flag values: decide without them.
      Ends.clear();
      SawFinish = false;
      flow(*G, JoinableAtEntry, Flags, /*UseFlags=*/false);
    }
    if (Ends.empty())
      return std::nullopt;
    const SourceManager &SM = Ctx.getSourceManager();
    // A path the code itself takes (a return, the end of the scope) is
    // plainer evidence than an exception: prefer it.
    auto Rank = [](const JoinableEnd &E) {
      return E.Kind == JoinableEndKind::Exception ? 1 : 0;
    };
    JoinableEnd First = Ends.front();
    for (const JoinableEnd &E : Ends)
      if (Rank(E) < Rank(First) ||
          (Rank(E) == Rank(First) &&
           SM.isBeforeInTranslationUnit(E.Loc, First.Loc)))
        First = E;
    First.NeverFinished = !SawFinish;
    return First;
  }

private:
  /// Follows every path of \p G with the state "may be joinable" and the
  /// values of local flags that rule out branches (`if (!joined)` after
  /// `joined = true`); each block is visited once per state and values.
  /// False when there were too many to follow.
  bool flow(const CFG &G, bool JoinableAtEntry, const BoolFlags &Flags,
            bool UseFlags) {
    struct Point {
      const CFGBlock *B;
      bool State;
      BoolFlags::Facts F;
    };
    std::set<std::tuple<const CFGBlock *, bool, BoolFlags::Facts>> Seen;
    std::deque<Point> Work;
    Work.push_back({&G.getEntry(), JoinableAtEntry, {}});
    Seen.insert({&G.getEntry(), JoinableAtEntry, {}});
    while (!Work.empty()) {
      if (UseFlags && Seen.size() > 20000)
        return false;
      Point P = std::move(Work.front());
      Work.pop_front();
      const CFGBlock *B = P.B;
      bool State = P.State;
      for (const CFGElement &E : *B) {
        State = step(E, State);
        if (auto CS = E.getAs<CFGStmt>(); CS && UseFlags)
          Flags.step(CS->getStmt(), P.F);
      }
      if (B == &G.getExit() && State && H.Field)
        record({JoinableEndKind::ScopeEnd, Fn->getBody()->getEndLoc()});
      // `if (t.joinable())`: on the branch where it is false, nothing is
      // left to join.
      int Negated = -1;
      if (const Expr *Cond = B->getLastCondition())
        Negated = joinableTest(Cond);
      unsigned I = 0;
      for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
        bool Out = State;
        if (Negated >= 0 && B->succ_size() == 2 &&
            ((I == 1 && Negated == 0) || (I == 0 && Negated == 1)))
          Out = false;
        bool Feasible = Flags.feasible(*B, I, P.F);
        ++I;
        const CFGBlock *S = Succ.getReachableBlock();
        if (S && Feasible && Seen.insert({S, Out, P.F}).second)
          Work.push_back({S, Out, P.F});
      }
    }
    return true;
  }

  /// 0 when \p Cond is `h.joinable()`, 1 when it is `!h.joinable()`, -1
  /// otherwise.
  int joinableTest(const Expr *Cond) const {
    Cond = Cond->IgnoreParenImpCasts();
    int Neg = 0;
    if (const auto *U = dyn_cast<UnaryOperator>(Cond);
        U && U->getOpcode() == UO_LNot) {
      Neg = 1;
      Cond = U->getSubExpr()->IgnoreParenImpCasts();
    }
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Cond);
    const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
    if (MD && MD->getIdentifier() && MD->getName() == "joinable" &&
        H.isRef(MC->getImplicitObjectArgument()))
      return Neg;
    return -1;
  }

  void record(JoinableEnd E) {
    // A test's fatal assertion returns or throws only once the test failed:
    // the path belongs to the failure report.
    if ((E.Kind == JoinableEndKind::Return ||
         E.Kind == JoinableEndKind::LoopExit ||
         E.Kind == JoinableEndKind::Exception) &&
        inTestAssertion(E.Loc, Ctx.getSourceManager(), Ctx.getLangOpts(),
                        Vocab))
      return;
    // Nor is an exception out of a test case, which the framework catches.
    if (E.Kind == JoinableEndKind::Exception && isTestCaseBody(Fn, Vocab))
      return;
    Ends.push_back(std::move(E));
  }

  bool isSpawn(const Expr *E) const {
    return spawnValue(E, Vocab) != nullptr;
  }

  /// The node that uses the value of the reference \p Ref (parentheses and
  /// implicit casts skipped).
  const Stmt *user(const Expr *Ref) const { return valueUser(Ref, Ctx); }

  /// Is \p Ref the object of a member call or the left side of an
  /// assignment (handled where that call is)?
  bool handledAtParent(const Expr *Ref) const {
    const Stmt *U = user(Ref);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(U)) {
      const Stmt *C = user(ME);
      return isa_and_nonnull<CXXMemberCallExpr>(C);
    }
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(U))
      return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
             H.isRef(Op->getArg(0));
    return false;
  }

  /// Is \p S inside a `try` that does not also hold the handle's
  /// declaration (an exception from it may be caught within the scope)?
  bool caughtInScope(const Stmt *S) const {
    DynTypedNode N = DynTypedNode::create(*S);
    const SourceManager &SM = Ctx.getSourceManager();
    for (int Depth = 0; Depth < 256; ++Depth) {
      DynTypedNodeList P = Ctx.getParents(N);
      if (P.empty())
        return false;
      if (const auto *T = P[0].get<CXXTryStmt>()) {
        SourceRange R = T->getTryBlock()->getSourceRange();
        SourceLocation D = H.Var ? H.Var->getLocation() : SourceLocation();
        if (D.isInvalid() || SM.isBeforeInTranslationUnit(D, R.getBegin()) ||
            SM.isBeforeInTranslationUnit(R.getEnd(), D))
          return true;
      }
      if (P[0].get<FunctionDecl>() || P[0].get<LambdaExpr>())
        return false;
      N = P[0];
    }
    return false;
  }

  bool finish() {
    SawFinish = true;
    return false;
  }

  /// The state after the element \p E.
  bool step(const CFGElement &E, bool State) {
    if (auto D = E.getAs<CFGAutomaticObjDtor>()) {
      if (H.Var && D->getVarDecl() == H.Var && State)
        record(endAt(D->getTriggerStmt()));
      return D->getVarDecl() == H.Var ? false : State;
    }
    if (auto D = E.getAs<CFGMemberDtor>()) {
      if (H.Field && D->getFieldDecl() == H.Field && State)
        record({JoinableEndKind::ScopeEnd, Fn->getBody()->getEndLoc()});
      return State;
    }
    auto CS = E.getAs<CFGStmt>();
    if (!CS)
      return State;
    const Stmt *S = CS->getStmt();
    if (JoinLoopHeads.count(S))
      return finish();
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (D == H.Var)
          return H.Array ? initStartsThread(H.Var->getInit())
                         : isSpawn(H.Var->getInit());
      return State;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (H.isRef(MC->getImplicitObjectArgument())) {
        if (H.Container)
          return containerStep(MC, State);
        if (H.Array)
          return State; // decided at the array's name (arrayUse)
        if (MD && MD->getIdentifier() && isQuery(MD->getName()))
          return State;
        return finish();
      }
      // A member function of the same class that joins the member.
      if (H.Field && MD && MD->getParent() == H.Field->getParent() &&
          isa<CXXThisExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts()))
        if (const FunctionDecl *Def = MD->getDefinition(); Def && Def->getBody()) {
          if (!forEachStmt(Def->getBody(), noFinishOf(H.Field)))
            return finish();
        }
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        H.isRef(Op->getArg(0))) {
      if (State)
        record({JoinableEndKind::Reassigned, Op->getOperatorLoc()});
      if (isSpawn(Op->getArg(1)))
        return true;
      return finish();
    }
    if (const auto *Ref = dyn_cast<Expr>(S); Ref && H.isRef(Ref) &&
                                             (isa<DeclRefExpr>(Ref) ||
                                              isa<MemberExpr>(Ref))) {
      if (H.Array)
        return arrayUse(Ref, State);
      if (handledAtParent(Ref))
        return State;
      return finish(); // moved, passed on, bound to a reference: not followed
    }
    if (State && H.Var && Ctx.getLangOpts().CXXExceptions &&
        isa<CallExpr, CXXConstructExpr, CXXThrowExpr, CXXNewExpr>(S))
      if (std::optional<ThrowSite> T = TA.firstThrow(S))
        if (!caughtInScope(S))
          record({JoinableEndKind::Exception, T->Where->getBeginLoc(), T->Why});
    return State;
  }

  /// The state after the call \p MC on a container of threads: a thread
  /// emplaced or pushed in makes it hold a joinable one; queries of its size
  /// keep the state; any other use (a loop that joins, a clear, a move) is
  /// not followed.
  bool containerStep(const CXXMemberCallExpr *MC, bool State) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    StringRef Name = MD && MD->getIdentifier() ? MD->getName() : "";
    if (StringSwitch<bool>(Name)
            .Cases("reserve", "capacity", "max_size", true)
            .Default(false))
      return State;
    // The size bounds a loop that visits the threads (and joins them, or
    // is not followed): the path on which it runs no iteration has none.
    if ((Name == "size" || Name == "empty") && !inLoopCondition(MC, Ctx))
      return State;
    if (isSpawn(MC))
      return true;
    if (Vocab.list(VocabList::ThreadContainerMethods).contains(MD) &&
        MC->getNumArgs() == 1 && isThreadType(MC->getArg(0)->getType(), Vocab))
      return true; // a thread moved in
    return finish();
  }

  /// An array initialised with threads (`std::thread t[2] = {std::thread(f),
  /// ...}`) holds joinable ones from its declaration.
  bool initStartsThread(const Expr *Init) const {
    const auto *IL =
        dyn_cast_or_null<InitListExpr>(Init ? Init->IgnoreImplicit() : nullptr);
    if (!IL)
      return false;
    for (const Expr *E : IL->inits())
      if (isSpawn(E) || initStartsThread(E))
        return true;
    return false;
  }

  /// The element of the array that \p Ref (its name) selects: `t[i]` (a
  /// subscript, or std::array's operator[] or at()); nullptr for any other
  /// use. \p SizeQuery is set for `t.size()`, `t.empty()`.
  const Expr *elementOf(const Expr *Ref, bool &SizeQuery) const {
    SizeQuery = false;
    const Stmt *U = user(Ref);
    if (const auto *ASE = dyn_cast_or_null<ArraySubscriptExpr>(U))
      return ASE->getBase()->IgnoreParenImpCasts() == Ref ? ASE : nullptr;
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(U))
      return Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
                     Op->getArg(0)->IgnoreParenImpCasts() == Ref
                 ? Op
                 : nullptr;
    const auto *ME = dyn_cast_or_null<MemberExpr>(U);
    const auto *Call =
        ME ? dyn_cast_or_null<CXXMemberCallExpr>(user(ME)) : nullptr;
    const CXXMethodDecl *MD = Call ? Call->getMethodDecl() : nullptr;
    if (!MD || !MD->getIdentifier())
      return nullptr;
    SizeQuery = MD->getName() == "size" || MD->getName() == "empty" ||
                MD->getName() == "max_size";
    return MD->getName() == "at" ? Call : nullptr;
  }

  /// The state after a use of the array's name: a thread assigned to an
  /// element makes it hold a joinable one; a query of an element or of the
  /// size keeps the state; any other use (a loop that joins, a join of one
  /// element, the array handed on) is not followed.
  bool arrayUse(const Expr *Ref, bool State) {
    bool SizeQuery = false;
    const Expr *Element = elementOf(Ref, SizeQuery);
    if (SizeQuery && !inLoopCondition(Ref, Ctx))
      return State;
    if (!Element)
      return finish();
    const Stmt *U = user(Element);
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(U);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        Op->getArg(0)->IgnoreParenImpCasts() == Element)
      return isThreadType(Op->getArg(1)->getType(), Vocab) ? true : finish();
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(U)) {
      const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      if (MD && MD->getIdentifier() && isQuery(MD->getName()))
        return State;
    }
    return finish();
  }

  /// Does \p S assign a thread to an element of the array?
  bool startsArrayThread(const Stmt *S) const {
    const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
    if (!Op || Op->getOperator() != OO_Equal || Op->getNumArgs() != 2 ||
        !isThreadType(Op->getArg(1)->getType(), Vocab))
      return false;
    const Expr *L = Op->getArg(0)->IgnoreParenImpCasts();
    const Expr *Base = nullptr;
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(L))
      Base = ASE->getBase();
    else if (const auto *Sub = dyn_cast<CXXOperatorCallExpr>(L);
             Sub && Sub->getOperator() == OO_Subscript)
      Base = Sub->getArg(0);
    return Base && H.isRef(Base);
  }

  /// A counted loop from 0 to the array's constant size (`i < 4`, `i <
  /// t.size()`): it visits every element.
  bool coversArray(const ForStmt *L) const {
    const VarDecl *I = loopCounter(L);
    const auto *Cond = dyn_cast_or_null<BinaryOperator>(
        L->getCond() ? L->getCond()->IgnoreParenImpCasts() : nullptr);
    if (!I || !I->getInit() || !Cond || Cond->getOpcode() != BO_LT)
      return false;
    Expr::EvalResult Start, Bound;
    if (!I->getInit()->EvaluateAsInt(Start, Ctx) || Start.Val.getInt() != 0)
      return false;
    std::optional<uint64_t> Size;
    QualType T = H.Var ? H.Var->getType() : H.Field->getType();
    if (const auto *AT = Ctx.getAsConstantArrayType(T))
      Size = AT->getSize().getZExtValue();
    else if (const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
                 T->getAsCXXRecordDecl());
             S && S->getTemplateArgs().size() == 2 &&
             S->getTemplateArgs()[1].getKind() == TemplateArgument::Integral)
      Size = S->getTemplateArgs()[1].getAsIntegral().getZExtValue();
    const Expr *RHS = Cond->getRHS()->IgnoreParenImpCasts();
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(RHS))
      return MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() &&
             MC->getMethodDecl()->getName() == "size" &&
             H.isRef(MC->getImplicitObjectArgument());
    return Size && RHS->EvaluateAsInt(Bound, Ctx) &&
           Bound.Val.getInt() == *Size;
  }

  /// In a destructor, a loop over every element of a member array that
  /// joins (or otherwise finishes) its threads: reaching its head finishes
  /// them (the array's size is constant, so the loop runs).
  void findMemberJoinLoops() {
    for (const ForStmt *L : countedLoops(Fn->getBody()))
      if (coversArray(L) && !forEachStmt(L->getBody(), noFinishOf(H.Field))) {
        JoinLoopHeads.insert(L->getInit());
        JoinLoopHeads.insert(L->getCond());
      }
  }

  /// The end of the handle's life that \p Trigger (a return, a jump, or the
  /// block whose end it is) causes.
  JoinableEnd endAt(const Stmt *Trigger) const {
    if (!Trigger)
      return {JoinableEndKind::ScopeEnd, H.Var->getLocation()};
    if (isa<ReturnStmt>(Trigger))
      return {JoinableEndKind::Return, Trigger->getBeginLoc()};
    if (isa<BreakStmt, ContinueStmt, GotoStmt>(Trigger))
      return {JoinableEndKind::LoopExit, Trigger->getBeginLoc()};
    if (const auto *CS = dyn_cast<CompoundStmt>(Trigger))
      return {JoinableEndKind::ScopeEnd, CS->getRBracLoc()};
    return {JoinableEndKind::ScopeEnd, Trigger->getEndLoc()};
  }

  /// Loops that join (or detach) `handles[i]` for every `i` that an earlier
  /// loop counting alike put a thread in: reaching such a loop's head
  /// finishes the handles (the path that skips its body skipped the
  /// spawns too).
  void findJoinLoops() {
    std::vector<const ForStmt *> Loops = countedLoops(Fn->getBody());
    std::vector<const ForStmt *> Spawning;
    for (const ForStmt *L : Loops) {
      bool Spawns = !forEachStmt(L->getBody(), [&](const Stmt *S) {
        if (H.Array)
          return !startsArrayThread(S);
        const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
        if (!MC || !H.isRef(MC->getImplicitObjectArgument()))
          return true;
        return !(isSpawn(MC) ||
                 (Vocab.list(VocabList::ThreadContainerMethods)
                      .contains(MC->getMethodDecl()) &&
                  MC->getNumArgs() == 1 &&
                  isThreadType(MC->getArg(0)->getType(), Vocab)));
      });
      if (Spawns) {
        Spawning.push_back(L);
        continue;
      }
      auto Joins = [](const Expr *, const Stmt *User) {
        const auto *MC = dyn_cast<CXXMemberCallExpr>(User);
        const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
        return MD && MD->getIdentifier() &&
               (MD->getName() == "join" || MD->getName() == "detach");
      };
      if (!usesEachElement(L, H.Var, Joins, Ctx))
        continue;
      if (H.Array && coversArray(L)) {
        JoinLoopHeads.insert(L->getInit());
        JoinLoopHeads.insert(L->getCond());
        continue;
      }
      for (const ForStmt *P : Spawning)
        if (sameCount(P, L, Ctx)) {
          JoinLoopHeads.insert(L->getInit());
          JoinLoopHeads.insert(L->getCond());
          break;
        }
    }
  }

  Handle H;
  const FunctionDecl *Fn;
  ASTContext &Ctx;
  const Vocabulary &Vocab;
  ThrowAnalysis TA;
  std::set<const Stmt *> JoinLoopHeads;
  std::vector<JoinableEnd> Ends;
  bool SawFinish = false;
};

} // namespace

const Expr *spawnValue(const Expr *E, const Vocabulary &V) {
  for (int Depth = 0; E && Depth < 4; ++Depth) {
    E = stripImplicit(E);
    if (spawnInfo(E, V))
      return E;
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
             CE && CE->isElidable() && CE->getNumArgs() == 1)
      E = CE->getArg(0); // C++14 `auto t = std::thread(...)`: a move
    else
      E = nullptr;
  }
  return nullptr;
}

namespace {
/// Finds, in a function, the last place that starts a thread in a handle
/// (an assignment of a spawn, a push or emplace into a container) and the
/// first use that hands out a reference to it (bound to a reference, its
/// address taken, an argument): a joiner object built on the handle
/// before the thread starts joins it where pitfix does not follow.
class HandleEscape {
public:
  HandleEscape(const VarDecl *V, ASTContext &Ctx, const Vocabulary &Vocab)
      : V(V), Ctx(Ctx), Vocab(Vocab) {}
  /// Looks at one use \p DRE of the handle; always goes on.
  bool use(const DeclRefExpr *DRE) {
    const Stmt *U = valueUser(DRE, Ctx);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(U)) {
      const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(valueUser(ME, Ctx));
      if (Call && spawnValue(Call, Vocab))
        LastStart = Call->getBeginLoc();
      return true;
    }
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(U)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          spawnValue(Op->getArg(1), Vocab))
        LastStart = Op->getBeginLoc();
      if (Op->getOperator() == OO_Equal || Op->getOperator() == OO_Subscript)
        return true;
    }
    if (isa_and_nonnull<ReturnStmt>(U))
      return true;
    // The implicit range variable of a range-for over it.
    DynTypedNodeList P = Ctx.getParents(*DRE);
    if (const auto *R = P.empty() ? nullptr : P[0].get<VarDecl>();
        R && R->isImplicit())
      return true;
    if (FirstEscape.isInvalid())
      FirstEscape = DRE->getBeginLoc();
    return true;
  }
  const VarDecl *V;
  ASTContext &Ctx;
  const Vocabulary &Vocab;
  SourceLocation LastStart, FirstEscape;
};

/// Is a reference to \p V handed out before its last thread starts?
bool escapesBeforeStart(const VarDecl *V, const FunctionDecl *Fn,
                        ASTContext &Ctx, const Vocabulary &Vocab) {
  if (!Fn->getBody())
    return false;
  HandleEscape E(V, Ctx, Vocab);
  auto Visit = [&](const Stmt *S) {
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    return !DRE || DRE->getDecl() != V || E.use(DRE);
  };
  // A lambda that does not capture the handle cannot use it (one nested in
  // it that did would make it capture the handle too), so its body is not
  // walked: walking it costs the nesting depth for each lambda inside (Clang
  // finds a lambda's call operator by a lookup that climbs every enclosing
  // context), cubic in all for lambdas nested in lambdas. Its init-captures
  // run where it is written (`[p = &t]`) and are walked.
  WalkOptions O;
  auto SkipLambda = [&](const Stmt *S) {
    const auto *L = dyn_cast<LambdaExpr>(S);
    if (!L)
      return false;
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCapturedVar() == V)
        return false;
    for (const LambdaCapture &C : L->captures())
      if (L->isInitCapture(&C))
        if (const auto *Init = dyn_cast<VarDecl>(C.getCapturedVar()))
          forEachStmt(Init->getInit(), Visit, O);
    return true;
  };
  O.Skip = SkipLambda;
  forEachStmt(Fn->getBody(), Visit, O);
  return E.FirstEscape.isValid() && E.LastStart.isValid() &&
         Ctx.getSourceManager().isBeforeInTranslationUnit(E.FirstEscape,
                                                          E.LastStart);
}
} // namespace

std::optional<JoinableEnd> joinableEndOfLocal(const VarDecl *V, ASTContext &Ctx,
                                              const Vocabulary &Vocab) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getDeclContext());
  if (!Fn || !V->hasLocalStorage() || isa<ParmVarDecl>(V) ||
      V->getType()->isReferenceType())
    return std::nullopt;
  if (escapesBeforeStart(V, Fn, Ctx, Vocab))
    return std::nullopt;
  Handle H;
  H.Var = V;
  return JoinFlow(H, Fn, Ctx, Vocab).run(false);
}

bool isThreadType(QualType T, const Vocabulary &V) {
  const CXXRecordDecl *RD =
      T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && V.list(VocabList::TerminatingThreadClasses).contains(RD);
}

bool isThreadContainer(QualType T, const Vocabulary &V) {
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T->getAsCXXRecordDecl());
  return S && S->isInStdNamespace() && S->getIdentifier() &&
         (S->getName() == "vector" || S->getName() == "deque" ||
          S->getName() == "list") &&
         S->getTemplateArgs().size() > 0 &&
         S->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         isThreadType(S->getTemplateArgs()[0].getAsType(), V);
}

std::optional<JoinableEnd> joinableEndOfContainer(const VarDecl *V,
                                                  ASTContext &Ctx,
                                                  const Vocabulary &Vocab) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getDeclContext());
  if (!Fn || !V->hasLocalStorage() || isa<ParmVarDecl>(V) ||
      V->getType()->isReferenceType() || !isThreadContainer(V->getType(), Vocab))
    return std::nullopt;
  if (escapesBeforeStart(V, Fn, Ctx, Vocab))
    return std::nullopt;
  Handle H;
  H.Var = V;
  H.Container = true;
  return JoinFlow(H, Fn, Ctx, Vocab).run(false);
}

bool isThreadArray(QualType T, const Vocabulary &V, ASTContext &Ctx) {
  if (T.isNull())
    return false;
  if (const auto *AT = Ctx.getAsConstantArrayType(T))
    return isThreadType(AT->getElementType(), V);
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  return S && S->isInStdNamespace() && S->getIdentifier() &&
         S->getName() == "array" && S->getTemplateArgs().size() == 2 &&
         S->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         isThreadType(S->getTemplateArgs()[0].getAsType(), V);
}

std::optional<JoinableEnd> joinableEndOfArray(const VarDecl *V, ASTContext &Ctx,
                                              const Vocabulary &Vocab) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getDeclContext());
  if (!Fn || !V->hasLocalStorage() || isa<ParmVarDecl>(V) ||
      V->getType()->isReferenceType() ||
      !isThreadArray(V->getType(), Vocab, Ctx))
    return std::nullopt;
  if (escapesBeforeStart(V, Fn, Ctx, Vocab))
    return std::nullopt;
  Handle H;
  H.Var = V;
  H.Array = true;
  return JoinFlow(H, Fn, Ctx, Vocab).run(false);
}

const Expr *neverJoinedArraySpawn(const VarDecl *V, ASTContext &Ctx,
                                  const Vocabulary &Vocab) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getDeclContext());
  if (!Fn || !Fn->getBody() || !V->hasLocalStorage() || isa<ParmVarDecl>(V) ||
      !isThreadArray(V->getType(), Vocab, Ctx))
    return nullptr;
  // Threads started by the array's own initializer are joinable too.
  const Expr *First = nullptr;
  if (const auto *IL = dyn_cast_or_null<InitListExpr>(
          V->getInit() ? V->getInit()->IgnoreImplicit() : nullptr))
    for (const Expr *E : IL->inits())
      if (!First)
        First = spawnValue(E, Vocab);
  bool Other = false;
  forEachStmt(Fn->getBody(), [&](const Stmt *S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(S);
    if (!Ref || Ref->getDecl() != V)
      return true;
    // `workers[i] = std::thread(...)`: the subscript, then the assignment.
    const Stmt *Sub = valueUser(Ref, Ctx);
    const Expr *ASE = nullptr;
    if (const auto *A = dyn_cast_or_null<ArraySubscriptExpr>(Sub);
        A && A->getBase()->IgnoreParenImpCasts() == Ref)
      ASE = A;
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Sub);
        Op && Op->getOperator() == OO_Subscript &&
        Op->getArg(0)->IgnoreParenImpCasts() == Ref)
      ASE = Op;
    if (ASE) {
      const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(valueUser(ASE, Ctx));
      if (Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          Op->getArg(0)->IgnoreParenImpCasts() == ASE) {
        if (const Expr *Spawn = spawnValue(Op->getArg(1), Vocab)) {
          if (!First)
            First = Spawn;
          return true;
        }
      }
    }
    Other = true;
    return false;
  });
  return Other ? nullptr : First;
}

std::optional<JoinableEnd>
joinableEndOfMember(const FieldDecl *Field, const CXXDestructorDecl *Dtor,
                    ASTContext &Ctx, const Vocabulary &Vocab) {
  Handle H;
  H.Field = Field;
  H.Array = isThreadArray(Field->getType(), Vocab, Ctx);
  return JoinFlow(H, Dtor, Ctx, Vocab).run(true);
}

namespace {
/// The first assignment of a spawn to the member \p F in \p Body: the spawn.
const Expr *memberAssign(const Stmt *Body, const FieldDecl *F,
                         const Vocabulary &V) {
  const Expr *Found = nullptr;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
    if (!Op || Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
      return true;
    const Expr *L = Op->getArg(0)->IgnoreParenImpCasts();
    // `threads_[i] = std::thread(...)` for an array member.
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(L))
      L = ASE->getBase()->IgnoreParenImpCasts();
    else if (const auto *Sub = dyn_cast<CXXOperatorCallExpr>(L);
             Sub && Sub->getOperator() == OO_Subscript)
      L = Sub->getArg(0)->IgnoreParenImpCasts();
    const auto *ME = dyn_cast<MemberExpr>(L);
    if (ME && ME->getMemberDecl() == F)
      Found = spawnValue(Op->getArg(1), V);
    return !Found;
  });
  return Found;
}
} // namespace

const Expr *memberThreadStart(const FieldDecl *Field, const Vocabulary &Vocab) {
  auto IsSpawn = [&](const Expr *E) { return spawnValue(E, Vocab); };
  if (const Expr *E = IsSpawn(Field->getInClassInitializer()))
    return E;
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!RD)
    return nullptr;
  for (const CXXMethodDecl *M : RD->methods()) {
    const FunctionDecl *Def = M->getDefinition();
    if (!Def)
      continue;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *I : Ctor->inits())
        if (I->getMember() == Field)
          if (const Expr *E = IsSpawn(I->getInit()))
            return E;
    if (!Def->getBody())
      continue;
    if (const Expr *E = memberAssign(Def->getBody(), Field, Vocab))
      return E;
  }
  return nullptr;
}

bool finishesMember(const FieldDecl *Field, const Decl *Scope) {
  return !forEachStmtIn(Scope, noFinishOf(Field));
}

namespace {
/// Is \p T the class \p RD?
bool isClass(QualType T, const CXXRecordDecl *RD) {
  const CXXRecordDecl *D = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return D && D->getCanonicalDecl() == RD->getCanonicalDecl();
}

/// Is \p T the class \p RD, or a std::unique_ptr or std::shared_ptr of it?
bool holdsClass(QualType T, const CXXRecordDecl *RD) {
  if (isClass(T, RD))
    return true;
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T->getAsCXXRecordDecl());
  if (!S || !S->isInStdNamespace() || !S->getIdentifier() ||
      !(S->getName() == "unique_ptr" || S->getName() == "shared_ptr") ||
      S->getTemplateArgs().size() == 0 ||
      S->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  return isClass(S->getTemplateArgs()[0].getAsType(), RD);
}
} // namespace

SourceLocation destructionOf(const CXXRecordDecl *RD, ASTContext &Ctx) {
  // A variable, member or temporary of that type, a delete, or a smart
  // pointer to it.
  SourceLocation Found;
  auto SeeDecl = [&](const Decl *D) {
    if (Found.isValid())
      return true;
    if (const auto *V = dyn_cast<VarDecl>(D); V && holdsClass(V->getType(), RD))
      Found = V->getLocation();
    if (const auto *F = dyn_cast<FieldDecl>(D);
        F && holdsClass(F->getType(), RD))
      Found = F->getLocation();
    return false;
  };
  WalkOptions O;
  O.SkipDecl = SeeDecl;
  forEachStmtInUnit(
      Ctx,
      [&](const Stmt *S) {
        if (Found.isValid())
          return false;
        if (const auto *D = dyn_cast<CXXDeleteExpr>(S);
            D && isClass(D->getDestroyedType(), RD))
          Found = D->getBeginLoc();
        if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(S);
            B && holdsClass(B->getType(), RD))
          Found = B->getBeginLoc();
        if (const auto *C = dyn_cast<CallExpr>(S);
            C && holdsClass(C->getType(), RD) && !isClass(C->getType(), RD))
          Found = C->getBeginLoc();
        return Found.isInvalid();
      },
      O);
  return Found;
}

namespace {
/// Is there a use of \p V in \p Body that a std::jthread would not accept
/// the same?
bool hasOtherUse(const Stmt *Body, const VarDecl *V, ASTContext &Ctx) {
  return !forEachStmt(Body, [&](const Stmt *S) {
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    if (!DRE || DRE->getDecl() != V)
      return true;
    const auto *ME = dyn_cast_or_null<MemberExpr>(valueUser(DRE, Ctx));
    const auto *MD =
        ME ? dyn_cast<CXXMethodDecl>(ME->getMemberDecl()) : nullptr;
    bool Fits = MD && MD->getIdentifier() &&
                StringSwitch<bool>(MD->getName())
                    .Cases("join", "joinable", "get_id", "native_handle", true)
                    .Default(false);
    return Fits;
  });
}
} // namespace

bool usedOnlyAsJoinableHandle(const VarDecl *V, ASTContext &Ctx) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getDeclContext());
  if (!Fn || !Fn->getBody())
    return false;
  return !hasOtherUse(Fn->getBody(), V, Ctx);
}

} // namespace pitfix
