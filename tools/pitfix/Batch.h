//===- Batch.h - one run over many translation units ----------------------===//
#pragma once

#include "Inputs.h"

#include "config/LineFilter.h"
#include "edit/EditSet.h"
#include "engine/ConfiguredRules.h"
#include "engine/Preambles.h"
#include "engine/Runner.h"
#include "output/Summary.h"

#include <functional>
#include <map>
#include <set>
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
  size_t PreFiltered = 0; ///< Units skipped: no rule could match.
  size_t Cached = 0;      ///< Units whose findings came from the cache.
  std::vector<std::string> CacheNotes;
  /// Style files (.clang-format) that cannot be read: rewrites under them
  /// are left unformatted.
  std::vector<std::string> StyleWarnings;
  /// With CheckPreFilter: units the filter would skip (WouldSkip) and,
  /// of those, the ones that have findings (the filter would be wrong).
  size_t WouldSkip = 0;
  std::vector<std::string> PreFilterMisses;
  /// Sources under the given directories that the database does not list.
  std::vector<std::string> Unlisted;
  /// For units that failed for a reason other than their code: what
  /// failed (flags clang does not know, a file the database does not list).
  std::map<std::string, std::string> FailureCauses;
  /// The directories the run looked into (Inputs::VisitedDirs).
  std::set<std::string> VisitedDirs;
  /// What verification cost: units verified, their parses, and what the
  /// preambles of those parses did.
  size_t VerifiedUnits = 0, VerifyParses = 0;
  PreambleCounts Preambles;
};

/// How a batch runs.
struct BatchOptions {
  unsigned Jobs = 1;
  bool ShowProgress = true; ///< On a terminal only.
  std::string BaseDir;      ///< For the paths of the progress line.
  const LineFilter *Filter = nullptr;
  bool PreFilter = true;
  bool CheckPreFilter = false;
  std::string CacheDir; ///< "" for no cache.
  uint64_t CacheMaxBytes = 512u << 20;
  std::string ToolDigest; ///< Identifies this pitfix for the cache's keys.
  bool FirstCommandOnly = false;
  bool ParseSystemBodies = false;
  /// Verify each unit's rewrites before they are written or printed
  /// (--fix, --diff, --export-fixes); a report costs no more parses.
  bool Verify = false;
  /// Verification parses use a precompiled preamble of the unit, from its
  /// PreambleFromParse-th on (VerifyOptions).
  bool Preambles = true;
  unsigned PreambleFromParse = 2;
  /// Called once per unit, in the order units finish (never concurrently),
  /// with the unit's findings after verification: to print them at once.
  std::function<void(const TUResult &)> OnUnit;
};

/// Parses every translation unit of \p Groups (each with its own rules),
/// \p Opts.Jobs at a time, and merges the findings: a header's findings count
/// once whichever units include it; findings of units parsed for a header
/// only (In.OnlyFor) are kept for that header; findings outside the line
/// filter are dropped; with Opts.Verify each unit's rewrites are verified
/// (verifyFixes) as soon as it is parsed; a rewrite touching a file whose
/// unit failed to
/// compile is refused; overlapping rewrites are marked as conflicts, the
/// others stay applicable.
BatchResult runBatch(const std::vector<RuleGroup> &Groups, const Inputs &In,
                     const BatchOptions &Opts);

} // namespace pitfix
