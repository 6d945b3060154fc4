//===- ExitStatus.h - what a run's findings make of its exit status -------===//
#pragma once

#include "edit/Finding.h"

#include "llvm/ADT/StringRef.h"

#include <vector>

namespace pitfix {

/// Marks the findings left unfixed of the rules that \p Globs (clang-tidy's
/// --warnings-as-errors syntax) selects as errors, so that they print as
/// `error:`. Returns how many there are.
size_t markWarningsAsErrors(std::vector<Finding> &Findings,
                            llvm::StringRef Globs);

/// The exit status for findings: 1 when \p AsErrors findings were marked as
/// errors, or (without \p ExitZero) when any finding is left unfixed; else 0.
int findingsExitStatus(const std::vector<Finding> &Findings, bool ExitZero,
                       size_t AsErrors);

} // namespace pitfix
