//===- Preambles.h - precompiled preambles shared by the parses of a run --===//
#pragma once

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringRef.h"

#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace clang {
class CompilerInvocation;
class DiagnosticConsumer;
class FileManager;
class FrontendAction;
class PCHContainerOperations;
class PreambleBounds;
namespace tooling {
class FrontendActionFactory;
}
} // namespace clang
namespace llvm {
class MemoryBuffer;
}

namespace pitfix {

/// What the preambles of a run did.
struct PreambleCounts {
  unsigned Built = 0;  ///< Preambles compiled.
  unsigned Reused = 0; ///< Parses that loaded a preamble compiled before.
  unsigned Failed = 0; ///< Preambles that did not compile (parsed without).
  unsigned Stale = 0;  ///< Preambles found out of date (a file changed).
};

/// Precompiled preambles, as clangd keeps one per open file: the leading
/// block of a main file's #include lines (or the prefix that a Bound
/// chooses) is compiled once into a PCH held in memory (Clang's
/// PrecompiledPreamble), and later parses whose main file starts with the
/// same bytes load it instead of parsing those headers again.
///
/// A preamble is reused only when all of these hold, and compiled again
/// otherwise:
/// - the compiler (this binary's Clang), the compile command (its cc1
///   arguments, the main file's name aside) and the working directory are
///   the same;
/// - the main file starts with the same bytes, up to the preamble's end;
/// - every file the preamble read has the same text now (compared by hash
///   of what the parse's file system returns, so an in-memory rewrite of a
///   header counts as a change), and no file it looked for and missed
///   exists now.
/// A preamble whose headers do not compile is not kept: that parse runs
/// without one, and reports the errors as it would.
///
/// Thread-safe: parallel parses share the cache; a preamble being compiled
/// by one is waited for by the others that need the same.
class PreambleCache {
public:
  /// The size of the prefix of a main file's text to precompile (0: none).
  using BoundFn = std::function<unsigned(llvm::StringRef MainText)>;

  /// Keeps at most \p MaxEntries preambles (the least recently used goes).
  /// Without \p Bound, a preamble is the main file's leading block of
  /// preprocessor directives and comments (clang::ComputePreambleBounds).
  explicit PreambleCache(unsigned MaxEntries = 2, BoundFn Bound = nullptr);
  ~PreambleCache();
  PreambleCache(const PreambleCache &) = delete;
  PreambleCache &operator=(const PreambleCache &) = delete;

  /// Runs an action of \p Factory on \p Invocation as
  /// tooling::FrontendActionFactory::runInvocation does, with a preamble
  /// when the main file has one: \p Files' file system is the one the
  /// preamble's files are read (and checked) through.
  bool run(std::shared_ptr<clang::CompilerInvocation> Invocation,
           clang::FileManager *Files,
           std::shared_ptr<clang::PCHContainerOperations> PCHOps,
           clang::DiagnosticConsumer *Diags,
           clang::tooling::FrontendActionFactory &Factory);

  PreambleCounts stats() const;

private:
  struct Entry;
  std::shared_ptr<const Entry>
  acquire(const clang::CompilerInvocation &CI, llvm::StringRef Key,
          const llvm::MemoryBuffer &Main, const clang::PreambleBounds &Bounds,
          clang::FileManager &Files,
          std::shared_ptr<clang::PCHContainerOperations> PCHOps);

  const unsigned MaxEntries;
  const BoundFn Bound;
  mutable std::mutex Mutex;
  std::condition_variable Built;
  /// Most recently used first.
  std::list<std::shared_ptr<const Entry>> Entries;
  /// Key and preamble bytes of the preambles being compiled.
  std::set<std::string> Building;
  PreambleCounts Stats;
};

} // namespace pitfix
