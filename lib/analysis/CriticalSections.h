//===- CriticalSections.h - where a mutex is held -------------------------===//
//
// A critical section is a run of statements of one block: from a guard
// declaration (`std::lock_guard lock(m);`, any guard of the vocabulary) to
// the end of the block or to the guard's own `unlock()`, or from `m.lock()`
// (or a vocabulary lock function) to the matching `m.unlock()` in the same
// block, or the statements that a successful try-lock guards
// (`if (m.try_lock()) { ... }`, `if (pthread_mutex_trylock(&m) != 0)
// return; ...`). Sections that end in a nested branch are taken to last to the
// end of the block: what follows an acquisition is treated as held.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <vector>

namespace pitfix {

/// How a critical section begins.
enum class SectionKind {
  Guard,      ///< a guard variable declared in the block
  ManualLock, ///< `m.lock()` / `pthread_mutex_lock(&m)` as a statement
  TryLock,    ///< the statements a successful try-lock guards
};

/// One critical section of a block.
struct CriticalSection {
  const clang::CompoundStmt *Block = nullptr;
  SectionKind Kind = SectionKind::Guard;
  /// Index of the statement that takes the lock (for a section inside
  /// `if (m.try_lock()) { ... }`, 0: the lock is taken before the block).
  unsigned Acquire = 0;
  /// Index of the first statement that runs with the lock held.
  unsigned First = 0;
  /// The `if` whose condition tries the lock, for a section that is its
  /// then-block.
  const clang::IfStmt *TryIf = nullptr;
  /// Index of the statement that releases it (`lock.unlock();`,
  /// `m.unlock();`), or the block's size when the lock is held to its end.
  unsigned End = 0;
  /// The guard variable (Kind == Guard).
  const clang::VarDecl *Guard = nullptr;
  /// The guard has unlock(), so a release can be inserted (unique_lock).
  bool GuardCanUnlock = false;
  /// The mutexes held, as written at the acquisition.
  std::vector<const clang::Expr *> Mutexes;

  bool releasedExplicitly() const;
  const clang::Stmt *stmt(unsigned I) const;
  bool sameAs(const CriticalSection &O) const {
    return Block == O.Block && Acquire == O.Acquire;
  }
};

/// The critical section that statement \p I of \p B begins, if any (for
/// `if (m.try_lock()) { ... }`, the section is the then-block).
std::optional<CriticalSection> sectionStartingAt(const clang::CompoundStmt *B,
                                                 unsigned I,
                                                 const Vocabulary &V);

/// The innermost critical section of its function that holds the lock while
/// \p S runs. Lambda bodies are not part of their enclosing function here.
std::optional<CriticalSection> innermostSection(const clang::Stmt *S,
                                                clang::ASTContext &Ctx,
                                                const Vocabulary &V);

/// Calls \p F on every critical section of the translation unit (outside
/// system headers) that holds one of \p Mutexes (by declaration; all: {}).
void forEachSectionOn(
    const std::vector<const clang::ValueDecl *> &Mutexes,
    clang::ASTContext &Ctx, const Vocabulary &V,
    llvm::function_ref<void(const CriticalSection &)> F);

/// Every variable and field used, anywhere in the translation unit, inside a
/// critical section on one of \p Mutexes (compared by declaration), in a
/// statement other than \p Skip, with the first such use. Calls to
/// functions of the translation unit count as uses of what they touch.
llvm::MapVector<const clang::ValueDecl *, clang::SourceLocation>
guardedState(const std::vector<const clang::ValueDecl *> &Mutexes,
             const clang::Stmt *Skip, clang::ASTContext &Ctx,
             const Vocabulary &V);

} // namespace pitfix
