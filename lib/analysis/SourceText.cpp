//===- SourceText.cpp -----------------------------------------------------===//
#include "analysis/SourceText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

std::string sourceText(CharSourceRange R, const SourceManager &SM,
                       const LangOptions &LO) {
  CharSourceRange FR = Lexer::makeFileCharRange(R, SM, LO);
  if (FR.isInvalid())
    return "";
  bool Invalid = false;
  StringRef T = Lexer::getSourceText(FR, SM, LO, &Invalid);
  return Invalid ? "" : T.str();
}

std::string spelledText(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  std::string T = sourceText(E->getSourceRange(), SM, LO);
  if (!T.empty())
    return T;
  SourceLocation B = SM.getSpellingLoc(E->getBeginLoc());
  SourceLocation End = SM.getSpellingLoc(E->getEndLoc());
  if (SM.getFileID(B) == SM.getFileID(End) && !SM.isBeforeInTranslationUnit(End, B))
    T = sourceText(CharSourceRange::getTokenRange(B, End), SM, LO);
  if (!T.empty())
    return T;
  llvm::raw_string_ostream OS(T);
  E->printPretty(OS, nullptr, Ctx.getPrintingPolicy());
  return OS.str();
}

std::string lineIndent(SourceLocation Loc, const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  auto [FID, Off] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return "";
  size_t Start = Buf.rfind('\n', Off == 0 ? 0 : Off - 1);
  Start = (Start == StringRef::npos || Off == 0) ? 0 : Start + 1;
  size_t End = Start;
  while (End < Buf.size() && (Buf[End] == ' ' || Buf[End] == '\t'))
    ++End;
  return Buf.slice(Start, End).str();
}

SourceLocation endOfToken(SourceLocation Loc, const SourceManager &SM,
                          const LangOptions &LO) {
  return Lexer::getLocForEndOfToken(Loc, 0, SM, LO);
}

/// Statements that end with their own '}' and need no ';'.
static bool endsWithBrace(const Stmt *S) {
  return isa<CompoundStmt, IfStmt, ForStmt, WhileStmt, SwitchStmt,
             CXXForRangeStmt, CXXTryStmt>(S);
}

CharSourceRange statementRange(const Stmt *S, const SourceManager &SM,
                               const LangOptions &LO) {
  SourceLocation End = endOfToken(S->getEndLoc(), SM, LO);
  if (!endsWithBrace(S) && !isa<DeclStmt>(S)) {
    Token Tok;
    SourceLocation After = End;
    // Skip whitespace and comments up to the ';'.
    if (!Lexer::getRawToken(After, Tok, SM, LO, /*IgnoreWhiteSpace=*/true) &&
        Tok.is(tok::semi))
      End = Tok.getEndLoc();
  }
  return CharSourceRange::getCharRange(S->getBeginLoc(), End);
}

CharSourceRange statementLinesRange(const Stmt *S, const SourceManager &SM,
                                    const LangOptions &LO) {
  return wholeLinesRange(statementRange(S, SM, LO), SM);
}

CharSourceRange wholeLinesRange(CharSourceRange R, const SourceManager &SM) {
  if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return R;
  auto [FID, B] = SM.getDecomposedLoc(R.getBegin());
  unsigned E = SM.getFileOffset(R.getEnd());
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return R;
  unsigned LB = B;
  while (LB > 0 && (Buf[LB - 1] == ' ' || Buf[LB - 1] == '\t'))
    --LB;
  unsigned LE = E;
  while (LE < Buf.size() && (Buf[LE] == ' ' || Buf[LE] == '\t'))
    ++LE;
  bool StartsLine = LB == 0 || Buf[LB - 1] == '\n';
  bool EndsLine = LE == Buf.size() || Buf[LE] == '\n' || Buf[LE] == '\r';
  if (!StartsLine || !EndsLine)
    return R;
  if (LE < Buf.size() && Buf[LE] == '\r')
    ++LE;
  if (LE < Buf.size() && Buf[LE] == '\n')
    ++LE;
  SourceLocation Start = SM.getLocForStartOfFile(FID);
  return CharSourceRange::getCharRange(Start.getLocWithOffset(LB),
                                       Start.getLocWithOffset(LE));
}

CharSourceRange statementRemovalRange(const Stmt *S, const SourceManager &SM,
                                      const LangOptions &LO) {
  CharSourceRange Lines = statementLinesRange(S, SM, LO);
  CharSourceRange Bare = statementRange(S, SM, LO);
  // Whole lines (also at column 0, where only the end differs).
  if (Lines.getBegin() != Bare.getBegin() || Lines.getEnd() != Bare.getEnd() ||
      Bare.getBegin().isMacroID())
    return Lines;
  auto [FID, Off] = SM.getDecomposedLoc(Bare.getBegin());
  StringRef Buf = SM.getBufferData(FID);
  unsigned B = Off;
  while (B > 0 && (Buf[B - 1] == ' ' || Buf[B - 1] == '\t'))
    --B;
  return CharSourceRange::getCharRange(
      Bare.getBegin().getLocWithOffset(-static_cast<int>(Off - B)),
      Bare.getEnd());
}

bool mentionsIdentifier(SourceRange R, StringRef Name, const SourceManager &SM,
                        const LangOptions &LO) {
  bool Found = false;
  forEachRawToken(sourceText(R, SM, LO), LO, [&](const Token &Tok) {
    Found = Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == Name;
    return !Found;
  });
  return Found;
}

void forEachRawToken(StringRef Text, const LangOptions &LO,
                     function_ref<bool(const Token &)> F, bool Comments) {
  // The lexer wants a NUL-terminated buffer.
  std::string Buf = Text.str();
  Lexer Lex(SourceLocation(), LO, Buf.data(), Buf.data(),
            Buf.data() + Buf.size());
  Lex.SetCommentRetentionState(Comments);
  Token Tok;
  bool More = true;
  while (More) {
    // True once the buffer is exhausted, with its last token in Tok.
    More = !Lex.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof) || !F(Tok))
      return;
  }
}

} // namespace pitfix
