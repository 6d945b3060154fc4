//===- FindingSink.h - collects the findings of one translation unit ------===//
#pragma once

#include "analysis/FreshName.h"
#include "edit/Finding.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace pitfix {

/// Which files may receive findings and edits.
struct FileScope {
  /// Files under this directory (besides the main file) are in the project;
  /// findings elsewhere are dropped. Empty: only the main file.
  std::string ProjectRoot;
  /// More directories of the project (when no version control says where
  /// it ends: the directories given on the command line and the compile
  /// database's root).
  std::vector<std::string> MoreRoots;
};

/// The suppression comments of one file: its lines, split once, and the
/// lines that may open or close a NOLINTBEGIN region. A unit's findings ask
/// about the same files again and again; splitting the file for each one
/// made the pass quadratic in the size of the file.
class SuppressionIndex {
public:
  explicit SuppressionIndex(llvm::StringRef Buffer);
  /// See isSuppressed().
  bool suppressed(unsigned Line, llvm::StringRef RuleId) const;

private:
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  /// The indices of the lines that spell "NOLINT", in order.
  std::vector<unsigned> Marked;
};

/// Collects the findings of one translation unit: drops findings in system
/// headers and outside the project, honours NOLINT comments, and merges the
/// duplicates that template instantiations produce.
class FindingSink {
public:
  FindingSink(const FileScope &Scope, std::string MainFile)
      : Scope(Scope), MainFile(std::move(MainFile)) {}

  /// Accepts a finding located at \p Loc.
  void add(Finding F, clang::SourceLocation Loc, const clang::SourceManager &SM);

  std::vector<Finding> take() { return std::move(Findings); }

  /// True when a finding in file \p FID could be kept: the file is neither a
  /// system header nor outside the project. Answers are cached per file, so
  /// that the engine can ask for every top-level declaration cheaply.
  bool mayReportIn(clang::FileID FID, const clang::SourceManager &SM);

  /// Called when a parse of the unit begins to report (a file listed with
  /// several commands is parsed once per command): what is cached per
  /// FileID belongs to the parse before.
  void beginParse() { Suppressions.clear(); }

  /// Whether this parse skipped the function bodies of system headers.
  void setSystemBodiesSkipped(bool Skipped) { BodiesSkipped = Skipped; }

  /// Asked by an analysis whose answer can depend on a body of a system
  /// header (an implicit copy of a class of the project that only a
  /// std::vector's body makes): true when this parse skipped those bodies,
  /// and the unit is then parsed again with them. The caller stops: what this
  /// parse reports is dropped.
  bool needSystemBodies() {
    NeedBodies |= BodiesSkipped;
    return BodiesSkipped;
  }
  bool systemBodiesNeeded() const { return NeedBodies; }

  /// The names this unit's rewrites gave to new declarations.
  NameReservations &names() { return Names; }

private:
  bool inScope(const std::string &File) const;
  /// The digest of \p File's content as parsed (0 when it was not read).
  uint64_t digestOf(const std::string &File, const clang::SourceManager &SM);

  const FileScope &Scope;
  std::string MainFile;
  std::vector<Finding> Findings;
  std::set<std::string> Seen;
  llvm::DenseMap<clang::FileID, bool> ReportableFiles;
  NameReservations Names;
  bool BodiesSkipped = false;
  bool NeedBodies = false;
  std::map<std::string, uint64_t> Digests;
  /// Files that end their lines with a lone CR: see add().
  std::set<std::string> LoneCrFiles;
  llvm::DenseMap<clang::FileID, std::unique_ptr<SuppressionIndex>> Suppressions;
};

/// True when a NOLINT, NOLINTNEXTLINE or "pitfix: ignore" comment suppresses
/// \p RuleId at line \p Line (1-based) of \p Buffer.
bool isSuppressed(llvm::StringRef Buffer, unsigned Line, llvm::StringRef RuleId);

} // namespace pitfix
