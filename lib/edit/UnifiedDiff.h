//===- UnifiedDiff.h - unified diffs for --diff ----------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>

namespace pitfix {

/// A unified diff of \p Old -> \p New with 3 lines of context, headed
/// "--- a/<Path>" / "+++ b/<Path>", in the form `git apply` accepts.
/// Empty when the texts are equal.
std::string unifiedDiff(llvm::StringRef Path, llvm::StringRef Old,
                        llvm::StringRef New, unsigned Context = 3);

} // namespace pitfix
