//===- InPlaceUndo.h - in-place writes that a crash cannot leave mixed ----===//
//
// A file with hard links is rewritten in place (posix_fallocate, pwrite,
// ftruncate, fsync): a crash between those calls would leave it padded or
// half old, half new. Before its first byte changes, an undo record is
// written and synced beside it ("<file>.pitfix-<pid>-XXXXXX.undo": its old
// and its new text); it is removed once the new text is synced. A later
// --fix run that finds the record of a process that is gone completes the
// story: a file that holds its new or its old text keeps it; a file that
// holds a mix of the two (the crash) gets its old text back.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <system_error>
#include <vector>

namespace pitfix {

/// The undo record of one in-place write.
class UndoRecord {
public:
  /// Writes and syncs the record for rewriting \p Path from \p Old to
  /// \p New. An error when its directory cannot take it.
  static std::error_code create(llvm::StringRef Path, llvm::StringRef Old,
                                llvm::StringRef New, UndoRecord &Out);
  /// The new text is complete and synced: the record goes.
  void commit();
  /// The write failed before it changed the file: the record goes too.
  void discard() { commit(); }

private:
  std::string RecordPath;
};

/// What recovery did with one record.
struct Recovery {
  std::string File;
  enum Outcome { Completed, Restored, LeftAlone } What;
  std::string Record; ///< The record kept (LeftAlone).
};

/// Handles the undo records that killed runs left in \p Dir (see above). A
/// file that matches neither text nor a mix of them was changed since: it
/// is left alone with its record, which holds the old text.
std::vector<Recovery> recoverInPlaceWrites(llvm::StringRef Dir);

} // namespace pitfix
