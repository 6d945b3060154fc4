//===- Options.cpp - pitfix's flags ---------------------------------------===//
#include "Options.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <thread>

using namespace llvm;

namespace pitfix {
namespace {

cl::OptionCategory Category("pitfix options");

cl::list<std::string> Paths(cl::Positional, cl::desc("<file|dir>..."),
                            cl::cat(Category));
cl::opt<std::string> BuildPath(
    "p", cl::desc("Build directory holding compile_commands.json (found "
                  "upward from the inputs, also in a build/ subdirectory, "
                  "when not given)"),
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
    cl::desc("Rules to run, as clang-tidy globs (\"-*,sharing-*\"); added "
             "after the Checks of the configuration files"),
    cl::cat(Category));
cl::opt<std::string> ConfigFilePath(
    "config-file",
    cl::desc("Use this configuration file for every input instead of the "
             ".pitfix.yaml files found upward from each file"),
    cl::value_desc("file"), cl::cat(Category));
cl::list<std::string> RulesDirs(
    "rules-dir",
    cl::desc("Load more rule and vocabulary files from <dir> (repeatable); "
             "a rule with a shipped id replaces the shipped rule"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled rules and exit"),
                         cl::cat(Category));
cl::opt<bool> ListConditions(
    "list-conditions",
    cl::desc("List the conditions a rule's 'where:' can ask, and exit"),
    cl::cat(Category));
cl::opt<std::string> Explain("explain", cl::desc("Explain a rule and exit"),
                             cl::value_desc("rule-id"), cl::cat(Category));
cl::opt<unsigned> Jobs("j",
                       cl::desc("Translation units parsed in parallel (0: one "
                                "per core)"),
                       cl::init(1), cl::Prefix, cl::cat(Category));
cl::opt<std::string> Shard(
    "shard",
    cl::desc("Process only part K of N of the translation units (1 <= K <= "
             "N), a deterministic split for independent jobs"),
    cl::value_desc("K/N"), cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the findings and their fixes as YAML for "
             "clang-apply-replacements"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> LineFilterJson(
    "line-filter",
    cl::desc("Report only findings on these lines, as clang-tidy's JSON: "
             "[{\"name\":\"a.cpp\",\"lines\":[[1,3]]}]"),
    cl::value_desc("json"), cl::cat(Category));
cl::opt<std::string> DiffBase(
    "diff-base",
    cl::desc("Report only findings on lines changed since the git revision "
             "<rev> (working tree included)"),
    cl::value_desc("rev"), cl::cat(Category));
cl::opt<OutputFormat> Format(
    "format", cl::desc("How findings are printed"),
    cl::values(clEnumValN(OutputFormat::Text, "text", "clang-style (default)"),
               clEnumValN(OutputFormat::Json, "json", "one JSON document"),
               clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(OutputFormat::Github, "github",
                          "GitHub Actions annotations")),
    cl::init(OutputFormat::Text), cl::cat(Category));
cl::opt<std::string> GenerateDocs(
    "generate-docs",
    cl::desc("Write one Markdown page per rule (and an index) to <dir>"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Do not print the summary"),
                    cl::cat(Category));
cl::opt<bool> NoPreFilter(
    "no-prefilter",
    cl::desc("Parse every translation unit, also those that spell none of "
             "the names the enabled rules need"),
    cl::cat(Category));
cl::opt<bool> CheckPreFilter(
    "check-prefilter",
    cl::desc("Parse every unit, and fail when one that the pre-filter would "
             "skip has a finding (a test of the pre-filter)"),
    cl::Hidden, cl::cat(Category));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep each unit's findings in <dir> and replay them while none "
             "of the files it read has changed (default: $PITFIX_CACHE_DIR)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<unsigned> CacheMaxSize(
    "cache-max-size",
    cl::desc("Bound of the cache directory in MiB (default 512)"),
    cl::init(512), cl::value_desc("MiB"), cl::cat(Category));
cl::opt<bool> FirstCommandOnly(
    "first-command-only",
    cl::desc("Parse a file listed under several compile commands once, with "
             "its first command"),
    cl::cat(Category));
cl::opt<bool> ParseSystemBodies(
    "parse-system-bodies",
    cl::desc("Parse the function bodies of system headers too (no rule needs "
             "them; for comparisons)"),
    cl::Hidden, cl::cat(Category));
cl::opt<bool> NoPreamble(
    "no-preamble",
    cl::desc("Parse every header again in every parse: no precompiled "
             "preamble shared by --test-rules snippets or by the parses "
             "that verify rewrites (for comparisons)"),
    cl::Hidden, cl::cat(Category));
cl::opt<bool> PreambleStats(
    "preamble-stats",
    cl::desc("Print how many precompiled preambles were built and reused "
             "(for tests and measurements)"),
    cl::Hidden, cl::cat(Category));
cl::opt<unsigned> VerifyPreambleFrom(
    "verify-preamble-from",
    cl::desc("The first of a unit's verification parses that uses a "
             "precompiled preamble (default 2; 1 makes every one use it, "
             "for tests)"),
    cl::init(2), cl::Hidden, cl::cat(Category));
cl::list<std::string> ExtraArgBefore(
    "extra-arg-before",
    cl::desc("Add this argument in front of every compile command's "
             "arguments (repeatable)"),
    cl::value_desc("arg"), cl::cat(Category));
cl::list<std::string> ExtraArg(
    "extra-arg",
    cl::desc("Add this argument at the end of every compile command "
             "(repeatable)"),
    cl::value_desc("arg"), cl::cat(Category));
cl::opt<bool> ExitZero(
    "exit-zero",
    cl::desc("Exit with 0 even when findings remain (errors still exit with "
             "2), e.g. inside a build"),
    cl::cat(Category));
cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Findings of the rules these globs select are errors: they exit "
             "with 1, also with --exit-zero"),
    cl::value_desc("globs"), cl::cat(Category));
cl::opt<bool> UpdateExamples(
    "update",
    cl::desc("With --test-rules: write each example's actual rewrite into "
             "the rule file as its 'after:' (review with git diff)"),
    cl::cat(Category));
cl::alias UpdateExamplesShort("U", cl::aliasopt(UpdateExamples),
                              cl::desc("Alias for --update"));
cl::opt<bool> TestRules(
    "test-rules",
    cl::desc("Run the examples of the rules in the given directories (the "
             "shipped rules when none is given) and exit"),
    cl::cat(Category));
// Adoption: baselines, colours, configuration checks (issue 27).
cl::opt<std::string> Baseline(
    "baseline",
    cl::desc("Report (and fix) only the findings that are not in this "
             "baseline file (see --write-baseline)"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Record the current findings in <file> (their fingerprints "
             "survive moved lines), to accept them with --baseline"),
    cl::value_desc("file"), cl::cat(Category));
/// --color replaces LLVM's own --color (true/false, registered with the
/// common options), so it is made once that one is removed.
cl::opt<ColorMode> &colorOption() {
  static cl::opt<ColorMode> Color(
      "color",
      cl::desc("Source lines, carets and fix-its in the text output, as "
               "clang prints them, and colours"),
      cl::values(clEnumValN(ColorMode::Auto, "auto",
                            "on a terminal, in colour (default)"),
                 clEnumValN(ColorMode::Always, "always",
                            "also into a pipe or a file, in colour"),
                 clEnumValN(ColorMode::Never, "never",
                            "no colours (source lines on a terminal)")),
      cl::init(ColorMode::Auto), cl::cat(Category));
  return Color;
}
cl::opt<bool> DumpConfig(
    "dump-config",
    cl::desc("Print the effective configuration for the first input (or the "
             "current directory) and exit"),
    cl::cat(Category));
cl::opt<bool> VerifyConfig(
    "verify-config",
    cl::desc("Check the .pitfix.yaml files that apply to the inputs (or "
             "--config-file) and exit: 0 when they are valid, 2 otherwise"),
    cl::cat(Category));
cl::extrahelp ExitCodes(R"(
EXIT STATUS:
  0  nothing left to report (with --fix: everything found was fixed)
  1  findings remain (with --fix: findings that could not be fixed)
  2  a usage, rule or configuration error, a file that does not compile,
     or a file that could not be written
)");

/// Parses "K/N" with 1 <= K <= N.
bool parseShard(StringRef S, unsigned &K, unsigned &N) {
  auto [A, B] = S.split('/');
  return !A.getAsInteger(10, K) && !B.getAsInteger(10, N) && N >= 1 &&
         K >= 1 && K <= N;
}

} // namespace

std::optional<CliOptions> parseCommandLine(int Argc, const char **Argv) {
  CliOptions O;
  std::vector<const char *> Own;
  for (int I = 0; I < Argc; ++I) {
    if (!O.HaveDashDash && I > 0 && StringRef(Argv[I]) == "--") {
      O.HaveDashDash = true;
      continue;
    }
    if (O.HaveDashDash)
      O.CompilerArgs.push_back(Argv[I]);
    else
      Own.push_back(Argv[I]);
  }
  cl::HideUnrelatedOptions(Category);
  if (cl::Option *LlvmColor = cl::getRegisteredOptions().lookup("color"))
    LlvmColor->removeArgument();
  colorOption();
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "pitfix version " << PITFIX_VERSION << "\n  built with LLVM "
       << LLVM_VERSION_STRING << "\n";
  });
  if (!cl::ParseCommandLineOptions(
          Own.size(), Own.data(),
          "pitfix: finds and fixes concurrency pitfalls in C++\n\n"
          "  pitfix [options] <file|dir>... [-- <compiler args>]\n",
          &errs()))
    return std::nullopt;

