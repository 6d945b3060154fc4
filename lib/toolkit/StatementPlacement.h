//===- StatementPlacement.h - putting a new statement before another
//-------===//
//
// Rewrites that move work out of a spawned body run it "just before the
// statement that spawns". That statement may be the lone body of a loop or
// an `if` (`for (...) pool.submit(...);`): the new statement must then go
// inside braces added around the body, or it would run once instead of on
// every iteration. These helpers find the statement and make the edits.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/Refusal.h"
#include "toolkit/SourceChanges.h"

#include "clang/AST/ASTContext.h"

#include <string>

namespace pitfix {

/// Where a statement that must run just before an expression goes.
struct StatementSlot {
  /// The statement to insert before: it runs exactly when the expression's
  /// full statement runs.
  const clang::Stmt *Before = nullptr;
  /// When Before is the lone body of a loop or of an `if`/`else` branch, the
  /// statement that owns it (braces are added around Before).
  const clang::Stmt *Owner = nullptr;
  /// The last token of Owner's header before the body (`)` or `else` or
  /// `do`), where " {" goes.
  clang::SourceLocation HeaderEnd;
};

/// The slot for a statement that must run just before \p E, every time and
/// only when \p E's statement runs. A refusal (with a reason for the user)
/// when there is none: \p E runs on one branch of `?:`, `&&` or `||`, in the
/// condition or header of a statement, or outside any block.
RefusalOr<StatementSlot> slotBefore(const clang::Expr *E,
                                    clang::ASTContext &Ctx);

/// Adds to \p F the edits that put \p Statements (each one statement with
/// its ';') in \p Slot, in order: each on a line of its own with the
/// indentation of the statement they precede, or on the same line when that
/// statement does not start a line; with braces around a lone loop or branch
/// body.
void insertInSlot(SourceChanges &F, const StatementSlot &Slot,
                  llvm::ArrayRef<std::string> Statements,
                  clang::ASTContext &Ctx);

/// True when only spaces and tabs precede \p Loc on its line.
bool startsLine(clang::SourceLocation Loc, const clang::SourceManager &SM);

/// The location of the first character of \p Loc's line.
clang::SourceLocation lineStart(clang::SourceLocation Loc,
                                const clang::SourceManager &SM);

} // namespace pitfix
