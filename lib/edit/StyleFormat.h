//===- StyleFormat.h - rewrites in the style of the file's .clang-format --===//
#pragma once

#include "edit/Finding.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace clang::format {
struct FormatStyle;
}

namespace pitfix {

/// \p Edits (on one file whose text is \p Content) as clang's replacements;
/// edits that tooling::Replacements will not hold side by side (an insertion
/// where another edit starts) become one replacement spanning all of them.
llvm::Expected<clang::tooling::Replacements>
toReplacements(llvm::StringRef File, llvm::StringRef Content,
               const std::vector<Edit> &Edits);

/// Formats the lines that rewrites change with the clang-format style of
/// their file, found as clang-format finds it (a `.clang-format` or
/// `_clang-format` in the file's directory or a parent); files without one
/// keep their edits exactly as the actions wrote them. Each finding's edits
/// are formatted on their own, against the text they were computed on, so
/// that every consumer of a finding (--fix, --diff, --export-fixes, the
/// verifier's parse, JSON and SARIF) sees the same formatted edits. Only the
/// lines the edits touch are formatted; `#include` insertions and the order
/// of existing includes are left alone. Thread-safe: the workers of a run
/// share one formatter, which reads each style file once.
class StyleFormatter {
public:
  StyleFormatter();
  ~StyleFormatter();

  /// Replaces the edits of each finding by their formatted form. \p Texts
  /// holds the files as they were parsed when they differ from the disk
  /// (a verification parse); other files are read from disk, and edits
  /// computed on another text (their digest differs) are left alone. A
  /// finding whose formatted edits would overlap another finding's where its
  /// own edits did not keeps its edits as written.
  void format(std::vector<Finding> &Findings,
              const std::map<std::string, std::string> &Texts = {}) const;

  /// One warning per style file that cannot be used (malformed YAML, an
  /// unknown option), in the form "<file>: warning: ..."; each is returned
  /// once.
  std::vector<std::string> takeWarnings();

private:
  struct Entry;
  /// The style for \p File (null: leave its edits as written).
  const clang::format::FormatStyle *styleFor(const std::string &File) const;
  /// The formatted form of one finding's edits on \p File.
  std::vector<Edit> formatEdits(const std::string &File,
                                llvm::StringRef Content,
                                const clang::format::FormatStyle &Style,
                                std::vector<Edit> Edits) const;

  mutable std::mutex M;
  /// Per directory and language: the style, or null.
  mutable std::map<std::string, std::unique_ptr<Entry>> Styles;
  mutable std::vector<std::string> Warnings;
  mutable std::set<std::string> Warned;
};

} // namespace pitfix
