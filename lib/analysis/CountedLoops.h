//===- CountedLoops.h - loops that count the same way ---------------------===//
//
// `for (int j = 0; j < n; ++j) threads.emplace_back(work);` followed by
// `for (int j = 0; j < n; ++j) threads[j].join();`: the second loop runs as
// often as the first, so a path that skips the joins also skipped the
// spawns. A control-flow graph does not know this; these helpers say it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

#include <functional>
#include <vector>

namespace pitfix {

/// The counter of a counted loop: `for (int i = 0; i < n; ++i)` (or
/// `i = 0` in the init, `i++`, `i += 1`, `<=`, `!=`): the variable, when
/// the loop has that shape.
const clang::VarDecl *loopCounter(const clang::ForStmt *F);

/// \p A and \p B count alike: the same start, comparison, bound (as
/// written) and step of their counters, and nothing in either writes a
/// variable the bound reads.
bool sameCount(const clang::ForStmt *A, const clang::ForStmt *B,
               clang::ASTContext &Ctx);

/// Does the body of the counted loop \p F call a method of \p Handles for
/// the element its counter selects (`handles[i].join()`, `handles[i]->join()`,
/// `pthread_join(handles[i], ...)`)? \p Accept decides about each such
/// element expression (the subscript), given the call that uses it.
bool usesEachElement(
    const clang::ForStmt *F, const clang::VarDecl *Handles,
    const std::function<bool(const clang::Expr *Element,
                             const clang::Stmt *User)> &Accept,
    clang::ASTContext &Ctx);

/// The counted loops of \p Body (nested anywhere, lambdas excluded), in
/// source order.
std::vector<const clang::ForStmt *> countedLoops(const clang::Stmt *Body);

} // namespace pitfix
