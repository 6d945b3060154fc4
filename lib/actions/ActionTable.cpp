//===- ActionTable.cpp - every built-in action, in one table ---------------===//
#include "actions/Action.h"

using namespace llvm;

namespace pitfix {

// One factory per action file.
Expected<std::unique_ptr<Action>> createNameGuardAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createMergeGuardsAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createCopyCaptureAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createMoveBeforeSpawnAction(const ActionOptions &);

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
