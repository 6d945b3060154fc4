//===- IncludeInsertion.cpp -----------------------------------------------===//
#include "analysis/IncludeInsertion.h"

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

std::optional<IncludeEdit> includeEdit(const SourceManager &SM, FileID FID,
                                       ArrayRef<std::string> Headers) {
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return std::nullopt;
  std::vector<std::string> Present;
  size_t InsertAt = 0;
  bool SawInclude = false;
  for (size_t Pos = 0; Pos < Buf.size();) {
    size_t NL = Buf.find('\n', Pos);
    size_t Next = NL == StringRef::npos ? Buf.size() : NL + 1;
    StringRef Line = Buf.slice(Pos, Next);
    // Without any #include, a header's new one goes after `#pragma once`.
    if (!SawInclude && Line.trim() == "#pragma once")
      InsertAt = Next;
    StringRef H = includedHeader(Line);
    if (!H.empty()) {
      Present.push_back(H.str());
      InsertAt = Next;
      SawInclude = true;
    }
    Pos = Next;
  }
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
  // A last #include without a newline at the end of the file.
  if (InsertAt == Buf.size() && InsertAt > 0 && Buf.back() != '\n')
    Text = "\n" + Text;
  return IncludeEdit{SM.getLocForStartOfFile(FID).getLocWithOffset(InsertAt),
                     Text};
}

} // namespace pitfix
