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

uint64_t contentDigest(llvm::StringRef Text) {
  return llvm::xxh3_64bits(Text) | 1;
}

} // namespace pitfix
