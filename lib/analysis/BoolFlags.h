//===- BoolFlags.h - paths that local bool flags make impossible ----------===//
//
// Code that must do something once often says so with a local flag:
// `t.join(); joined = true; ... if (!joined) t.join();`. A control-flow
// graph, which does not know values, has a path from the first join to the
// second; the flag makes that path impossible. BoolFlags follows the local
// `bool` variables that a function only sets to constants and tests
// (never through a pointer, a reference or a lambda), along one path, and
// says which branches the values known on that path rule out.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"

#include <utility>
#include <vector>

namespace pitfix {

class BoolFlags {
public:
  /// The values known on a path, sorted by variable.
  using Facts = std::vector<std::pair<const clang::VarDecl *, bool>>;

  BoolFlags(const clang::FunctionDecl &Fn, clang::ASTContext &Ctx);

  /// Updates \p F for the CFG statement \p S (an assignment or declaration
  /// of a followed flag; anything else leaves \p F alone).
  void step(const clang::Stmt *S, Facts &F) const;

  /// May a path with the values \p F go from \p B to its successor number
  /// \p I (0: the branch taken when the condition is true)?
  bool feasible(const clang::CFGBlock &B, unsigned I, const Facts &F) const;

  /// True when the function has no flag to follow.
  bool empty() const { return Followed.empty(); }

private:
  std::optional<bool> valueOf(const clang::Expr *E, const Facts &F) const;
  const clang::VarDecl *flagOf(const clang::Expr *E) const;

  clang::ASTContext &Ctx;
  llvm::DenseSet<const clang::VarDecl *> Followed;
};

} // namespace pitfix
