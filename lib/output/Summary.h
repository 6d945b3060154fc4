//===- Summary.h - the end-of-run summary ---------------------------------===//
#pragma once

#include "edit/Finding.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

namespace pitfix {

/// A translation unit that could not be processed.
struct FileError {
  std::string File; ///< Absolute path of the main file.
  std::string Message;
};

/// What became of a finding, as the reports name it.
enum class FindingStatus {
  Fixed,    ///< Its rewrite was written to disk.
  Fixable,  ///< It has a rewrite that was not written (report or --diff).
  Refused,  ///< The action could not prove a rewrite safe.
  Conflict, ///< Its rewrite overlapped another one and was skipped.
  Reported, ///< A report-only finding.
  NotWritten, ///< --fix could not write its rewrite (Finding::NotWritten).
};

/// The status of \p F.
FindingStatus statusOf(const Finding &F);
/// "fixed", "fixable", "refused", "conflict", "reported" or "not-written".
const char *statusName(FindingStatus S);

/// The totals of a run.
struct RunSummary {
  size_t Files = 0;  ///< Translation units parsed.
  size_t Errors = 0; ///< Translation units that did not compile.
  size_t Findings = 0;
  std::map<std::string, size_t> PerRule;
  size_t Fixed = 0, Fixable = 0, Refused = 0, Conflicts = 0, NotWritten = 0;
  double Seconds = 0;
  std::string Shard; ///< "K/N" when the run was one shard.
};

/// Counts \p Findings into a summary.
RunSummary summarize(const std::vector<Finding> &Findings, size_t Files,
                     size_t Errors, double Seconds);

/// Prints the summary in a few lines (for stderr):
///   pitfix: 12 translation units in 1.3s (2 did not compile)
///   pitfix: 3 findings: ordering-multi-lock-order 1, sharing-... 2
///   pitfix: 2 fixed, 0 fixable, 1 refused, 0 conflicts
void printSummary(llvm::raw_ostream &OS, const RunSummary &S, bool FixMode);

} // namespace pitfix
