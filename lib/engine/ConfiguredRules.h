//===- ConfiguredRules.h - the rule set each configuration asks for -------===//
#pragma once

#include "config/ProjectConfig.h"
#include "engine/RuleSet.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace pitfix {

/// Files that share one configuration, and the rules it enables for them.
struct RuleGroup {
  std::string ConfigKey;
  std::string Checks; ///< The effective globs.
  /// The configuration file's Checks that the globs end with, when the
  /// command line adds none (to blame it when it enables no rule).
  SourcePos ChecksPos;
  std::unique_ptr<RuleSet> Rules;
  std::vector<const CompiledRule *> Enabled;
  std::vector<std::string> Files;
};

/// Builds the rule set of one configuration: \p Base's rules and vocabulary,
/// then each configuration file's vocabulary additions and rule options in
/// order, then the Checks of the chain followed by \p CliChecks (an empty
/// selection means every rule). Errors name the configuration file's line
/// and column.
llvm::Expected<RuleGroup> buildRuleGroup(const RuleLoader &Base,
                                         const EffectiveConfig &Config,
                                         llvm::StringRef CliChecks);

/// Splits \p Files by configuration (keeping their order within a group)
/// and builds each group's rules once.
llvm::Expected<std::vector<RuleGroup>>
groupByConfig(const RuleLoader &Base, const std::vector<std::string> &Files,
              ConfigFinder &Finder, llvm::StringRef CliChecks);

} // namespace pitfix
