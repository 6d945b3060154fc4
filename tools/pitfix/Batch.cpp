//===- Batch.cpp ----------------------------------------------------------===//
#include "Batch.h"

#include "Progress.h"

#include "edit/StyleFormat.h"
#include "engine/MatchContext.h"
#include "engine/PreFilter.h"
#include "engine/ResultCache.h"
#include "engine/Runner.h"
#include "engine/Verifier.h"
#include "output/TextReport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>

using namespace llvm;

namespace pitfix {

/// What made \p R fail when it is not the code: flags that clang does not
/// know, or a file the compile database does not list (its flags were
/// guessed). "" when the code itself does not compile.
static std::string failureCause(const TUResult &R, const Inputs &In) {
  std::vector<std::string> Unknown;
  static const Regex Flag(
      "error: (unknown argument:? |unsupported option )'([^']*)'");
  StringRef Rest = R.Errors;
  SmallVector<StringRef, 3> M;
  while (Flag.match(Rest, &M)) {
    if (!is_contained(Unknown, M[2].str()))
      Unknown.push_back(M[2].str());
    Rest = Rest.drop_front(M[0].data() + M[0].size() - Rest.data());
  }
  auto Listed = In.Listed.find(R.File);
  if (!Unknown.empty()) {
    std::string Msg = "clang does not accept its compile command";
    if (Listed != In.Listed.end())
      Msg += " (" + Listed->second + ")";
    Msg += ": it does not know '" + join(Unknown, "', '") +
           "' (a flag of another compiler?)";
    return Msg;
  }
  if (In.DBDir.empty() || Listed != In.Listed.end())
    return "";
  std::vector<clang::tooling::CompileCommand> Cmds =
      In.DB->getCompileCommands(R.File);
  std::string From = Cmds.empty() ? "" : Cmds.front().Heuristic;
  return "the compile database (" + In.DBDir +
         "/compile_commands.json) does not list this file, and with the "
         "flags " +
         (From.empty() ? std::string("pitfix guessed") : From) +
         " it does not compile";
}

BatchResult runBatch(const std::vector<RuleGroup> &Groups, const Inputs &In,
                     const BatchOptions &Opts) {
  BatchResult Out;
  Out.Unlisted = In.Unlisted;
  Out.VisitedDirs = In.VisitedDirs;
  size_t Total = 0, Before = 0;
  for (const RuleGroup &G : Groups)
    if (!G.Enabled.empty())
      Total += G.Files.size();
  Progress Bar(Opts.ShowProgress);

  std::set<std::string> Untouchable;
  StyleFormatter Style;
  for (const RuleGroup &G : Groups) {
    if (G.Enabled.empty())
      continue; // The configuration turns every rule off here.
    RunOptions RO;
    RO.DB = In.DB.get();
    RO.Files = G.Files;
    RO.Jobs = Opts.Jobs;
    RO.ResourceDir = PITFIX_CLANG_RESOURCE_DIR;
    RO.FirstCommandOnly = Opts.FirstCommandOnly;
    RO.ParseSystemBodies = Opts.ParseSystemBodies;
    RO.CheckFilter = Opts.CheckPreFilter;
    RO.NoFilter = In.Standalone;
    RO.Style = &Style;
    // One lexer of the units' own files: the pre-filter, and the choice of
    // whether system headers' function bodies must be parsed.
    PreFilter Filter(*G.Rules, G.Enabled);
    if (Opts.PreFilter || Opts.CheckPreFilter)
      RO.Filter = &Filter;
    RO.Scanner = &Filter;
    std::optional<ResultCache> Cache;
    if (!Opts.CacheDir.empty()) {
      Cache.emplace(Opts.CacheDir,
                    Opts.ToolDigest + ruleSetDigest(*G.Rules, G.Enabled),
                    Opts.CacheMaxBytes);
      RO.Cache = &*Cache;
    }
    // Units are handed to OnUnit in their input order, each as soon as it
    // and those before it are done: the output of -j N is that of -j 1.
    std::map<std::string, std::vector<size_t>> Slots;
    for (size_t I = G.Files.size(); I-- > 0;)
      Slots[G.Files[I]].push_back(I);
    std::vector<std::optional<TUResult>> Pending(G.Files.size());
    size_t NextOut = 0;
    RO.ProjectDirs = In.ProjectDirs;
    RO.OnDone = [&](const TUResult &R, size_t Done, size_t) {
      if (Opts.OnUnit) {
        std::vector<size_t> &Free = Slots[R.File];
        if (!Free.empty()) {
          Pending[Free.back()] = R;
          Free.pop_back();
        }
        for (; NextOut < Pending.size() && Pending[NextOut]; ++NextOut) {
          const TUResult &U = *Pending[NextOut];
          if (!U.Failed && !U.Findings.empty()) {
            Bar.clear();
            Opts.OnUnit(U);
          }
          Pending[NextOut].reset();
        }
      }
      Bar.update(Before + Done, Total, displayPath(R.File, Opts.BaseDir));
    };
    std::mutex VerifyMutex;
    // In the worker: keep what this unit reports, then verify its rewrites.
    RO.Finish = [&](TUResult &R) {
      if (R.Failed)
        return;
      auto Only = In.OnlyFor.find(R.File);
      auto Keep = [&](const Finding &F) {
        if (Only != In.OnlyFor.end() && !Only->second.count(F.Loc.File))
          return false;
        return !Opts.Filter || Opts.Filter->contains(F.Loc.File, F.Loc.Line);
      };
      std::vector<Finding> Kept;
      for (Finding &F : R.Findings)
        if (Keep(F))
          Kept.push_back(std::move(F));
      EditSet Unit;
      Unit.add(std::move(Kept));
      Unit.resolveConflicts();
      R.Findings = std::move(Unit.findings());
      if (!Opts.Verify)
        return;
      VerifyOptions VO;
      VO.Rules = G.Rules.get();
      VO.Enabled = G.Enabled;
      VO.Run = &RO;
      VO.Keep = Keep;
      VO.Preambles = Opts.Preambles;
      VO.PreambleFromParse = Opts.PreambleFromParse;
      VerifyStats VS = verifyFixes(R.Findings, R.File, VO);
      if (VS.Parses) {
        std::lock_guard<std::mutex> Lock(VerifyMutex);
        ++Out.VerifiedUnits;
        Out.VerifyParses += VS.Parses;
        Out.Preambles.Built += VS.Preambles.Built;
        Out.Preambles.Reused += VS.Preambles.Reused;
        Out.Preambles.Failed += VS.Preambles.Failed;
        Out.Preambles.Stale += VS.Preambles.Stale;
      }
      sortFindings(R.Findings);
    };
    std::vector<TUResult> Results = runRules(*G.Rules, G.Enabled, RO);
    Before += Results.size();
    if (Cache) {
      for (std::string &N : Cache->takeNotes())
        Out.CacheNotes.push_back(std::move(N));
      Cache->trim();
    }
    for (TUResult &R : Results) {
      ++Out.Units;
      if (R.Source == TUResult::SkippedByPreFilter) {
        ++Out.PreFiltered;
        continue;
      }
      Out.Cached += R.Source == TUResult::FromCache;
      if (R.WouldSkip) {
        ++Out.WouldSkip;
        if (!R.Findings.empty())
          Out.PreFilterMisses.push_back(R.File);
      }
      if (R.Failed && In.Standalone.count(R.File)) {
        Out.Skipped.push_back({R.File, R.Errors});
        continue;
      }
      if (R.Failed) {
        std::string Cause = failureCause(R, In);
        if (!Cause.empty())
          Out.FailureCauses[R.File] = std::move(Cause);
        Out.Errors.push_back({R.File, R.Errors});
        Untouchable.insert(canonicalPath(R.File));
        continue;
      }
      Out.Edits.add(std::move(R.Findings));
    }
  }
  Bar.clear();
  Out.StyleWarnings = Style.takeWarnings();

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
