//===- UnitReport.cpp -----------------------------------------------------===//
#include "UnitReport.h"

#include "output/GithubReport.h"

using namespace llvm;

namespace pitfix {

UnitReport::UnitReport(raw_ostream &OS, const CliOptions &O,
                       const ReportStyle &Style)
    : OS(OS), O(O), Style(Style),
      Streams(O.Format == OutputFormat::Text ||
              O.Format == OutputFormat::Github) {}

void UnitReport::print(const std::vector<Finding> &Fs) {
  if (O.Format == OutputFormat::Github)
    printGithub(OS, Fs, {}, Style);
  else
    printText(OS, Fs, Style);
  OS.flush();
}

void UnitReport::unitDone(const TUResult &R) {
  if (!Streams)
    return;
  std::vector<Finding> New;
  for (const Finding &F : R.Findings) {
    if (Printed.count(F.key()))
      continue;
    Finding P = F;
    // --fix writes every verified fix once the run is done.
    P.Applied = O.Fix && P.hasFix();
    Printed[F.key()] = statusOf(P);
    New.push_back(std::move(P));
  }
  print(New);
}

std::vector<Finding>
UnitReport::changed(const std::vector<Finding> &Final) const {
  std::vector<Finding> Out;
  for (const Finding &F : Final) {
    auto It = Printed.find(F.key());
    if (It == Printed.end() || It->second != statusOf(F))
      Out.push_back(F);
  }
  return Out;
}

} // namespace pitfix
