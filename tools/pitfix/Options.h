//===- Options.h - the command line, parsed -------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// How findings are printed.
enum class OutputFormat { Text, Json, Sarif, Github };

/// --color.
enum class ColorMode { Auto, Always, Never };

/// Everything the command line says, after parsing and checking.
struct CliOptions {
  std::vector<std::string> Paths;
  std::vector<std::string> CompilerArgs; ///< After "--".
  bool HaveDashDash = false;
  std::string BuildPath;
  bool Fix = false;
  bool Diff = false;
  std::string Checks; ///< "" when --checks was not given.
  std::vector<std::string> RulesDirs;
  bool ListChecks = false;
  bool ListConditions = false;
  std::string Explain;
  unsigned Jobs = 1;
  std::string GenerateDocs;
  bool Quiet = false;
  std::string ConfigFile;
  std::string ExportFixes;
  unsigned ShardIndex = 0; ///< 1-based K of --shard K/N; 0 when unsharded.
  unsigned ShardCount = 0;
  std::string LineFilterJson;
  std::string DiffBase;
  OutputFormat Format = OutputFormat::Text;
  bool PreFilter = true;       ///< --no-prefilter turns it off.
  bool CheckPreFilter = false; ///< --check-prefilter (for tests).
  std::string CacheDir;        ///< --cache-dir, else $PITFIX_CACHE_DIR.
  uint64_t CacheMaxBytes = 0;  ///< --cache-max-size (MiB on the command line).
  bool FirstCommandOnly = false;
  bool ParseSystemBodies = false; ///< --parse-system-bodies (comparisons).
  bool Preambles = true;          ///< Not --no-preamble (comparisons).
  bool PreambleStats = false;     ///< --preamble-stats (tests, bench/).
  unsigned VerifyPreambleFrom = 2; ///< --verify-preamble-from (tests).
  // Running inside a build (issue 19).
  std::vector<std::string> ExtraArgsBefore; ///< --extra-arg-before, in order.
  std::vector<std::string> ExtraArgs;       ///< --extra-arg, in order.
  bool ExitZero = false;        ///< Findings alone do not fail the run.
  std::string WarningsAsErrors; ///< Globs of rules whose findings fail it.
  /// --test-rules: run the rule files' examples (Paths are rule directories).
  bool TestRules = false;
  bool Update = false;
  // Adoption (issue 27).
  std::string Baseline;      ///< --baseline: findings to leave out.
  std::string WriteBaseline; ///< --write-baseline: where to record them.
  ColorMode Color = ColorMode::Auto;
  bool DumpConfig = false;
  bool VerifyConfig = false;
};

/// Parses argv (everything after a "--" is compiler arguments). Prints the
/// problem and returns nothing on a usage error (exit status 2).
std::optional<CliOptions> parseCommandLine(int Argc, const char **Argv);

} // namespace pitfix
