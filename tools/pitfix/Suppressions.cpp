//===- Suppressions.cpp ---------------------------------------------------===//
#include "Suppressions.h"

#include "engine/RuleNames.h"
#include "output/TextReport.h"

#include "llvm/Support/MemoryBuffer.h"

#include <set>

using namespace llvm;

namespace pitfix {

unsigned warnUnknownSuppressions(raw_ostream &OS, const Inputs &In,
                                 const BatchResult &R, const RuleSet &Rules,
                                 StringRef BaseDir) {
  std::set<std::string> Files;
  for (const std::string &F : In.Files) {
    auto Only = In.OnlyFor.find(F);
    if (Only == In.OnlyFor.end())
      Files.insert(F);
    else
      Files.insert(Only->second.begin(), Only->second.end());
  }
  for (const Finding &F : R.Edits.findings())
    Files.insert(F.Loc.File);
  std::vector<std::string> Ids;
  for (const auto &R : Rules.Rules)
    Ids.push_back(R->id());
  unsigned Count = 0;
  for (const std::string &F : Files) {
    auto Buf = MemoryBuffer::getFile(F, /*IsText=*/true);
    if (!Buf)
      continue;
    for (const UnknownNolintName &U :
         unknownNolintNames((*Buf)->getBuffer(), Ids)) {
      OS << displayPath(F, BaseDir) << ":" << U.Line << ":" << U.Column
         << ": warning: unknown rule '" << U.Name
         << "' in a suppression comment; it suppresses nothing";
      if (!U.Suggestion.empty())
        OS << " (did you mean '" << U.Suggestion << "'?)";
      OS << " [pitfix]\n";
      ++Count;
    }
  }
  return Count;
}

} // namespace pitfix
