//===- UnifiedDiff.h - unified diffs for --diff ---------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace pitfix {

/// A unified diff of \p Old -> \p New with 3 lines of context, headed
/// "--- a/<Path>" / "+++ b/<Path>", in the form `git apply` accepts.
/// Empty when the texts are equal.
std::string unifiedDiff(llvm::StringRef Path, llvm::StringRef Old,
                        llvm::StringRef New, unsigned Context = 3);

/// A changed region of a text: \p Length bytes of the old text at \p Offset
/// become \p Text.
struct TextHunk {
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

/// The changed lines of \p Old -> \p New as byte-level hunks on \p Old,
/// in order and disjoint: applying them to \p Old gives \p New.
std::vector<TextHunk> lineHunks(llvm::StringRef Old, llvm::StringRef New);

} // namespace pitfix
