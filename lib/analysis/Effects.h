//===- Effects.h - what a statement reads, writes and does ----------------===//
//
// A statement can move past another only when the two commute: neither
// writes what the other reads or writes, neither synchronises or leaves the
// enclosing block early, and they do not both talk to the outside world
// (whose order would become visible). Effects is the summary that decides
// this, computed from the AST with calls into functions of the translation
// unit followed, and calls into unknown code treated as touching anything.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/MapVector.h"

#include <optional>
#include <string>

namespace pitfix {

/// How a variable is used: read, written, or both (bit flags).
enum AccessKind : unsigned { AK_None = 0, AK_Read = 1, AK_Write = 2 };

/// The first use of one variable of a given kind.
struct VarAccess {
  unsigned Kind = AK_None;
  clang::SourceLocation Loc; ///< The first use (a write, if any).
};

/// Something that happened at a place, for notes: "the call to 'log'".
struct EffectSite {
  std::string What;
  clang::SourceLocation Loc;
  explicit operator bool() const { return !What.empty(); }
};

/// The summary of one statement (or of a function body, seen by a caller).
struct Effects {
  /// Variables and fields, by declaration. A field stands for that field
  /// of every object (this->x_ and other.x_ are not told apart).
  llvm::MapVector<const clang::ValueDecl *, VarAccess> Vars;
  /// Memory reached through a pointer or reference, which may be anything.
  EffectSite IndirectRead, IndirectWrite;
  /// A write through a pointer that no variable of the statement's own
  /// function holds (a call's result, a shared pointer): it may reach
  /// anything, including guarded state.
  EffectSite FarWrite;
  /// A call into code whose effects are unknown (no body in this
  /// translation unit, a virtual call, a call through a pointer).
  EffectSite Unknown;
  /// Input/output or another call with effects outside the program (the
  /// vocabulary's blocking calls and unknown code).
  EffectSite External;
  /// A lock, unlock, guard or condition-variable wait: a synchronisation
  /// point that nothing moves across.
  EffectSite Barrier;
  /// A return, goto, throw, or a break/continue that leaves the statement:
  /// whether later statements run depends on it.
  EffectSite Jump;

  /// Merges \p O into this summary (keeping first sites).
  void merge(const Effects &O, bool KeepLocals = true);
  /// True when the variable \p D is written.
  bool writes(const clang::ValueDecl *D) const;
};

/// A storage that is not private to one call of a function: globals,
/// static locals, static members and fields.
bool isSharedStorage(const clang::ValueDecl *D);

/// The effects of executing \p S (calls to functions with bodies in this
/// translation unit are followed a few levels deep).
Effects effectsOf(const clang::Stmt *S, clang::ASTContext &Ctx,
                  const Vocabulary &V);

/// Why the statements summarised by \p A and \p B cannot swap places, or
/// nullopt when they commute. The site is the part of \p B in the way
/// when it has one, else the part of \p A.
std::optional<EffectSite> dependency(const Effects &A, const Effects &B);

} // namespace pitfix
