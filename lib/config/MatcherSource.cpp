//===- MatcherSource.cpp --------------------------------------------------===//
#include "config/MatcherSource.h"

#include "clang/ASTMatchers/Dynamic/Diagnostics.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;
namespace dyn = clang::ast_matchers::dynamic;

namespace pitfix {

SourcePos MatcherSource::at(unsigned Line, unsigned Col) const {
  SourcePos P = Pos;
  if (P.Line == 0 || Line == 0)
    return P;
  if (IsBlock) {
    P.Line = Pos.Line + Line;
    P.Col = Indent + Col;
  } else {
    P.Line = Pos.Line + (Line - 1);
    P.Col = Line == 1 ? Pos.Col + Col - 1 : Col;
  }
  return P;
}

Expected<MatcherSource> readMatcherSource(StringRef File, const YAML::Node &N) {
  if (!N.IsScalar())
    return errorAt(posOf(File, N),
                   "expected a matcher expression (a string)");
  MatcherSource S;
  S.Text = N.Scalar();
  S.Pos = posOf(File, N);
  auto Buf = MemoryBuffer::getFile(File);
  if (!Buf || S.Pos.Line == 0)
    return S;
  SmallVector<StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  if (S.Pos.Line > Lines.size())
    return S;
  StringRef L = Lines[S.Pos.Line - 1].drop_front(S.Pos.Col - 1);
  S.IsBlock = L.starts_with("|") || L.starts_with(">");
  if (S.IsBlock) {
    // yaml-cpp marks a block scalar at its indicator; the text starts on the
    // next non-empty line, at that line's indentation.
    for (unsigned I = S.Pos.Line; I < Lines.size(); ++I) {
      if (Lines[I].trim().empty())
        continue;
      S.Indent = Lines[I].size() - Lines[I].ltrim(' ').size();
      break;
    }
  } else if (L.starts_with("\"") || L.starts_with("'")) {
    S.Pos.Col += 1;
  }
  return S;
}

Expected<clang::ast_matchers::internal::DynTypedMatcher>
parseMatcher(const MatcherSource &Src,
             const dyn::Parser::NamedValueMap &Names) {
  dyn::Diagnostics Diag;
  StringRef Code = Src.Text;
  std::optional<clang::ast_matchers::internal::DynTypedMatcher> M =
      dyn::Parser::parseMatcherExpression(Code, nullptr, &Names, &Diag);
  if (M && StringRef(Code).trim().empty())
    return *M;
  unsigned Line = 1, Col = 1;
  std::string Msg;
  if (!M) {
    // Diagnostics print as "line:col: message"; keep the message and map
    // the position into the file.
    std::string Text = Diag.toString();
    StringRef First = StringRef(Text).split('\n').first;
    if (!Diag.errors().empty() && !Diag.errors()[0].Messages.empty()) {
      const auto &R = Diag.errors()[0].Messages[0].Range;
      if (R.Start.Line > 0) {
        Line = R.Start.Line;
        Col = R.Start.Column;
        auto Parts = First.split(": ");
        if (Parts.first.contains(':'))
          First = Parts.second;
      }
    }
    Msg = First.empty() ? "invalid matcher expression" : First.str();
  } else {
    // Text left after a complete expression.
    size_t Off = Src.Text.size() - Code.size();
    Off += Code.size() - Code.ltrim().size();
    StringRef Before = StringRef(Src.Text).take_front(Off);
    Line = 1 + Before.count('\n');
    Col = 1 + Off - (Before.rfind('\n') == StringRef::npos
                         ? 0
                         : Before.rfind('\n') + 1);
    Msg = "unexpected text after the matcher expression";
  }
  return errorAt(Src.at(Line, Col), "invalid matcher: " + Msg);
}

} // namespace pitfix
