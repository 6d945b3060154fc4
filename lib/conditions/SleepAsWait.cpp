//===- SleepAsWait.cpp - a sleep used as if it were a join ----------------===//
//
// `std::thread t(work); t.detach(); sleep_for(1s); use(result);` hopes the
// work is done within a second. Under load it is not, and the result is
// read while the work still writes it. The sleep stands where a join
// belongs. The plain case (a local thread detached right after it is
// created, not used again, and the sleep later in the same block) can
// become `t.join()` in place of the sleep, without the detach: the condition
// `sleep-as-wait` binds the detach and names the thread for a rule's fix;
// everything else refuses the fix, with the wait that comes too late when
// there is one.
//
//===----------------------------------------------------------------------===//
#include "analysis/AstWalk.h"
#include "analysis/ConditionVariables.h"
#include "analysis/CriticalSections.h"
#include "analysis/Effects.h"
#include "analysis/EndlessLoops.h"
#include "analysis/Locks.h"
#include "analysis/MayThrow.h"
#include "analysis/SourceText.h"
#include "analysis/SpawnWaits.h"
#include "analysis/SpawnedBody.h"
#include "analysis/Spawns.h"
#include "conditions/PitfallConditions.h"
#include "conditions/WorkOutputs.h"
#include "engine/MatchContext.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// Is \p S inside a loop of its function (a poll or a periodic sleep)?
bool inLoop(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Ps = Ctx.getParents(*S);
  while (!Ps.empty()) {
    const DynTypedNode &P = Ps[0];
    if (P.get<FunctionDecl>() || P.get<LambdaExpr>())
      return false;
    if (P.get<WhileStmt>() || P.get<DoStmt>() || P.get<ForStmt>() ||
        P.get<CXXForRangeStmt>())
      return true;
    Ps = Ctx.getParents(P);
  }
  return false;
}

/// The spawns that \p Body runs itself (not those in lambdas it creates),
/// in source order.
std::vector<SpawnInfo> spawnsIn(const Stmt *Body, const Vocabulary &V) {
  std::vector<SpawnInfo> Found;
  WalkOptions O;
  O.Lambdas = false; // A lambda is not run where it is written.
  forEachStmt(
      Body,
      [&](const Stmt *S) {
        if (const auto *E = dyn_cast<Expr>(S))
          if (std::optional<SpawnInfo> Sp = spawnInfo(E, V))
            Found.push_back(*Sp);
        return true;
      },
      O);
  return Found;
}

/// A loop in \p S that nothing leaves (`while (true)` without a break or
/// return): work that runs it never ends, and a join would wait forever.
const Stmt *loopNothingLeaves(const Stmt *S, ASTContext &Ctx) {
  auto HasExit = [](const Stmt *Body) {
    return !forEachStmt(Body, [](const Stmt *X) {
      return !isa<BreakStmt, ReturnStmt, CXXThrowExpr, GotoStmt>(X);
    });
  };
  const Stmt *Found = nullptr;
  forEachStmt(S, [&](const Stmt *X) {
    if (isForeverLoop(X, Ctx) && !HasExit(loopBody(X)))
      Found = X;
    return !Found;
  });
  return Found;
}

/// The first wait-like call in \p S (a join, a future, a condition
/// variable): work that waits for something may wait for what the spawner
/// does after the sleep, and joining it first would deadlock.
const Stmt *waitIn(const Stmt *S, ASTContext &Ctx, const Vocabulary &V) {
  const Stmt *Found = nullptr;
  forEachStmt(S, [&](const Stmt *X) {
    if (const auto *C = dyn_cast<CallExpr>(X); C && cvWait(C, V))
      Found = C;
    return !Found;
  });
  if (Found)
    return Found;
  return firstWaitAfter(SourceLocation(), S, Ctx);
}

/// Where the stretch of code that a sleep lets pass ends: at the first
/// wait after it (a join, a future, a condition variable, or a call whose
/// body waits: `stop()` joining its worker) or the next sleep; invalid when
/// it runs to the end of the function.
SourceLocation windowEnd(const CallExpr &Sleep, const Stmt *FnBody,
                         const Vocabulary &V, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation End;
  auto Take = [&](SourceLocation L) {
    if (L.isValid() &&
        (End.isInvalid() || SM.isBeforeInTranslationUnit(L, End)))
      End = L;
  };
  if (const Stmt *W = firstWaitAfter(Sleep.getEndLoc(), FnBody, Ctx))
    Take(W->getBeginLoc());
  WalkOptions O;
  O.Lambdas = false;
  forEachStmt(
      FnBody,
      [&](const Stmt *S) {
        const auto *C = dyn_cast<CallExpr>(S);
        if (!C || C == &Sleep ||
            !SM.isBeforeInTranslationUnit(Sleep.getEndLoc(), C->getBeginLoc()))
          return true;
        const FunctionDecl *FD = C->getDirectCallee();
        if ((FD && V.list(VocabList::SleepFunctions).contains(FD)) ||
            callWaitsInside(C, Ctx))
          Take(C->getBeginLoc());
        return true;
      },
      O);
  return End;
}

