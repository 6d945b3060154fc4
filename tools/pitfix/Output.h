//===- Output.h - what a run writes: files, patches, reports ---------------===//
#pragma once

#include "Batch.h"
#include "Options.h"
#include "UnitReport.h"

#include "engine/RuleSet.h"
#include "output/TextReport.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace pitfix {

/// Carries out --fix (atomic writes; the findings written are marked
/// Applied), --diff (a unified diff on stdout) and --export-fixes (the YAML
/// for clang-apply-replacements, \p BuildDir as its BuildDirectory).
llvm::Error writeChanges(BatchResult &R, const CliOptions &O,
                         const ReportStyle &Style, llvm::StringRef BuildDir);

/// Prints the compiler errors of the units that failed (always to stderr),
/// then the findings in the chosen format; \p Rules describes the rules
/// (SARIF lists them). With \p Streamed (text and github formats printed
/// as each unit was done), only the findings whose status changed since.
void printFindings(llvm::raw_ostream &OS, const BatchResult &R,
                   const CliOptions &O, const RuleSet &Rules,
                   const ReportStyle &Style,
                   const UnitReport *Streamed = nullptr);

} // namespace pitfix
