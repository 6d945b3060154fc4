//===- ClassLocking.h - which members a class's own mutexes guard ---------===//
//
// A class that declares a mutex member and locks it says that its objects
// are shared between threads. This analysis reads the methods of such a
// class that this translation unit defines: every access of a data member
// through `this` (outside lambdas), whether it writes, and which of the
// class's mutexes are held there (in the method, or by every caller of a
// private helper, or by the method's contract: a REQUIRES annotation, an
// AssertHeld() call, a `*Locked` name, a lock parameter). A member written
// with a mutex held is guarded by that mutex. The condition
// `inconsistently-locked` reports the public methods that touch guarded
// members without their mutex.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/MapVector.h"

#include <string>
#include <vector>

namespace pitfix {

/// One access of a data member through `this`.
struct MemberAccess {
  const clang::MemberExpr *Ref = nullptr;
  const clang::FieldDecl *Field = nullptr;
  bool Write = false;
  /// The class's mutexes held here by the method itself.
  std::vector<const clang::FieldDecl *> Held;
  /// Some lock is held here (any mutex, the class's or not).
  bool AnyLock = false;
  /// A lock is held whose mutex is not a named variable (`Mutex()`, `*p`):
  /// it may be one of the class's.
  bool UnknownLock = false;
  /// The member path as written from the field: `opts_` or `opts_.size`.
  std::string Path;
};

/// How a method is entered, as far as the class's mutexes go.
enum class MethodEntry {
  Public,      ///< anyone may call it, with no lock held
  CallerHolds, ///< its callers hold the mutexes of HeldOnEntry
  Exempt,      ///< constructor, destructor, assignment, or no visible caller
};

/// The accesses of one method definition.
struct MethodLocking {
  const clang::CXXMethodDecl *Method = nullptr; ///< The definition.
  MethodEntry Entry = MethodEntry::Public;
  std::vector<const clang::FieldDecl *> HeldOnEntry;
  std::vector<MemberAccess> Accesses; ///< In source order.
  /// The first spawn of the method's own body (not in a lambda), or null:
  /// what comes before it runs before the work it starts.
  const clang::Expr *FirstSpawn = nullptr;
  /// Named to stop the object (`Stop`, `Shutdown`, `CleanUp`, ...): it runs
  /// when the object's threads end or have ended. Its locked writes are
  /// evidence of a guard; its own unguarded accesses are not reported.
  bool Teardown = false;
};

/// A write of a member with one of the class's mutexes held.
struct GuardedWrite {
  const clang::FieldDecl *Mutex = nullptr;
  std::string Path; ///< As MemberAccess::Path.
  const clang::MemberExpr *Ref = nullptr;
  const clang::CXXMethodDecl *Method = nullptr;
};

/// How the class itself takes one of its mutexes with a guard.
struct GuardSpelling {
  std::string Type; ///< `std::lock_guard<std::mutex>`, `MutexLock`, ...
  std::string Arg;  ///< `mu_`, `&mu_`
  bool Shared = false;
  /// The guard takes a const mutex (`Guard(const Mutex &)`): a const
  /// method can use it on a mutex that is not mutable.
  bool TakesConst = false;
};

struct ClassLocking {
  const clang::CXXRecordDecl *Class = nullptr;
  std::vector<const clang::FieldDecl *> Mutexes;
  /// The class also has a lock pitfix cannot follow (a reader-writer lock
  /// with ReadLock/WriteLock, a C mutex): what it guards is not known.
  bool OtherLocks = false;
  std::vector<MethodLocking> Methods;
  /// For each guarded member, the first write under each mutex, in the
  /// order they were found.
  llvm::MapVector<const clang::FieldDecl *, std::vector<GuardedWrite>> Guarded;
  /// For each mutex, the guards that the class's methods declare on it.
  llvm::MapVector<const clang::FieldDecl *, std::vector<GuardSpelling>>
      Spellings;

  const MethodLocking *method(const clang::FunctionDecl *Def) const;
  /// The writes of \p F with a mutex held (empty when it is not guarded).
  const std::vector<GuardedWrite> *guardedWrites(const clang::FieldDecl *F) const;
};

/// A class with a field that synchronises itself (an atomic, a record of
/// atomics): a lock-free structure whose methods order themselves, such as
/// a single-producer single-consumer queue whose producers a mutex
/// serialises while its one consumer reads without it.
bool hasSelfSynchronisingField(clang::QualType T, const Vocabulary &V);

/// The analysis of \p RD (a class with a mutex member; null otherwise),
/// computed once per translation unit.
const ClassLocking *classLocking(const clang::CXXRecordDecl *RD,
                                 clang::ASTContext &Ctx, const Vocabulary &V);

/// Do the member paths \p A and \p B overlap (one is a prefix of the
/// other: `opts_` and `opts_.size`, not `opts_.size` and `opts_.name`)?
bool pathsOverlap(llvm::StringRef A, llvm::StringRef B);

/// A member whose type takes care of its own synchronisation, or is a
/// synchronisation object: an atomic, a mutex, a condition variable, a
/// thread, a latch or promise, a class with a mutex member of its own (or a
/// pointer to any of these); and const members, which nobody writes.
bool synchronisesItself(const clang::FieldDecl *F, const Vocabulary &V);

} // namespace pitfix
