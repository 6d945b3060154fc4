//===- IncludeInsertion.cpp -----------------------------------------------===//
#include "toolkit/IncludeInsertion.h"

#include "analysis/UnitCache.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

std::string spelledHeader(StringRef Header) {
  Header = Header.trim();
  if (Header.starts_with("<") || Header.starts_with("\""))
    return Header.str();
  return "<" + Header.str() + ">";
}

/// The header an `#include` line names, with its brackets, or "".
static StringRef includedHeader(StringRef Line) {
  Line = Line.ltrim();
  if (!Line.consume_front("#"))
    return "";
  Line = Line.ltrim();
  if (!Line.consume_front("include"))
    return "";
  Line = Line.ltrim();
  if (Line.empty() || (Line[0] != '<' && Line[0] != '"'))
    return "";
  char Close = Line[0] == '<' ? '>' : '"';
  size_t End = Line.find(Close, 1);
  return End == StringRef::npos ? "" : Line.take_front(End + 1);
}

/// The directive of a preprocessor line ("if", "ifdef", "define", ...)
/// and its first argument, or "" when \p Line is not a directive.
static StringRef directive(StringRef Line, StringRef *Arg = nullptr) {
  Line = Line.ltrim();
  if (!Line.consume_front("#"))
    return "";
  Line = Line.ltrim();
  size_t N = 0;
  while (N < Line.size() && isAlpha(Line[N]))
    ++N;
  if (Arg) {
    StringRef Rest = Line.drop_front(N).ltrim();
    size_t E = 0;
    while (E < Rest.size() && (isAlnum(Rest[E]) || Rest[E] == '_'))
      ++E;
    *Arg = Rest.take_front(E);
  }
  return Line.take_front(N);
}

/// The lines of \p Buf, each with its newline.
static std::vector<StringRef> lines(StringRef Buf) {
  std::vector<StringRef> Out;
  for (size_t Pos = 0; Pos < Buf.size();) {
    size_t NL = Buf.find('\n', Pos);
    size_t Next = NL == StringRef::npos ? Buf.size() : NL + 1;
    Out.push_back(Buf.slice(Pos, Next));
    Pos = Next;
  }
  return Out;
}

/// The index of the line that ends the file's include guard (its #define),
/// or -1: `#ifndef X` / `#define X` first, and the #endif that closes them
/// is the file's last directive.
static int includeGuardEnd(const std::vector<StringRef> &Ls) {
  std::vector<size_t> Directives;
  for (size_t I = 0; I < Ls.size(); ++I)
    if (!directive(Ls[I]).empty())
      Directives.push_back(I);
  if (Directives.size() < 3)
    return -1;
  StringRef A, B;
  if (directive(Ls[Directives[0]], &A) != "ifndef" ||
      directive(Ls[Directives[1]], &B) != "define" || A.empty() || A != B)
    return -1;
  int Depth = 0;
  for (size_t K = 0; K < Directives.size(); ++K) {
    StringRef D = directive(Ls[Directives[K]]);
    if (D.starts_with("if"))
      ++Depth;
    else if (D == "endif" && --Depth == 0)
      return K + 1 == Directives.size() ? (int)Directives[1] : -1;
  }
  return -1;
}

namespace {
/// What includeEdit() needs of a file: the headers it includes
/// unconditionally and where a new #include goes.
struct IncludeLayout {
  std::vector<std::string> Present;
  size_t InsertAt = 0;
  bool SawInclude = false, SawConditional = false;
  /// The insertion point is the end of a file without a final newline.
  bool AtEndWithoutNewline = false;
};

IncludeLayout layoutOf(StringRef Buf) {
  IncludeLayout L;
  // A UTF-8 byte-order mark is no part of the first line: its directive is
  // read after it, and nothing is inserted before it (Clang accepts the
  // mark only as the file's first bytes).
  size_t Offset = Buf.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  L.InsertAt = Offset;
  std::vector<StringRef> Ls = lines(Buf.drop_front(Offset));
  int Guard = includeGuardEnd(Ls);
  int Depth = Guard >= 0 ? -1 : 0; // the guard's #ifndef is the main block
  for (size_t I = 0; I < Ls.size(); Offset += Ls[I].size(), ++I) {
    StringRef Line = Ls[I];
    size_t Next = Offset + Line.size();
    StringRef D = directive(Line);
    if (D.starts_with("if")) {
      ++Depth;
      continue;
    }
    if (D == "endif") {
      --Depth;
      continue;
    }
    if ((int)I == Guard && !L.SawInclude)
      L.InsertAt = Next;
    // Without any #include, a header's new one goes after `#pragma once`.
    if (!L.SawInclude && Line.trim() == "#pragma once" && Depth <= 0)
      L.InsertAt = Next;
    StringRef H = includedHeader(Line);
    if (H.empty())
      continue;
    if (Depth > 0) {
      L.SawConditional = true;
      continue;
    }
    L.Present.push_back(H.str());
    L.InsertAt = Next;
    L.SawInclude = true;
  }
  L.AtEndWithoutNewline =
      L.InsertAt == Buf.size() && L.InsertAt > 0 && Buf.back() != '\n';
  return L;
}

std::optional<IncludeEdit> editFor(const IncludeLayout &L,
                                   const SourceManager &SM, FileID FID,
                                   ArrayRef<std::string> Headers) {
  std::vector<std::string> Present = L.Present;
  std::string Text;
  for (const std::string &Header : Headers) {
    std::string S = spelledHeader(Header);
    if (S.size() < 3 || llvm::is_contained(Present, S))
      continue;
    Present.push_back(S);
    Text += "#include " + S + "\n";
  }
  if (Text.empty())
    return std::nullopt;
  if (!L.SawInclude && L.SawConditional)
    return IncludeEdit{SourceLocation(), "",
                       Refusal("every #include of the file is inside a "
                               "preprocessor conditional; there is no "
                               "unconditional place for " +
                               StringRef(Text).rtrim())};
  // A last #include without a newline at the end of the file.
  if (L.AtEndWithoutNewline)
    Text = "\n" + Text;
  return IncludeEdit{SM.getLocForStartOfFile(FID).getLocWithOffset(L.InsertAt),
                     Text, Refusal()};
}

/// The layouts of a unit's files, each read once: a unit's rewrites ask for
/// headers in the same files again and again.
struct UnitIncludeLayouts {
  explicit UnitIncludeLayouts(ASTContext &) {}
  mutable llvm::DenseMap<FileID, IncludeLayout> Of;
};
} // namespace

std::optional<IncludeEdit> includeEdit(const SourceManager &SM, FileID FID,
                                       ArrayRef<std::string> Headers) {
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return std::nullopt;
  return editFor(layoutOf(Buf), SM, FID, Headers);
}

std::optional<IncludeEdit> includeEdit(ASTContext &Ctx, FileID FID,
                                       ArrayRef<std::string> Headers) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto &Layouts = perUnit<UnitIncludeLayouts>(Ctx).Of;
  auto It = Layouts.find(FID);
  if (It == Layouts.end()) {
    bool Invalid = false;
    StringRef Buf = SM.getBufferData(FID, &Invalid);
    if (Invalid)
      return std::nullopt;
    It = Layouts.try_emplace(FID, layoutOf(Buf)).first;
  }
  return editFor(It->second, SM, FID, Headers);
}

} // namespace pitfix
