//===- LazyInit.h - check-and-create of a shared pointer
//-------------------===//
//
// `if (p == nullptr) p = new T(...);` on a pointer with static storage (a
// global, a static member, a function-local static) creates the object the
// first time it is needed. From two threads both can see null and both
// create; and even with a lock around the creation (double-checked
// locking), the check outside the lock reads the plain pointer while
// another thread writes it, which is a data race. This file recognises the
// two shapes and the references to the pointer that a rewrite must know.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

#include <optional>
#include <vector>

namespace pitfix {

/// One lazy initialisation: `if (!p) p = new T;`, or double-checked
/// `if (!p) { guard g(m); if (!p) p = new T; }`.
struct LazyInit {
  const clang::IfStmt *Outer = nullptr;
  /// The pointer (static storage, not thread_local).
  const clang::VarDecl *Ptr = nullptr;
  /// `p = new T(...)`, when the creation is that one assignment; nullptr
  /// when the branch does more (then Extra says where).
  const clang::BinaryOperator *Assign = nullptr;
  const clang::CXXNewExpr *New = nullptr;
  /// Double-checked locking: the guard declaration and the inner check.
  const clang::DeclStmt *Guard = nullptr;
  const clang::IfStmt *Inner = nullptr;
  /// The mutex of the guard (its declaration), when there is one.
  const clang::ValueDecl *Mutex = nullptr;
  /// The first statement of the branch that is not part of the creation.
  const clang::Stmt *Extra = nullptr;
};

/// The pointer that \p Cond tests for null (`!p`, `p == nullptr`,
/// `nullptr == p`, `p == NULL`, `p == 0`), when it is a variable with
/// static storage that is not thread_local and has pointer type.
const clang::VarDecl *nullTestedPointer(const clang::Expr *Cond,
                                        clang::ASTContext &Ctx);

/// Recognises \p If as a lazy initialisation: it has no else, tests a
/// static pointer for null, and its branch assigns the pointer (alone, or
/// under a guard with the same check again). Nullopt when the branch never
/// assigns the pointer.
std::optional<LazyInit> lazyInitAt(const clang::IfStmt *If,
                                   clang::ASTContext &Ctx, const Vocabulary &V);

/// Every reference (DeclRefExpr or MemberExpr) to \p D in the translation
/// unit, outside system headers.
std::vector<const clang::Expr *> referencesTo(const clang::ValueDecl *D,
                                              clang::ASTContext &Ctx);

/// True when \p E (a reference to a variable) is written: the left side of
/// an assignment, an increment, or bound to a non-const reference or its
/// address taken.
bool isWrittenAt(const clang::Expr *E, clang::ASTContext &Ctx);

} // namespace pitfix
