//===- Finding.cpp --------------------------------------------------------===//
#include "edit/Finding.h"

#include "llvm/Support/xxhash.h"

#include <tuple>

namespace pitfix {

bool Edit::operator<(const Edit &O) const {
  return std::tie(File, Offset, Length, Text) <
         std::tie(O.File, O.Offset, O.Length, O.Text);
}

bool Edit::operator==(const Edit &O) const {
  return std::tie(File, Offset, Length, Text) ==
         std::tie(O.File, O.Offset, O.Length, O.Text);
}

std::string Finding::key() const {
  return RuleId + "\x1f" + Loc.File + "\x1f" + std::to_string(Loc.Offset) +
         "\x1f" + Message;
}

void settleSolvedFindings(std::vector<Finding> &Findings) {
  for (Finding &F : Findings) {
    if (F.SolvedByRule.empty())
      continue;
    for (const Finding &By : Findings)
      if (&By != &F && By.RuleId == F.SolvedByRule &&
          By.Loc.File == F.SolvedByLoc.File &&
          By.Loc.Offset == F.SolvedByLoc.Offset) {
        F.Applied = By.Applied;
        if (!By.NotWritten.empty())
          F.NotWritten =
              "the rewrite that removes it was not written: " + By.NotWritten;
        if (!By.Conflict.empty())
          F.Conflict =
              "the rewrite that removes it was not made: " + By.Conflict;
        break;
      }
  }
}

uint64_t contentDigest(llvm::StringRef Text) {
  return llvm::xxh3_64bits(Text) | 1;
}

} // namespace pitfix
