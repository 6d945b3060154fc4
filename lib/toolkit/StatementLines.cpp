//===- StatementLines.cpp -------------------------------------------------===//
#include "toolkit/StatementLines.h"

#include "analysis/SourceText.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// Is the line [B, E) of \p Buf a comment and nothing else?
static bool isCommentLine(StringRef Line) {
  Line = Line.trim();
  if (Line.starts_with("//"))
    return true;
  return Line.starts_with("/*") && Line.ends_with("*/") &&
         Line.drop_front(2).find("*/") == Line.size() - 4;
}

std::optional<StatementLines>
statementLines(const Stmt *S, const SourceManager &SM, const LangOptions &LO) {
  CharSourceRange R = statementRange(S, SM, LO);
  if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return std::nullopt;
  auto [FID, B] = SM.getDecomposedLoc(R.getBegin());
  if (SM.getFileID(R.getEnd()) != FID)
    return std::nullopt;
  unsigned E = SM.getFileOffset(R.getEnd());
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid || E > Buf.size())
    return std::nullopt;

  // Nothing but indentation before the statement on its line.
  unsigned LB = B;
  while (LB > 0 && (Buf[LB - 1] == ' ' || Buf[LB - 1] == '\t'))
    --LB;
  if (LB > 0 && Buf[LB - 1] != '\n')
    return std::nullopt;
  StatementLines L;
  L.File = FID;
  L.Indent = Buf.slice(LB, B).str();

  // After it: spaces, the ';' of an unbraced loop or branch body, perhaps
  // one comment, then the end of the line.
  unsigned LE = E;
  while (LE < Buf.size() && (Buf[LE] == ' ' || Buf[LE] == '\t'))
    ++LE;
  if (LE < Buf.size() && Buf[LE] == ';') {
    ++LE;
    while (LE < Buf.size() && (Buf[LE] == ' ' || Buf[LE] == '\t'))
      ++LE;
  }
  if (Buf.substr(LE).starts_with("//")) {
    LE = Buf.find('\n', LE);
    if (LE == StringRef::npos)
      LE = Buf.size();
  } else if (Buf.substr(LE).starts_with("/*")) {
    size_t Close = Buf.find("*/", LE + 2);
    size_t NL = Buf.find('\n', LE);
    if (Close == StringRef::npos || (NL != StringRef::npos && Close > NL))
      return std::nullopt;
    LE = Close + 2;
    while (LE < Buf.size() && (Buf[LE] == ' ' || Buf[LE] == '\t'))
      ++LE;
  }
  if (LE < Buf.size() && Buf[LE] == '\r')
    ++LE;
  if (LE < Buf.size() && Buf[LE] != '\n')
    return std::nullopt;
  if (LE < Buf.size())
    ++LE;

  // Comment lines directly above.
  while (LB > 0) {
    unsigned PrevEnd = LB - 1; // the '\n' that ends the previous line
    size_t NL = Buf.rfind('\n', PrevEnd);
    unsigned PrevBegin = NL == StringRef::npos ? 0 : NL + 1;
    if (!isCommentLine(Buf.slice(PrevBegin, PrevEnd)))
      break;
    LB = PrevBegin;
  }
  L.Begin = LB;
  L.End = LE;
  L.Text = Buf.slice(LB, LE).str();
  if (!L.Text.empty() && L.Text.back() != '\n')
    L.Text += '\n';
  return L;
}

std::string reindent(StringRef Text, StringRef From, StringRef To) {
  if (From == To)
    return Text.str();
  std::string Out;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    if (Line.starts_with(From))
      Out += To.str() + Line.drop_front(From.size()).str();
    else
      Out += Line.str();
    if (Text.size() > Line.size())
      Out += '\n';
    Text = Rest;
  }
  return Out;
}

} // namespace pitfix
