//===- Suppressions.h - NOLINT comments that suppress nothing -------------===//
#pragma once

#include "Batch.h"
#include "Inputs.h"

#include "engine/RuleSet.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace pitfix {

/// Warns about the NOLINT and "pitfix: ignore" comments that name a rule
/// \p Rules does not have (a typo, or a rule that was renamed), with the
/// nearest id when there is one. It reads the run's translation units (of
/// a unit parsed for a header given as input, the header) and the files of
/// its findings. Returns how many it printed.
unsigned warnUnknownSuppressions(llvm::raw_ostream &OS, const Inputs &In,
                                 const BatchResult &R, const RuleSet &Rules,
                                 llvm::StringRef BaseDir);

} // namespace pitfix