/// Nothing ever waits for the work of \p S: it is detached, or its local
/// `std::thread` is neither joined nor handed on, and no wait of any kind
/// follows \p Sleep.
bool neverWaited(const SpawnInfo &S, const CallExpr &Sleep, const Stmt *FnBody,
                 ASTContext &Ctx) {
  if (firstWaitAfter(Sleep.getEndLoc(), FnBody, Ctx))
    return false;
  if (detachedWork(S, Ctx))
    return true;
  SpawnUse U = spawnUse(S, Ctx);
  if (!U.Handle || !U.Handle->hasLocalStorage() ||
      !recordOf(U.Handle->getType()) ||
      recordOf(U.Handle->getType())->getName() != "thread")
    return false;
  // A thread local to the function that nothing joins or moves away.
  bool Handled = false;
  forEachStmt(FnBody, [&](const Stmt *X) {
    if (const auto *M = dyn_cast<CXXMemberCallExpr>(X))
      if (const auto *D = dyn_cast<DeclRefExpr>(
              M->getImplicitObjectArgument()->IgnoreParenImpCasts());
          D && D->getDecl() == U.Handle && M->getMethodDecl() &&
          M->getMethodDecl()->getIdentifier() &&
          M->getMethodDecl()->getName() == "join")
        Handled = true;
    if (const auto *D = dyn_cast<DeclRefExpr>(X);
        D && D->getDecl() == U.Handle &&
        !isa_and_nonnull<MemberExpr>(valueUser(D, Ctx)))
      Handled = true; // moved, passed on, stored: someone else may join it
    return !Handled;
  });
  return !Handled;
}

/// Is the work of \p S waited for by the destructor of its handle (a local
/// `std::jthread`, a `std::async` future) at the end of a block that ends
/// before \p Sleep?
bool joinedAtScopeEndBefore(const SpawnInfo &S, const CallExpr &Sleep,
                            ASTContext &Ctx) {
  SpawnUse U = spawnUse(S, Ctx);
  if (!U.Handle || !U.Handle->hasLocalStorage())
    return false;
  const CXXRecordDecl *RD = recordOf(U.Handle->getType());
  if (!RD || !RD->getIdentifier() ||
      (RD->getName() != "jthread" && RD->getName() != "future"))
    return false;
  DynTypedNodeList Ps = Ctx.getParents(*U.Handle);
  const auto *DS = Ps.empty() ? nullptr : Ps[0].get<DeclStmt>();
  const CompoundStmt *Block = DS ? parentBlock(DS, Ctx) : nullptr;
  return Block && Ctx.getSourceManager().isBeforeInTranslationUnit(
                      Block->getRBracLoc(), Sleep.getBeginLoc());
}

