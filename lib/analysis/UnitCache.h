//===- UnitCache.h - results computed once per translation unit -----------===//
//
// Some analyses look at the whole translation unit (every spawn, every
// critical section, every use of a variable). Asked once per match, each
// such walk makes the matching pass quadratic in the size of the unit; they
// are built once per unit and vocabulary instead, and dropped with the
// unit's ASTContext.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>

namespace pitfix {

class Vocabulary;

/// The entry of kind \p Kind for \p Ctx and \p V (may be null), made by \p Build on first
/// use. Build runs without any lock held (it may ask for other entries);
/// when two threads race for one entry, the first stored wins.
const void *unitEntry(clang::ASTContext &Ctx, const Vocabulary *V,
                      const void *Kind,
                      llvm::function_ref<std::shared_ptr<const void>()> Build);

/// The \p T of \p Ctx's unit and vocabulary \p V, built once with
/// `T(Ctx, V)` and kept until the ASTContext is destroyed.
template <typename T>
const T &perUnit(clang::ASTContext &Ctx, const Vocabulary &V) {
  static const char Kind = 0;
  return *static_cast<const T *>(unitEntry(Ctx, &V, &Kind, [&] {
    return std::shared_ptr<const void>(std::make_shared<const T>(Ctx, V));
  }));
}

/// The \p T of \p Ctx's unit, for analyses that need no vocabulary: built
/// once with `T(Ctx)`.
template <typename T> const T &perUnit(clang::ASTContext &Ctx) {
  static const char Kind = 0;
  return *static_cast<const T *>(unitEntry(Ctx, nullptr, &Kind, [&] {
    return std::shared_ptr<const void>(std::make_shared<const T>(Ctx));
  }));
}

} // namespace pitfix
