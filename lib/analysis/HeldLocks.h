//===- HeldLocks.h - which mutexes are held where: one narrow interface ---===//
//
// The sharing rules ask two questions of the lock analyses: "is any mutex
// held while this statement runs, and which?" and "is this variable touched
// under that mutex anywhere?". They ask them only here, so that the answers
// can come from a different lock model without touching the rules.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

#include <vector>

namespace pitfix {

/// The locks held while one statement runs, in its own function.
struct HeldLocks {
  /// The mutex declarations held (innermost first); a mutex whose
  /// declaration cannot be named is left out but still counts in Any.
  std::vector<const clang::ValueDecl *> Mutexes;
  /// Some lock is held (a guard or a manual lock of any kind).
  bool Any = false;
};

/// The locks held while \p S runs: every critical section of its function
/// (lambda bodies are functions of their own) that contains it.
HeldLocks locksHeldAt(const clang::Stmt *S, clang::ASTContext &Ctx,
                      const Vocabulary &V);

/// True when \p D is used somewhere in the translation unit inside a
/// critical section on \p Mutex (calls into the unit followed); \p Where is
/// set to the first such use.
bool usedUnder(const clang::ValueDecl *D, const clang::ValueDecl *Mutex,
               clang::ASTContext &Ctx, const Vocabulary &V,
               clang::SourceLocation *Where = nullptr);

} // namespace pitfix
