//===- Conditions.cpp - the conditions of `where:` ------------------------===//
#include "conditions/Conditions.h"
#include "conditions/PitfallConditions.h"

#include "analysis/AstWalk.h"
#include "analysis/Concurrency.h"
#include "analysis/HeldLocks.h"
#include "analysis/SpawnWaits.h"
#include "analysis/Spawns.h"
#include "engine/MatchContext.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;
using namespace llvm;

namespace pitfix {
namespace {

/// The node kinds of \p T..., for ConditionInfo::Kinds.
template <typename... T> std::vector<ASTNodeKind> kinds() {
  return {ASTNodeKind::getFromNodeKind<T>()...};
}

/// The variable that \p N declares or names.
const VarDecl *variableOf(const DynTypedNode &N) {
  if (const auto *V = N.get<VarDecl>())
    return V;
  if (const auto *E = N.get<Expr>())
    if (const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      return dyn_cast<VarDecl>(R->getDecl());
  return nullptr;
}

bool lockHeld(const DynTypedNode &N, MatchContext &C,
              ConditionOutput &Out) {
  const Stmt *S = statementOfNode(N, C.ast());
  if (!S)
    return false;
  HeldLocks H = locksHeldAt(S, C.ast(), C.vocab());
  if (!H.Any)
    return false;
  Out.Fills["held"] = H.Mutexes.empty() ? "a mutex" : H.Mutexes.front()->getNameAsString();
  return true;
}

bool inSpawnedWork(const DynTypedNode &N, MatchContext &C,
                   ConditionOutput &) {
  const Stmt *S = statementOfNode(N, C.ast());
  if (!S)
    return false;
  const FunctionDecl *F = enclosingFunction(S, C.ast());
  return F && Concurrency::of(C.ast(), C.vocab()).inWork(F);
}

/// A variable declared in the header or body of a loop of its own
/// function: each iteration changes it (a `for` header's variable) or makes
/// it anew.
bool loopVariable(const DynTypedNode &N, MatchContext &C,
                  ConditionOutput &Out) {
  const VarDecl *V = variableOf(N);
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V))
    return false;
  DynTypedNode At = DynTypedNode::create(*V);
  for (int Depth = 0; Depth < 256; ++Depth) {
    auto Parents = C.ast().getParents(At);
    if (Parents.empty())
      return false;
    At = Parents[0];
    if (At.get<FunctionDecl>() || At.get<LambdaExpr>() || At.get<BlockDecl>())
      return false;
    if (const auto *S = At.get<Stmt>(); S && isLoop(S)) {
      Out.Fills["var"] = V->getNameAsString();
      return true;
    }
  }
  return false;
}

/// A spawn of the node's own function (not of a lambda in it) that ends
/// before the node, with no wait between the two.
bool afterSpawn(const DynTypedNode &N, MatchContext &C,
                ConditionOutput &) {
  const Stmt *S = statementOfNode(N, C.ast());
  if (!S)
    return false;
  const FunctionDecl *F = enclosingFunction(S, C.ast());
  if (!F || !F->getBody())
    return false;
  const SourceManager &SM = C.sm();
  SourceLocation At = SM.getExpansionLoc(S->getBeginLoc());
  WalkOptions NoLambdas;
  NoLambdas.Lambdas = false;
  bool Found = false;
  forEachStmt(
      F->getBody(),
      [&](const Stmt *X) {
        const auto *E = dyn_cast<Expr>(X);
        if (!E || !SM.isBeforeInTranslationUnit(
                      SM.getExpansionLoc(E->getEndLoc()), At))
          return true;
        std::optional<SpawnInfo> Spawn = spawnInfo(E, C.vocab());
        if (!Spawn)
          return true;
        const Stmt *Wait = firstWaitAfter(E->getEndLoc(), F->getBody(), C.ast());
        if (!Wait || !SM.isBeforeInTranslationUnit(
                         SM.getExpansionLoc(Wait->getBeginLoc()), At)) {
          Found = true;
          return false;
        }
        return true;
      },
      NoLambdas);
  return Found;
}

} // namespace

