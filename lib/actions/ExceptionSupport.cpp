//===- ExceptionSupport.cpp -----------------------------------------------===//
#include "actions/ExceptionSupport.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// The first macro that a preprocessor directive of \p Buf tests to select
/// a build without exceptions: `__cpp_exceptions`, `__EXCEPTIONS`, or an
/// identifier containing `NO_EXCEPTIONS`, and its offset; "" when there is
/// none. Comments and code that only mention such a name are not a build
/// configuration.
static std::pair<StringRef, size_t> exceptionMacro(StringRef Buf) {
  bool InDirective = false;
  for (size_t Line = 0; Line < Buf.size();) {
    size_t End = Buf.find('\n', Line);
    if (End == StringRef::npos)
      End = Buf.size();
    StringRef Text = Buf.slice(Line, End);
    InDirective = InDirective || Text.ltrim().starts_with("#");
    for (size_t I = 0; InDirective && I < Text.size();) {
      if (Text.substr(I).starts_with("//"))
        break;
      if (!isAlpha(Text[I]) && Text[I] != '_') {
        ++I;
        continue;
      }
      size_t E = I;
      while (E < Text.size() && (isAlnum(Text[E]) || Text[E] == '_'))
        ++E;
      StringRef Id = Text.slice(I, E);
      if (Id == "__cpp_exceptions" || Id == "__EXCEPTIONS" ||
          Id.contains("NO_EXCEPTIONS"))
        return {Id, Line + I};
      I = E;
    }
    // A directive goes on after a backslash at the end of its line.
    InDirective = InDirective && Text.rtrim("\r").ends_with("\\");
    Line = End + 1;
  }
  return {"", 0};
}

Refusal exceptionsOffReason(const SourceManager &SM, FileID FID,
                            const LangOptions &LO) {
  if (!LO.CXXExceptions)
    return Refusal("exceptions are off in this translation unit "
                   "(-fno-exceptions); a try/catch would not compile");
  for (FileID F : {FID, SM.getMainFileID()}) {
    bool Invalid = false;
    StringRef Buf = SM.getBufferData(F, &Invalid);
    if (Invalid)
      continue;
    auto [Macro, Offset] = exceptionMacro(Buf);
    if (!Macro.empty())
      return Refusal("the code is written to build without exceptions too "
                     "(it tests " +
                         Macro + "); a try/catch would not compile there",
                     SM.getLocForStartOfFile(F).getLocWithOffset(Offset),
                     "'" + Macro + "' is tested here");
  }
  return Refusal();
}

} // namespace pitfix