  O.Paths = Paths;
  O.BuildPath = BuildPath;
  O.Fix = Fix;
  O.Diff = Diff;
  O.Checks = Checks;
  O.RulesDirs = RulesDirs;
  O.ListChecks = ListChecks;
  O.ListConditions = ListConditions;
  O.Explain = Explain;
  O.Jobs = Jobs ? unsigned(Jobs)
                : std::max(1u, std::thread::hardware_concurrency());
  O.GenerateDocs = GenerateDocs;
  O.Quiet = Quiet;
  O.ConfigFile = ConfigFilePath;
  O.ExportFixes = ExportFixes;
  O.LineFilterJson = LineFilterJson;
  O.DiffBase = DiffBase;
  O.Format = Format;
  O.PreFilter = !NoPreFilter;
  O.CheckPreFilter = CheckPreFilter;
  O.CacheDir = CacheDir;
  if (O.CacheDir.empty())
    if (const char *E = getenv("PITFIX_CACHE_DIR"))
      O.CacheDir = E;
  O.CacheMaxBytes = uint64_t(CacheMaxSize) << 20;
  O.FirstCommandOnly = FirstCommandOnly;
  O.ParseSystemBodies = ParseSystemBodies;
  O.Preambles = !NoPreamble;
  O.PreambleStats = PreambleStats;
  O.VerifyPreambleFrom = std::max(1u, unsigned(VerifyPreambleFrom));
  O.ExtraArgsBefore = ExtraArgBefore;
  O.ExtraArgs = ExtraArg;
  O.ExitZero = ExitZero;
  O.WarningsAsErrors = WarningsAsErrors;
  O.TestRules = TestRules;
  O.Update = UpdateExamples;
  O.Baseline = Baseline;
  O.WriteBaseline = WriteBaseline;
  O.Color = colorOption();
  O.DumpConfig = DumpConfig;
  O.VerifyConfig = VerifyConfig;
  if (!Shard.empty() && !parseShard(Shard, O.ShardIndex, O.ShardCount)) {
    errs() << "error: --shard='" << Shard
           << "' must be K/N with 1 <= K <= N\n";
    return std::nullopt;
  }
  if (O.Fix && O.Diff) {
    errs() << "error: --fix and --diff exclude each other\n";
    return std::nullopt;
  }
  if (!O.LineFilterJson.empty() && !O.DiffBase.empty()) {
    errs() << "error: --line-filter and --diff-base exclude each other\n";
    return std::nullopt;
  }
  return O;
}

} // namespace pitfix
