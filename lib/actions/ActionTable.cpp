//===- ActionTable.cpp - every built-in action, in one table ---------------===//
#include "actions/Action.h"

using namespace llvm;

namespace pitfix {

// One factory per action file.
Expected<std::unique_ptr<Action>> createNameGuardAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createMergeGuardsAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createCopyCaptureAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createMoveBeforeSpawnAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createScopeGuardAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createWrapTryAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createGuardManualLockAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createHoistOutOfLockAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createSynchronizeWriteAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createVolatileToAtomicAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createReportMixedAtomicAction(const ActionOptions &);

ArrayRef<ActionInfo> actionTable() {
  static const std::vector<ActionInfo> Table = {
      {"name-guard",
       "give a temporary lock guard (bound as \"temp\", or a guard variable "
       "that hides a mutex, bound as \"decl\") a name so that it holds the "
       "mutex to the end of the block",
       {{"names", nullptr,
         "candidate names for the guard, tried in order (default: lock, "
         "guard, lk)"}},
       createNameGuardAction},
      {"merge-guards",
       "replace guards on several mutexes taken one after another in the "
       "matched block by one std::scoped_lock",
       {},
       createMergeGuardsAction},
      {"copy-capture",
       "hand spawned work (bound as \"spawn\") copies of the local "
       "variables it reaches by reference, when they change or die before "
       "the work is done",
       {{"locals", "iteration",
         "which variables count: 'iteration' (variables that live for one "
         "loop iteration, when the work is not joined in that iteration) or "
         "'detached' (locals of a function whose work nothing waits for)"}},
       createCopyCaptureAction},
      {"move-before-spawn",
       "move a counter increment (bound as \"increment\") out of the body of "
       "a spawned lambda (bound as \"lambda\") to just before the statement "
       "that spawns it, so that a waiter cannot see the work uncounted",
       {{"increment", "increment",
         "the bind name of the increment expression"},
        {"lambda", "lambda", "the bind name of the spawned lambda"}},
       createMoveBeforeSpawnAction},
      {"scope-guard",
       "make the completion signal that ends a spawned body from a scope "
       "guard declared first in the body, so that early returns and "
       "exceptions signal too; the trailing call is removed",
       {{"guard",
         "auto {name} = [&] { {call}; };\n"
         "struct {name}_guard_t { decltype({name}) &signal; "
         "~{name}_guard_t() { signal(); } } {name}_guard{{name}};",
         "the guard's declaration(s), one per line: {name} is a fresh name, "
         "{call} the signal call (default: a lambda and a local struct whose "
         "destructor calls it)"},
        {"include", "", "a header the guard needs, e.g. <gsl/gsl>"},
        {"names", nullptr,
         "candidate values for {name}, tried in order (default: completion)"}},
       createScopeGuardAction},
      {"wrap-try",
       "wrap a spawned lambda's body in try/catch so that an exception does "
       "not end the process; a trailing completion signal stays after it",
       {{"handler", "std::fprintf(stderr, \"{summary}: %s\\n\", e.what());",
         "statement(s) for `catch (const std::exception &e)`; {summary} is "
         "the rule's summary, escaped for a format string"},
        {"unknown-handler",
         "std::fprintf(stderr, \"{summary}: unknown exception\\n\");",
         "statement(s) for `catch (...)`"},
        {"includes", "<cstdio>", "headers the handlers need"}},
       createWrapTryAction},
      {"guard-manual-lock",
       "replace a manual lock() of a mutex (bound as \"lock\") by a guard "
       "declared in its place: std::unique_lock that follows the block's "
       "unlock() and lock() calls, or std::lock_guard when the only unlock "
       "ends the block; try_lock and pthread locks are reported only",
       {{"names", nullptr,
         "candidate names for the guard, tried in order (default: lock, "
         "guard, lk)"}},
       createGuardManualLockAction},
      {"hoist-out-of-lock",
       "move the blocking statements of the critical section that the "
       "matched statement (bound as \"acquire\": a guard declaration or a "
       "lock() call) begins above the lock or below its release, when they "
       "commute with the rest of the section and use no guarded state",
       {},
       createHoistOutOfLockAction},
      {"synchronize-write",
       "make the unlocked writes that a spawn's work (bound as \"spawn\") "
       "makes to shared state safe: a scalar whose every use fits becomes "
       "std::atomic<T>; an object with exactly one mutex beside it, which "
       "other code holds when touching it, gets a std::lock_guard around "
       "each write",
       {{"names", nullptr,
         "candidate names for the guard, tried in order (default: lock, "
         "guard, lk)"}},
       createSynchronizeWriteAction},
      {"volatile-to-atomic",
       "make a volatile integer or bool (the matched declaration) that "
       "spawned work and another thread share a std::atomic<T>, when every "
       "use fits the atomic",
       {},
       createVolatileToAtomicAction},
      {"report-mixed-atomic",
       "report a plain access, while threads run, to a variable that an "
       "atomic operation (bound as \"atomic\": an atomic function call or a "
       "std::atomic_ref construction) also accesses",
       {},
       createReportMixedAtomicAction},
  };
  return Table;
}

const ActionInfo *findAction(StringRef Name) {
  for (const ActionInfo &A : actionTable())
    if (Name == A.Name)
      return &A;
  return nullptr;
}

} // namespace pitfix
