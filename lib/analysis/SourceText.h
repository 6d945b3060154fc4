//===- SourceText.h - reading and placing source text ---------------------===//
#pragma once

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Token.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>

namespace pitfix {

/// The text of \p R (a token range unless it is a char range); "" in macros.
std::string sourceText(clang::CharSourceRange R, const clang::SourceManager &SM,
                       const clang::LangOptions &LO);
inline std::string sourceText(clang::SourceRange R,
                              const clang::SourceManager &SM,
                              const clang::LangOptions &LO) {
  return sourceText(clang::CharSourceRange::getTokenRange(R), SM, LO);
}

/// How \p E is written, for messages: its source text; inside a macro, the
/// text of its tokens where they are spelled (a macro argument), else the
/// expression printed. Never "" for an expression that has a name.
std::string spelledText(const clang::Expr *E, const clang::ASTContext &Ctx);

/// The whitespace that starts the line holding \p Loc.
std::string lineIndent(clang::SourceLocation Loc, const clang::SourceManager &SM);

/// The location just after the last token of \p Loc.
clang::SourceLocation endOfToken(clang::SourceLocation Loc,
                                 const clang::SourceManager &SM,
                                 const clang::LangOptions &LO);

/// The range of statement \p S including its trailing ';' (when the
/// statement needs one).
clang::CharSourceRange statementRange(const clang::Stmt *S,
                                      const clang::SourceManager &SM,
                                      const clang::LangOptions &LO);

/// Like statementRange(), widened to whole lines when the statement is
/// alone on its lines (leading indentation and the trailing newline go too),
/// so that removing it leaves no blank line behind.
clang::CharSourceRange statementLinesRange(const clang::Stmt *S,
                                           const clang::SourceManager &SM,
                                           const clang::LangOptions &LO);

/// Calls \p F on each token of \p Text, lexed raw (no preprocessor, no
/// file; comments too when \p Comments), until F returns false. A token's
/// location is its offset in \p Text (getLocation().getRawEncoding()), and
/// a raw identifier's spelling is valid during the call.
void forEachRawToken(llvm::StringRef Text, const clang::LangOptions &LO,
                     llvm::function_ref<bool(const clang::Token &)> F,
                     bool Comments = false);

/// The text to delete with statement \p S: its whole lines when it is alone
/// on them (statementLinesRange()), else the statement and the blanks before
/// it, so that `{ a(); m.unlock(); }` keeps one space.
clang::CharSourceRange statementRemovalRange(const clang::Stmt *S,
                                             const clang::SourceManager &SM,
                                             const clang::LangOptions &LO);

/// \p R (a char range) widened to whole lines when it is alone on its
/// lines, as statementLinesRange() does for a statement.
clang::CharSourceRange wholeLinesRange(clang::CharSourceRange R,
                                       const clang::SourceManager &SM);

/// True when the identifier \p Name appears as a token in \p R.
bool mentionsIdentifier(clang::SourceRange R, llvm::StringRef Name,
                        const clang::SourceManager &SM,
                        const clang::LangOptions &LO);

} // namespace pitfix
