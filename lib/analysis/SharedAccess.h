//===- SharedAccess.h - how an expression touches a variable or a field ---===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace pitfix {

/// What the code around a reference does with the referenced state.
enum class AccessUse {
  Read,          ///< its value is read (or a const member is called)
  ScalarWrite,   ///< `n = e`, `++n`, `n += k` on a scalar
  ObjectWrite,   ///< a modifying member or operator on an object (`v.push_back(x)`, `m[k]`)
  AddressTaken,  ///< `&n`, or bound to a non-const reference
  Other,         ///< anything else (a non-const reference binding, a call we cannot see)
};

/// One reference to a variable or field and what it does.
struct Access {
  /// The DeclRefExpr or MemberExpr that names the state: for `a.b.c` the
  /// outermost member expression.
  const clang::Expr *Ref = nullptr;
  const clang::ValueDecl *Decl = nullptr;
  AccessUse Use = AccessUse::Read;
  /// The expression that reads or writes it (the operator, the member call,
  /// the assignment), or Ref itself for a plain read.
  const clang::Expr *User = nullptr;
  bool writes() const {
    return Use == AccessUse::ScalarWrite || Use == AccessUse::ObjectWrite;
  }
};

/// Describes the reference \p Ref (a DeclRefExpr or a MemberExpr that names
/// a variable or field), or returns false when \p Ref is only the base of a
/// longer member path (`a` in `a.b`), which is described by that path.
bool describeAccess(const clang::Expr *Ref, clang::ASTContext &Ctx,
                    const Vocabulary &V, Access &Out);

/// True when objects of type \p T may be used from several threads without a
/// lock: atomics, mutexes, the vocabulary's `threadSafeClasses`.
bool isThreadSafeType(clang::QualType T, const Vocabulary &V);

} // namespace pitfix
