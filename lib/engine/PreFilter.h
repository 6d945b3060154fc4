//===- PreFilter.h - skip translation units that no rule can match --------===//
#pragma once

#include "engine/RuleSet.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace pitfix {

/// What a rule needs to see spelled in the source before it can match: at
/// least one of these identifiers (or an identifier that one of the patterns
/// accepts). A rule whose matcher names nothing it must find, or that says
/// `prefilter: false`, is Unfilterable: every unit is parsed for it.
struct TokenRequirement {
  bool Unfilterable = false;
  std::set<std::string> Tokens;
  /// Regex entries of vocabulary lists; matched against "::" + identifier.
  std::vector<std::string> Patterns;
  /// From `prefilter-also`: at most one more requirement (without Also of
  /// its own) that the unit must meet as well. Left out when it cannot be
  /// tested on identifiers: the rule is then filtered on the rest.
  std::vector<TokenRequirement> Also;
};

/// Derives a rule's requirement from its matcher: the names in hasName /
/// hasAnyName, the vocabulary lists it uses and, through the vocabulary's
/// named matchers, the lists those use. A rule may add lists or identifiers
/// with `prefilter: [...]` (for names its action needs that its matcher does
/// not spell). The derivation follows the matcher's structure: every inner
/// matcher of a call must match, so one of them suffices (the narrowest is
/// kept); anyOf needs one alternative, so the union; unless and optionally
/// need nothing.
TokenRequirement tokenRequirement(const CompiledRule &Rule,
                                  const Vocabulary &Vocab);

/// The identifiers that the enabled rules could need, and the cheap test
/// that a unit spells none of them. The unit's main file and the headers it
/// includes by a quoted path or through -I/-iquote directories are lexed raw
/// (no preprocessing); system headers (-isystem, the compiler's own) are
/// not. A unit in which none of the identifiers appears cannot produce a
/// finding of these rules, as long as the names are not reached only
/// through a macro or an alias of a system header (docs/performance.md).
/// Safe to share between the runner's threads.
class PreFilter {
public:
  /// Builds the filter for \p Enabled; when one of them is Unfilterable the
  /// filter lets every unit through.
  PreFilter(const RuleSet &Rules, llvm::ArrayRef<const CompiledRule *> Enabled);

  /// True when the filter can never skip a unit.
  bool passesEverything() const { return PassAll; }

  /// False when none of the unit's commands can see any of the identifiers.
  bool mayMatch(llvm::ArrayRef<clang::tooling::CompileCommand> Commands);

  /// True when \p Identifier is one the rules need.
  bool isNeeded(llvm::StringRef Identifier) const;

  /// True when one of the files mayMatch lexes (the unit's main file and its
  /// project headers) spells a template of its own: the keyword `template`,
  /// or a parameter of type `auto` (a generic lambda, an abbreviated function
  /// template). Only such code can be instantiated from the body of a
  /// system header's function (a generic lambda handed to std::thread or
  /// std::visit), so only such a unit needs those bodies parsed.
  bool spellsTemplates(llvm::ArrayRef<clang::tooling::CompileCommand> Commands);

private:
  struct FileScan;
  /// Lexes \p Path once per run.
  std::shared_ptr<const FileScan> scan(const std::string &Path);
  /// Calls \p Visit on each file of the unit that the filter lexes, until it
  /// returns true; returns whether it did.
  bool anyFile(llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
               llvm::function_ref<bool(const FileScan &)> Visit);

  /// Identifiers and patterns over "::" + identifier, any of which will do.
  struct Alternatives {
    std::set<std::string> Tokens;
    std::vector<std::shared_ptr<llvm::Regex>> Patterns;
    /// Adds a requirement's alternatives; false when a pattern is invalid.
    bool add(const TokenRequirement &R);
    bool empty() const { return Tokens.empty() && Patterns.empty(); }
    bool spells(llvm::StringRef Identifier) const;
  };

  bool PassAll = false;
  /// What the rules that need one name spelled need, together.
  Alternatives Needed;
  /// The rules that need two things spelled (a `prefilter-also`): each
  /// needs each of its groups spelled somewhere in the unit's files.
  std::vector<Alternatives> Groups;
  std::vector<std::vector<unsigned>> GroupRules;

  /// Per file: does it mention a needed identifier, does it spell a
  /// template, and what it includes.
  struct FileScan {
    bool Mentions = false;
    bool Templates = false;
    llvm::BitVector Groups;            ///< Which of Groups the file spells.
    std::vector<std::string> Includes; ///< As written, "q:" or "a:" prefixed.
  };
  std::mutex ScanMutex;
  std::map<std::string, std::shared_ptr<FileScan>> Scans;
};

} // namespace pitfix
