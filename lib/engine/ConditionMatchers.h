//===- ConditionMatchers.h - the conditions as matchers in `match:` -------===//
//
// Each condition of the rule language is also a matcher without arguments,
// named in lowerCamelCase (`lock-held` is `lockHeld()`), that a rule's
// `match:` may use wherever a node of the condition's kinds is matched:
// inside hasDescendant, under unless, in anyOf. It decides about that node,
// which need not be the match nor bound. The parser's Sema below knows
// them and leaves every other name to Clang's registry; at match time the
// matcher asks the unit's UnitConditions.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "engine/RuleSet.h"

#include "clang/ASTMatchers/Dynamic/Parser.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pitfix {

/// The Sema of the matcher parser for one rule's `match:`: \p Conditions are
/// matchers without arguments, restricted to their kinds; Clang's registry
/// makes the rest.
class ConditionSema
    : public clang::ast_matchers::dynamic::Parser::RegistrySema {
public:
  using MatcherCtor = clang::ast_matchers::dynamic::MatcherCtor;
  using ParserValue = clang::ast_matchers::dynamic::ParserValue;
  using VariantMatcher = clang::ast_matchers::dynamic::VariantMatcher;
  using Diagnostics = clang::ast_matchers::dynamic::Diagnostics;
  using SourceRange = clang::ast_matchers::dynamic::SourceRange;
  using ArgKind = clang::ast_matchers::dynamic::ArgKind;
  using MatcherCompletion = clang::ast_matchers::dynamic::MatcherCompletion;

  /// \p Rule is the rule being compiled (its matcher's conditions are asked
  /// on its behalf).
  ConditionSema(llvm::ArrayRef<ConditionInfo> Conditions,
                const CompiledRule &Rule);
  ~ConditionSema() override;

  /// The conditions the parsed expression uses, in source order.
  const std::vector<MatcherCondition> &used() const { return Used; }

  std::optional<MatcherCtor> lookupMatcherCtor(llvm::StringRef Name) override;
  VariantMatcher actOnMatcherExpression(MatcherCtor Ctor, SourceRange NameRange,
                                        llvm::StringRef BindID,
                                        llvm::ArrayRef<ParserValue> Args,
                                        Diagnostics *Error) override;
  bool isBuilderMatcher(MatcherCtor Ctor) const override;
  clang::ASTNodeKind nodeMatcherType(MatcherCtor Ctor) const override;
  clang::ast_matchers::dynamic::internal::MatcherDescriptorPtr
  buildMatcherCtor(MatcherCtor Ctor, SourceRange NameRange,
                   llvm::ArrayRef<ParserValue> Args,
                   Diagnostics *Error) const override;
  std::vector<ArgKind> getAcceptedCompletionTypes(
      llvm::ArrayRef<std::pair<MatcherCtor, unsigned>> Context) override;
  std::vector<MatcherCompletion>
  getMatcherCompletions(llvm::ArrayRef<ArgKind> AcceptedTypes) override;

private:
  /// The condition whose ctor \p Ctor is, or nullptr for the registry's.
  const ConditionInfo *conditionOf(MatcherCtor Ctor) const;
  /// A use of a condition matcher, where it was written.
  struct Use {
    SourceRange Range;
    size_t Index; ///< In Used.
  };

  llvm::ArrayRef<ConditionInfo> Conditions;
  const CompiledRule &Rule;
  /// One byte per condition: the address of its byte is its MatcherCtor, a
  /// value no descriptor of the registry can have.
  std::unique_ptr<char[]> Ids;
  /// The registry's names of the ctors it looked up (for unless, anyOf...).
  std::map<MatcherCtor, std::string> RegistryNames;
  std::vector<MatcherCondition> Used;
  std::vector<Use> Uses;
};

} // namespace pitfix
