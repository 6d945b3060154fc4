//===- JsonReport.h - --format=json ----------------------------------------===//
#pragma once

#include "output/Summary.h"
#include "output/TextReport.h"

namespace pitfix {

/// Prints the findings as one JSON document:
/// {"version": 1, "findings": [{"rule", "severity", "file", "line", "column",
///  "message", "status", "reason", "notes": [...], "edits": [{"file",
///  "offset", "length", "text"}]}], "errors": [{"file", "message"}]}.
/// Paths are shown as in the text report.
void printJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<FileError> &Errors, const ReportStyle &Style);

} // namespace pitfix
