//===- EndlessLoops.h - spawned loops that nothing can end ----------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

namespace pitfix {

/// Is \p S a loop written to run forever: `while (true)`, `for (;;)`,
/// `do ... while (1)`, or a condition that is a constant true?
bool isForeverLoop(const clang::Stmt *S, clang::ASTContext &Ctx);

/// The first statement of \p Body (at its top level) that is a loop written
/// to run forever (`while (true)`, `for (;;)`, `do ... while (1)`) with no
/// way out: no `break` of its own, `return`, `throw`, `goto`, `co_return`,
/// call of a `[[noreturn]]` function or of the vocabulary's `stopChecks`,
/// no call that may throw (as MayThrow decides), and no call of an event
/// loop of `outsideStoppedLoops` (those stop from another thread). Nested
/// lambdas do not count. Nullptr when there is none.
const clang::Stmt *endlessLoop(const clang::CompoundStmt *Body,
                               clang::ASTContext &Ctx, const Vocabulary &V);

/// The first wait on a condition variable inside \p S that does not take a
/// std::stop_token (a stop request does not wake it), or nullptr.
const clang::Expr *waitWithoutToken(const clang::Stmt *S);

/// Is the thread in \p Handle cancelled by its spawning function \p Fn
/// (`pthread_cancel(t.native_handle())`, `pthread_cancel(tid)`) while
/// \p Loop blocks in a call (a cancellation point: a sleep, a read, a
/// wait)? Then the loop ends there although nothing inside it stops it.
bool cancelledFromOutside(const clang::Stmt *Loop, const clang::VarDecl *Handle,
                          const clang::FunctionDecl *Fn, clang::ASTContext &Ctx,
                          const Vocabulary &V);

} // namespace pitfix
