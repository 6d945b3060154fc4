//===- LockAcquisitions.h - taking and releasing a mutex, in one place
//-----===//
//
// The questions that the relock rule asks about locks: which expressions
// block until a mutex is held, which ones release it, where critical
// sections begin, and which mutexes may be taken twice by one thread. They
// are answered from the LockModel (through Locks, ManualLocks and
// CriticalSections, which ask it): a thin layer that names the relock
// rule's questions, with no lock vocabulary of its own.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/CriticalSections.h"
#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// One expression that waits until it holds a mutex.
struct Acquisition {
  const clang::Expr *Site = nullptr; ///< The guard construction or lock call.
  std::vector<const clang::Expr *> Mutexes; ///< The mutexes as written.
  bool Shared = false;                      ///< A reader lock.
  bool CFunction = false;                   ///< pthread_mutex_lock and friends.
};

/// Describes \p E when it blocks until it holds a mutex: a guard that locks
/// in its constructor (not deferred, adopted or tried), `m.lock()`,
/// `m.lock_shared()`, or a vocabulary lock function. Try-locks are not
/// acquisitions: a held mutex makes them fail, not wait.
std::optional<Acquisition> blockingAcquisition(const clang::Expr *E,
                                               const Vocabulary &V);

/// True when \p E releases the mutex with key \p MutexKey: its unlock, or
/// an unlock through the guard variable \p Guard (which may be null).
bool releasesMutex(const clang::Expr *E, llvm::StringRef MutexKey,
                   const clang::VarDecl *Guard, const Vocabulary &V);

/// Every critical section that begins in \p B, in order.
std::vector<CriticalSection> sectionsIn(const clang::CompoundStmt *B,
                                        const Vocabulary &V);

/// True when the mutex \p M may be locked again by the thread that holds
/// it: a class of `recursiveMutexClasses` or named like one
/// ("Recursive", "Reentrant"), a C mutex that is not plainly initialised
/// with PTHREAD_MUTEX_INITIALIZER (its attributes may make it recursive) or
/// is initialised again with a PTHREAD_MUTEX_RECURSIVE attribute, or a
/// project mutex class whose methods set that attribute.
bool mayRelock(const clang::Expr *M, const Vocabulary &V,
               clang::ASTContext &Ctx);

/// The key of the mutex \p M within one function (see mutexKey()).
std::string lockKey(const clang::Expr *M);

} // namespace pitfix
