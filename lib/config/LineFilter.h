//===- LineFilter.h - report only findings on chosen lines ----------------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace pitfix {

/// The lines of which files may receive findings, for reviewing a change:
/// --line-filter (clang-tidy's JSON) or --diff-base (the lines a `git diff`
/// adds or changes). An inactive filter lets everything through; an active
/// one drops findings in files it does not list.
class LineFilter {
public:
  /// Parses clang-tidy's format:
  /// `[{"name":"a.cpp","lines":[[1,3],[5,7]]},{"name":"b.h"}]` (no "lines":
  /// every line). A relative name matches any path ending in it.
  static llvm::Expected<LineFilter> fromJson(llvm::StringRef Json);
  /// Reads the new side of each hunk of `git diff -U0` output; paths in the
  /// diff are relative to \p Root.
  static LineFilter fromGitDiff(llvm::StringRef Diff, llvm::StringRef Root);

  bool active() const { return Active; }
  /// True when a finding at \p Line of \p File (absolute) is kept.
  bool contains(llvm::StringRef File, unsigned Line) const;

private:
  struct Entry {
    std::string Name;
    bool AllLines = false;
    std::vector<std::pair<unsigned, unsigned>> Ranges; ///< Inclusive.
  };
  bool Active = false;
  std::vector<Entry> Entries;
};

} // namespace pitfix
