//===- Conditions.h - named conditions a rule's `where:` can ask ----------===//
//
// The concurrency analyses answer questions that a matcher cannot: is a
// mutex held here, does this run in spawned work, does the enclosing loop
// change this variable, has work been started and not yet waited for. Each
// question is a named condition on one bound node; a rule lists the ones a
// match must satisfy under `where:`, and `pitfix --list-conditions` prints
// this table.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "engine/Action.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace pitfix {

/// Every condition, in the order --list-conditions prints them.
llvm::ArrayRef<ConditionInfo> conditionTable();

/// The condition named \p Name, or nullptr.
const ConditionInfo *findCondition(llvm::StringRef Name);

} // namespace pitfix
