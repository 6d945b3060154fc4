//===- MayThrow.h - where an exception may leave a piece of code ----------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

#include <map>
#include <optional>
#include <string>

namespace pitfix {

/// One place from which an exception may leave the analysed code.
struct ThrowSite {
  const clang::Stmt *Where = nullptr;
  /// What may throw, for a note: "a throw expression", "'parse' is not
  /// declared noexcept", ...
  std::string Why;
  /// Where the exception itself starts when \p Where is a call of a
  /// function defined here: the throw expression or the call of a listed
  /// throwing function that the body reaches (\p Where itself otherwise).
  const clang::Stmt *Origin = nullptr;
  std::string OriginWhy;
};

/// Decides whether code may throw, from evidence only: `throw` expressions
/// (a rethrow only when its try block may throw), calls or constructions of
/// the vocabulary's `throwingFunctions` (the standard library's that throw
/// on bad input, and functions the user lists), and calls of functions whose
/// body in this translation unit (outside system headers) shows such
/// evidence, through several levels of calls. Not evidence: calls of
/// functions whose body is not visible, calls through pointers, `new` and
/// the rest of the standard library (they fail only when memory runs out or
/// on misuse), noexcept functions, builtins, C functions, implicit and
/// defaulted special members, lambdas that are only created, the
/// vocabulary's `nonThrowingFunctions` and members of `nonThrowingClasses`
/// (and of mutexes, guards, signals and counters). Code inside a `try` whose
/// handlers catch everything (`catch (...)`, or `std::exception` for calls)
/// does not count. A translation unit built without exceptions
/// (-fno-exceptions) throws nothing.
class ThrowAnalysis {
public:
  ThrowAnalysis(clang::ASTContext &Ctx, const Vocabulary &V) : Ctx(Ctx), V(V) {}

  /// The first place (in source order) in \p S from which an exception may
  /// leave \p S, or nullopt.
  std::optional<ThrowSite> firstThrow(const clang::Stmt *S);

  /// The same for the body of \p FD called with \p Args (a spawn's
  /// arguments): a throw that only a null parameter reaches (`if (!p)
  /// throw ...;`) is not evidence when its argument is `this` or an address.
  std::optional<ThrowSite>
  firstThrowWith(const clang::FunctionDecl *FD,
                 llvm::ArrayRef<const clang::Expr *> Args);

  /// Whether calling \p FD may throw, from its declaration, the vocabulary,
  /// or its body.
  bool mayThrow(const clang::FunctionDecl *FD, unsigned Depth = 0);

  /// Why calling \p FD may throw ("" when it may not).
  std::string whyCallThrows(const clang::FunctionDecl *FD, unsigned Depth);

private:
  friend class ThrowFinder;
  clang::ASTContext &Ctx;
  const Vocabulary &V;
  /// Functions already looked into; a function in progress counts as not
  /// throwing, so that recursion ends.
  std::map<const clang::FunctionDecl *, bool> Memo;
  /// For each function that may throw: where the exception starts.
  std::map<const clang::FunctionDecl *, ThrowSite> Origins;
  /// The origin of an exception that a call of \p FD may throw, or null.
  const ThrowSite *originOf(const clang::FunctionDecl *FD) const;
};

} // namespace pitfix
