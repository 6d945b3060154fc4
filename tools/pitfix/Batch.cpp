//===- Batch.cpp ----------------------------------------------------------===//
#include "Batch.h"

#include "Progress.h"

#include "engine/MatchContext.h"
#include "engine/Runner.h"
#include "output/TextReport.h"

#include <set>

using namespace llvm;

namespace pitfix {

BatchResult runBatch(const std::vector<RuleGroup> &Groups, const Inputs &In,
                     const BatchOptions &Opts) {
  BatchResult Out;
  Out.Unlisted = In.Unlisted;
  size_t Total = 0, Before = 0;
  for (const RuleGroup &G : Groups)
    if (!G.Enabled.empty())
      Total += G.Files.size();
  Progress Bar(Opts.ShowProgress);

  std::set<std::string> Untouchable;
  for (const RuleGroup &G : Groups) {
    if (G.Enabled.empty())
      continue; // The configuration turns every rule off here.
    RunOptions RO;
    RO.DB = In.DB.get();
    RO.Files = G.Files;
    RO.Jobs = Opts.Jobs;
    RO.ResourceDir = PITFIX_CLANG_RESOURCE_DIR;
    RO.ProjectDirs = In.ProjectDirs;
    RO.OnDone = [&](const TUResult &R, size_t Done, size_t) {
      Bar.update(Before + Done, Total, displayPath(R.File, Opts.BaseDir));
    };
    std::vector<TUResult> Results = runRules(*G.Rules, G.Enabled, RO);
    Before += Results.size();
    for (TUResult &R : Results) {
      ++Out.Units;
      if (R.Failed && In.Standalone.count(R.File)) {
        Out.Skipped.push_back({R.File, R.Errors});
        continue;
      }
      if (R.Failed) {
        Out.Errors.push_back({R.File, R.Errors});
        Untouchable.insert(canonicalPath(R.File));
        continue;
      }
      auto Only = In.OnlyFor.find(R.File);
      std::vector<Finding> Kept;
      for (Finding &F : R.Findings) {
        if (Only != In.OnlyFor.end() && !Only->second.count(F.Loc.File))
          continue;
        if (Opts.Filter && !Opts.Filter->contains(F.Loc.File, F.Loc.Line))
          continue;
        Kept.push_back(std::move(F));
      }
      Out.Edits.add(std::move(Kept));
    }
  }
  Bar.clear();

  for (Finding &F : Out.Edits.findings())
    for (const Edit &E : F.Edits)
      if (Untouchable.count(E.File)) {
        F.Edits.clear();
        F.Refusal = "a translation unit that includes this file does not "
                    "compile";
        break;
      }
  Out.Edits.resolveConflicts();
  return Out;
}

} // namespace pitfix
