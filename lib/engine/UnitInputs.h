//===- UnitInputs.h - what a parse read, and what it looked for in vain ---===//
//
// The result cache replays a unit's findings only while everything its parse
// depended on is as it was: the content of every file it read, and the
// absence of every file it looked for and did not find. The second matters
// when a header is created earlier in the -I search order than the one the
// parse read (it would shadow it), or a `__has_include` probe would now
// succeed; ccache documents both as a known hole of its direct mode.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/Lex/PPCallbacks.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <map>
#include <memory>
#include <set>
#include <string>

namespace clang {
class FileManager;
} // namespace clang

namespace pitfix {

/// What the parses of one unit depended on besides its compile command.
struct UnitInputs {
  /// Every file read, absolute, with the hash of the content read.
  std::map<std::string, std::string> Read;
  /// Every path looked up that did not exist: the include directories
  /// searched before the one that served each include, the candidates of a
  /// `__has_include` that failed, include directories and driver paths that
  /// do not exist.
  std::set<std::string> Absent;
  /// Files a `__has_include` found (whether or not they were read).
  std::set<std::string> Present;
};

/// A file system that forwards to \p Base and adds to \p Absent the absolute
/// path of every lookup (status, exists, open) that fails. \p Absent must
/// outlive it; it is filled from the thread that parses.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
recordAbsentPaths(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                  std::set<std::string> &Absent);

/// Preprocessor callbacks that add to \p Present the absolute path of each
/// file a `__has_include` (or `__has_include_next`) found.
std::unique_ptr<clang::PPCallbacks>
recordHasIncludeHits(clang::FileManager &FM, std::set<std::string> &Present);

} // namespace pitfix
