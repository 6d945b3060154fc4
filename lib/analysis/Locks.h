//===- Locks.h - guards and mutexes, as the vocabulary defines them -------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// The class declaration behind \p T (through typedefs, references and
/// template specializations), or nullptr.
const clang::CXXRecordDecl *recordOf(clang::QualType T);

/// A mutex (LockModel::isMutexClass): a class in `mutexClasses`, or any
/// class with a lock and an unlock method of the vocabulary. Pointers to mutexes count when \p AllowPointer.
bool isMutexType(clang::QualType T, const Vocabulary &V,
                 bool AllowPointer = false);

/// A lock guard class: in `guardClasses`, or named like `guardClassPatterns`
/// (project wrappers such as ScopedLock).
bool isGuardClass(const clang::CXXRecordDecl *RD, const Vocabulary &V);

/// How a guard's constructor treats the mutex.
enum class LockMode { Locks, Defers, Adopts, Tries };

/// What one guard construction acquires.
struct GuardInfo {
  /// The guard's construction; null for a lock holder a call returns
  /// (`auto v = state.lock();`), whose Mutexes is the call's object.
  const clang::CXXConstructExpr *Construct = nullptr;
  const clang::CXXRecordDecl *Class = nullptr;
  std::vector<const clang::Expr *> Mutexes; ///< Arguments that are mutexes.
  LockMode Mode = LockMode::Locks;
  bool Shared = false; ///< A reader lock (std::shared_lock, ...).
};

/// Describes \p E (a construction of a guard class, possibly wrapped in
/// casts and temporaries) or returns nullopt when it is not a guard that
/// takes a mutex.
std::optional<GuardInfo> guardInfo(const clang::Expr *E, const Vocabulary &V);

/// A key that identifies the mutex \p E denotes within one function:
/// the declaration it names plus the spelled path to it ("this->mu_" and
/// "mu_" agree; "a.mu" and "b.mu" do not). Empty when unknown.
std::string mutexKey(const clang::Expr *E);

/// The declaration that \p E ultimately names (a variable or a field).
const clang::ValueDecl *mutexDecl(const clang::Expr *E);

} // namespace pitfix
