//===- TypeSpelling.h - types as a rewrite writes them
//---------------------===//
#pragma once

#include "clang/AST/ASTContext.h"

#include <string>

namespace pitfix {

/// The type \p T spelled so that it names the same type anywhere: fully
/// qualified once (never `std::std::mutex`), looking through `auto`,
/// `decltype` and elaborated sugar but keeping typedef names. "" when the
/// type has no such spelling (a local or unnamed class, a lambda).
std::string spelledType(clang::QualType T, clang::ASTContext &Ctx);

} // namespace pitfix
