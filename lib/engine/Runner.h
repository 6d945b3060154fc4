//===- Runner.h - runs the enabled rules over translation units -----------===//
#pragma once

#include "edit/Finding.h"
#include "engine/FindingSink.h"
#include "engine/RuleSet.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <functional>
#include <set>
#include <map>

namespace pitfix {

/// The outcome of one translation unit.
struct TUResult {
  std::string File;
  /// The translation unit did not compile: its findings are dropped and no
  /// file it includes is rewritten on its account.
  bool Failed = false;
  std::string Errors; ///< The compiler's error messages.
  /// The first error: its file (canonical), offset and message, to find
  /// the rewrite that caused it when a rewritten unit is verified.
  FileLoc FirstErrorLoc;
  std::string FirstError;
  std::vector<Finding> Findings;
  /// Where the findings come from: a parse, the result cache, or nowhere
  /// (the pre-filter showed that no enabled rule can match).
  enum SourceKind { Parsed, FromCache, SkippedByPreFilter } Source = Parsed;
  /// With RunOptions::CheckFilter: the pre-filter would have skipped this
  /// unit (WouldSkip), and yet the parse found something (a pre-filter bug).
  bool WouldSkip = false;
};

class PreambleCache;
class PreFilter;
class ResultCache;
class StyleFormatter;

/// How to run.
struct RunOptions {
  const clang::tooling::CompilationDatabase *DB = nullptr;
  std::vector<std::string> Files; ///< Main files, absolute.
  unsigned Jobs = 1;
  std::string ResourceDir; ///< Clang's builtin headers.
  /// Skips units that spell nothing the rules need (null: parse every unit).
  PreFilter *Filter = nullptr;
  /// Replays the findings of units whose inputs have not changed.
  ResultCache *Cache = nullptr;
  /// Formats the rewrites of each unit in their files' clang-format style
  /// (null: edits stay as the actions wrote them).
  const StyleFormatter *Style = nullptr;
  /// Parse every unit, and mark those the filter would skip (for tests of
  /// the filter itself: such a unit must have no finding).
  bool CheckFilter = false;
  /// Files the pre-filter never skips (headers parsed on their own, whose
  /// failure to compile is reported as a note).
  std::set<std::string> NoFilter;
  /// Of a file's compile commands, use only the first.
  bool FirstCommandOnly = false;
  /// Parse the bodies of functions in system headers too. No rule or
  /// analysis looks into them, so by default they are skipped (as clangd
  /// skips them in its preamble) in units whose own files spell no template
  /// (see PreFilter::spellsTemplates; without a Scanner nothing is
  /// skipped). Verification parses always read them.
  bool ParseSystemBodies = false;
  /// Lexes each unit's own files to decide the above (may be the Filter).
  PreFilter *Scanner = nullptr;
  /// Precompiled preambles that parses of main files starting with the same
  /// #include lines share (null: every parse reads every header). Used by
  /// the parses that read every function body and keep no result cache
  /// entry: a preamble holds the bodies, and the cache must see every file
  /// a parse reads.
  PreambleCache *Preambles = nullptr;
  /// Where the project is when no git work tree encloses a main file (see
  /// projectScopeFor).
  std::vector<std::string> ProjectDirs;
  /// Called after each translation unit (from the worker's thread, but never
  /// concurrently), e.g. to draw progress.
  std::function<void(const TUResult &, size_t Done, size_t Total)> OnDone;
  /// Called after each translation unit, before OnDone, from the worker's
  /// thread and possibly concurrently: per-unit work that parses again
  /// (verification of the unit's rewrites) runs in parallel this way.
  std::function<void(TUResult &)> Finish;
};

/// File contents that replace the files on disk while a unit is parsed
/// (canonical path -> text).
using FileOverlay = std::map<std::string, std::string>;

/// Parses \p File (its compile command from \p Opts.DB) with the files of
/// \p Overlay read from memory, and runs every rule of \p Enabled on it.
TUResult runUnit(const RuleSet &Rules,
                 llvm::ArrayRef<const CompiledRule *> Enabled,
                 const RunOptions &Opts, const std::string &File,
                 const FileOverlay &Overlay = {});

/// Parses each file once and runs every rule of \p Enabled in a single
/// traversal of its AST. Results are in the order of \p Opts.Files.
std::vector<TUResult> runRules(const RuleSet &Rules,
                               llvm::ArrayRef<const CompiledRule *> Enabled,
                               const RunOptions &Opts);

class FindingSink;

/// The AST consumer that runs every rule of \p Enabled over a parsed
/// translation unit in a single traversal and hands the findings to \p Sink.
/// Shared by the command-line runner and the Clang plugin.
std::unique_ptr<clang::ASTConsumer>
makeRuleConsumer(const RuleSet &Rules,
                 llvm::ArrayRef<const CompiledRule *> Enabled,
                 FindingSink &Sink);

/// The directory whose files count as the project for \p MainFile: the
/// nearest enclosing git work tree, else the file's own directory.
std::string projectRootFor(llvm::StringRef MainFile);

/// The files that count as the project for \p MainFile: its git work tree;
/// without one (an unpacked source package, another version control), its
/// own directory and \p ProjectDirs (the directories given on the command
/// line and the compile database's root), so that the headers of include/
/// directories beside the sources are analysed and edited too.
FileScope projectScopeFor(llvm::StringRef MainFile,
                          llvm::ArrayRef<std::string> ProjectDirs);

/// True when a top-level matcher of this kind can be registered.
bool isTopLevelMatcher(const clang::ast_matchers::internal::DynTypedMatcher &M);

} // namespace pitfix
