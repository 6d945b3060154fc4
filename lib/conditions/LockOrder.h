//===- LockOrder.h - which mutexes a translation unit takes while holding
//--===//
//
// Two mutexes taken one after the other deadlock only when some thread takes
// them in the other order. The translation unit shows that order when code
// that holds B waits to take A (a guard, a lock() call, a lock function);
// the order also depends on the caller when both mutexes are the same
// member of two objects (`from.mu`, `to.mu`) or two mutex parameters.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <set>
#include <utility>
#include <vector>

namespace pitfix {

/// Every ordered pair (held, then taken) of mutex declarations that the
/// translation unit shows, system headers excluded: a lock that blocks
/// (not a try) taken where a critical section of its function still holds
/// the other mutex (locksHeldWhere()).
class LockOrders {
public:
  LockOrders(clang::ASTContext &Ctx, const Vocabulary &V);
  /// The orders of \p Ctx's unit, built once per unit and vocabulary: a
  /// rule asks for them per block that takes several guards.
  static const LockOrders &of(clang::ASTContext &Ctx, const Vocabulary &V);
  /// Does some section hold \p First while it takes \p Then?
  bool shows(const clang::ValueDecl *First,
             const clang::ValueDecl *Then) const {
    return Pairs.count({First, Then}) != 0;
  }
  /// A section that holds \p First and takes \p Then, for a note.
  clang::SourceLocation where(const clang::ValueDecl *First,
                              const clang::ValueDecl *Then) const;

private:
  std::set<std::pair<const clang::ValueDecl *, const clang::ValueDecl *>> Pairs;
  std::vector<
      std::pair<std::pair<const clang::ValueDecl *, const clang::ValueDecl *>,
                clang::SourceLocation>>
      Places;
};

/// Why the order of taking \p A then \p B (mutexes as written in one
/// function) can depend on the caller: "" when it cannot. Both are the same
/// member of two objects (neither of them a by-value member of `*this`,
/// which no caller passes), or both are mutex parameters.
std::string callerDependentOrder(const clang::Expr *A, const clang::Expr *B);

} // namespace pitfix
