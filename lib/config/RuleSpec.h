//===- RuleSpec.h - a rule file as written --------------------------------===//
#pragma once

#include "config/MatcherSource.h"

#include <map>
#include <string>
#include <vector>

namespace pitfix {

/// One option of a rule's action, as written: a scalar or a list of scalars.
struct OptionValue {
  std::vector<std::string> Values;
  bool IsList = false;
  SourcePos Pos;
};

/// A before/after pair shown in the docs and checked by the tests.
struct RuleExample {
  std::string Title;
  std::string Before;
  std::string After; ///< Empty when the rule only reports this case.
  std::string Note;  ///< Why there is no rewrite, when After is empty.
  SourcePos Pos;     ///< Where the example starts, for --test-rules.
};

/// Code that a rule must leave alone (`valid:`), checked by --test-rules.
struct RuleSnippet {
  std::string Code;
  SourcePos Pos;
};

/// One edit of a rule's `fix:` list, on a node the matcher binds.
struct FixEdit {
  enum Kind { Replace, InsertBefore, InsertAfter, Remove, Include };
  Kind K = Replace;
  /// The bind the edit applies to (for Include: the header, as written).
  std::string Bind;
  /// The template of the new text (`with:` or `text:`); "" for Remove.
  std::string Text;
  /// `statement: true`: insert at the statement that contains the node, on a
  /// line of its own, indented like it.
  bool Statement = false;
  SourcePos Pos;     ///< The edit's first key.
  SourcePos TextPos; ///< The template (its placeholders are checked there).
};

/// One entry of a rule's `where:` list: a named condition on a bind.
struct WhereCondition {
  std::string Name; ///< lock-held, in-spawned-work, ...
  std::string Bind;
  bool Negated = false; ///< Written as `not: { name: bind }`.
  SourcePos Pos;
};

/// A rule file read into plain fields, before its matcher is compiled or its
/// action resolved (see RuleSet for the checked form).
struct RuleSpec {
  std::string File;
  SourcePos Pos; ///< Where the rule starts.
  std::string Id;
  SourcePos IdPos;
  std::string Family;
  std::string Severity = "warning";
  std::string Summary;
  std::string Seed;
  std::string Description;
  std::string Message;
  SourcePos MessagePos;
  MatcherSource Match;
  /// The built-in strategy that turns a match into a finding; "" when the
  /// rule reports its matches (with `fix:` edits, when it has them).
  std::string Action;
  SourcePos ActionPos;
  /// `fix:`: edits on the bound nodes, made when every condition holds.
  std::vector<FixEdit> Fix;
  SourcePos FixPos;
  /// `where:`: conditions a match must satisfy to be a finding.
  std::vector<WhereCondition> Where;
  std::map<std::string, OptionValue> Options;
  std::vector<RuleExample> Examples;
  /// `prefilter: false`: the rule can match code that spells none of the
  /// names in its matcher, so no unit may be skipped for it.
  bool PreFilterOff = false;
  /// `prefilter: [names]`: vocabulary lists, named matchers or identifiers
  /// that the action needs besides those of the matcher (see PreFilter).
  std::vector<std::string> PreFilterNames;
  /// `prefilter-also: [names]`: lists, matchers or identifiers of which the
  /// unit must spell one as well (what the action needs as evidence).
  std::vector<std::string> PreFilterAlso;
  /// Declarations the examples use (`preamble:`), compiled before each of
  /// them by --test-rules and not shown in the docs.
  std::string Preamble;
  std::vector<RuleSnippet> Valid;
};

/// What handles the rule's matches, as the docs and reports name it: its
/// action, "fix" for a rule with its own edits, "report" for neither.
inline std::string strategyName(const RuleSpec &S) {
  if (!S.Action.empty())
    return S.Action;
  return S.Fix.empty() ? "report" : "fix";
}

/// Reads one rule file. Unknown keys, missing required keys and values of the
/// wrong type are errors with the file, line and column.
llvm::Expected<RuleSpec> readRuleFile(llvm::StringRef Path);

} // namespace pitfix
