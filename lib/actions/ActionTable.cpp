//===- ActionTable.cpp - every built-in action, in one table --------------===//
#include "actions/ActionTable.h"

#include "conditions/Conditions.h"
#include "rewrite/RuleEdits.h"

using namespace llvm;

namespace pitfix {

// One factory per action file.
Expected<std::unique_ptr<Action>> createCopyCaptureAction(const ActionOptions &);
Expected<std::unique_ptr<Action>>
createMoveBeforeSpawnAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createWrapTryAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createGuardManualLockAction(const ActionOptions &);
Expected<std::unique_ptr<Action>>
createHoistOutOfLockAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createWaitPredicateAction(const ActionOptions &);
Expected<std::unique_ptr<Action>>
createSynchronizeWriteAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createLazyInitAction(const ActionOptions &);

// Each row: name, summary, options, factory, then the contract that rule
// files are checked against when they load: the binds the action reads
// (bind("x"), bindOption("opt") for a bind name given by an option,
// bindAnyOf({"x", "y"})) and the `{placeholders}` its findings fill in the
// rule's message. A new action appends its row here, with its factory
// declared above; a placeholder it fills but does not list here is an
// error in every rule that uses it.
ArrayRef<ActionInfo> actionTable() {
  static const std::vector<ActionInfo> Table = {
      {"copy-capture",
       "hand spawned work (bound as \"spawn\") copies of the local "
       "variables it reaches by reference, when they change or die before "
       "the work is done",
       {{"locals", "iteration",
         "which variables count: 'iteration' (variables that live for one "
         "loop iteration, when the work is not joined in that iteration) or "
         "'detached' (locals of a function whose work nothing waits for)"}},
       createCopyCaptureAction,
       {bind("spawn")},
       {"var", "it"}},
      {"move-before-spawn",
       "move a counter increment (bound as \"increment\") out of the body of "
       "a spawned lambda (bound as \"lambda\") to just before the statement "
       "that spawns it, so that a waiter cannot see the work uncounted",
       {{"increment", "increment", "the bind name of the increment expression"},
        {"lambda", "lambda", "the bind name of the spawned lambda"}},
       createMoveBeforeSpawnAction,
       {bindOption("increment"), bindOption("lambda")},
       {"increment", "counter"}},
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
       createWrapTryAction,
       {},
       {"why"}},
      {"guard-manual-lock",
       "replace a manual lock() of a mutex (bound as \"lock\") by a guard "
       "declared in its place: std::unique_lock that follows the block's "
       "unlock() and lock() calls, or std::lock_guard when the only unlock "
       "ends the block; try_lock and pthread locks are reported only",
       {{"names", nullptr,
         "candidate names for the guard, tried in order (default: lock, "
         "guard, lk)"},
        {"strict", "false",
         "report every manual lock/unlock pair (C++ Core Guidelines CP.20), "
         "not only those that a return, jump or exception leaves locked"}},
       createGuardManualLockAction,
       {bind("lock")},
       {"mutex", "call", "why"}},
      {"hoist-out-of-lock",
       "move the blocking statements of the critical section that the "
       "matched statement (bound as \"acquire\": a guard declaration or a "
       "lock() call) begins above the lock or below its release, when they "
       "commute with the rest of the section and use no guarded state",
       {},
       createHoistOutOfLockAction,
       {bind("acquire")},
       {"call", "mutex"}},
      {"wait-predicate",
       "give a condition-variable wait (bound as \"root\") that runs once "
       "under `if (C)` the predicate `!(C)`, when every notify is about C; "
       "report waits that no loop or predicate re-checks",
       {},
       createWaitPredicateAction,
       {},
       {"wait", "why"}},
      {"synchronize-write",
       "make shared state safe. A variable bound as \"var\" (one a "
       "condition such as shared-volatile decided threads share) becomes "
       "std::atomic<T> when every use fits. Otherwise, the unlocked writes "
       "that a spawn's work (bound as \"spawn\") makes to shared state: a "
       "scalar whose every use fits becomes std::atomic<T>; an object with "
       "exactly one mutex beside it, which other code holds when touching "
       "it, gets a std::lock_guard around each write",
       {{"names", nullptr,
         "candidate names for the guard, tried in order (default: lock, "
         "guard, lk)"}},
       createSynchronizeWriteAction,
       {},
       {"var", "why"}},
      {"lazy-init-once",
       "make the lazy initialisation of a static pointer (bound as \"root\": "
       "`if (!p) p = new T;`, or double-checked under a guard) run once: a "
       "function-local static when only this function uses the pointer, "
       "std::call_once with a static std::once_flag otherwise",
       {},
       createLazyInitAction,
       {bind("root")},
       {"var", "why"}},
  };
  return Table;
}

RuleLanguage ruleLanguage() {
  return RuleLanguage(actionTable(), conditionTable(), createRuleEditsAction);
}

} // namespace pitfix
