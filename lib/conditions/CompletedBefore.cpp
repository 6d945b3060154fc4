//===- CompletedBefore.cpp - one-shot completions done twice --------------===//
//
// Some completions may be done once per object: a std::thread is joined or
// detached once (a second join()/detach() throws std::system_error), a
// promise is satisfied once (a second set_value() throws
// promise_already_satisfied). The condition `completed-before` looks at the
// function's control flow graph (clang::CFG): a completion holds it when an
// earlier completion of the same object reaches it on some path with nothing in
// between that could give the object a new state (an assignment, a move,
// a swap, a `joinable()` check, any other non-const use). Paths, not source
// order: `if (a) t.join(); else t.join();` has no path from one join to
// the other.
//
//===----------------------------------------------------------------------===//
#include "analysis/Concurrency.h"
#include "analysis/AstWalk.h"
#include "analysis/BoolFlags.h"
#include "analysis/ExpectedErrors.h"
#include "conditions/PitfallConditions.h"
#include "analysis/Locks.h"
#include "analysis/SourceText.h"
#include "analysis/Spawns.h"
#include "engine/MatchContext.h"

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"

#include <set>

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// A completion call: the object's key and what the call does.
struct Completion {
  const CXXMemberCallExpr *Call = nullptr;
  std::string Key;
  std::string Verb; ///< "joined", "detached", "satisfied"
};

bool inClassList(const CXXRecordDecl *RD, const NameList &L) {
  if (!RD)
    return false;
  if (L.contains(RD))
    return true;
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return L.contains(S->getSpecializedTemplate()->getTemplatedDecl());
  return false;
}

/// A count-down by one: no argument, or a literal 1 (`count_down(2)`
/// counts two units and is not compared).
bool countsOne(const CXXMemberCallExpr *MC) {
  if (MC->getNumArgs() == 0)
    return true;
  if (MC->getNumArgs() > 1)
    return false;
  if (isa<CXXDefaultArgExpr>(MC->getArg(0)))
    return true;
  const auto *Lit =
      dyn_cast<IntegerLiteral>(MC->getArg(0)->IgnoreParenImpCasts());
  return Lit && Lit->getValue() == 1;
}

std::optional<Completion> completionOf(const Stmt *S, const Vocabulary &V) {
  const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(S);
  if (!MC || !MC->getMethodDecl() || !MC->getImplicitObjectArgument())
    return std::nullopt;
  const CXXMethodDecl *MD = MC->getMethodDecl();
  const CXXRecordDecl *RD = MD->getParent();
  Completion C;
  C.Call = MC;
  if (inClassList(RD, V.list(VocabList::SpawnClasses))) {
    if (V.list(VocabList::ThreadJoinMethods).contains(MD))
      C.Verb = "joined";
    else if (V.list(VocabList::ThreadDetachMethods).contains(MD))
      C.Verb = "detached";
  } else if (inClassList(RD, V.list(VocabList::OneShotClasses)) &&
             V.list(VocabList::OneShotMethods).contains(MD)) {
    C.Verb = "satisfied";
  } else if (inClassList(RD, V.list(VocabList::CountDownClasses)) &&
             V.list(VocabList::CountDownMethods).contains(MD) &&
             countsOne(MC)) {
    C.Verb = "counted down";
  }
  if (C.Verb.empty())
    return std::nullopt;
  C.Key = mutexKey(MC->getImplicitObjectArgument());
  if (C.Key.empty())
    return std::nullopt;
  return C;
}

/// The key that mutexKey() gives a plain use of the variable \p D.
std::string declKey(const ValueDecl *D) {
  return D->getName().str() + "#" + utohexstr(reinterpret_cast<uintptr_t>(D));
}

/// What one CFG element does to the object with key \p Key.
enum class Effect { None, Completes, Resets };

