//===- RefCaptures.h - how spawned work reaches variables by reference ----===//
#pragma once

#include "analysis/Spawns.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

#include <string>
#include <vector>

namespace pitfix {

/// The shape in which spawned work holds a reference to a local variable.
enum class RefPathKind {
  ExplicitCapture, ///< `[&v]`
  ImplicitCapture, ///< `[&] { ... v ... }`
  InitRefCapture,  ///< `[&r = v]`
  PointerCapture,  ///< `[p = &v]`
  RefWrapperArg,   ///< `std::thread(f, std::ref(v))`, also std::cref
  AddressArg,      ///< `std::thread(f, &v)`
  /// The work is a callable object that holds a reference or pointer to v:
  /// a functor (`Worker{v}`, whose member `int &v_` is bound to v) or a
  /// `std::bind(f, std::ref(v))` result.
  ObjectMember,
};

/// One way in which the work of a spawn refers to the variable Var.
struct RefPath {
  RefPathKind Kind = RefPathKind::ExplicitCapture;
  const clang::VarDecl *Var = nullptr;
  /// The lambda capture (capture kinds only).
  const clang::LambdaCapture *Capture = nullptr;
  /// The variable an init-capture declares (`r` in `[&r = v]`).
  const clang::VarDecl *InitVar = nullptr;
  /// The spawner argument (argument kinds only): `std::ref(v)` or `&v`.
  const clang::Expr *Arg = nullptr;
  /// The position of Arg among the arguments handed to the work.
  unsigned ArgIndex = 0;
  /// Where the reference is written (the capture, or the argument).
  clang::SourceLocation Loc;
  /// What holds the reference (ObjectMember only): "an object of class
  /// 'Worker'", "a std::bind result".
  std::string Holder;
};

/// Every by-reference path from the work of \p S to a local variable with
/// automatic storage: by-reference captures of the spawned lambda (explicit,
/// implicit, `&r = v` init-captures, `p = &v` init-captures) and
/// `std::ref`/`std::cref`/`&v` arguments handed to the work, and callable
/// objects built with references to locals (a functor whose constructor
/// binds a reference or pointer member to v, an aggregate with such a
/// member, `std::bind` with `std::ref(v)` or `&v`). Variables of
/// reference type are left out: a lambda that captures a reference by
/// reference refers to the object bound to it, whose lifetime is not the
/// variable's.
std::vector<RefPath> referencePaths(const SpawnInfo &S);

/// The lambda behind the work of \p S when the work is a local variable
/// initialised with a lambda (`auto work = [&] { ... }; std::thread t(work);`)
/// that nothing but this spawn uses: its captures are the work's captures.
/// Nullptr otherwise.
const clang::LambdaExpr *namedLambda(const SpawnInfo &S,
                                     clang::ASTContext &Ctx);

/// True when a copy of an object of type \p T can be made (scalars, and
/// classes with a usable copy constructor; arrays by their elements).
bool isCopyable(clang::QualType T);

/// The first place in \p Body that changes \p V (assignment, increment,
/// a non-const member call, binding to a non-const reference, ...), or
/// nullptr. Nested lambdas count as part of the body.
const clang::Stmt *firstWrite(const clang::VarDecl *V, const clang::Stmt *Body,
                              clang::ASTContext &Ctx);

/// The first place in \p Scope, after \p After and outside it, that changes
/// \p V, or nullptr.
const clang::Stmt *writeAfter(const clang::VarDecl *V, const clang::Stmt *Scope,
                              const clang::Stmt *After, clang::ASTContext &Ctx);

/// The first reference to \p V inside \p Body, or nullptr.
const clang::DeclRefExpr *firstUse(const clang::VarDecl *V,
                                   const clang::Stmt *Body);

/// The parameter of the spawned work that receives the argument at
/// \p ArgIndex, when the work is a lambda or a named function (or member
/// function, whose object comes first); nullptr when it cannot be seen.
const clang::ParmVarDecl *receivingParameter(const SpawnInfo &S,
                                             unsigned ArgIndex);

} // namespace pitfix
