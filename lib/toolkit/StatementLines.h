//===- StatementLines.h - a statement as whole lines, with its comments
//----===//
//
// Moving a statement moves its lines: the comment lines directly above it
// (no blank line between) and a comment after it on its last line belong to
// it and travel with it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

#include <optional>
#include <string>

namespace pitfix {

/// The whole lines of one statement in its file.
struct StatementLines {
  clang::FileID File;
  unsigned Begin = 0; ///< Offset of the first line (its first comment line).
  unsigned End = 0;   ///< Offset just past the newline of the last line.
  std::string Text;   ///< The text of [Begin, End).
  std::string Indent; ///< The indentation of the statement's first line.

  clang::SourceLocation beginLoc(const clang::SourceManager &SM) const {
    return SM.getLocForStartOfFile(File).getLocWithOffset(Begin);
  }
  clang::SourceLocation endLoc(const clang::SourceManager &SM) const {
    return SM.getLocForStartOfFile(File).getLocWithOffset(End);
  }
  clang::CharSourceRange range(const clang::SourceManager &SM) const {
    return clang::CharSourceRange::getCharRange(beginLoc(SM), endLoc(SM));
  }
};

/// The lines of \p S with its comments, or nullopt when \p S is in a macro
/// expansion or shares a line with other code.
std::optional<StatementLines> statementLines(const clang::Stmt *S,
                                             const clang::SourceManager &SM,
                                             const clang::LangOptions &LO);

/// \p Text with the indentation \p From at the start of each line replaced
/// by \p To (lines indented less are left alone).
std::string reindent(llvm::StringRef Text, llvm::StringRef From,
                     llvm::StringRef To);

} // namespace pitfix
