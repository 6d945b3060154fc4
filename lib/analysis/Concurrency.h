//===- Concurrency.h - which code of a translation unit runs concurrently -===//
//
// Spawned work runs beside other code: other instances of itself (spawned in
// a loop, or the same body spawned more than once), other work spawned by
// the same function, and the spawning function itself from the spawn to the
// first wait after it. This analysis finds every spawn of the unit, the
// functions its work runs (the body and what it calls with no lock held),
// and the state that work shares with other threads; the sharing rules ask
// it whether another thread can touch a variable while the work does.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/SharedAccess.h"
#include "analysis/SpawnedBody.h"
#include "analysis/Spawns.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// A function that runs as part of spawned work.
struct ReachedFunction {
  const clang::FunctionDecl *Function = nullptr;
  /// `this` in the function is the object shared with the spawner (a
  /// lambda capturing `this`, a member function spawned on `this`, or a
  /// method called on such an object).
  bool SharedThis = false;
};

/// One spawn of the unit whose work pitfix can see.
struct ConcurrentWork {
  SpawnInfo Spawn;
  SpawnedBody Body;
  /// The function that contains the spawn (a lambda's call operator when the
  /// spawn is inside one).
  const clang::FunctionDecl *Spawner = nullptr;
  /// Instances of the work can run at the same time: the spawn is in a loop
  /// that does not wait for each one, or the body is spawned more than once.
  bool Repeated = false;
  /// The loop or the other spawn that shows it.
  clang::SourceLocation RepeatLoc;
  bool RepeatIsLoop = false;
  /// The stretch of the spawner that runs beside the work: from the end of
  /// the spawn to the first wait after it (WindowEnd invalid: to the end of
  /// the spawner).
  clang::SourceLocation WindowBegin, WindowEnd;
  /// The body's function first, then the functions of the unit it calls
  /// with no lock held, however deep.
  std::vector<ReachedFunction> Functions;
};

/// An access of spawned work to state other threads can reach.
struct SharedUse {
  Access A;
  const ConcurrentWork *Work = nullptr;
  /// Every instance of the work touches the same object (false for a
  /// variable that each loop iteration declares anew, or a field of an
  /// object that is not the spawner's `this`).
  bool SameForEveryInstance = true;
};

/// Evidence that another thread can touch some state while work runs.
struct Overlap {
  enum Kind { OtherInstance, Spawner, OtherWork, Elsewhere } How = OtherInstance;
  clang::SourceLocation Loc; ///< The other access, loop or spawn.
  bool OtherWrites = false;  ///< The other side writes the state.
  std::string Why;           ///< For messages: "the work is spawned in a loop".
};

/// The concurrent structure of one translation unit (the top-level
/// declarations pitfix visits).
class Concurrency {
public:
  Concurrency(clang::ASTContext &Ctx, const Vocabulary &V);

  /// The structure of \p Ctx's unit, built once per unit and vocabulary and
  /// kept until the ASTContext is destroyed: the actions that ask for it per
  /// match would otherwise walk the whole unit once per spawn (quadratic in
  /// the number of spawns).
  static const Concurrency &of(clang::ASTContext &Ctx, const Vocabulary &V);

  const std::vector<ConcurrentWork> &works() const { return Works; }

  /// The work whose spawn is \p SpawnCall, or nullptr.
  const ConcurrentWork *workOf(const clang::Expr *SpawnCall) const;

  /// The accesses that \p W's code makes, with no lock held, to variables
  /// and fields that are not private to one call of the work: globals and
  /// statics (not thread_local), locals of the spawner captured by
  /// reference, and fields of a shared `this` or of a shared object.
  std::vector<SharedUse> sharedUses(const ConcurrentWork &W) const;

  /// Every access to \p D by the code of any work (locked or not).
  std::vector<SharedUse> allUses(const clang::ValueDecl *D) const;

  /// Why another thread can touch \p U's state while \p U runs: another
  /// instance of the same work, the spawner between spawn and wait, or other
  /// work of the same spawner that runs at the same time. Nullopt when
  /// nothing in the unit shows it.
  std::optional<Overlap> overlap(const SharedUse &U) const;

  /// True when \p F runs as part of some work.
  bool inWork(const clang::FunctionDecl *F) const;

  /// Accesses to \p D outside the code of any work and outside the quiet
  /// stretches of spawners (before the first spawn, after the last wait).
  std::vector<Access> outsideUses(const clang::ValueDecl *D) const;

  /// True when \p Loc of the spawner of \p W lies between the spawn and the
  /// first wait after it.
  bool inWindow(const ConcurrentWork &W, clang::SourceLocation Loc) const;

  /// True when the unit spawns no work at all.
  bool empty() const { return Works.empty(); }

private:
  /// The accesses of \p W's code, computed once per work: the rules ask for
  /// them once per shared variable.
  const std::vector<SharedUse> &allUsesOf(const ConcurrentWork &W) const;
  void reach(ConcurrentWork &W, const clang::FunctionDecl *F, bool SharedThis,
             int Depth);
  std::vector<Access> accessesIn(const clang::Stmt *S,
                                 bool SkipLambdas = false) const;
  clang::SourceLocation syncAfter(clang::SourceLocation After,
                                  const clang::Stmt *Body) const;

  clang::ASTContext &Ctx;
  const Vocabulary &V;
  std::vector<ConcurrentWork> Works;
  /// Caches of the queries that would otherwise walk every work, or the
  /// whole unit, once per variable asked about (quadratic in the unit):
  /// allUsesOf() per work, allUses() and the unit's accesses by declaration.
  mutable std::vector<std::optional<std::vector<SharedUse>>> UsesOfWork;
  mutable std::optional<llvm::DenseMap<const clang::ValueDecl *,
                                       std::vector<SharedUse>>>
      UsesByDecl;
  mutable std::optional<
      llvm::DenseMap<const clang::ValueDecl *, std::vector<Access>>>
      AccessesByDecl;
};

} // namespace pitfix
