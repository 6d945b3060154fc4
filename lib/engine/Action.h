//===- Action.h - the interface of a built-in rewrite ---------------------===//
#pragma once

#include "config/RuleSpec.h"

#include "clang/AST/ASTTypeTraits.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pitfix {

class MatchContext;

/// The options a rule gives its action, with defaults filled in from the
/// action's table row. Errors point at the option in the rule file.
class ActionOptions {
public:
  ActionOptions(std::string RuleFile, SourcePos ActionPos,
                std::map<std::string, OptionValue> Values)
      : RuleFile(std::move(RuleFile)), ActionPos(std::move(ActionPos)),
        Values(std::move(Values)) {}

  /// A scalar option ("" when neither set nor defaulted).
  std::string get(llvm::StringRef Name) const;
  /// A list option (a scalar reads as a one-element list).
  std::vector<std::string> list(llvm::StringRef Name) const;
  /// A list option of C++ identifiers (names for new declarations), or
  /// \p Default when it is not set; a non-identifier is an error.
  llvm::Expected<std::vector<std::string>>
  identifiers(llvm::StringRef Name, std::vector<std::string> Default) const;
  /// A list option of header names as an #include spells them: <a/b.h>,
  /// "a/b.h", or a bare a/b.h (taken as <a/b.h>); anything else (an
  /// unterminated name, spaces, a whole #include line) is an error.
  llvm::Expected<std::vector<std::string>> headers(llvm::StringRef Name) const;
  /// A boolean option: true/false/yes/no/on/off; anything else is an error.
  llvm::Expected<bool> flag(llvm::StringRef Name) const;
  /// An error at the option's position (or the action's, if unset).
  llvm::Error error(llvm::StringRef Name, const llvm::Twine &Msg) const;

private:
  std::string RuleFile;
  SourcePos ActionPos;
  std::map<std::string, OptionValue> Values;
};

/// A header name pitfix can check an #include line against: <a/b.h>,
/// "a/b.h" or a bare a/b.h.
bool isHeaderName(llvm::StringRef H);

/// A built-in rewrite. The engine calls run() once per match of the rule's
/// matcher; the action decides whether the match is a pitfall, and either
/// proposes edits or refuses with a reason (the finding is then reported
/// without a fix). Actions hold no per-translation-unit state.
class Action {
public:
  virtual ~Action() = default;
  virtual void run(MatchContext &C) const = 0;
};

/// One option that an action accepts.
struct OptionSpec {
  const char *Name;
  const char *Default; ///< nullptr: no default.
  const char *Help;
};

/// A node that an action reads from the match: the bind name \p Name, or,
/// when \p Option is set, the name that option of the rule gives (its
/// default when unset). Alternatives (`{"temp"}, {"decl"}` in one
/// BindRequirement) are satisfied by any one of them.
struct BindName {
  const char *Name = nullptr;
  const char *Option = nullptr;
};
using BindRequirement = std::vector<BindName>;

/// The table rows' spelling of a contract: bind("spawn"), the node bound as
/// "spawn"; bindOption("lambda"), the node named by option `lambda`;
/// bindAnyOf({"temp", "decl"}), either node.
inline BindRequirement bind(const char *Name) { return {{Name, nullptr}}; }
inline BindRequirement bindOption(const char *Option) {
  return {{nullptr, Option}};
}
inline BindRequirement bindAnyOf(std::initializer_list<const char *> Names) {
  BindRequirement R;
  for (const char *N : Names)
    R.push_back({N, nullptr});
  return R;
}

/// One row of the action table. Binds and Placeholders are the action's
/// contract with rule files, checked when a rule is loaded: its matcher must
/// `.bind()` every required name, and its message may use only the `{name}`
/// placeholders the action fills.
struct ActionInfo {
  const char *Name;
  const char *Summary;
  std::vector<OptionSpec> Options;
  llvm::Expected<std::unique_ptr<Action>> (*Create)(const ActionOptions &);
  /// The nodes the action needs besides "root" (which is always bound).
  std::vector<BindRequirement> Binds = {};
  /// The placeholders the action fills in the rule's message.
  std::vector<const char *> Placeholders = {};
};

