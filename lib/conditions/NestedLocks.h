//===- NestedLocks.h - a lock taken while another is held -----------------===//
//
// A thread that holds one mutex and waits for another makes an edge of a
// possible deadlock cycle. These are the edges as the code shows them: an
// acquisition that blocks (a guard that locks, `m.lock()`, a lock function,
// `lk.lock()` on a deferred guard; never a try, which fails instead of
// waiting) and the mutexes that critical sections around it, in its own
// function, still hold there.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/CriticalSections.h"
#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <vector>

namespace pitfix {

/// An expression that waits until it holds its mutexes.
struct TakenLock {
  const clang::Expr *Site = nullptr; ///< The guard construction or the call.
  std::vector<const clang::Expr *> Mutexes; ///< As written.
  bool Shared = false;                      ///< A reader lock.
  bool Guard = false;     ///< A guard's construction (not a call).
  bool CFunction = false; ///< pthread_mutex_lock and friends.
  /// Taken through a guard variable (`lk.lock()`): the mutexes are written
  /// at the guard's declaration, not at the site.
  bool ThroughGuard = false;
};

/// Describes \p E when it blocks until it holds a mutex: the construction of
/// a guard that locks, a lock method of a mutex or of a guard variable
/// (`lk.lock()` on a deferred std::unique_lock), a lock function.
std::optional<TakenLock> takenLock(const clang::Expr *E, const Vocabulary &V);

/// A mutex held where another is taken.
struct HeldLock {
  const clang::Expr *Mutex = nullptr; ///< As written where it was taken.
  const clang::Stmt *Taken = nullptr; ///< The statement that took it.
  SectionKind Kind = SectionKind::Guard;
  const clang::CompoundStmt *Block = nullptr; ///< Its section's block.
  bool Shared = false;
  bool CFunction = false;
};

/// The mutexes that the critical sections around \p Site (in its function,
/// lambdas being functions of their own) hold where it runs. A section that
/// releases its mutex before \p Site, even on one branch only, does not
/// count, unless that branch then returns or throws.
std::vector<HeldLock> locksHeldWhere(const clang::Expr *Site,
                                     clang::ASTContext &Ctx,
                                     const Vocabulary &V);

} // namespace pitfix
