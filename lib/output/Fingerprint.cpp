//===- Fingerprint.cpp ----------------------------------------------------===//
#include "output/Fingerprint.h"

#include "engine/Runner.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <map>
#include <numeric>

using namespace llvm;

namespace pitfix {

std::string flaggedStatementText(StringRef Buffer, unsigned Line) {
  size_t Start = 0;
  for (unsigned L = 1; L < Line; ++L) {
    Start = Buffer.find('\n', Start);
    if (Start == StringRef::npos)
      return "";
    ++Start;
  }
  std::string Out;
  int Depth = 0, Lines = 0;
  for (size_t I = Start; I < Buffer.size(); ++I) {
    char C = Buffer[I];
    if (C == '/' && I + 1 < Buffer.size() && Buffer[I + 1] == '/') {
      I = Buffer.find('\n', I);
      if (I == StringRef::npos)
        break;
      C = '\n';
    } else if (C == '/' && I + 1 < Buffer.size() && Buffer[I + 1] == '*') {
      size_t End = Buffer.find("*/", I + 2);
      if (End == StringRef::npos)
        break;
      I = End + 1;
      continue;
    }
    if (C == '\n') {
      if (++Lines == 4)
        break;
      continue;
    }
    if (isSpace(C))
      continue;
    Out += C;
    if (C == '(' || C == '[')
      ++Depth;
    else if ((C == ')' || C == ']') && Depth > 0)
      --Depth;
    else if (C == '{' || C == '}' || (C == ';' && Depth == 0))
      break;
  }
  return Out;
}

std::string projectRelativePath(StringRef File) {
  std::string Root = projectRootFor(File);
  StringRef F = File;
  if (!Root.empty() && F.consume_front(Root) && F.consume_front("/"))
    return F.str();
  return sys::path::filename(File).str();
}

std::vector<std::string>
fingerprintsOf(const std::vector<Finding> &Findings,
               std::string (*PathOf)(StringRef File)) {
  std::map<std::string, std::unique_ptr<MemoryBuffer>> Files;
  std::map<std::string, std::string> Paths;
  std::vector<uint64_t> Hashes(Findings.size());
  for (size_t I = 0; I < Findings.size(); ++I) {
    const Finding &F = Findings[I];
    auto &Buf = Files[F.Loc.File];
    if (!Buf)
      if (auto B = MemoryBuffer::getFile(F.Loc.File, /*IsText=*/true))
        Buf = std::move(*B);
    auto P = Paths.find(F.Loc.File);
    if (P == Paths.end())
      P = Paths.emplace(F.Loc.File, PathOf(F.Loc.File)).first;
    std::string Text =
        Buf ? flaggedStatementText(Buf->getBuffer(), F.Loc.Line) : "";
    Hashes[I] = xxh3_64bits(F.RuleId + '\0' + P->second + '\0' + Text);
  }
  // Occurrences count in the file's order, whatever the findings' order.
  std::vector<size_t> Order(Findings.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::stable_sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    const FileLoc &LA = Findings[A].Loc, &LB = Findings[B].Loc;
    return std::tie(LA.File, LA.Line, LA.Col) <
           std::tie(LB.File, LB.Line, LB.Col);
  });
  std::map<std::pair<std::string, uint64_t>, unsigned> Seen;
  std::vector<std::string> Out(Findings.size());
  for (size_t I : Order) {
    unsigned N = ++Seen[{Findings[I].Loc.File, Hashes[I]}];
    Out[I] = utohexstr(Hashes[I], /*LowerCase=*/true, 16) + ":" +
             std::to_string(N);
  }
  return Out;
}

} // namespace pitfix
