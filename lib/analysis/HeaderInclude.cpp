//===- HeaderInclude.cpp --------------------------------------------------===//
#include "analysis/HeaderInclude.h"

#include "llvm/ADT/StringRef.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// The header name of an `#include` line ("<mutex>", "\"a.h\""), or "".
static StringRef includedName(StringRef Line) {
  Line = Line.ltrim();
  if (!Line.consume_front("#"))
    return "";
  Line = Line.ltrim();
  if (!Line.consume_front("include"))
    return "";
  Line = Line.ltrim();
  size_t End = Line.find_first_of(">\"", 1);
  if (Line.empty() || End == StringRef::npos)
    return "";
  return Line.take_front(End + 1);
}

std::optional<IncludeInsertion> includeInsertion(SourceLocation InFile,
                                                 StringRef Header,
                                                 const SourceManager &SM) {
  SourceLocation Loc = SM.getExpansionLoc(InFile);
  if (Loc.isInvalid())
    return std::nullopt;
  FileID FID = SM.getFileID(Loc);
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return std::nullopt;
  std::string Wanted = ("<" + Header + ">").str();
  std::optional<size_t> AfterLast;
  size_t AfterPragma = 0;
  size_t Pos = 0;
  while (Pos < Buf.size()) {
    size_t Eol = Buf.find('\n', Pos);
    size_t Next = Eol == StringRef::npos ? Buf.size() : Eol + 1;
    StringRef Line = Buf.slice(Pos, Next);
    // Without any #include, the new one goes after `#pragma once`.
    if (!AfterLast && Line.trim() == "#pragma once")
      AfterPragma = Next;
    StringRef Name = includedName(Line);
    if (!Name.empty()) {
      if (Name == Wanted)
        return std::nullopt;
      AfterLast = Next;
    }
    Pos = Next;
  }
  IncludeInsertion I;
  I.Text = "#include " + Wanted + "\n";
  size_t Offset = AfterLast.value_or(AfterPragma);
  // A last #include on the file's last line, without a newline.
  if (Offset == Buf.size() && Offset > 0 && Buf.back() != '\n')
    I.Text = "\n#include " + Wanted;
  I.Loc = SM.getLocForStartOfFile(FID).getLocWithOffset(Offset);
  return I;
}

} // namespace pitfix
