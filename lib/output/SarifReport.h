//===- SarifReport.h - --format=sarif (SARIF 2.1.0) -----------------------===//
#pragma once

#include "engine/RuleSet.h"
#include "output/Summary.h"
#include "output/TextReport.h"

namespace pitfix {

/// Prints a SARIF 2.1.0 log for code-scanning tools: one run whose driver
/// lists every rule (id, descriptions, default level), one result per
/// finding with its region (line, column), related locations for its notes,
/// and its rewrite as a fix (byte regions and inserted text). Files under
/// Style.BaseDir are relative to the base id SRCROOT. Translation units that
/// did not compile are tool execution notifications.
void printSarif(llvm::raw_ostream &OS, const RuleSet &Rules,
                const std::vector<Finding> &Findings,
                const std::vector<FileError> &Errors, const ReportStyle &Style,
                const std::vector<std::string> &Unlisted = {});

/// A file path as a URI reference: percent-encoded, "file://" when absolute.
std::string pathToUri(llvm::StringRef Path);

} // namespace pitfix
