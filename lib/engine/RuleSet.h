//===- RuleSet.h - checked, compiled rules --------------------------------===//
#pragma once

#include "engine/Action.h"
#include "config/RuleSpec.h"
#include "config/Vocabulary.h"

#include <memory>
#include <set>

namespace clang::ast_matchers::internal {
class DynTypedMatcher;
} // namespace clang::ast_matchers::internal

namespace pitfix {

/// A condition that a rule's matcher uses as a matcher (`lockHeld()`): the
/// node it holds for is bound as BindId, so that what it fills reaches the
/// finding.
struct MatcherCondition {
  const ConditionInfo *Info = nullptr;
  /// The name the matcher binds its node to: the matcher's name and "()",
  /// with "#2", "#3", ... for its later uses in one expression.
  std::string BindId;
  /// Every match has it: no unless, optionally, anyOf or eachOf around it.
  /// Only then do its fills and binds count for the rule's placeholders.
  bool Required = true;
};

/// A rule ready to run: its spec, its compiled matcher (bound to "root") and
/// its action instance.
struct CompiledRule {
  RuleSpec Spec;
  /// Held by pointer so that this header does not need the matcher headers.
  std::shared_ptr<const clang::ast_matchers::internal::DynTypedMatcher> Matcher;
  /// The built-in strategy, or nullptr for a rule that reports its matches
  /// and makes its own `fix:` edits.
  const ActionInfo *Info = nullptr;
  std::unique_ptr<Action> Act;
  /// The `where:` conditions, one per entry of Spec.Where.
  std::vector<const ConditionInfo *> Conditions;
  /// The conditions its matcher uses as matchers, in source order.
  std::vector<MatcherCondition> MatcherConditions;

  const std::string &id() const { return Spec.Id; }
};

/// The vocabulary and every loaded rule, sorted by id.
struct RuleSet {
  Vocabulary Vocab;
  std::vector<std::unique_ptr<CompiledRule>> Rules;

  const CompiledRule *find(llvm::StringRef Id) const;
};

/// Collects rule files and vocabulary files from directories, then checks and
/// compiles them. A rule may replace a shipped one by its id (see
/// markLoadedOverridable); any other id loaded twice is an error.
class RuleLoader {
public:
  /// Rules name their actions and conditions in \p Lang (the caller's tables, which must
  /// outlive the rule sets built: ruleLanguage() for the built-in ones).
  explicit RuleLoader(RuleLanguage Lang) : Lang(Lang) {}
  /// Reads every `*.yaml` under \p Dir: files named `vocabulary*.yaml` are
  /// vocabulary, the others rules.
  llvm::Error addDirectory(llvm::StringRef Dir);
  /// Reads one rule file. A rule whose id a loaded rule already has is an
  /// error naming both files, unless the loaded one may be overridden (see
  /// markLoadedOverridable) or comes from the same file.
  llvm::Error addRuleFile(llvm::StringRef Path);
  /// The rules loaded so far (the shipped ones) may each be replaced once
  /// by a later rule file with its id (from --rules-dir).
  void markLoadedOverridable();
  /// Vocabulary additions (from a configuration file).
  Vocabulary &vocabulary() { return Vocab; }
  /// Sets option \p Name of the loaded rule \p RuleId (from a configuration
  /// file). An unknown rule id is an error at \p Where; an unknown option is
  /// reported by build(), at the value's position.
  llvm::Error setOption(llvm::StringRef RuleId, llvm::StringRef Name,
                        OptionValue Value, const SourcePos &Where);
  /// Compiles the vocabulary and every rule: matcher parse errors, unknown
  /// actions and unknown options are errors at their file, line and column.
  llvm::Expected<RuleSet> build();

private:
  RuleLanguage Lang;
  Vocabulary Vocab;
  std::vector<RuleSpec> Specs;
  /// Ids of Specs that a later file may still replace.
  std::set<std::string> Overridable;
};

/// Compiles one rule spec against a compiled vocabulary, with its action
/// from \p Actions.
llvm::Expected<std::unique_ptr<CompiledRule>>
compileRule(RuleSpec Spec, const Vocabulary &Vocab, const RuleLanguage &Lang);

} // namespace pitfix
