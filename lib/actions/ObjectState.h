//===- ObjectState.h - is an object still as a rewrite assumes it?
//---------===//
//
// A rewrite that inserts `lock.unlock()`, `t.join()` or moves a statement
// past an object assumes that the object is still in the state its
// declaration gave it: a lock still owns its mutex, a thread is still
// joinable. Any use between that declaration and the edit that may change
// the state (moving from it, release(), unlock(), join(), detach(), swap,
// assignment, a non-const reference handed to a function, a capture by a
// lambda, an alias) breaks the assumption on some path: unlocking a
// moved-from std::unique_lock throws, joining a moved-from std::thread
// throws. The analysis is path-insensitive on purpose: a use anywhere in the
// statements given counts, so every path to the edit is covered.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <string>

namespace pitfix {

/// A use of an object that may change its state.
struct StateChange {
  clang::SourceLocation Loc;
  /// What happens there, as a note says it: "'lk' is moved from here (into
  /// 'std::notify_all_at_thread_exit')", "'lk.release()' is called here".
  std::string What;
};

/// The first use of \p Obj inside \p Stmts (in order, including nested
/// statements and lambdas) that may leave it in another state than it had
/// before them. Uses that keep the state: calls of its const members
/// (`owns_lock()`, `joinable()`, `get_id()`), passing it to a const
/// reference, and condition-variable waits, which hand a lock back locked.
std::optional<StateChange>
firstStateChange(const clang::VarDecl *Obj,
                 llvm::ArrayRef<const clang::Stmt *> Stmts,
                 clang::ASTContext &Ctx);

} // namespace pitfix
