//===- DirectoryWalk.h - recursive directory scans that always end --------===//
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

namespace pitfix {

/// Walks \p Root recursively, following symbolic links, but entering each
/// directory once, known by its device and inode: links to an ancestor or to
/// each other (two links to `.`) end the descent instead of looping. Entries
/// are visited in name order. \p Enter is asked before descending into each
/// directory below \p Root (with its path as found and its canonical path);
/// \p Visit is called for every other entry, with the same two paths.
/// Hidden directories (".git") are not entered. An unreadable \p Root is an
/// error; unreadable entries below it are skipped.
llvm::Error walkDirectory(
    llvm::StringRef Root,
    llvm::function_ref<bool(llvm::StringRef Path, llvm::StringRef Real)> Enter,
    llvm::function_ref<void(llvm::StringRef Path, llvm::StringRef Real)> Visit);

} // namespace pitfix
