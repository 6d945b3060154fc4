//===- WorkOutputs.h - what spawned work writes, who reads it early -------===//
//
// A spawner that reads what its work writes before it waits for the work
// relies on the work being done. These helpers name what the work writes
// and find the spawner's first read of it in a stretch of its code.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/Spawns.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

namespace pitfix {

using DeclSet = llvm::SmallPtrSet<const clang::ValueDecl *, 8>;

/// The variables and fields that the work of \p S writes (its own locals
/// left out), following calls into functions of the translation unit. When
/// the work's body is not visible: what the spawn hands it by reference or
/// by pointer (`std::ref(x)`, `&x`). Nullopt when neither says anything.
std::optional<DeclSet> writtenByWork(const SpawnInfo &S, clang::ASTContext &Ctx,
                                     const Vocabulary &V);

/// The first expression of \p Scope that begins after \p From and before
/// \p To (the end of Scope when invalid) and reads one of \p Decls: a value
/// used, a const member called, a modifying call whose result is used, or a
/// call into a function of the translation unit that reads it. Writes (an
/// assignment, a modifying call whose result is dropped: a stop signal) do
/// not count, nor code inside lambdas (it runs elsewhere or later).
const clang::Expr *firstReadOf(const DeclSet &Decls, clang::SourceLocation From,
                               clang::SourceLocation To,
                               const clang::Stmt *Scope, clang::ASTContext &Ctx,
                               const Vocabulary &V);

/// When the work of \p S serves connections (its body, following calls into
/// the translation unit a few levels deep, accepts them: the vocabulary's
/// `connectionAcceptFunctions`, or a `listen` call), the first call of
/// \p Scope between \p From and \p To (see firstReadOf; here also inside
/// work spawned there) that blocks (a client's request: connect, send,
/// recv) and whose result is used: it relies on the server being up by
/// then. Nullptr otherwise.
const clang::Expr *firstServerUse(const SpawnInfo &S,
                                  clang::SourceLocation From,
                                  clang::SourceLocation To,
                                  const clang::Stmt *Scope,
                                  clang::ASTContext &Ctx, const Vocabulary &V);

/// True when \p C calls a function of the translation unit whose body waits
/// (joins a thread, waits on a future or a condition variable): `stop()`
/// that joins the worker.
bool callWaitsInside(const clang::CallExpr *C, clang::ASTContext &Ctx);

} // namespace pitfix
