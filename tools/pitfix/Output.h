//===- Output.h - what a run writes: files, patches, reports --------------===//
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
/// Applied, those that could not be are marked NotWritten with the reason),
/// --diff (a unified diff on stdout) and --export-fixes (the YAML for
/// clang-apply-replacements, \p BuildDir as its BuildDirectory). False when a
/// write failed (an I/O error, not a file left alone on purpose); an Error
/// when the export file cannot be written.
llvm::Expected<bool> writeChanges(BatchResult &R, const CliOptions &O,
                         const ReportStyle &Style, llvm::StringRef BuildDir);

/// With --fix, before anything is parsed: repairs, in every directory the
/// run looks into, the files that a killed run left partly rewritten in
/// place (see InPlaceUndo.h), with a note for each.
void recoverInterruptedWrites(const Inputs &In, llvm::StringRef BaseDir);

/// Makes a failed write to stdout (a full disk, /dev/full) a clear error
/// with exit status 2 when main returns, instead of LLVM's fatal "IO
/// failure" report at exit; a failed stderr (2>/dev/full) is not fatal
/// either.
void checkStdoutAtExit();

/// Prints the compiler errors of the units that failed (always to stderr),
/// then the findings in the chosen format; \p Rules describes the rules
/// (SARIF lists them). With \p Streamed (text and github formats printed
/// as each unit was done), only the findings whose status changed since.
void printFindings(llvm::raw_ostream &OS, const BatchResult &R,
                   const CliOptions &O, const RuleSet &Rules,
                   const ReportStyle &Style,
                   const UnitReport *Streamed = nullptr);

} // namespace pitfix
