//===- AstWalk.h - moving around the AST: parents, blocks, implicit nodes -===//
//
// The one home of the small climbs and strips that analyses and actions
// share: the statement that owns another, the block statement and the
// function around a node, a statement's place in its block, a loop's body,
// and an expression without the implicit nodes Clang wraps it in.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <vector>

namespace pitfix {

/// The innermost function (or lambda body, or method) that contains \p S.
const clang::FunctionDecl *enclosingFunction(const clang::Stmt *S,
                                             clang::ASTContext &Ctx);

/// The statement that node \p N is; for a local variable, its declaration
/// statement. Nullptr for other declarations and for types.
const clang::Stmt *statementOfNode(const clang::DynTypedNode &N,
                                   clang::ASTContext &Ctx);

/// The statement that contains \p S in the parent map, stepping over a
/// local variable: the initializer of `T t(init);` has the variable as its
/// parent, whose parent is the declaration statement. Nullptr at the root
/// or at a declaration (a function, a lambda's class, a default argument).
const clang::Stmt *parentStatement(const clang::Stmt *S,
                                   clang::ASTContext &Ctx);

/// The `{ ... }` block of which \p S is directly a statement, or nullptr.
const clang::CompoundStmt *parentBlock(const clang::Stmt *S,
                                       clang::ASTContext &Ctx);

/// The statement directly inside a `{ ... }` block that contains \p S (S
/// itself when it is one), and that block. Nullptr when \p S is not inside a
/// block of its function (e.g. in a default argument).
const clang::Stmt *enclosingBlockStatement(const clang::Stmt *S,
                                           clang::ASTContext &Ctx,
                                           const clang::CompoundStmt **Block =
                                               nullptr);

/// The position of \p S among the statements of \p Block, or Block->size()
/// when it is not one of them.
unsigned indexInBlock(const clang::CompoundStmt *Block, const clang::Stmt *S);

/// The body of a `for`, range-`for`, `while` or `do` loop; nullptr when
/// \p S is not a loop.
const clang::Stmt *loopBody(const clang::Stmt *S);

/// The condition of a `for`, `while` or `do` loop (null for `for (;;)`, a
/// range-`for` and anything else).
const clang::Expr *loopCondition(const clang::Stmt *S);

/// A `for`, range-`for`, `while` or `do` loop: a statement whose body runs
/// once per iteration.
bool isLoop(const clang::Stmt *S);

/// Is \p E (part of) the condition of a while, for or do loop?
bool inLoopCondition(const clang::Expr *E, clang::ASTContext &Ctx);

/// The expression \p Cond tests for null (`!p`, `p == nullptr`, `nullptr
/// == p`, `p == NULL`, `p == 0`), or nullptr.
const clang::Expr *nullTestedExpr(const clang::Expr *Cond,
                                  clang::ASTContext &Ctx);

/// \p E without parentheses, implicit casts, temporaries and cleanups.
const clang::Expr *stripImplicit(const clang::Expr *E);

/// The node that uses the value of \p E: its parent in the parent map, with
/// parentheses and implicit casts stepped over (a member access, a call, the
/// implicit variable of a range-`for`). Empty at the root.
clang::DynTypedNode valueUserNode(const clang::Expr *E, clang::ASTContext &Ctx);

/// valueUserNode() when it is a statement, else null.
const clang::Stmt *valueUser(const clang::Expr *E, clang::ASTContext &Ctx);

/// Every reference to \p D inside \p S (lambdas included), in source order.
std::vector<const clang::DeclRefExpr *> referencesTo(const clang::Decl *D,
                                                     const clang::Stmt *S);

/// What forEachStmt() walks into besides the statements as written.
struct WalkOptions {
  /// Lambdas inside (the lambda expression and its body): false for
  /// questions about what runs where the code is written.
  bool Lambdas = true;
  /// Implicit code (implicit member calls, defaulted functions).
  bool ImplicitCode = false;
  /// Template instantiations (function and class template specializations):
  /// for questions about code as it runs rather than as it is written.
  bool Instantiations = false;
  /// When set and true for a statement, neither it nor anything below it is
  /// walked (a search that knows the answer is not in there).
  llvm::function_ref<bool(const clang::Stmt *)> Skip = nullptr;
  /// The same for declarations (a system header's, a class's).
  llvm::function_ref<bool(const clang::Decl *)> SkipDecl = nullptr;
};

/// Calls \p F on \p S and on every statement and expression below it
/// (including those in the declarations it contains), in pre-order, until F
/// returns false. False when F stopped the walk. The one place where a
/// RecursiveASTVisitor is instantiated for such searches: each instantiation
/// costs seconds of compile time.
bool forEachStmt(const clang::Stmt *S,
                 llvm::function_ref<bool(const clang::Stmt *)> F,
                 WalkOptions Options = WalkOptions());

/// The same for every statement in the declaration \p D (a function, a
/// class, the whole translation unit).
bool forEachStmtIn(const clang::Decl *D,
                   llvm::function_ref<bool(const clang::Stmt *)> F,
                   WalkOptions Options = WalkOptions());

/// The same for every statement of the translation unit.
inline bool forEachStmtInUnit(clang::ASTContext &Ctx,
                              llvm::function_ref<bool(const clang::Stmt *)> F,
                              WalkOptions Options = WalkOptions()) {
  return forEachStmtIn(Ctx.getTranslationUnitDecl(), F, Options);
}

} // namespace pitfix
