//===- JsonReport.h - --format=json ---------------------------------------===//
#pragma once

#include "output/Summary.h"
#include "output/TextReport.h"

namespace pitfix {

/// Prints the findings as one JSON document:
/// {"version": 1, "findings": [{"rule", "severity", "file", "line", "column",
///  "message", "status", "reason", "notes": [...], "edits": [{"file",
///  "offset", "length", "text"}]}], "errors": [{"file", "message"}]}.
/// Paths are shown as in the text report.
/// \p Unlisted: sources under the given directories that the compile
/// database does not list (not analysed), as "unlisted".
void printJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<FileError> &Errors, const ReportStyle &Style,
               const std::vector<std::string> &Unlisted = {});

} // namespace pitfix
