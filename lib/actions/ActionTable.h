//===- ActionTable.h - the built-in rewrites ------------------------------===//
#pragma once

#include "engine/Action.h"

namespace pitfix {

/// Every built-in action: the one place where actions are registered. The
/// tool and the plugin hand it to the engine's RuleLoader.
llvm::ArrayRef<ActionInfo> actionTable();

/// The whole rule language: the built-in actions, the conditions of
/// `where:`, and the action of rules that state their own `fix:` edits.
RuleLanguage ruleLanguage();

} // namespace pitfix
