//===- SpawnWaits.h - how long spawned work runs, relative to its spawner -===//
#pragma once

#include "analysis/Spawns.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

namespace pitfix {

/// Where the value of a spawning expression goes.
struct SpawnUse {
  const clang::VarDecl *Handle = nullptr; ///< `std::thread t(...)`, `t = std::thread(...)`
  llvm::StringRef ImmediateCall;          ///< `std::thread(...).join()`: "join"
  bool Discarded = false;                 ///< the value is a statement of its own
};

/// Follows the value of the spawn \p S to where it ends up.
SpawnUse spawnUse(const SpawnInfo &S, clang::ASTContext &Ctx);

/// The body of the loop in which \p V lives for one iteration only (a
/// variable declared in the loop's header or body, a range-for variable, a
/// condition variable), when \p Spawn runs inside that body; nullptr when
/// \p V is not such a variable or the spawn is elsewhere.
const clang::Stmt *iterationBody(const clang::VarDecl *V,
                                 const clang::Expr *Spawn,
                                 clang::ASTContext &Ctx);

/// True when \p V is declared in the header of a classic `for` loop (the
/// loop itself changes it from one iteration to the next).
bool isForHeaderVar(const clang::VarDecl *V, clang::ASTContext &Ctx);

/// True when the work started by \p S is known to have finished before
/// \p Body (a block that contains the spawn) ends: the handle is joined or
/// waited on (`join()`, `get()`, `wait()`) later in the block, the spawn is
/// joined at once (`std::thread(...).join()`), or the handle is a
/// `std::jthread` / `std::async` future declared in the block that waits in
/// its destructor. A handle that is also detached or moved never counts.
bool waitedWithin(const SpawnInfo &S, const clang::Stmt *Body,
                  clang::ASTContext &Ctx);

/// True when nothing waits for the work of \p S: it is detached
/// (`std::thread(...).detach()`, or `t.detach()` on its handle), handed to a
/// fire-and-forget pool method, or to a spawning function that returns
/// nothing to wait on.
bool detachedWork(const SpawnInfo &S, clang::ASTContext &Ctx);

/// A wait-like call (`wait`, `get`, `join`, `acquire`, `arrive_and_wait`,
/// ...) in \p Fn's body after the spawn \p S, on an object other than the
/// spawn's own handle: the function synchronises with something, most likely
/// the detached work, before its locals die. Nullptr when there is none.
const clang::Stmt *waitAfterSpawn(const SpawnInfo &S, const clang::Stmt *FnBody,
                                  clang::ASTContext &Ctx);

/// True when the function \p Fn cannot return (nor leave by a throw) once
/// the spawn \p S has run: every path from the spawn ends in a loop without
/// exits or in a call of a `[[noreturn]]` function. Its function-scope
/// locals then outlive any work it starts.
bool neverReturnsAfter(const SpawnInfo &S, const clang::FunctionDecl *Fn,
                       clang::ASTContext &Ctx);
/// The first wait-like call (as waitAfterSpawn() counts them) in \p Scope
/// that begins after \p After (anywhere, when \p After is invalid).
const clang::Stmt *firstWaitAfter(clang::SourceLocation After,
                                  const clang::Stmt *Scope,
                                  clang::ASTContext &Ctx);

} // namespace pitfix
