//===- ExportFixes.h - --export-fixes for clang-apply-replacements --------===//
#pragma once

#include "edit/Finding.h"

#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace pitfix {

/// Writes the findings in the YAML that clang-tidy's --export-fixes writes
/// and clang-apply-replacements reads: a document with MainSourceFile and
/// Diagnostics, each with its DiagnosticName (the rule id), message, notes,
/// Level, BuildDirectory and, when the finding has a fix that the run would
/// apply (no refusal, no conflict), its Replacements (absolute paths, byte
/// offsets). Findings without a fix are exported without replacements.
void writeExportedFixes(llvm::raw_ostream &OS,
                        const std::vector<Finding> &Findings,
                        llvm::StringRef BuildDirectory);

} // namespace pitfix
