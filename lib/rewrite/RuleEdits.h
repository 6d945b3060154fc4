//===- RuleEdits.h - the action of a rule that states its own rewrite -----===//
//
// A rule without `action:` reports each match of its matcher (that its
// `where:` conditions let through) at the node bound as "root", with its
// message, and makes the edits of its `fix:` list: replace, insert-before,
// insert-after, remove and include, with templates over the binds. The
// engine verifies them as it verifies every rewrite.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "engine/Action.h"

#include <memory>

namespace pitfix {

/// The action that reports \p Spec's matches and makes its `fix:` edits.
std::unique_ptr<Action> createRuleEditsAction(const RuleSpec &Spec);

} // namespace pitfix
