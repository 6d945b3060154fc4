//===- Baseline.h - accepted findings: --write-baseline, --baseline -------===//
//
// A baseline file lists the fingerprints of accepted findings (with their
// rule, file, line and message, for people reading it):
//
//   {"version": 1, "findings": [{"fingerprint": "8f3c...:1",
//     "rule": "sharing-io-under-lock", "file": "src/ledger.cpp",
//     "line": 18, "message": "..."}]}
//
// The fingerprint (output/Fingerprint.h) does not depend on line numbers,
// so a baseline keeps matching after lines are inserted above a finding.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Options.h"

#include "edit/Finding.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace pitfix {

/// Finding::key() -> fingerprint, for every finding (read from the files as
/// they are on disk: compute before --fix writes).
std::map<std::string, std::string>
fingerprintFindings(const std::vector<Finding> &Findings);

/// Writes the baseline file of \p Findings.
llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings,
                          const std::map<std::string, std::string> &Prints);

/// The fingerprints of a baseline file; errors name the file.
llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path);

/// Removes the findings whose fingerprint is in \p Accepted; returns how
/// many it removed.
size_t dropBaselined(std::vector<Finding> &Findings,
                     const std::set<std::string> &Accepted,
                     const std::map<std::string, std::string> &Prints);

/// --write-baseline (records \p Findings, then leaves them all out: they are
/// accepted) and --baseline (leaves out those it lists), with a note on
/// \p Notes unless --quiet.
llvm::Error
applyBaselineOptions(const CliOptions &O, std::vector<Finding> &Findings,
                     const std::map<std::string, std::string> &Prints,
                     llvm::raw_ostream &Notes);

} // namespace pitfix
