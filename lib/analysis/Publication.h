//===- Publication.h - plain accesses ordered by a release and an acquire -===//
//
// `payload = 42; ready.store(true, std::memory_order_release);` in one
// thread and `while (!ready.load(std::memory_order_acquire)) {} use(payload);`
// in another do not race: the acquire that observes the release orders
// everything written before the release before everything read after the
// acquire. So does a reference count whose last `fetch_sub` (acq_rel) is
// tested before the object is read or destroyed. These helpers find the
// release after a plain access and the observing acquire before one.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <vector>

namespace pitfix {

/// The atomics (variables or fields of std::atomic type) that a release
/// operation stores to after \p Ref in its function: a store, exchange,
/// read-modify-write or assignment with release, acq_rel or seq_cst order
/// (the default), or any of these after a release fence, in a statement
/// that runs after \p Ref's statement in its block or an enclosing one.
std::vector<const clang::ValueDecl *>
releasedAfter(const clang::Expr *Ref, clang::ASTContext &Ctx);

/// True when \p Ref runs only once an acquire operation (acquire, acq_rel,
/// seq_cst or consume; a plain read of a std::atomic is seq_cst) on one of
/// \p Atomics has been tested: \p Ref is inside `if (<acquire>)` or a loop
/// whose condition acquires, or follows in its block (or an enclosing one)
/// a loop that waits on the acquire or an `if` on it that leaves.
bool acquiredBefore(const clang::Expr *Ref,
                    const std::vector<const clang::ValueDecl *> &Atomics,
                    clang::ASTContext &Ctx);

/// True when the accesses \p A and \p B are ordered by a release after one
/// of them that the other observes with an acquire before it.
bool orderedByAtomics(const clang::Expr *A, const clang::Expr *B,
                      clang::ASTContext &Ctx);

} // namespace pitfix