ArrayRef<ConditionInfo> conditionTable() {
  static const std::vector<ConditionInfo> Table = {
      {"lock-held",
       "a statement, an expression or a local variable",
       kinds<Stmt, VarDecl>(),
       "a mutex is held where the node runs: a guard of the vocabulary's "
       "guardClasses is alive, a lock holder a method returned (`auto v = "
       "state.lock();`), or a lock()/lockFunctions call is not yet undone, "
       "in the node's own function",
       {"held"},
       lockHeld},
      {"in-spawned-work",
       "a statement, an expression or a local variable",
       kinds<Stmt, VarDecl>(),
       "the node runs in work that a spawn of the vocabulary starts: the body "
       "of a spawned lambda or function, or a function of the unit that such "
       "a body calls with no lock held",
       {},
       inSpawnedWork},
      {"loop-variable",
       "a variable, or an expression that names one",
       kinds<VarDecl, Expr>(),
       "the variable is declared in the header or the body of a loop of its "
       "function: the loop changes it on each iteration, or makes it anew",
       {"var"},
       loopVariable},
      {"after-spawn",
       "a statement, an expression or a local variable",
       kinds<Stmt, VarDecl>(),
       "the node runs in a function after a spawn of that function (not of a "
       "lambda in it) and before the first wait after the spawn (join, get, "
       "wait, ...)",
       {},
       afterSpawn},
      {"thread-per-input-item",
       "a spawn or a thread-starting call",
       kinds<Expr>(),
       "the node starts a thread of its own (not a pool task, not deferred "
       "work) in each iteration of a loop over input items: accepted "
       "connections, lines or records read, or the elements of a container "
       "whose size nothing bounds; not when the iteration joins it or waits "
       "for a free slot",
       {"what", "item"},
       threadPerInputItem},
      {"future-unread",
       "a call of the vocabulary's blockingFutureSpawners",
       kinds<CallExpr>(),
       "the future the call returns is discarded (its destructor waits, so "
       "the call runs synchronously; deferred work never runs), or kept in a "
       "local that nothing reads while the work may throw",
       {"future", "what"},
       futureUnread,
       "the call, or the local that keeps the future"},
      {"completed-before",
       "a join()/detach() of a thread, a set_value() of a promise, a "
       "count_down() of a latch",
       kinds<CallExpr>(),
       "an earlier completion of the same object reaches the node on a path "
       "of the function's control flow graph with nothing between that gives "
       "the object a new state; count-downs only in the body of spawned work",
       {"call", "effect", "what"},
       completedBefore},
      {"mixed-with-plain-access",
       "an atomic operation: a call of atomicFunctions, an atomicRefClasses "
       "construction, or the `&x` a __atomic builtin takes",
       kinds<Expr>(),
       "the variable the operation works on is not a std::atomic and is "
       "also read or written plainly while threads run",
       {"var"},
       mixedWithPlainAccess,
       "the first plain access"},
      {"relocks-held-mutex",
       "a statement of a block that takes a lock: a guard declaration, a "
       "lock() or lock function call, an `if` on a try_lock",
       kinds<Stmt>(),
       "a mutex that the section begun by the statement holds is not "
       "recursive and is locked again while it is held: in the section, or "
       "in a function of the unit that it calls (a few calls deep) on the "
       "same member through `this` or the same global",
       {"what"},
       relocksHeldMutex,
       "the second lock, or the call that leads to it"},
      {"unnamed-guard",
       "a statement of a block (or the init-statement of an if, switch or "
       "for) that is a lock guard of guardClasses",
       kinds<Stmt, VarDecl>(),
       "the guard is never named: a temporary (`Guard{m};`, `Guard(m);`) "
       "that unlocks at the end of the statement, or `Guard(m);` parsed as "
       "a declaration of a new, unlocked guard named like the mutex it "
       "hides; the fix is refused when the guard only tries to lock, when "
       "the rest of the block locks the same mutex again (a named guard "
       "would deadlock there), or when later code uses the hiding name",
       {"guard", "mutex"},
       unnamedGuard,
       "the guard",
       {"guard_type"}},
      {"reversible-lock-order",
       "a block that declares guards (guardClasses) on several mutexes, or "
       "a lock that blocks: a guard's construction, a lock() call (also on "
       "a deferred guard), a lock function",
       kinds<Stmt>(),
       "the guards lock different mutexes one after another in an order "
       "another thread can reverse: the unit takes the same mutexes the "
       "other way round (a lock that blocks, not a try, taken while the "
       "other is held), or the caller decides which comes first (the same "
       "member of two objects, two mutex parameters). Binds the first guard "
       "as `first_guard` and the later ones as `later_guards`, and fills "
       "{lock_args} with the mutexes as written, so that a fix can lock them "
       "with one std::scoped_lock; it refuses the fix before C++17, when "
       "statements run between the guards, when a guard tries, is shared, "
       "is not a mergeableGuardClasses guard or is used later, or when a "
       "macro writes a guard. For a lock taken while a critical section "
       "around it (a guard of an outer block, a lock() call, a successful "
       "try) still holds another mutex, not released before on a path that "
       "goes on, it holds on the same evidence and always refuses the fix "
       "(one std::scoped_lock replaces only guards of one block). Fills "
       "{remedy}: locking them together, or one order where a mutex has no "
       "try_lock()",
       {"first", "second", "mutexes", "lock_args", "remedy"},
       reversibleLockOrder,
       "the second guard, or the lock taken while the other is held",
       {"first_guard", "later_guards"}},
      {"completion-skipped",
       "a spawn (spawnExpr) of work whose body ends with a completion "
       "signal (signalMethods of signalClasses)",
       kinds<Expr>(),
       "an early return or an exception (a throw, a call that may throw) "
       "skips the trailing signal, and nothing else makes it (a guard, a "
       "RAII local, a call elsewhere). Binds the body's first statement as "
       "`first_statement`, the trailing signal as `trailing_signal` and "
       "identical signals just before earlier returns as "
       "`signals_before_return`, so that a fix can declare a scope guard "
       "first and remove the calls; it refuses the fix when the signal uses "
       "a variable declared in the body, when a named lambda is also used "
       "other than as a thread's work, or when an earlier signal has other "
       "arguments",
       {"signal", "exit"},
       completionSkipped,
       "the trailing signal",
       {"first_statement", "trailing_signal", "signals_before_return"}},
      {"shared-volatile",
       "a variable or member declaration",
       kinds<VarDecl, FieldDecl>(),
       "a volatile variable that spawned work reads or writes while another "
       "thread touches it (another instance of the work, the spawner before "
       "it waits, other work, code outside the work), with a write on one "
       "side; or a plain bool that work reads in its loop condition and "
       "code outside the work writes, both with no lock held. Not a "
       "volatile of signalSafeTypes, not a variable one mutex guards at "
       "every use (constructors and destructors aside), not a parameter. "
       "Binds the variable as `var`",
       {"var", "kind", "work", "other", "problem"},
       sharedVolatile,
       "the declaration",
       {"var"}},
      {"endless-work",
       "a spawn (spawnExpr)",
       kinds<Expr>(),
       "the spawned body is a loop that nothing inside can leave (no break, "
       "return, throw or stop check). For a std::jthread whose lambda, "
       "written at the construction, takes no parameters and ends with a "
       "`while (true)` or `for (;;)` loop that neither waits on a condition "
       "variable nor blocks (a sleep aside), binds the places `parameters` "
       "(the lambda's `()`, or an empty place after its captures) and "
       "`loop_head` (the loop up to its `)`), so that a fix can hand the "
       "lambda a std::stop_token and loop while no stop is requested; "
       "otherwise it refuses the fix with the reason",
       {"fate"},
       endlessWork,
       "the loop",
       {"parameters", "loop_head"}},
      {"left-joinable",
       "a variable or member of a thread type (spawnClasses), an array or a "
       "container of them",
       kinds<VarDecl, FieldDecl>(),
       "a path leaves the thread joinable at its destructor or at a move "
       "assignment: an early return, a jump out of its scope, an exception, "
       "the end of the scope with no join or detach, a member no destructor "
       "joins. From C++20, a local (or a container's element type) only "
       "joined and queried binds `thread_type` and fills {jthread} (its "
       "spelling as std::jthread), so that a fix can make it a std::jthread; "
       "otherwise the fix is refused with the reason",
       {"var", "how", "op", "jthread"},
       leftJoinable,
       "",
       {"thread_type"}},
      {"sleep-as-wait",
       "a call of sleepFunctions",
       kinds<CallExpr>(),
       "the sleep, outside any loop, follows work started in its function "
       "that nothing has waited for, and stands in for the wait: the work is "
       "never waited for, or code after the sleep reads what it writes (or "
       "talks to the server it starts) before any wait; a sleep that only "
       "lets work run before a stop signal, a notify or a join is a timer, "
       "not this. When the work is a local std::thread detached right after "
       "its creation, binds that `detach` statement and fills {thread}, so "
       "that a fix can join in place of the sleep; it refuses the fix when "
       "the thread is used again, a path could leave it joinable, the work "
       "never ends or waits, or the sleep holds a mutex",
       {"sleep", "line", "thread"},
       sleepAsWait,
       "",
       {"detach"}},
      {"inconsistently-locked",
       "the body of a method (or the method) of a class with a mutex member",
       kinds<CompoundStmt, CXXMethodDecl>(),
       "the method touches, with none of them held, a member that the "
       "class's methods write with one of its own mutexes held (a guard or "
       "a lock() in the method, or every caller holding it for a private "
       "helper); not constructors, destructors, assignments, members that "
       "are atomic, const or synchronisation objects, methods whose callers "
       "hold the lock (a REQUIRES annotation, AssertHeld(), a `*Locked` name, "
       "a lock parameter, a comment that says so, or only locked calls from "
       "the class), nor accesses before the method starts a thread. Binds "
       "`unguarded`, the statement from which a guard covers every such "
       "access of the method, and fills {guard_type} and {lock_arg} as the "
       "class spells a guard on that mutex; refuses the fix when the method "
       "holds another lock there, when the covered code synchronises, waits, "
       "blocks or calls code not visible here, for a const method and a "
       "mutex that is not mutable, and for a method that returns a reference "
       "or a pointer",
       {"member", "access", "mutex", "writer", "guard_type", "lock_arg"},
       inconsistentlyLocked,
       "the first unguarded access",
       {"unguarded"}},
  };
  return Table;
}

const ConditionInfo *findCondition(StringRef Name) {
  for (const ConditionInfo &C : conditionTable())
    if (Name == C.Name)
      return &C;
  return nullptr;
}

} // namespace pitfix
