//===- ConfigCommands.h - --dump-config and --verify-config ---------------===//
#pragma once

#include "Options.h"

#include "config/ProjectConfig.h"
#include "engine/RuleSet.h"

#include "llvm/ADT/StringRef.h"

namespace pitfix {

/// --dump-config: prints, as .pitfix.yaml, the configuration that applies to
/// the first input (or the current directory): the files it comes from, the
/// effective Checks (with --checks), the rule options, the vocabulary
/// additions, and the rules that end up enabled. Exit status 0, or 2 on a
/// configuration error.
int dumpConfig(const CliOptions &O, const RuleLoader &Loader,
               ConfigFinder &Finder, llvm::StringRef Cwd);

/// --verify-config: loads every configuration file that applies to the
/// inputs (each input path, and every directory under a directory input;
/// or --config-file) with the rules, as a run would, and reports each
/// problem at its file:line:col. Exit status 0 when all are valid, else 2.
int verifyConfig(const CliOptions &O, const RuleLoader &Loader,
                 ConfigFinder &Finder, llvm::StringRef Cwd);

} // namespace pitfix