/// What a condition that holds tells the finding: the placeholders it
/// fills, notes at the places that show why, and, for a condition that
/// decides where the pitfall is (a plain access of a variable that an atomic
/// operation also accesses), the place to report it instead of the match.
struct ConditionOutput {
  std::map<std::string, std::string> Fills;
  std::vector<std::pair<clang::SourceLocation, std::string>> Notes;
  clang::SourceLocation At;
  /// Nodes the condition found, for the rule's `fix:` edits (the type of a
  /// guard, ...), by the names its table row declares.
  std::map<std::string, clang::DynTypedNode> Binds;
  /// Names that bind several nodes (the later guards of a group): an edit
  /// on such a name is made on each node; a template's `{name}` reads the
  /// first.
  std::map<std::string, std::vector<clang::DynTypedNode>> BindLists;
  /// Places the condition found for edits where no node spans the text (a
  /// loop's head, the parameter list a lambda may not spell: then an empty
  /// range where it goes). `replace:`, `insert-before:`, `insert-after:`
  /// and `remove:` work on them; `statement: true` does not.
  std::map<std::string, clang::CharSourceRange> Places;
  /// Set when the pitfall holds but the rule's rewrite would not keep the
  /// program's meaning: the finding is reported with this reason and no fix.
  std::string Refusal;
};

/// One condition a rule's `where:` can name (the table is
/// conditionTable(), in lib/conditions).
struct ConditionInfo {
  const char *Name;
  /// What the bind it is asked of must be (for --list-conditions).
  const char *Argument;
  /// The kinds of node it can be asked of: its matcher in `match:`
  /// (conditionMatcherName()) matches these and is a type error elsewhere.
  std::vector<clang::ASTNodeKind> Kinds;
  const char *Summary;
  /// The placeholders it fills for the message and the fix when it holds
  /// (a negated condition fills none).
  std::vector<const char *> Fills;
  /// Decides the condition for \p Node of the match \p C; when it holds,
  /// sets the values of Fills (and any notes) in \p Out.
  bool (*Holds)(const clang::DynTypedNode &Node, MatchContext &C,
                ConditionOutput &Out);
  /// Where a finding is reported when it holds: "" at the match, or what
  /// the condition decides (for --list-conditions).
  const char *ReportsAt = "";
  /// The nodes it binds for `fix:` edits when it holds.
  std::vector<const char *> Binds = {};

  /// Its name as a matcher in `match:`: lowerCamelCase (`lockHeld` for
  /// `lock-held`).
  std::string matcherName() const;
};

/// What rule files may name, handed to the engine by the tool or the
/// plugin (ruleLanguage()): the strategies, the conditions, and the action
/// of a rule that states its own edits (or none: such rules are errors).
struct RuleLanguage {
  RuleLanguage(llvm::ArrayRef<ActionInfo> Actions = {},
               llvm::ArrayRef<ConditionInfo> Conditions = {},
               std::unique_ptr<Action> (*RuleEdits)(const RuleSpec &) = nullptr)
      : Actions(Actions), Conditions(Conditions), RuleEdits(RuleEdits) {}
  llvm::ArrayRef<ActionInfo> Actions;
  llvm::ArrayRef<ConditionInfo> Conditions;
  std::unique_ptr<Action> (*RuleEdits)(const RuleSpec &);
};

/// The row of \p Table named \p Name, or nullptr. The engine knows no
/// action by name: the tool or plugin hands it a table (actionTable()).
const ActionInfo *findAction(llvm::ArrayRef<ActionInfo> Table,
                             llvm::StringRef Name);

} // namespace pitfix
