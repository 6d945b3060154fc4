//===- EditSet.h - merges the edits of all findings ------------------------===//
#pragma once

#include "engine/Finding.h"

#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace pitfix {

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

private:
  std::vector<Finding> Findings;
  std::map<std::string, size_t> Index; ///< Finding key -> position.
};

/// Sorts findings by file, line, column and rule: the order of every report.
void sortFindings(std::vector<Finding> &Findings);

/// The edits that one file receives from several fixes, as they are applied:
/// sorted by offset (an insertion before a replacement at the same point),
/// each once, the `#include` insertions at one point merged.
std::vector<Edit> normalizeEdits(std::vector<Edit> Edits);

/// Applies \p Edits (all on one file, none overlapping) to \p Content.
llvm::Expected<std::string> applyEdits(llvm::StringRef Content,
                                       std::vector<Edit> Edits);

} // namespace pitfix
