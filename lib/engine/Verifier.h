//===- Verifier.h - rewrites parsed again before they are written ---------===//
#pragma once

#include "edit/Finding.h"
#include "engine/Preambles.h"
#include "engine/Runner.h"

#include <functional>
#include <string>
#include <vector>

namespace pitfix {

/// How the rewrites of one translation unit are verified.
struct VerifyOptions {
  const RuleSet *Rules = nullptr;
  llvm::ArrayRef<const CompiledRule *> Enabled;
  /// The compile commands and resource directory (Files and Jobs unused).
  const RunOptions *Run = nullptr;
  /// Which findings of a re-run count (the same filters as the first run:
  /// the files a unit reports for, the line filter), given findings at
  /// positions in the original files.
  std::function<bool(const Finding &)> Keep;
  /// Rounds of rewrite, parse and re-run before the rest is left as it is.
  unsigned MaxRounds = 8;
  /// Parses of the unit share a precompiled preamble of its include block
  /// (PreambleCache), from its PreambleFromParse-th parse on: the preamble
  /// is loaded while the rewrites leave its files alone (a rewritten header
  /// or an #include added to the block compiles a new one). Most units are
  /// verified by one parse, which a preamble would only make dearer. The
  /// preamble is the unit's own, freed when its verification ends.
  bool Preambles = true;
  /// The first of a unit's parses that uses a preamble (1: every parse).
  unsigned PreambleFromParse = 2;
};

/// What verification cost.
struct VerifyStats {
  unsigned Parses = 0; ///< Parses of rewritten sources.
  unsigned Rounds = 0; ///< Rounds whose rewrites were kept.
  PreambleCounts Preambles; ///< What the unit's preamble did.
};

/// Verifies the fixes among \p Findings (one unit's, filtered, at positions
/// in the files on disk) before anything is written: their edits are
/// applied in memory and the unit \p MainFile is parsed again with the same
/// compile command and the rules run again.
/// - A fix that makes the unit fail to compile is withdrawn (the fixes whose
///   edits are nearest the first error are tried first, then each dropped
///   one is tried again on its own): "the rewrite did not compile: <error>".
/// - While the re-run finds new fixes (a rewrite exposes another one), they
///   are applied and verified too, up to MaxRounds rounds; the edits of all
///   rounds end up on the findings, as edits of the original files.
/// - A fixed finding whose pitfall the re-run still finds, or whose rewrite
///   adds a finding of its own, is withdrawn, and the rest verified again.
/// Units without fixes are not parsed again.
VerifyStats verifyFixes(std::vector<Finding> &Findings,
                        const std::string &MainFile, const VerifyOptions &O);

} // namespace pitfix
