//===- AtomicWrite.h - replace a file without a window of damage ----------===//
#pragma once

#include "llvm/Support/Error.h"

#include <string>
#include <system_error>

namespace pitfix {

/// Writes all of \p Content at offset 0 of the open file \p FD (pwrite,
/// retried on EINTR and short writes).
std::error_code writeAllAt(int FD, llvm::StringRef Content);

/// Why pitfix must not write \p Path, or "" when it may. A file is written
/// only when access(2) grants write permission (so not on a read-only mount,
/// not a file of another user) and its mode grants write permission to
/// someone: root, whom access(2) never refuses, still leaves alone a file
/// marked read-only (`chmod a-w`, as Perforce or ClearCase checkouts mark the
/// files not opened for edit).
std::string writeRefusal(llvm::StringRef Path);

/// Writes \p Content to \p Path, keeping the file's owner, group, mode and
/// hard links:
/// - a file with one link is replaced by a rename of a complete temporary
///   file next to it (named "<file>.pitfix-<pid>-XXXXXX.tmp"), given the
///   original's mode, owner and group first; a crash leaves either the old
///   or the new file, never a mix. Extended attributes and ACLs are not
///   copied.
/// - a file with several hard links, in a directory that cannot take the
///   temporary file, or whose owner cannot be given to a new file, is
///   rewritten in place once its new size is reserved (a full disk fails
///   before the file is touched); only a crash during that write can leave it
///   partly written.
/// On any failure before the rename the original file is untouched.
///
/// With \p Expected (a contentDigest), the file must still hold the text the
/// new content was computed from: it is read again just before the rename
/// (or, in place, through the opened file before its first byte changes),
/// so that a save made meanwhile (an editor, another tool) is not lost. When
/// it differs, nothing is written and the error is a FileChangedError. Only
/// a save within the few microseconds between that check and the rename
/// can still be replaced.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Content,
                                uint64_t Expected = 0);

/// Why writeFileAtomically wrote nothing: the file no longer holds the text
/// the rewrite was computed from.
class FileChangedError : public llvm::ErrorInfo<FileChangedError> {
public:
  static char ID;
  explicit FileChangedError(std::string Path) : Path(std::move(Path)) {}
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;
  std::string Path;
};

/// What a finding says when its file changed on disk after the analysis:
/// "not written: <this>".
extern const char ChangedOnDisk[];

/// Creates or replaces \p Path with \p Content by a rename of a complete
/// temporary file beside it (named as writeFileAtomically names them), for
/// files pitfix owns (cache entries, generated pages): no mode, owner or
/// links to keep, no fsync. On failure (a full disk) the temporary file is
/// removed and \p Path is as it was; the error says why.
std::error_code writeOwnFile(llvm::StringRef Path, llvm::StringRef Content);

/// Removes from \p Dir the temporary files that writeFileAtomically left when
/// its process was killed: those whose process is gone, or older than an
/// hour. Returns how many were removed.
unsigned removeStaleTempFiles(llvm::StringRef Dir);

} // namespace pitfix
