//===- Conditions.h - named conditions a rule's `where:` can ask -----------===//
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

#include "clang/AST/ASTTypeTraits.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <vector>

namespace pitfix {

class MatchContext;

/// One named condition.
struct ConditionInfo {
  const char *Name;
  /// What the bind it is asked of must be (for --list-conditions).
  const char *Argument;
  const char *Summary;
  /// The placeholders it fills for the message and the fix when it holds
  /// (a negated condition fills none).
  std::vector<const char *> Fills;
  /// Decides the condition for \p Node of the match \p C; when it holds,
  /// adds the values of Fills to \p Out.
  bool (*Holds)(const clang::DynTypedNode &Node, MatchContext &C,
                std::map<std::string, std::string> &Out);
};

/// Every condition, in the order --list-conditions prints them.
llvm::ArrayRef<ConditionInfo> conditionTable();

/// The condition named \p Name, or nullptr.
const ConditionInfo *findCondition(llvm::StringRef Name);

} // namespace pitfix