class SleepAsWait {
public:
  static bool holds(const DynTypedNode &N, MatchContext &C,
                    ConditionOutput &Out) {
    const auto *Sleep = N.get<CallExpr>();
    if (!Sleep)
      return false;
    ASTContext &Ctx = C.ast();
    const SourceManager &SM = C.sm();
    const FunctionDecl *Fn = enclosingFunction(Sleep, Ctx);
    if (!Fn || !Fn->getBody() || inLoop(Sleep, Ctx))
      return false;
    // The spawns before the sleep whose work nothing waited for yet.
    const Stmt *FnBody = Fn->getBody();
    std::vector<SpawnInfo> Spawns = spawnsIn(FnBody, C.vocab());
    std::vector<const SpawnInfo *> LiveSpawns;
    for (const SpawnInfo &S : Spawns) {
      if (!SM.isBeforeInTranslationUnit(S.Call->getEndLoc(),
                                        Sleep->getBeginLoc()))
        continue;
      const Stmt *W = waitAfterSpawn(S, FnBody, Ctx);
      if (W && SM.isBeforeInTranslationUnit(W->getBeginLoc(),
                                            Sleep->getBeginLoc()))
        continue;
      if (joinedAtScopeEndBefore(S, *Sleep, Ctx))
        continue;
      LiveSpawns.push_back(&S);
    }
    if (LiveSpawns.empty() ||
        sleepBetween(FnBody, LiveSpawns.back()->Call, Sleep, C.vocab(), SM))
      return false;
    // The sleep stands in for a wait only when the work is never waited
    // for, or when the spawner reads what the work writes before it waits.
    // Otherwise it is a timer: it lets the work run (or reach its own
    // wait) before a stop signal, a notify or a join.
    SourceLocation WindowEnd = windowEnd(*Sleep, FnBody, C.vocab(), Ctx);
    const SpawnInfo *Live = nullptr;
    const Expr *EarlyRead = nullptr;
    const char *ReadNote = "";
    for (auto It = LiveSpawns.rbegin(); It != LiveSpawns.rend() && !Live;
         ++It) {
      if (neverWaited(**It, *Sleep, FnBody, Ctx)) {
        Live = *It;
        break;
      }
      if (const Expr *R = firstServerUse(**It, Sleep->getEndLoc(), WindowEnd,
                                         FnBody, Ctx, C.vocab())) {
        Live = *It;
        EarlyRead = R;
        ReadNote = "this talks to the server that the work starts, which may "
                   "not accept connections yet";
        break;
      }
      if (std::optional<DeclSet> Out = writtenByWork(**It, Ctx, C.vocab()))
        if (const Expr *R = firstReadOf(*Out, Sleep->getEndLoc(), WindowEnd,
                                        FnBody, Ctx, C.vocab())) {
          Live = *It;
          EarlyRead = R;
          ReadNote = "this reads what the work writes, before anything waits "
                     "for it";
        }
    }
    if (!Live)
      return false;
    std::string SleepText = sourceText(Sleep->getSourceRange(), SM, C.lang());
    if (SleepText.empty())
      SleepText = Sleep->getDirectCallee()->getNameAsString() + "(...)";
    Out.Fills = {{"sleep", SleepText},
                 {"line", std::to_string(SM.getExpansionLineNumber(
                              Live->Call->getBeginLoc()))}};
    Out.Notes.push_back({Live->Call->getBeginLoc(), "the work starts here"});
    if (EarlyRead)
      Out.Notes.push_back({EarlyRead->getBeginLoc(), ReadNote});
    joinOrRefuse(C, Out, *Sleep, *Live, *Fn);
    return true;
  }

private:
  /// Binds the detach that a join in place of the sleep removes, and fills
  /// {thread}; or refuses the fix with the reason.
  static void joinOrRefuse(MatchContext &C, ConditionOutput &Out,
                           const CallExpr &Sleep, const SpawnInfo &S,
                           const FunctionDecl &Fn) {
    ASTContext &Ctx = C.ast();
    const Stmt *LateWait =
        firstWaitAfter(Sleep.getEndLoc(), Fn.getBody(), Ctx);
    auto Refuse = [&](const Twine &Why) {
      if (LateWait)
        Out.Notes.push_back(
            {LateWait->getBeginLoc(),
             "the work is waited for only here; wait in place of the sleep"});
      Out.Refusal = Why.str();
    };
    if (S.Kind != SpawnKind::ThreadConstructor) {
      Refuse(S.Kind == SpawnKind::ThreadContainer
                 ? "the threads are in a container; join them in place of the "
                   "sleep"
                 : "the work goes to a pool or a spawning function; wait on "
                   "its result in place of the sleep");
      return;
    }
    // `std::thread t(...);` then `t.detach();`, in the block of the sleep.
    const CompoundStmt *Block = nullptr;
    const Stmt *SleepStmt = enclosingBlockStatement(&Sleep, Ctx, &Block);
    const auto *SleepExpr = dyn_cast_or_null<Expr>(SleepStmt);
    if (!SleepExpr || stripImplicit(SleepExpr) != &Sleep) {
      Refuse("the sleep is part of a larger statement");
      return;
    }
    const DeclStmt *Decl = nullptr;
    const VarDecl *T = nullptr;
    unsigned DeclIndex = 0, SleepIndex = 0, I = 0;
    for (const Stmt *X : Block->body()) {
      if (const auto *DS = dyn_cast<DeclStmt>(X); DS && DS->isSingleDecl())
        if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
            VD && VD->getInit() &&
            stripImplicit(VD->getInit()) == stripImplicit(S.Call)) {
          Decl = DS;
          T = VD;
          DeclIndex = I;
        }
      if (X == SleepStmt)
        SleepIndex = I;
      ++I;
    }
    if (!T) {
      // A named thread declared elsewhere is no temporary.
      if (const VarDecl *Handle = spawnUse(S, Ctx).Handle)
        Refuse("'" + Handle->getName().str() +
               "' is not a local variable of the sleep's block");
      else
        Refuse(detachedWork(S, Ctx)
                   ? "the thread is a detached temporary; keep it in a "
                     "variable and join it in place of the sleep"
                   : "the thread is not a local variable of the sleep's "
                     "block");
      return;
    }
    const Stmt *Detach = DeclIndex + 1 < Block->size()
                             ? Block->body_begin()[DeclIndex + 1]
                             : nullptr;
    const auto *DC = dyn_cast_or_null<CXXMemberCallExpr>(
        Detach ? stripImplicit(dyn_cast<Expr>(Detach)) : nullptr);
    if (!DC || !DC->getMethodDecl() || !DC->getMethodDecl()->getIdentifier() ||
        DC->getMethodDecl()->getName() != "detach" ||
        mutexDecl(DC->getImplicitObjectArgument()) != T) {
      Refuse("'" + T->getName() + "' is not detached right after it is "
             "created");
      return;
    }
    if (usesOutside(Fn.getBody(), T, DC)) {
      Refuse("'" + T->getName() + "' is used again; joining it in place of "
             "the sleep needs every use checked");
      return;
    }
    // Between the detach and the sleep a return or an exception would now
    // leave a joinable std::thread behind (std::terminate).
    bool JoinsItself = recordOf(T->getType()) &&
                       recordOf(T->getType())->getName() == "jthread";
    ThrowAnalysis Throws(Ctx, C.vocab());
    for (unsigned J = DeclIndex + 2; J < SleepIndex && !JoinsItself; ++J) {
      const Stmt *X = Block->body_begin()[J];
      Effects E = effectsOf(X, Ctx, C.vocab());
      if (E.Jump) {
        Out.Notes.push_back({E.Jump.Loc, E.Jump.What + " leaves before the sleep"});
        Refuse("a std::thread must be joined on every path; this one could "
               "leave the block joinable");
        return;
      }
      if (std::optional<ThrowSite> TS = Throws.firstThrow(X)) {
        Out.Notes.push_back({TS->Where->getBeginLoc(), TS->Why});
        Refuse("an exception before the sleep would destroy a joinable "
               "std::thread (std::terminate)");
        return;
      }
    }
    std::optional<SpawnedBody> Body = spawnedBody(S);
    if (!Body || !Body->Body) {
      Refuse("the work's body is not visible; a join could wait longer than "
             "the sleep did");
      return;
    }
    if (const Stmt *Loop = loopNothingLeaves(Body->Body, Ctx)) {
      Out.Notes.push_back({Loop->getBeginLoc(), "this loop never ends"});
      Refuse("the work never finishes; a join would wait forever");
      return;
    }
    if (const Stmt *W = waitIn(Body->Body, Ctx, C.vocab())) {
      Out.Notes.push_back({W->getBeginLoc(), "the work waits here"});
      Refuse("the work waits for something, perhaps for what runs after the "
             "sleep; joining it first could deadlock");
      return;
    }
    if (innermostSection(&Sleep, Ctx, C.vocab())) {
      Refuse("the sleep runs with a mutex held, which the work may need");
      return;
    }
    Out.Binds.insert_or_assign("detach", DynTypedNode::create(*Detach));
    Out.Fills["thread"] = T->getName().str();
  }

  /// Another sleep between the spawn \p Spawn and \p Sleep: that one is
  /// the finding for this work (and the one a join replaces).
  static bool sleepBetween(const Stmt *Body, const Expr *Spawn,
                           const CallExpr *Sleep, const Vocabulary &V,
                           const SourceManager &SM) {
    WalkOptions O;
    O.Lambdas = false;
    return !forEachStmt(
        Body,
        [&](const Stmt *S) {
          const auto *C = dyn_cast<CallExpr>(S);
          const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
          return !(C != Sleep && FD &&
                   V.list(VocabList::SleepFunctions).contains(FD) &&
                   SM.isBeforeInTranslationUnit(Spawn->getEndLoc(),
                                                C->getBeginLoc()) &&
                   SM.isBeforeInTranslationUnit(C->getBeginLoc(),
                                                Sleep->getBeginLoc()));
        },
        O);
  }

  /// Does \p Body use \p T anywhere but in its declaration and \p Detach?
  static bool usesOutside(const Stmt *Body, const VarDecl *T,
                          const CXXMemberCallExpr *Detach) {
    const Expr *Skip = Detach->getImplicitObjectArgument()->IgnoreParenImpCasts();
    return !forEachStmt(Body, [&](const Stmt *S) {
      const auto *D = dyn_cast<DeclRefExpr>(S);
      return !(D && D->getDecl() == T && D != Skip);
    });
  }
};

} // namespace

bool sleepAsWait(const DynTypedNode &N, MatchContext &C, ConditionOutput &Out) {
  return SleepAsWait::holds(N, C, Out);
}

} // namespace pitfix
