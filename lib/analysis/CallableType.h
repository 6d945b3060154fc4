//===- CallableType.h - types whose values can be called ------------------===//
#pragma once

#include "clang/AST/Type.h"

namespace pitfix {

/// True for a function, a function or member-function pointer, a lambda, or
/// a class with an operator() of its own or of a base (std::function, a
/// functor). References are looked through.
bool isCallableType(clang::QualType T);

} // namespace pitfix
