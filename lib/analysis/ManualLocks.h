//===- ManualLocks.h - mutexes locked and unlocked by hand ----------------===//
#pragma once

#include "analysis/LockModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// One call that takes or releases a mutex by hand: `m.lock()`,
/// `p->unlock_shared()`, `m.try_lock()`, `pthread_mutex_lock(&m)`.
struct LockOp {
  const clang::CallExpr *Call = nullptr;
  /// The mutex as written: the object of a method call (possibly a pointer
  /// to the mutex) or the argument of a C lock function.
  const clang::Expr *Mutex = nullptr;
  LockOpKind Kind = LockOpKind::Lock;
  bool Shared = false;    ///< lock_shared()/unlock_shared(), reader locks.
  bool CFunction = false; ///< pthread_mutex_lock and friends.
  std::string Key;        ///< mutexKey() of Mutex; empty when unknown.
};

/// Describes \p E when it is a manual lock call of the LockModel: a lock,
/// unlock or try method on a mutex that is not a guard, or a C lock
/// function.
std::optional<LockOp> lockOp(const clang::Expr *E, const Vocabulary &V);

/// Every manual lock call inside \p S, lambda bodies included, in source
/// order.
std::vector<LockOp> lockOpsIn(const clang::Stmt *S, const Vocabulary &V);

/// The statement that \p E is (through cleanups, parentheses and casts to
/// void), when \p S is an expression statement; otherwise nullptr.
const clang::Expr *statementExpr(const clang::Stmt *S);

/// The first `lock` statement (same mutex key, same C-or-method flavour,
/// kind Lock) that is a direct statement of a block enclosing \p Op in its
/// function and comes before it: the lock that opens the critical section
/// \p Op belongs to. Nullptr when \p Op opens its own section.
const clang::CallExpr *openingLock(const LockOp &Op, clang::ASTContext &Ctx,
                                   const Vocabulary &V);

/// When \p Cond (an if or loop condition) is true exactly when a try-lock
/// in it succeeded (`m.try_lock()`, `pthread_mutex_trylock(&m) == 0`,
/// `!mtx_trylock(&m)`), that try; \p Negated is set when the condition is
/// true when it failed instead (`!m.try_lock()`, `trylock(&m) != 0`).
std::optional<LockOp> tryLockTested(const clang::Expr *Cond,
                                    const Vocabulary &V, bool &Negated);

} // namespace pitfix
