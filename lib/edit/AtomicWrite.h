//===- AtomicWrite.h - replace a file without a window of damage -----------===//
#pragma once

#include "llvm/Support/Error.h"

namespace pitfix {

/// Writes \p Content to \p Path through a temporary file in the same
/// directory and a rename, keeping the original file's permissions. On any
/// failure the original file is untouched.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Content);

} // namespace pitfix
