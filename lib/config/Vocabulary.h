//===- Vocabulary.h - what counts as spawning, locking, signalling --------===//
#pragma once

#include "config/MatcherSource.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <optional>

namespace pitfix {

struct NamedMatchers; // config/MatcherParser.h

/// The vocabulary lists that pitfix's C++ reads, one per row of
/// VocabularyLists.def.
enum class VocabList : unsigned {
#define PITFIX_VOCAB_LIST(Id, Name) Id,
#include "config/VocabularyLists.def"
};

/// The name of \p L in vocabulary files ("spawnClasses").
llvm::StringRef vocabListName(VocabList L);

/// A list of declaration names with the semantics of the matcher
/// `hasAnyName`: "x" matches any declaration named x, "a::x" matches a
/// qualified name ending in ::a::x, "::a::x" only the global one. An entry
/// written /regex/ matches the fully qualified name ("::a::x") like
/// `matchesName`.
class NameList {
public:
  void add(llvm::StringRef Entry);
  bool empty() const { return Exact.empty() && Patterns.empty(); }
  /// True when \p D (or, for a method, its name) is in the list.
  bool contains(const clang::NamedDecl *D) const;
  /// True for a fully qualified name without the leading "::".
  bool containsQualified(llvm::StringRef QualifiedName) const;
  /// The equivalent matcher, `namedDecl(anyOf(hasAnyName(...), matchesName(...)))`.
  std::string matcherText() const;
  const std::vector<std::string> &entries() const { return Entries; }

private:
  std::vector<std::string> Entries;
  llvm::StringSet<> Seen; ///< Entries, for a linear-time load.
  std::vector<std::string> Exact;
  /// The last component of every exact entry ("x" of "a::x"), unless one is
  /// unusual (spells template arguments, an operator, a destructor).
  llvm::StringSet<> LastNames;
  bool UnusualEntry = false;
  std::vector<std::string> PatternTexts;
  std::vector<std::shared_ptr<llvm::Regex>> Patterns;
};

/// The vocabulary: named lists of declarations (spawners, guards, mutexes,
/// signals, blocking calls, ...) and named matchers built on them. Rules use
/// both by name in their `match`; actions consult the lists. Files are merged
/// in order: lists are extended, a matcher with an existing name replaces it.
class Vocabulary {
public:
  /// Merges a vocabulary file (`names:` and `matchers:` sections).
  llvm::Error addFile(llvm::StringRef Path);
  /// Merges the `names:`/`matchers:` keys of an already loaded mapping.
  llvm::Error addNode(llvm::StringRef Path, const YAML::Node &Names,
                      const YAML::Node &Matchers);
  /// Builds the named matchers: each list becomes a `namedDecl` matcher with
  /// its own name, then each matcher definition in order.
  llvm::Error compile();

  /// The list \p L (compile() made sure every one is loaded).
  const NameList &list(VocabList L) const;
  /// The list named \p Name in the files, or an empty list: for code that
  /// goes through the loaded lists (documentation, digests, pre-filters).
  /// Analyses name lists with list(), which the compiler checks.
  const NameList &names(llvm::StringRef Name) const;
  /// All lists, for documentation.
  const llvm::StringMap<NameList> &allNames() const { return Names; }
  /// Matcher definitions in order, for documentation.
  const std::vector<std::pair<std::string, MatcherSource>> &matcherDefs() const {
    return Defs;
  }
  /// The compiled named matchers, for the matcher parser (empty before
  /// compile()).
  const NamedMatchers &namedMatchers() const;
  /// True when compile() built a named matcher \p Name.
  bool hasMatcher(llvm::StringRef Name) const;

private:
  llvm::StringMap<NameList> Names;
  std::vector<std::string> NameOrder;
  std::vector<std::pair<std::string, MatcherSource>> Defs;
  /// Shared by copies (a loader copied per configuration); compile()
  /// replaces it, never changes it.
  std::shared_ptr<const NamedMatchers> Compiled;
};

} // namespace pitfix
