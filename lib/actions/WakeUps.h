//===- WakeUps.h - what code does after a condition-variable wake-up
//-------===//
//
// A spurious wake-up returns from a wait with the state as it was when the
// wait began. Whether that is harmless depends on what runs next: a check
// that the state still satisfies sends the thread back to wait (or out of a
// dequeue with "nothing"); one that it does not satisfy lets the thread act
// as if notified; one that ends a worker loop stops the worker. These
// helpers answer the questions about conditions and statements that decide
// between those cases.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

namespace pitfix {

/// What a condition is worth while another one is known to hold.
enum class Truth { True, False, Unknown };

/// The value of \p X while \p C holds, as far as the spelling shows: true
/// when some `||` alternative of X consists only of `&&` terms of C; false
/// when every alternative has a term that C negates (`stop` against
/// `!stop`, `n == 0` against `n != 0`); unknown otherwise.
Truth truthUnder(const clang::Expr *X, const clang::Expr *C,
                 clang::ASTContext &Ctx);

/// An emptiness test of a container: `q.empty()`, `q.size() == 0`,
/// `!q.size()` (also through `->`).
bool isEmptinessTest(const clang::Expr *E);

/// True when one `||` alternative of \p X is an emptiness test alone: X
/// holds whenever that container is empty.
bool holdsWhenEmpty(const clang::Expr *X);

/// The statement that ends the `then` branch of an `if` without `else`
/// when it jumps (return, break, continue, throw, goto), or nullptr.
const clang::Stmt *ifJump(const clang::IfStmt *If);

/// A local declaration that only computes a value (a time stamp, a copy of
/// a parameter): it reads and writes no shared storage, calls nothing
/// unknown and synchronises nothing. Such a statement may run after a
/// wake-up before the check.
bool isPrivateDecl(const clang::Stmt *S, clang::ASTContext &Ctx,
                   const Vocabulary &V);

/// The call of \p S (an expression statement, a declaration's initialiser,
/// an `if` or loop condition, an assignment's right-hand side, through `!`
/// and comparisons) to a function defined here whose body checks before it
/// acts: after lock guards and private declarations, its first statement is
/// an `if`, a loop, a `switch` or a return (a dequeue that returns
/// "nothing" when the queue is empty, a timer check). Nullptr otherwise.
const clang::CallExpr *
checkingCall(const clang::Stmt *S, clang::ASTContext &Ctx, const Vocabulary &V);

/// A condition-variable wrapper (`CondVar::Wait`, `TimedWait`): the
/// function around \p Wait touches no shared storage but what the wait
/// itself names, mutexes and condition variables, and calls nothing
/// unknown. Its set-up may build the wait's lock from getters (defined
/// elsewhere) and assert; the raw result may go through a check that
/// aborts on an error, or come from another such wrapper. It has no
/// condition to re-check; its callers do. \p Depth bounds the wrappers
/// followed.
bool isWaitPrimitive(const clang::FunctionDecl *Fn, const clang::CallExpr *Wait,
                     clang::ASTContext &Ctx, const Vocabulary &V,
                     unsigned Depth = 0);

/// \p Cond reads nothing another thread can change: only local variables
/// and by-value parameters of the function with body \p FnBody that no
/// lambda captures by reference and whose address no code takes, constants
/// and enumerators (no call, field, global, dereference or reference). Such
/// an `if` around a wait chooses how to wait (`if (timeout == -1)`), not
/// what for.
bool readsOnlyCallLocals(const clang::Expr *Cond, const clang::Stmt *FnBody,
                         clang::ASTContext &Ctx);

/// A condition that guards \p Wait (`if (!done)` around it, `!done &&`
/// before it in one condition) is tested again by an `if` or a loop after
/// the block of the wait, in the same function: what a spurious wake-up or
/// an early return of a timed wait leaves is checked there.
bool recheckedLater(const clang::CallExpr *Wait, clang::ASTContext &Ctx);

} // namespace pitfix
