//===- Completion.h - how a spawned body tells its waiter it is done
//-------===//
//
// A handler that catches what a spawned body throws must still make the
// body's completion signal: a waiter on a latch, a WaitGroup, a counter or
// a future that never gets its signal hangs, which is worse than the crash
// the handler replaces.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace pitfix {

/// The completion signals of one spawned body, as a try/catch around the
/// body has to treat them.
struct BodyCompletion {
  /// The statement that ends the body and signals without handing over a
  /// result (`done.count_down();`, `wg.Done();`, `pending.fetch_sub(1);`):
  /// it can stay after the handlers, and then runs on every path.
  const clang::Stmt *Trailing = nullptr;
  /// The statement that ends the body sets a `std::promise`: it stays inside
  /// the try, and the handler hands the exception to the promise instead.
  const clang::CXXMemberCallExpr *Promise = nullptr;
  /// A signal elsewhere in the body (not its last statement), or a second
  /// one: a handler cannot tell whether it was made. Nullptr when none.
  const clang::Expr *Other = nullptr;
};

/// The completion signals of \p Body (not those of lambdas inside it): the
/// vocabulary's signals (`signalMethods` of `signalClasses`), and
/// decrements of counters (`counterDecrement`); a decrement that is not the
/// last statement counts only when some code waits on the counter.
BodyCompletion bodyCompletion(const clang::CompoundStmt *Body,
                              clang::ASTContext &Ctx, const Vocabulary &V);

/// True when \p Call sets a `std::promise` (`set_value`, `set_exception`).
bool isPromiseSignal(const clang::CXXMemberCallExpr *Call);

} // namespace pitfix
