//===- ExitStatus.cpp -----------------------------------------------------===//
#include "ExitStatus.h"

#include "config/CheckGlob.h"
#include "output/Summary.h"

using namespace llvm;

namespace pitfix {

size_t markWarningsAsErrors(std::vector<Finding> &Findings, StringRef Globs) {
  if (Globs.empty())
    return 0;
  CheckGlob Selected(Globs);
  size_t N = 0;
  for (Finding &F : Findings)
    if (statusOf(F) != FindingStatus::Fixed && Selected.contains(F.RuleId)) {
      F.Severity = "error";
      ++N;
    }
  return N;
}

int findingsExitStatus(const std::vector<Finding> &Findings, bool ExitZero,
                       size_t AsErrors) {
  if (AsErrors)
    return 1;
  if (ExitZero)
    return 0;
  for (const Finding &F : Findings)
    if (statusOf(F) != FindingStatus::Fixed)
      return 1;
  return 0;
}

} // namespace pitfix
