//===- LockRegion.h - where a manually locked mutex is held ---------------===//
#pragma once

#include "analysis/ManualLocks.h"
#include "analysis/Refusal.h"

#include "clang/AST/Stmt.h"

#include <string>
#include <vector>

namespace pitfix {

/// What happens to one mutex from a `m.lock();` statement to the end of the
/// block that holds the statement: where it is unlocked and locked again,
/// which exits leave the block with it held, and whether the block can end
/// with it held. A guard declared in place of the lock follows exactly these
/// paths when the analysis finds no problem.
struct LockRegion {
  std::vector<LockOp> Unlocks; ///< Unlocks of the mutex in the region.
  std::vector<LockOp> Relocks; ///< Locks of the mutex again after an unlock.
  /// return, throw, break, continue and goto statements that leave the
  /// block while the mutex may be held (a guard would release it there).
  std::vector<const clang::Stmt *> HeldExits;
  /// The first statement run with the mutex held from which an exception
  /// may leave by evidence (ThrowAnalysis), and why; null when none.
  const clang::Stmt *HeldThrow = nullptr;
  std::string HeldThrowWhy;
  /// A computed goto run while the mutex may be held: it may jump out.
  bool HasGoto = false;
  /// The block can run to its end with the mutex held.
  bool HeldAtEnd = false;
  /// Why a guard cannot follow the lock state (empty when it can), with the
  /// place that shows it.
  Refusal Problem;
};

/// Follows the mutex of \p Lock (a Lock operation that is a statement of
/// \p Block) through the rest of \p Block, in the function \p Fn. The walk
/// is structural (blocks, if, loops, return, break, continue, throw); a lock
/// call nested anywhere else, another use of the mutex (passed to a
/// function, adopted by a guard, used in a lambda), a pointer on the way to
/// the mutex that may be reassigned, a `goto` in the function, a lock state
/// that differs between loop iterations, or an unlock where the mutex may
/// not be held are problems.
LockRegion analyzeLockRegion(const LockOp &Lock, const clang::CompoundStmt *Block,
                             const clang::FunctionDecl *Fn,
                             clang::ASTContext &Ctx, const Vocabulary &V);

/// The same for a mutex held from the statement \p First of \p Block on (a
/// section a try-lock opens: the then-block of `if (m.try_lock())`, or the
/// statements after `if (!m.try_lock()) return;`).
LockRegion analyzeLockRegionFrom(const LockOp &Lock,
                                 const clang::CompoundStmt *Block,
                                 unsigned First, const clang::FunctionDecl *Fn,
                                 clang::ASTContext &Ctx, const Vocabulary &V);

} // namespace pitfix
