//===- Signals.h - completion signals, as the vocabulary defines them -----===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ExprCXX.h"

#include <string>

namespace pitfix {

/// The completion signal that statement \p S makes (`wg.Done();`,
/// `latch.count_down();`, `p.set_value(v);`): a call of a `signalMethods`
/// method of a `signalClasses` class, possibly under implicit nodes.
/// Nullptr when \p S is something else.
const clang::CXXMemberCallExpr *signalCall(const clang::Stmt *S,
                                           const Vocabulary &V);

/// A key that is equal for two signal calls of the same method on the same
/// object ("wg.Done" and "this->wg.Done" agree). Empty when the object is
/// not a plain variable or member path.
std::string signalKey(const clang::CXXMemberCallExpr *Call);

} // namespace pitfix
