//===- MatcherSource.cpp --------------------------------------------------===//
#include "config/MatcherSource.h"
#include "config/MatcherParser.h"

#include "clang/ASTMatchers/Dynamic/Diagnostics.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;
namespace dyn = clang::ast_matchers::dynamic;

namespace pitfix {

SourcePos MatcherSource::at(unsigned Line, unsigned Col) const {
  SourcePos P = Pos;
  if (P.Line == 0 || Line == 0)
    return P;
  if (!Places.empty()) {
    // The offset in Text of the line and column, then where it was written.
    size_t Off = 0;
    for (unsigned L = 1; L < Line && Off < Text.size(); ++L) {
      size_t NL = Text.find('\n', Off);
      Off = NL == std::string::npos ? Text.size() : NL + 1;
    }
    Off += Col - 1;
    const auto &Place = Places[std::min(Off, Places.size() - 1)];
    P.Line = Place.first;
    P.Col = Place.second + (Off >= Places.size() ? 1 : 0);
    return P;
  }
  if (IsBlock) {
    P.Line = Pos.Line + Line;
    P.Col = Indent + Col;
  } else {
    P.Line = Pos.Line + (Line - 1);
    P.Col = Line == 1 ? Pos.Col + Col - 1 : Col;
  }
  return P;
}

/// Decodes a flow scalar from \p Lines starting at line \p L, column \p C
/// (0-based; after the opening quote, if any), recording for each byte
/// produced the 1-based file position it comes from. \p Quote is '"', '\''
/// or 0 for a plain scalar, which ends when \p Want bytes are produced.
static std::string decodeFlowScalar(ArrayRef<StringRef> Lines, size_t L,
                                    size_t C, char Quote, size_t Want,
                                    std::vector<std::pair<unsigned, unsigned>>
                                        &Places) {
  std::string Out;
  auto Emit = [&](StringRef Bytes, size_t Line, size_t Col) {
    Out += Bytes;
    for (size_t I = 0; I < Bytes.size(); ++I)
      Places.emplace_back(Line + 1, Col + 1);
  };
  while (L < Lines.size()) {
    StringRef Ln = Lines[L].rtrim('\r');
    if (!Quote && Out.size() >= Want)
      return Out;
    if (C >= Ln.size() || Ln.drop_front(C).trim(" \t").empty()) {
      // Line folding: trailing blanks go, one line break becomes a space,
      // each further empty line a line break; leading blanks go too.
      size_t BreakLine = L, BreakCol = std::min(C, Ln.size());
      size_t Empty = 0;
      ++L;
      while (L < Lines.size() && Lines[L].trim(" \t\r").empty()) {
        ++Empty;
        ++L;
      }
      if (L >= Lines.size())
        break;
      if (!Quote && Out.size() >= Want)
        return Out;
      Emit(Empty ? std::string(Empty, '\n') : std::string(" "), BreakLine,
           BreakCol);
      C = Lines[L].size() - Lines[L].ltrim(" \t").size();
      continue;
    }
    char Ch = Ln[C];
    if (Quote && Ch == Quote) {
      if (Quote == '\'' && C + 1 < Ln.size() && Ln[C + 1] == '\'') {
        Emit("'", L, C);
        C += 2;
        continue;
      }
      return Out;
    }
    if (Quote == '"' && Ch == '\\' && C + 1 < Ln.size()) {
      char E = Ln[C + 1];
      size_t Len = 2, Bytes = 1;
      if (E == 'x' || E == 'u' || E == 'U') {
        size_t Hex = E == 'x' ? 2 : E == 'u' ? 4 : 8;
        unsigned CP = 0;
        Ln.substr(C + 2, Hex).getAsInteger(16, CP);
        Len += Hex;
        Bytes = CP < 0x80 ? 1 : CP < 0x800 ? 2 : CP < 0x10000 ? 3 : 4;
      } else if (E == 'N' || E == '_') {
        Bytes = 2;
      } else if (E == 'L' || E == 'P') {
        Bytes = 3;
      }
      Emit(std::string(Bytes, '?'), L, C);
      C += Len;
      continue;
    }
    if (Quote == '"' && Ch == '\\') {
      // An escaped line break: nothing, and the next line's blanks go.
      ++L;
      if (L < Lines.size())
        C = Lines[L].size() - Lines[L].ltrim(" \t").size();
      continue;
    }
    Emit(StringRef(&Ch, 1), L, C);
    ++C;
  }
  return Out;
}

/// Fills \p S.Places when decoding the flow scalar at \p S.Pos reproduces
/// its text (byte for byte, escapes counted by their length).
static void mapFlowScalar(MatcherSource &S, ArrayRef<StringRef> Lines) {
  size_t L = S.Pos.Line - 1, C = S.Pos.Col - 1;
  char Quote = C < Lines[L].size() ? Lines[L][C] : 0;
  if (Quote == '"' || Quote == '\'')
    ++C;
  else
    Quote = 0;
  std::vector<std::pair<unsigned, unsigned>> Places;
  std::string Out =
      decodeFlowScalar(Lines, L, C, Quote, S.Text.size(), Places);
  if (Out.size() != S.Text.size())
    return;
  // Escapes decode to placeholders; every other byte must agree.
  for (size_t I = 0; I < Out.size(); ++I)
    if (Out[I] != S.Text[I] && Out[I] != '?')
      return;
  S.Places = std::move(Places);
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
  } else {
    mapFlowScalar(S, Lines);
    if (L.starts_with("\"") || L.starts_with("'"))
      S.Pos.Col += 1;
  }
  return S;
}

/// Clang's matcher parser recurses once per level of parentheses; far beyond
/// any real rule (the shipped ones nest under 30) it would exhaust the stack.
static constexpr unsigned MaxMatcherNesting = 256;

/// The 1-based line and column in \p Text of the first parenthesis that
/// opens level MaxMatcherNesting + 1 (outside string literals), if any.
static std::optional<std::pair<unsigned, unsigned>>
tooDeep(StringRef Text) {
  unsigned Depth = 0, Line = 1, Col = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    ++Col;
    if (C == '\n') {
      ++Line;
      Col = 0;
    } else if (InString) {
      if (C == '\\')
        ++I, ++Col;
      else if (C == '"')
        InString = false;
    } else if (C == '"') {
      InString = true;
    } else if (C == '(' && ++Depth > MaxMatcherNesting) {
      return std::make_pair(Line, Col);
    } else if (C == ')' && Depth > 0) {
      --Depth;
    }
  }
  return std::nullopt;
}

Expected<clang::ast_matchers::internal::DynTypedMatcher>
parseMatcher(const MatcherSource &Src, const dyn::Parser::NamedValueMap &Names,
             dyn::Parser::Sema *S) {
  if (auto At = tooDeep(Src.Text))
    return errorAt(Src.at(At->first, At->second),
                   "invalid matcher: nested deeper than " +
                       Twine(MaxMatcherNesting) + " levels");
  dyn::Diagnostics Diag;
  StringRef Code = Src.Text;
  std::optional<clang::ast_matchers::internal::DynTypedMatcher> M =
      dyn::Parser::parseMatcherExpression(Code, S, &Names, &Diag);
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
