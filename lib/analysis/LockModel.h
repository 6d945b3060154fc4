//===- LockModel.h - what acquires, releases, tries or holds a mutex ------===//
//
// The one place every rule and analysis asks about locking. Everything it
// knows comes from the vocabulary (rules/vocabulary.yaml, extended by a
// user's .pitfix.yaml or --rules-dir):
//
//   mutexLockMethods / mutexUnlockMethods              m.lock()  m.Unlock()
//   mutexSharedLockMethods / mutexSharedUnlockMethods  m.ReaderLock()
//   mutexTryLockMethods                                m.try_lock() (true:
//   held) lockFunctions / unlockFunctions / tryLockFunctions
//   pthread_mutex_lock(&m) sharedLockFunctions pthread_rwlock_rdlock
//   mutexClasses, and any class with a lock and an unlock method above
//   guardClasses / guardClassPatterns / sharedGuardClasses
//
// Higher-level questions (the lock calls of a statement, the guard a
// declaration constructs, the critical sections of a block) are answered in
// ManualLocks.h, Locks.h and CriticalSections.h on top of this model.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"

#include <optional>

namespace pitfix {

/// What a manual lock call does to its mutex.
enum class LockOpKind { Lock, Unlock, TryLock };

/// The effect of one lock method or function on its mutex.
struct LockCallKind {
  LockOpKind Kind = LockOpKind::Lock;
  bool Shared = false; ///< A reader lock (lock_shared, ReaderLock, rdlock).
};

/// The vocabulary's model of locking; cheap to make (a few list lookups),
/// so callers make one where they need it: `LockModel L(C.vocab());`.
class LockModel {
public:
  explicit LockModel(const Vocabulary &V);

  /// What calling the mutex method \p MD does, by its name (nullopt when it
  /// neither locks, unlocks nor tries). The object is not checked here.
  std::optional<LockCallKind> methodKind(const clang::CXXMethodDecl *MD) const;
  /// What calling the C lock function \p FD on its first argument does.
  std::optional<LockCallKind> functionKind(const clang::FunctionDecl *FD) const;
  /// A trying C function reports success by returning 0 (`== 0`,
  /// `== thrd_success`, `!f(&m)`); a trying method by returning true.
  static bool trySucceedsOnZero(const clang::CallExpr *Call);

  /// A mutex class: listed in `mutexClasses`, or with a lock and an unlock
  /// method of the vocabulary (declared in it or a base).
  bool isMutexClass(const clang::CXXRecordDecl *RD) const;
  /// A guard class: in `guardClasses` or named like `guardClassPatterns`
  /// (specializations are looked up by their template), or a project's
  /// RAII guard that no list names (isRaiiGuard).
  bool isGuardClass(const clang::CXXRecordDecl *RD) const;
  /// A class whose constructor takes an object by reference or pointer and
  /// locks a mutex (a lock or try-lock of the vocabulary), and whose
  /// destructor unlocks one: btop's `thread_lock lck(mtx);`.
  bool isRaiiGuard(const clang::CXXRecordDecl *RD) const;
  /// A class that holds a lock through a guard member its constructor
  /// builds from a mutex it is given (dnsdist's `LockGuardedHolder`,
  /// folly's `LockedPtr`): what `auto v = state.lock();` returns. Sets
  /// \p Tries when that guard only tries, \p Shared when it is a reader's.
  bool isLockHolder(const clang::CXXRecordDecl *RD, bool *Tries = nullptr,
                    bool *Shared = nullptr) const;
  /// A guard listed by name (not only matching a pattern).
  bool isListedGuard(const clang::CXXRecordDecl *RD) const;
  /// A guard that takes its mutex shared.
  bool isSharedGuard(const clang::CXXRecordDecl *RD) const;

  const Vocabulary &vocab() const { return V; }

private:
  bool callsLockOp(const clang::Stmt *S, LockOpKind Kind) const;
  bool hasMethodIn(const clang::CXXRecordDecl *RD, const NameList &L) const;

  const Vocabulary &V;
  const NameList &Lock, &Unlock, &SharedLock, &SharedUnlock, &TryLock;
  const NameList &LockFns, &UnlockFns, &TryLockFns, &SharedFns;
  const NameList &Mutexes, &Guards, &GuardPatterns, &SharedGuards;
};

} // namespace pitfix
