//===- main.cpp - the pitfix command-line tool -----------------------------===//
//
// pitfix [options] <file|dir>... [-- <compiler args>]
//
// Exit status: 0 nothing left to report; 1 findings remain (with --fix:
// findings that could not be fixed); 2 usage, rule or configuration errors,
// or an input that does not compile.
//
//===----------------------------------------------------------------------===//
#include "Inputs.h"

#include "config/CheckGlob.h"
#include "edit/AtomicWrite.h"
#include "edit/EditSet.h"
#include "edit/UnifiedDiff.h"
#include "engine/MatchContext.h"
#include "engine/Runner.h"
#include "output/RuleDocs.h"
#include "output/TextReport.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace llvm;
using namespace pitfix;

namespace {

cl::OptionCategory Category("pitfix options");

cl::list<std::string> Paths(cl::Positional, cl::desc("<file|dir>..."),
                            cl::cat(Category));
cl::opt<std::string> BuildPath(
    "p", cl::desc("Build directory holding compile_commands.json (found "
                  "upward from the inputs when not given)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the rewrites in place"),
                  cl::cat(Category));
cl::opt<bool> Diff("diff",
                   cl::desc("Print the rewrites as a unified diff; change "
                            "nothing"),
                   cl::cat(Category));
cl::alias DryRun("dry-run", cl::desc("Alias for --diff"), cl::aliasopt(Diff),
                 cl::cat(Category));
cl::opt<std::string> Checks(
    "checks",
    cl::desc("Rules to run, as clang-tidy globs (\"-*,sharing-*\")"),
    cl::init("*"), cl::cat(Category));
cl::list<std::string> RulesDirs(
    "rules-dir",
    cl::desc("Load more rule and vocabulary files from <dir> (repeatable); "
             "a rule with a shipped id replaces the shipped rule"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled rules and exit"),
                         cl::cat(Category));
cl::opt<std::string> Explain("explain", cl::desc("Explain a rule and exit"),
                             cl::value_desc("rule-id"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Translation units parsed in parallel"),
                       cl::init(1), cl::cat(Category));
cl::opt<std::string> GenerateDocs(
    "generate-docs",
    cl::desc("Write one Markdown page per rule (and an index) to <dir>"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Do not print the summary line"),
                    cl::cat(Category));

/// Writes each finding's page and the index.
int generateDocs(const RuleSet &Rules, StringRef Dir) {
  if (std::error_code EC = sys::fs::create_directories(Dir)) {
    errs() << Dir << ": error: " << EC.message() << "\n";
    return 2;
  }
  auto Write = [&](StringRef Name, StringRef Text) {
    SmallString<256> P(Dir);
    sys::path::append(P, Name);
    std::error_code EC;
    raw_fd_ostream OS(P, EC);
    if (EC) {
      errs() << P << ": error: " << EC.message() << "\n";
      return false;
    }
    OS << Text;
    return true;
  };
  for (const auto &R : Rules.Rules)
    if (!Write(R->id() + ".md", ruleDocPage(*R)))
      return 2;
  return Write("README.md", ruleDocIndex(Rules)) ? 0 : 2;
}

std::string currentDir() {
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  return canonicalPath(Cwd);
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  // Everything after "--" is compiler arguments.
  std::vector<const char *> Own;
  std::vector<std::string> CompilerArgs;
  bool HaveDashDash = false;
  for (int I = 0; I < argc; ++I) {
    if (!HaveDashDash && I > 0 && StringRef(argv[I]) == "--") {
      HaveDashDash = true;
      continue;
    }
    if (HaveDashDash)
      CompilerArgs.push_back(argv[I]);
    else
      Own.push_back(argv[I]);
  }
  cl::HideUnrelatedOptions(Category);
  if (!cl::ParseCommandLineOptions(
          Own.size(), Own.data(),
          "pitfix: finds and fixes concurrency pitfalls in C++\n\n"
          "  pitfix [options] <file|dir>... [-- <compiler args>]\n",
          &errs()))
    return 2;

  // Rules: the shipped set, then --rules-dir, each replacing by id.
  static int Anchor;
  RuleLoader Loader;
  std::vector<std::string> Dirs = {shippedRulesDir(argv[0], (void *)&Anchor)};
  Dirs.insert(Dirs.end(), RulesDirs.begin(), RulesDirs.end());
  for (const std::string &D : Dirs)
    if (Error E = Loader.addDirectory(D)) {
      errs() << toString(std::move(E)) << "\n";
      return 2;
    }
  Expected<RuleSet> Rules = Loader.build();
  if (!Rules) {
    errs() << toString(Rules.takeError()) << "\n";
    return 2;
  }
  CheckGlob Glob(Checks);
  std::vector<const CompiledRule *> Enabled;
  for (const auto &R : Rules->Rules)
    if (Glob.contains(R->id()))
      Enabled.push_back(R.get());

  if (!GenerateDocs.empty())
    return generateDocs(*Rules, GenerateDocs);
  if (ListChecks) {
    outs() << "Enabled rules:\n";
    for (const CompiledRule *R : Enabled)
      outs() << "    " << R->id() << "  " << R->Spec.Summary << "\n";
    return 0;
  }
  if (!Explain.empty()) {
    const CompiledRule *R = Rules->find(Explain);
    if (!R) {
      errs() << "error: unknown rule '" << Explain
             << "' (see --list-checks)\n";
      return 2;
    }
    outs() << explainRule(*R);
    return 0;
  }
  if (Enabled.empty()) {
    errs() << "error: --checks='" << Checks << "' enables no rule\n";
    return 2;
  }
  if (Fix && Diff) {
    errs() << "error: --fix and --diff exclude each other\n";
    return 2;
  }

  Expected<Inputs> In = resolveInputs(Paths, BuildPath, CompilerArgs,
                                      HaveDashDash);
  if (!In) {
    errs() << toString(In.takeError()) << "\n";
    return 2;
  }

  RunOptions Opts;
  Opts.DB = In->DB.get();
  Opts.Files = In->Files;
  Opts.Jobs = Jobs;
  Opts.ResourceDir = PITFIX_CLANG_RESOURCE_DIR;
  std::vector<TUResult> Results = runRules(*Rules, Enabled, Opts);

  std::string Cwd = currentDir();
  ReportStyle Style;
  Style.BaseDir = Cwd;
  Style.FixMode = Fix;
  // With --diff, stdout carries the patch only.
  raw_ostream &Report = Diff ? errs() : outs();

  bool Failed = false;
  std::set<std::string> Untouchable;
  EditSet Edits;
  for (TUResult &R : Results) {
    if (R.Failed) {
      Failed = true;
      errs() << R.Errors;
      errs() << displayPath(R.File, Cwd)
             << ": error: the file does not compile; it is left untouched "
                "[pitfix]\n";
      Untouchable.insert(canonicalPath(R.File));
      continue;
    }
    Edits.add(std::move(R.Findings));
  }
  for (Finding &F : Edits.findings())
    for (const Edit &E : F.Edits)
      if (Untouchable.count(E.File)) {
        F.Edits.clear();
        F.Refusal = "a translation unit that includes this file does not "
                    "compile";
        break;
      }
  Edits.resolveConflicts();

  if (Fix || Diff) {
    auto Contents = Edits.newContents();
    if (!Contents) {
      errs() << toString(Contents.takeError()) << "\n";
      return 2;
    }
    for (const auto &[File, Text] : *Contents) {
      if (Diff) {
        auto Old = MemoryBuffer::getFile(File);
        if (Old)
          outs() << unifiedDiff(displayPath(File, Cwd), (*Old)->getBuffer(),
                                Text);
        continue;
      }
      if (Error E = writeFileAtomically(File, Text)) {
        errs() << toString(std::move(E)) << "\n";
        return 2;
      }
    }
    outs().flush();
    if (Fix)
      for (Finding &F : Edits.findings())
        if (F.hasFix() && Contents->count(F.Edits.front().File))
          F.Applied = true;
  }

  printText(Report, Edits.findings(), Style);
  size_t Remaining = 0, Fixed = 0, Fixable = 0;
  for (const Finding &F : Edits.findings()) {
    if (F.Applied)
      ++Fixed;
    else
      ++Remaining;
    if (F.hasFix())
      ++Fixable;
  }
  if (!Quiet)
    errs() << Edits.findings().size() << " finding(s) in " << Results.size()
           << " translation unit(s); " << Fixable << " with a fix"
           << (Fix ? ", " + std::to_string(Fixed) + " fixed" : std::string())
           << "\n";
  if (Failed)
    return 2;
  return Remaining ? 1 : 0;
}
