//===- AtomicConversion.h - turning a plain scalar into std::atomic<T>
//-----===//
//
// `long n = 0;` becomes `std::atomic<long> n{0};` only when every use of n
// in the translation unit means the same on the atomic: increments,
// compound assignments the atomic has, plain reads where a conversion to T
// is wanted, and assignments. A read where no conversion happens (a copy
// into `auto`, a variadic argument, a template argument deduced from n)
// becomes `n.load()`. An address taken or a reference bound would change
// meaning or stop compiling, and `n = f(n)` would stay two steps; those are
// the reasons a conversion is refused.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/Refusal.h"
#include "toolkit/IncludeInsertion.h"
#include "toolkit/SourceChanges.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// What the conversion of one declaration to std::atomic<T> takes.
struct AtomicPlan {
  const clang::DeclaratorDecl *Decl = nullptr;
  /// The type as written, without `volatile` ("long", "std::size_t").
  std::string TypeText;
  /// Statements `x = x + k;` / `x = x - k;` that become `x += k;` (or
  /// `++x;`), so that the update stays one atomic step.
  std::vector<const clang::BinaryOperator *> SelfUpdates;
  /// Reads where no conversion to T happens (a variadic argument such as
  /// printf's, `auto v = x;`, a deduced template argument): they become
  /// `x.load()`, the value the plain read gave.
  std::vector<const clang::Expr *> Loads;
  /// The `#include <atomic>` line the file lacks, if it lacks one.
  std::optional<IncludeEdit> Include;
};

/// The plan for \p D (a variable or field of integer or bool type, possibly
/// volatile), or why there is none, with the place that shows it (and no
/// note: the callers word their own). Every reference in the unit is
/// checked; the declaration must be the only one, declare nothing else and
/// be in the main file.
RefusalOr<AtomicPlan> planAtomic(const clang::DeclaratorDecl *D,
                                 clang::ASTContext &Ctx);

/// Whether planAtomic()'s answer for \p D can depend on the function bodies
/// of system headers: for a member, whether objects of its class are copied
/// or moved, which a body such as std::vector's can do (the implicit copy is
/// then defined only where those bodies are parsed).
bool planDependsOnSystemBodies(const clang::DeclaratorDecl *D);

/// Adds the edits of \p P to \p F: the declaration's type (and an `=`
/// initialiser made a brace one), the self-updates, and `#include <atomic>`.
void applyAtomic(const AtomicPlan &P, SourceChanges &F, clang::ASTContext &Ctx);

} // namespace pitfix
