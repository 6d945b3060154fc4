//===- GithubReport.h - --format=github -----------------------------------===//
#pragma once

#include "output/Summary.h"
#include "output/TextReport.h"

namespace pitfix {

/// Prints GitHub Actions workflow commands, one per finding, which the
/// Actions runner turns into annotations on the pull request:
///   ::warning file=src/a.cpp,line=5,col=3,title=<rule>::<message>
/// Notes and the fix status are appended to the message.
void printGithub(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                 const std::vector<FileError> &Errors,
                 const ReportStyle &Style);

} // namespace pitfix
