//===- UnitReport.h - findings printed as each unit is done ---------------===//
#pragma once

#include "Options.h"

#include "engine/Runner.h"
#include "output/Summary.h"
#include "output/TextReport.h"

#include <map>
#include <string>
#include <vector>

namespace pitfix {

/// Prints the findings of each translation unit (text and github formats)
/// as soon as the unit is done, so that a run that is killed late loses
/// nothing already found; a header's findings are printed with the first
/// unit that reports them. With --fix a verified fix is printed as fixed:
/// the findings whose status changes afterwards (a write fails, another unit
/// rewrites the header differently) are printed again at the end.
class UnitReport {
public:
  UnitReport(llvm::raw_ostream &OS, const CliOptions &O,
             const ReportStyle &Style);
  /// False for the formats written once at the end (JSON, SARIF).
  bool streams() const { return Streams; }
  /// Prints the findings of \p R not printed yet, in report order.
  void unitDone(const TUResult &R);
  /// The findings of \p Final that were not printed with the status they
  /// have now.
  std::vector<Finding> changed(const std::vector<Finding> &Final) const;

private:
  void print(const std::vector<Finding> &Fs);

  llvm::raw_ostream &OS;
  const CliOptions &O;
  const ReportStyle &Style;
  bool Streams;
  std::map<std::string, FindingStatus> Printed; ///< Finding key -> status.
};

} // namespace pitfix
