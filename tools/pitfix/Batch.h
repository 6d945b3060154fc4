//===- Batch.h - one run over many translation units -----------------------===//
#pragma once

#include "ConfiguredRules.h"
#include "Inputs.h"

#include "config/LineFilter.h"
#include "edit/EditSet.h"
#include "output/Summary.h"

#include <vector>

namespace pitfix {

/// What a batch run produced, merged over every translation unit.
struct BatchResult {
  EditSet Edits; ///< Findings, deduplicated, conflicts marked.
  std::vector<FileError> Errors;
  /// Headers that no unit covers and that do not compile on their own:
  /// skipped, not errors.
  std::vector<FileError> Skipped;
  size_t Units = 0; ///< Translation units parsed.
  /// Sources under the given directories that the database does not list.
  std::vector<std::string> Unlisted;
};

/// How a batch runs.
struct BatchOptions {
  unsigned Jobs = 1;
  bool ShowProgress = true; ///< On a terminal only.
  std::string BaseDir;      ///< For the paths of the progress line.
  const LineFilter *Filter = nullptr;
};

/// Parses every translation unit of \p Groups (each with its own rules),
/// \p Opts.Jobs at a time, and merges the findings: a header's findings count
/// once whichever units include it; findings of units parsed for a header
/// only (In.OnlyFor) are kept for that header; findings outside the line
/// filter are dropped; a rewrite touching a file whose unit failed to
/// compile is refused; overlapping rewrites are marked as conflicts, the
/// others stay applicable.
BatchResult runBatch(const std::vector<RuleGroup> &Groups, const Inputs &In,
                     const BatchOptions &Opts);

} // namespace pitfix
