//===- ConditionVariables.h - waits and notifies, as the vocabulary says --===//
//
// A condition variable is a class of `conditionVariableClasses` (waited on
// with `conditionVariableWaitMethods`, woken with
// `conditionVariableNotifyMethods`) or a C condition (`pthread_cond_t`,
// through `conditionVariableWaitFunctions` and
// `conditionVariableNotifyFunctions`). A wait has a predicate when it is
// handed something callable besides the lock: `cv.wait(lk, [&] {...})`.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <vector>

namespace pitfix {

/// One wait on a condition variable.
struct CvWait {
  const clang::CallExpr *Call = nullptr;
  /// The condition variable as written: the object of the method call, or
  /// the first argument of a C wait function.
  const clang::Expr *Object = nullptr;
  /// The declaration of the condition variable (a variable or a field), when
  /// the object names one.
  const clang::ValueDecl *Decl = nullptr;
  bool CFunction = false; ///< pthread_cond_wait and friends.
  bool HasPredicate = false;
  /// A timed wait (wait_for, wait_until, pthread_cond_timedwait, ...).
  bool Timed = false;
};

/// Describes \p E when it is a wait on a condition variable of the
/// vocabulary.
std::optional<CvWait> cvWait(const clang::Expr *E, const Vocabulary &V);

/// True when \p E wakes waiters of the condition variable \p Cv
/// (`cv.notify_all()`, `pthread_cond_signal(&cv)`).
bool isNotifyOf(const clang::Expr *E, const clang::ValueDecl *Cv,
                const Vocabulary &V);

/// Every call in the translation unit, outside system headers, that wakes
/// waiters of \p Cv.
std::vector<const clang::CallExpr *>
notifiesOf(const clang::ValueDecl *Cv, clang::ASTContext &Ctx,
           const Vocabulary &V);

/// True when the class of \p Wait's method also has an overload of the same
/// name that takes one more argument (the predicate).
bool hasPredicateOverload(const CvWait &Wait);

} // namespace pitfix
