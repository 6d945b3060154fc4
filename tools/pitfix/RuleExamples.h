//===- RuleExamples.h - pitfix --test-rules: the rule files' own tests ----===//
#pragma once

#include "Options.h"

#include "engine/Preambles.h"
#include "engine/RuleSet.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace pitfix {

/// How --test-rules compiles the snippets of the rule files.
struct ExampleOptions {
  /// The compiler flags of every snippet (the flags after "--" replace them).
  std::vector<std::string> Flags = {"-std=c++20"};
  std::vector<std::string> ExtraArgsBefore, ExtraArgs;
  unsigned Jobs = 1;
  std::string ResourceDir;
  /// --update: an example whose `before` is rewritten to something other
  /// than its `after` gets the rewrite as its `after` (in the rule file).
  bool Update = false;
  /// Compile the default headers once into a preamble that every snippet
  /// loads (false: each snippet parses them; for comparisons).
  bool Preambles = true;
  /// A progress line on stderr, when it is a terminal.
  bool ShowProgress = false;
};

/// How many examples and valid snippets passed and failed.
struct ExampleTotals {
  size_t Rules = 0, Passed = 0, Failed = 0;
  /// Where each example whose `after:` --update rewrote starts.
  std::vector<std::string> Updated;
  /// What the shared preamble of the default headers did.
  PreambleCounts Preambles;
};

/// Runs the `examples:` and `valid:` of each rule of \p Tested: an example's
/// `before` must be reported by its rule and rewritten to `after` exactly
/// (and `after` must then be silent); an example without `after` must be
/// reported and left as written (with its `note` as the reason, when it has
/// one); a valid snippet must stay silent. Each snippet is a file of its own,
/// compiled with the standard concurrency headers and the rule's `preamble:`
/// included first; a snippet that does not compile as a file is compiled as
/// the body of a function. Failures are printed to \p OS at the example's
/// line and column in the rule file.
llvm::Expected<ExampleTotals>
testRuleExamples(const RuleSet &Rules,
                 llvm::ArrayRef<const CompiledRule *> Tested,
                 const ExampleOptions &Opts, llvm::raw_ostream &OS);

/// pitfix --test-rules [DIR|FILE...]: loads the rule files of the paths on
/// top of \p Loader's and tests those (every rule of \p Loader when no path
/// is given), with the flags after "--" and --extra-arg(-before). Prints a
/// summary unless --quiet. Exit status: 0 when every check passes, 1 when
/// one fails, 2 on errors (a rule file that does not load).
int runTestRules(const CliOptions &O, RuleLoader Loader, llvm::StringRef Cwd);

} // namespace pitfix
