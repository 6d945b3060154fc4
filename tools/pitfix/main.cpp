//===- main.cpp - the pitfix command-line tool ----------------------------===//
//
// pitfix [options] <file|dir>... [-- <compiler args>]
//
// Exit status: 0 nothing left to report; 1 findings remain (with --fix:
// findings that could not be fixed); 2 usage, rule or configuration errors,
// or an input that does not compile.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "Batch.h"
#include "ConfigCommands.h"
#include "ExitStatus.h"
#include "GitDiff.h"
#include "Inputs.h"
#include "Options.h"
#include "Output.h"
#include "RuleExamples.h"
#include "Suppressions.h"
#include "UnitReport.h"

#include "actions/ActionTable.h"
#include "engine/CompileFlags.h"
#include "edit/AtomicWrite.h"
#include "engine/CompilerCommand.h"
#include "engine/ConfiguredRules.h"
#include "engine/MatchContext.h"
#include "engine/ResultCache.h"
#include "engine/RuleNames.h"
#include "engine/RulesLocation.h"
#include "output/RuleDocs.h"
#include "output/SarifReport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>

using namespace llvm;
using namespace pitfix;

namespace {

/// Writes each rule's page and the index.
int generateDocs(const RuleSet &Rules, StringRef Dir) {
  if (std::error_code EC = sys::fs::create_directories(Dir)) {
    errs() << Dir << ": error: " << EC.message() << "\n";
    return 2;
  }
  auto Write = [&](StringRef Name, StringRef Text) {
    SmallString<256> P(Dir);
    sys::path::append(P, Name);
    if (std::error_code EC = writeOwnFile(P, Text)) {
      errs() << P << ": error: cannot write: " << EC.message() << "\n";
      return false;
    }
    return true;
  };
  for (const auto &R : Rules.Rules)
    if (!Write(R->id() + ".md", ruleDocPage(*R)))
      return 2;
  return Write("README.md", ruleDocIndex(Rules)) ? 0 : 2;
}

/// Identifies this build of pitfix for the result cache: its version and a
/// hash of its executable, so that a rebuilt pitfix never replays results.
std::string toolDigest(const char *Argv0, void *MainAddr) {
  std::string Exe = sys::fs::getMainExecutable(Argv0, MainAddr);
  std::string D = "pitfix";
  if (auto Buf = MemoryBuffer::getFile(Exe, false, false))
    D += " " + ResultCache::hashOf((*Buf)->getBuffer());
  else
    D += " " + Exe; // Unreadable: at least the path.
  return D;
}

std::string currentDir() {
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  return canonicalPath(Cwd);
}

/// Prints an error and gives the exit status for it.
int fail(Error E) {
  errs() << toString(std::move(E)) << "\n";
  return 2;
}

/// --list-checks and --explain: answered for the configuration of the first
/// input (or of the current directory).
int describeRules(const CliOptions &O, const RuleLoader &Loader,
                  ConfigFinder &Finder, StringRef Cwd) {
  SmallString<256> Anchor(O.Paths.empty() ? Cwd : canonicalPath(O.Paths[0]));
  if (O.Paths.empty() || sys::fs::is_directory(Anchor))
    sys::path::append(Anchor, "-");
  auto Config = Finder.configFor(Anchor);
  if (!Config)
    return fail(Config.takeError());
  auto G = buildRuleGroup(Loader, *Config, O.Checks);
  if (!G)
    return fail(G.takeError());
  if (O.ListChecks) {
    outs() << "Enabled rules:\n";
    for (const CompiledRule *R : G->Enabled)
      outs() << "    " << R->id() << "  " << R->Spec.Summary << "\n";
    return 0;
  }
  const CompiledRule *R = G->Rules->find(O.Explain);
  if (!R) {
    std::vector<std::string> Ids;
    for (const auto &Known : G->Rules->Rules)
      Ids.push_back(Known->id());
    errs() << "error: unknown rule '" << O.Explain << "'"
           << didYouMean(O.Explain, Ids) << " (see --list-checks)\n";
    return 2;
  }
  outs() << explainRule(*R);
  return 0;
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  // A write past the file-size limit fails with EFBIG and is reported for
  // that file, instead of killing the run before its findings are printed.
  signal(SIGXFSZ, SIG_IGN);
  checkStdoutAtExit();
  auto Start = std::chrono::steady_clock::now();
  std::optional<CliOptions> Opt = parseCommandLine(argc, argv);
  if (!Opt)
    return 2;
  const CliOptions &O = *Opt;
  std::string Cwd = currentDir();
  if (O.ListConditions) {
    outs() << conditionList();
    return 0;
  }

  // Rules: the shipped set, then --rules-dir, which may replace a shipped
  // rule by its id (but not define one id twice).
  static int Anchor;
  RuleLoader Loader(ruleLanguage());
  Expected<std::string> ShippedDir = shippedRulesDir(
      sys::fs::getMainExecutable(argv[0], (void *)&Anchor));
  if (!ShippedDir)
    return fail(ShippedDir.takeError());
  std::vector<std::string> Dirs = {*ShippedDir};
  Dirs.insert(Dirs.end(), O.RulesDirs.begin(), O.RulesDirs.end());
  for (size_t I = 0; I < Dirs.size(); ++I) {
    if (Error E = Loader.addDirectory(Dirs[I]))
      return fail(std::move(E));
    if (I == 0)
      Loader.markLoadedOverridable();
  }
  if (O.TestRules)
    return runTestRules(O, Loader, Cwd);
  Expected<RuleSet> Shipped = RuleLoader(Loader).build();
  if (!Shipped)
    return fail(Shipped.takeError());
  if (!O.GenerateDocs.empty())
    return generateDocs(*Shipped, O.GenerateDocs);

  if (!O.ConfigFile.empty() && !sys::fs::is_regular_file(O.ConfigFile)) {
    errs() << "error: --config-file: no such file: '" << O.ConfigFile << "'\n";
    return 2;
  }
  ConfigFinder Finder(O.ConfigFile.empty() ? "" : canonicalPath(O.ConfigFile));
  if (O.ListChecks || !O.Explain.empty())
    return describeRules(O, Loader, Finder, Cwd);
  if (O.DumpConfig)
    return dumpConfig(O, Loader, Finder, Cwd);
  if (O.VerifyConfig)
    return verifyConfig(O, Loader, Finder, Cwd);

  // After "--" may come a whole compiler command, as builds pass it; its
  // source file is the input when no path is given.
  Expected<CompilerCommand> Cmd = parseCompilerCommand(O.CompilerArgs, Cwd);
  if (!Cmd)
    return fail(Cmd.takeError());
  Expected<Inputs> In =
      resolveInputs(O.Paths.empty() ? Cmd->Sources : O.Paths, O.BuildPath,
                    Cmd->Flags, O.HaveDashDash);
  if (!In)
    return fail(In.takeError());
  noteSkippedInputs(*In, Cwd);
  if (O.Fix)
    recoverInterruptedWrites(*In, Cwd);
  In->DB = withExtraArgs(std::move(In->DB), O.ExtraArgsBefore, O.ExtraArgs);
  if (O.ShardCount)
    selectShard(*In, O.ShardIndex, O.ShardCount);

  // Configuration errors stop the run before any file is parsed or touched.
  auto Groups = groupByConfig(Loader, In->Files, Finder, O.Checks);
  if (!Groups)
    return fail(Groups.takeError());
  bool AnyEnabled = In->Files.empty();
  for (const RuleGroup &G : *Groups)
    AnyEnabled |= !G.Enabled.empty();
  if (!AnyEnabled) {
    const RuleGroup &G = Groups->front();
    if (!G.ChecksPos.File.empty())
      return fail(errorAt(G.ChecksPos,
                          "Checks '" + G.Checks + "' enables no rule"));
    errs() << "error: --checks='" << G.Checks << "' enables no rule\n";
    return 2;
  }

  // Commands from other compilers: CompileFlags, then unknown flags dropped.
  DroppedFlags Dropped;
  In->DB = withCommandsFitForClang(std::move(In->DB),
                                   compileFlagEdits(In->Files, Finder), Dropped);

  LineFilter Filter;
  if (!O.LineFilterJson.empty()) {
    auto F = LineFilter::fromJson(O.LineFilterJson);
    if (!F)
      return fail(F.takeError());
    Filter = std::move(*F);
  } else if (!O.DiffBase.empty()) {
    auto F = changedLinesSince(O.DiffBase);
    if (!F)
      return fail(F.takeError());
    Filter = std::move(*F);
  }

  BatchOptions BO;
  BO.Jobs = O.Jobs;
  BO.ShowProgress = !O.Quiet;
  BO.BaseDir = Cwd;
  BO.Filter = &Filter;
  BO.PreFilter = O.PreFilter;
  BO.CheckPreFilter = O.CheckPreFilter;
  BO.CacheDir = O.CacheDir;
  BO.CacheMaxBytes = O.CacheMaxBytes;
  BO.FirstCommandOnly = O.FirstCommandOnly;
  BO.ParseSystemBodies = O.ParseSystemBodies;
  BO.Preambles = O.Preambles;
  BO.PreambleFromParse = O.VerifyPreambleFrom;
  if (!O.CacheDir.empty())
    BO.ToolDigest = toolDigest(argv[0], (void *)&Anchor);
  BO.Verify = O.Fix || O.Diff || !O.ExportFixes.empty();
  ReportStyle Style;
  Style.BaseDir = Cwd;
  Style.FixMode = O.Fix;
  Style.DiffMode = O.Diff;
  Style.ToolVersion = PITFIX_VERSION;
  if (std::string Docs = docRootFor(*ShippedDir); !Docs.empty())
    Style.DocRootUri = pathToUri(Docs);
  // With --diff, stdout carries the patch only.
  raw_ostream &Report = O.Diff ? errs() : outs();
  // As clang: source lines and carets on a terminal (or --color=always),
  // in colour unless --color=never.
  Style.Rich = O.Format == OutputFormat::Text &&
               (O.Color == ColorMode::Always || Report.is_displayed());
  Style.Colors = Style.Rich && O.Color != ColorMode::Never;
  UnitReport Units(Report, O, Style);
  // Findings print as their unit is done, except where their status is
  // known only at the end: with --fix (a write can still fail) and with
  // --warnings-as-errors (which changes how they print).
  if (Units.streams() && !O.Fix && O.WarningsAsErrors.empty() &&
      O.Baseline.empty() && O.WriteBaseline.empty())
    BO.OnUnit = [&](const TUResult &U) { Units.unitDone(U); };
  BatchResult R = runBatch(*Groups, *In, BO);
  for (const std::string &W : R.StyleWarnings)
    errs() << W << "\n";
  for (const std::string &F : Dropped.list())
    errs() << "pitfix: note: '" << F << "' is not a clang flag; dropped from "
           << "the compile commands [pitfix]\n";
  // Fingerprints (SARIF, baselines) of the files as analysed, before --fix.
  std::map<std::string, std::string> Prints;
  if (O.Format == OutputFormat::Sarif || !O.Baseline.empty() ||
      !O.WriteBaseline.empty())
    Prints = fingerprintFindings(R.Edits.findings());
  Style.Fingerprints = &Prints;
  if (Error E = applyBaselineOptions(O, R.Edits.findings(), Prints, errs()))
    return fail(std::move(E));
  size_t AsErrors =
      markWarningsAsErrors(R.Edits.findings(), O.WarningsAsErrors);

  Expected<bool> Written =
      writeChanges(R, O, Style, In->DBDir.empty() ? Cwd : In->DBDir);
  if (!Written)
    return fail(Written.takeError());
  settleSolvedFindings(R.Edits.findings());
  printFindings(Report, R, O, *Shipped, Style, &Units);
  warnUnknownSuppressions(errs(), *In, R, *Shipped, Cwd);

  RunSummary S = summarize(
      R.Edits.findings(), R.Units, R.Errors.size(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count());
  if (O.ShardCount)
    S.Shard = std::to_string(O.ShardIndex) + "/" + std::to_string(O.ShardCount);
  for (const std::string &N : R.CacheNotes)
    errs() << "pitfix: note: cache: " << N << "\n";
  if (!O.Quiet) {
    printSummary(errs(), S, O.Fix);
    if (R.PreFiltered || R.Cached)
      errs() << "pitfix: " << R.PreFiltered
             << " skipped by the pre-filter (no name a rule needs), "
             << R.Cached << " replayed from the cache\n";
  }
  if (O.PreambleStats)
    errs() << "pitfix: verification: " << R.VerifiedUnits << " units, "
           << R.VerifyParses << " parses; preambles: " << R.Preambles.Built
           << " built, " << R.Preambles.Reused << " reused, "
           << R.Preambles.Failed << " failed, " << R.Preambles.Stale
           << " out of date\n";
  if (O.CheckPreFilter) {
    errs() << "pitfix: the pre-filter would skip " << R.WouldSkip << " of "
           << R.Units << " translation units\n";
    for (const std::string &F : R.PreFilterMisses)
      errs() << F << ": error: the pre-filter would skip this unit, which "
                     "has findings [pitfix]\n";
    if (!R.PreFilterMisses.empty())
      return 2;
  }
  if (!R.Errors.empty() || !*Written)
    return 2;
  return findingsExitStatus(R.Edits.findings(), O.ExitZero, AsErrors);
}
