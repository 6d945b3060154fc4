//===- RuleDocs.h - documentation pages generated from the rules ----------===//
#pragma once

#include "engine/RuleSet.h"

#include <string>

namespace pitfix {

/// The Markdown page of one rule.
std::string ruleDocPage(const CompiledRule &R);

/// The index page that lists every rule.
std::string ruleDocIndex(const RuleSet &Rules);

/// The text of `pitfix --explain <id>`.
std::string explainRule(const CompiledRule &R);

/// The conditions a rule's `where:` can ask, for --list-conditions.
std::string conditionList();

} // namespace pitfix
