//===- Template.h - code templates with named holes, for rewrites
//----------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

#include "analysis/FreshName.h"

#include <map>
#include <string>
#include <vector>

namespace pitfix {

/// \p Template with each "{hole}" of \p Holes replaced by its value; other
/// braces are left alone, and replaced text is not scanned again.
std::string expandTemplate(llvm::StringRef Template,
                           const std::map<std::string, std::string> &Holes);

/// The non-empty lines of \p Text, without trailing whitespace.
std::vector<std::string> templateLines(llvm::StringRef Text);

/// A value for the "{name}" hole of \p Template such that none of the
/// identifiers it produces ("{name}", "{name}_t", ...) is spelled in \p Fn:
/// the first of \p Candidates that fits, else Candidates[0] with a number.
/// With \p Reserved, the identifiers are also none that another rewrite of
/// the unit gave a declaration in \p Fn, and are recorded for \p Anchor.
std::string freshTemplateName(clang::ASTContext &Ctx,
                              const clang::FunctionDecl *Fn,
                              llvm::StringRef Template,
                              const std::vector<std::string> &Candidates,
                              NameReservations *Reserved = nullptr,
                              clang::SourceLocation Anchor = {});

} // namespace pitfix
