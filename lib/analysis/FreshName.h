//===- FreshName.h - names for new declarations ----------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

#include <string>
#include <vector>

namespace pitfix {

/// The innermost function (or lambda body, or method) that contains \p S.
const clang::FunctionDecl *enclosingFunction(const clang::Stmt *S,
                                             clang::ASTContext &Ctx);

/// A name from \p Candidates (then Candidates[0] with a number appended) that
/// no token of \p Fn's text spells and no member of its class declares: a
/// new local with that name shadows nothing that the function uses.
std::string freshName(const clang::FunctionDecl *Fn, clang::ASTContext &Ctx,
                      const std::vector<std::string> &Candidates);

} // namespace pitfix
