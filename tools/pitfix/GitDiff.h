//===- GitDiff.h - the lines changed since a git revision -----------------===//
#pragma once

#include "config/LineFilter.h"

#include "llvm/Support/Error.h"

namespace pitfix {

/// The lines that `git diff <Rev>` adds or changes in the working tree of
/// the repository holding the current directory (--diff-base). Errors: git
/// missing, not a repository, an unknown revision (git's message).
llvm::Expected<LineFilter> changedLinesSince(llvm::StringRef Rev);

} // namespace pitfix
