//===- EditSet.h - merges the edits of all findings -----------------------===//
#pragma once

#include "edit/Finding.h"

#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace pitfix {

/// The new content of one file, or why it is left as it is.
struct FileRewrite {
  std::string Text;
  /// Non-empty: the file must not be written (it cannot be read, it changed
  /// on disk since it was analysed, an edit lies outside it).
  std::string Problem;
  /// The contentDigest of the text the new one was computed from: the file
  /// must still hold it when it is written.
  uint64_t OldDigest = 0;
};

/// The findings of a whole run, merged across translation units. A finding
/// seen from several translation units (a header) counts once. Findings whose
/// edits overlap are conflicts: their edits are all dropped and the finding
/// says with which rule it collided; everything else is applied.
class EditSet {
public:
  /// Adds the findings of one translation unit.
  void add(std::vector<Finding> Findings);
  /// Detects overlapping edits; marks the findings involved as conflicts.
  void resolveConflicts();
  /// All findings, sorted by file, line, column and rule.
  std::vector<Finding> &findings() { return Findings; }
  const std::vector<Finding> &findings() const { return Findings; }
  /// The files that the remaining fixes change, with their new contents
  /// (read from disk and edited). Errors: a file that cannot be read or an
  /// edit outside its bounds.
  llvm::Expected<std::map<std::string, std::string>> newContents() const;
  /// Per file that the remaining fixes change: its new content, or the
  /// problem that keeps it from being written. Files the fixes leave equal
  /// are not listed.
  std::map<std::string, FileRewrite> rewrites() const;

private:
  std::vector<Finding> Findings;
  std::map<std::string, size_t> Index; ///< Finding key -> position.
};

/// Sorts findings by file, line, column and rule: the order of every report.
void sortFindings(std::vector<Finding> &Findings);

/// The edits to make on one file whose content is \p Content: duplicates
/// made once, `#include` insertions at one point merged, and inserted line
/// breaks written as the file writes them (CRLF files get CRLF, files
/// with lone CRs get CR).
std::vector<Edit> editsForFile(std::vector<Edit> Edits,
                               llvm::StringRef Content);

/// For --export-fixes: the edits of each finding (empty for those without a
/// fix), as clang-apply-replacements must see them to write what --fix
/// writes: it applies each finding's replacements and does not merge the
/// `#include` lines that several findings insert at one point, so each line
/// goes with the first finding that needs it only.
std::vector<std::vector<Edit>>
exportedEdits(const std::vector<Finding> &Findings);

/// An insertion of whole `#include` lines. Several of them at one point
/// commute: each header is included once, and their order does not matter.
bool isIncludeInsertion(const Edit &E);

/// True when \p A and \p B cannot both be applied: they overlap, or they
/// insert at one point (unless both insert only #include lines).
bool editsOverlap(const Edit &A, const Edit &B);

/// Applies \p Edits (all on one file, none overlapping) to \p Content.
llvm::Expected<std::string> applyEdits(llvm::StringRef Content,
                                       std::vector<Edit> Edits);

} // namespace pitfix
