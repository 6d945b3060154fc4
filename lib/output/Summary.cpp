//===- Summary.cpp --------------------------------------------------------===//
#include "output/Summary.h"

#include "llvm/Support/Format.h"

using namespace llvm;

namespace pitfix {

FindingStatus statusOf(const Finding &F) {
  if (F.Applied)
    return FindingStatus::Fixed;
  // Removed by another finding's rewrite: as that rewrite goes.
  if (!F.SolvedByRule.empty() && F.Refusal.empty() && F.Conflict.empty() &&
      F.NotWritten.empty())
    return FindingStatus::Fixable;
  if (!F.Refusal.empty())
    return FindingStatus::Refused;
  if (!F.Conflict.empty())
    return FindingStatus::Conflict;
  if (!F.NotWritten.empty())
    return FindingStatus::NotWritten;
  if (!F.Edits.empty())
    return FindingStatus::Fixable;
  return FindingStatus::Reported;
}

const char *statusName(FindingStatus S) {
  switch (S) {
  case FindingStatus::Fixed:
    return "fixed";
  case FindingStatus::Fixable:
    return "fixable";
  case FindingStatus::Refused:
    return "refused";
  case FindingStatus::Conflict:
    return "conflict";
  case FindingStatus::Reported:
    return "reported";
  case FindingStatus::NotWritten:
    return "not-written";
  }
  return "reported";
}

RunSummary summarize(const std::vector<Finding> &Findings, size_t Files,
                     size_t Errors, double Seconds) {
  RunSummary S;
  S.Files = Files;
  S.Errors = Errors;
  S.Seconds = Seconds;
  S.Findings = Findings.size();
  for (const Finding &F : Findings) {
    ++S.PerRule[F.RuleId];
    switch (statusOf(F)) {
    case FindingStatus::Fixed:
      ++S.Fixed;
      break;
    case FindingStatus::Fixable:
      ++S.Fixable;
      break;
    case FindingStatus::Refused:
      ++S.Refused;
      break;
    case FindingStatus::Conflict:
      ++S.Conflicts;
      break;
    case FindingStatus::Reported:
      break;
    case FindingStatus::NotWritten:
      ++S.NotWritten;
      break;
    }
  }
  return S;
}

static std::string plural(size_t N, StringRef One, StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

void printSummary(raw_ostream &OS, const RunSummary &S, bool FixMode) {
  OS << "pitfix: " << plural(S.Files, "translation unit", "translation units");
  if (!S.Shard.empty())
    OS << " (shard " << S.Shard << ")";
  OS << " in " << llvm::format("%.1fs", S.Seconds) << ", "
     << plural(S.Errors, "error", "errors") << "\n";
  OS << "pitfix: " << plural(S.Findings, "finding", "findings");
  bool First = true;
  for (const auto &[Rule, N] : S.PerRule) {
    OS << (First ? ": " : ", ") << Rule << " " << N;
    First = false;
  }
  OS << "\n";
  OS << "pitfix: ";
  if (FixMode)
    OS << S.Fixed << " fixed";
  else
    OS << S.Fixable << " fixable";
  OS << ", " << S.Refused << " refused, "
     << plural(S.Conflicts, "conflict", "conflicts");
  if (S.NotWritten)
    OS << ", " << S.NotWritten << " not written";
  OS << "\n";
}

} // namespace pitfix