Effect effectOn(const Stmt *S, StringRef Key, const Vocabulary &V) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (Key == declKey(VD))
          return Effect::Resets;
    return Effect::None;
  }
  if (std::optional<Completion> C = completionOf(S, V))
    return C->Key == Key ? Effect::Completes : Effect::None;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (Obj && mutexKey(Obj) == Key) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      // A const query other than the joinable() check leaves the state.
      if (MD && MD->isConst() &&
          !V.list(VocabList::ThreadJoinableMethods).contains(MD))
        return Effect::None;
      return Effect::Resets;
    }
  }
  auto Names = [&](const Expr *A) {
    return A && mutexKey(stripImplicit(A)) == Key;
  };
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    for (const Expr *A : Call->arguments())
      if (Names(A))
        return Effect::Resets;
  } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(S)) {
    for (const Expr *A : Ctor->arguments())
      if (Names(A))
        return Effect::Resets;
  } else if (const auto *B = dyn_cast<BinaryOperator>(S)) {
    if (B->isAssignmentOp() && Names(B->getLHS()))
      return Effect::Resets;
  } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
    if (U->getOpcode() == UO_AddrOf && Names(U->getSubExpr()))
      return Effect::Resets;
  } else if (const auto *L = dyn_cast<LambdaExpr>(S)) {
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef &&
          Key == declKey(Cap.getCapturedVar()))
        return Effect::Resets;
  }
  return Effect::None;
}

/// The block and element index of \p S in \p G.
std::optional<std::pair<const CFGBlock *, unsigned>> elementOf(const CFG &G,
                                                              const Stmt *S) {
  for (const CFGBlock *B : G)
    for (unsigned I = 0; I < B->size(); ++I)
      if (std::optional<CFGStmt> E = (*B)[I].getAs<CFGStmt>())
        if (E->getStmt() == S)
          return std::make_pair(B, I);
  return std::nullopt;
}

/// Is \p Fn the body of spawned work (a spawned lambda, a function named
/// as the work)?
bool isWorkBody(const FunctionDecl *Fn, ASTContext &Ctx, const Vocabulary &V) {
  const Concurrency &CC = Concurrency::of(Ctx, V);
  return llvm::any_of(CC.works(), [&](const ConcurrentWork &W) {
    return W.Body.Function == Fn ||
           W.Body.Function->getCanonicalDecl() == Fn->getCanonicalDecl();
  });
}

