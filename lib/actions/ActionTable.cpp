//===- ActionTable.cpp - every built-in action, in one table ---------------===//
#include "actions/Action.h"

using namespace llvm;

namespace pitfix {

// One factory per action file.
Expected<std::unique_ptr<Action>> createNameGuardAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createMergeGuardsAction(const ActionOptions &);
Expected<std::unique_ptr<Action>> createHoistOutOfLockAction(const ActionOptions &);

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
      {"hoist-out-of-lock",
       "move the blocking statements of the critical section that the "
       "matched statement (bound as \"acquire\": a guard declaration or a "
       "lock() call) begins above the lock or below its release, when they "
       "commute with the rest of the section and use no guarded state",
       {},
       createHoistOutOfLockAction},
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
