//===- ExceptionSupport.cpp -----------------------------------------------===//
#include "analysis/ExceptionSupport.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// The first macro of \p Buf that selects a build without exceptions:
/// `__cpp_exceptions`, `__EXCEPTIONS`, or an identifier containing
/// `NO_EXCEPTIONS`; "" when there is none.
static std::string exceptionMacro(StringRef Buf) {
  for (size_t I = 0; I < Buf.size();) {
    if (!isAlpha(Buf[I]) && Buf[I] != '_') {
      ++I;
      continue;
    }
    size_t E = I;
    while (E < Buf.size() && (isAlnum(Buf[E]) || Buf[E] == '_'))
      ++E;
    StringRef Id = Buf.slice(I, E);
    if (Id == "__cpp_exceptions" || Id == "__EXCEPTIONS" ||
        Id.contains("NO_EXCEPTIONS"))
      return Id.str();
    I = E;
  }
  return "";
}

std::string exceptionsOffReason(const SourceManager &SM, FileID FID,
                                const LangOptions &LO) {
  if (!LO.CXXExceptions)
    return "exceptions are off in this translation unit (-fno-exceptions); "
           "a try/catch would not compile";
  for (FileID F : {FID, SM.getMainFileID()}) {
    bool Invalid = false;
    StringRef Buf = SM.getBufferData(F, &Invalid);
    if (Invalid)
      continue;
    std::string M = exceptionMacro(Buf);
    if (!M.empty())
      return "the code is written to build without exceptions too (it tests " +
             M + "); a try/catch would not compile there";
  }
  return "";
}

} // namespace pitfix