class CompletedBefore {
public:
  static bool holds(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
    std::optional<Completion> Second = completionOf(N.get<Stmt>(), C.vocab());
    if (!Second)
      return false;
    ASTContext &Ctx = C.ast();
    const FunctionDecl *Fn = enclosingFunction(Second->Call, Ctx);
    if (!Fn || !Fn->getBody() || Fn->isDependentContext())
      return false;
    CFG::BuildOptions Opts;
    Opts.setAllAlwaysAdd();
    std::unique_ptr<CFG> G =
        CFG::buildCFG(Fn, Fn->getBody(), &Ctx, Opts);
    if (!G)
      return false;
    if (!elementOf(*G, Second->Call))
      return false;
    // One run of spawned work is one count: only there do two count-downs
    // on one path count the same unit twice.
    if (Second->Verb == "counted down" && !isWorkBody(Fn, Ctx, C.vocab()))
      return false;
    // A second call inside a try that catches the error it throws is made
    // to see it fail (a test of the error).
    if (Second->Verb == "satisfied"
            ? failureExpected(Second->Call, {"future_error", "logic_error"}, Ctx)
            : Second->Verb != "counted down" &&
                  failureExpected(Second->Call,
                                  {"system_error", "runtime_error"}, Ctx))
      return false;
    BoolFlags Flags(*Fn, Ctx);
    // Every other completion of the same object that reaches this one.
    for (const CFGBlock *B : *G)
      for (unsigned I = 0; I < B->size(); ++I) {
        std::optional<CFGStmt> E = (*B)[I].getAs<CFGStmt>();
        if (!E || E->getStmt() == Second->Call)
          continue;
        std::optional<Completion> First = completionOf(E->getStmt(), C.vocab());
        if (!First || First->Key != Second->Key)
          continue;
        if (reaches(B, I + 1, *Second, C.vocab(), Flags,
                    /*AroundLoops=*/Second->Verb != "counted down")) {
          describe(C, *First, *Second, Out);
          return true;
        }
      }
    return false;
  }

private:
  /// Is \p Target reached from element \p From of \p Start with no
  /// completion or reset of its object on the way, on a path that the local
  /// flags \p Flags do not rule out (`joined = true; ... if (!joined)`)?
  /// Without \p AroundLoops, paths that go back to a loop's head do not
  /// count: each iteration counts a unit of its own.
  static bool reaches(const CFGBlock *Start, unsigned From,
                      const Completion &Target, const Vocabulary &V,
                      const BoolFlags &Flags, bool AroundLoops,
                      bool UseFlags = true) {
    struct Point {
      const CFGBlock *B;
      unsigned I;
      BoolFlags::Facts F;
    };
    std::vector<Point> Work{{Start, From, {}}};
    std::set<std::pair<const CFGBlock *, BoolFlags::Facts>> Seen;
    while (!Work.empty()) {
      Point P = std::move(Work.back());
      Work.pop_back();
      // Too many combinations of flag values: decide without them.
      if (UseFlags && Seen.size() > 20000)
        return reaches(Start, From, Target, V, Flags, AroundLoops,
                       /*UseFlags=*/false);
      bool Stopped = false;
      for (; P.I < P.B->size() && !Stopped; ++P.I) {
        std::optional<CFGStmt> E = (*P.B)[P.I].getAs<CFGStmt>();
        if (!E)
          continue;
        if (E->getStmt() == Target.Call)
          return true;
        if (effectOn(E->getStmt(), Target.Key, V) != Effect::None)
          Stopped = true;
        if (UseFlags)
          Flags.step(E->getStmt(), P.F);
      }
      if (Stopped || (!AroundLoops && P.B->getLoopTarget()))
        continue;
      unsigned N = 0;
      for (const CFGBlock::AdjacentBlock &Succ : P.B->succs()) {
        bool Feasible = Flags.feasible(*P.B, N++, P.F);
        if (const CFGBlock *S = Succ.getReachableBlock())
          if (Feasible && Seen.insert({S, P.F}).second)
            Work.push_back({S, 0, P.F});
      }
    }
    return false;
  }

  static void describe(MatchContext &C, const Completion &First,
                       const Completion &Second, ConditionOutput &Out) {
    const SourceManager &SM = C.sm();
    const LangOptions &LO = C.lang();
    std::string Obj = sourceText(
        Second.Call->getImplicitObjectArgument()->getSourceRange(), SM, LO);
    if (Obj.empty()) {
      const ValueDecl *D = mutexDecl(Second.Call->getImplicitObjectArgument());
      Obj = D ? D->getNameAsString() : "the object";
    }
    std::string Call = sourceText(Second.Call->getSourceRange(), SM, LO);
    if (Call.empty())
      Call = Second.Call->getMethodDecl()->getNameAsString() + "()";
    std::string Effect =
        Second.Verb == "satisfied"
            ? "a promise that is already satisfied makes it throw "
              "std::future_error"
        : Second.Verb == "counted down"
            ? "one run of the work is one count, so the waiter goes on "
              "before the other work is done (below zero a std::latch is "
              "undefined behaviour)"
            : "a thread that is no longer joinable makes join() and "
              "detach() throw std::system_error";
    Out.Fills = {{"call", Call},
                 {"what", "'" + Obj + "' was already " + First.Verb},
                 {"effect", Effect}};
    Out.Notes.push_back({First.Call->getBeginLoc(),
                         "'" + Obj + "' is " + First.Verb + " here first"});
  }
};

} // namespace

bool completedBefore(const DynTypedNode &N, MatchContext &C,
                     ConditionOutput &Out) {
  return CompletedBefore::holds(N, C, Out);
}

} // namespace pitfix
