//===- RuleNames.h - rule ids spelled by people -----------------*- C++ -*-===//
//
// Rule ids as users write them in NOLINT comments and on the command line:
// the nearest known id for a misspelt one, and the NOLINT names that look
// like pitfix rules but name none.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace pitfix {

/// The known id nearest to \p Name when it is close enough to be a typo
/// (a few edits), else "".
std::string nearestRuleId(llvm::StringRef Name,
                          llvm::ArrayRef<std::string> KnownIds);

/// " (did you mean 'x'?)" for a near id, else "".
std::string didYouMean(llvm::StringRef Name,
                       llvm::ArrayRef<std::string> KnownIds);

/// A name in a NOLINT(...) list (or "pitfix: ignore(...)") that suppresses
/// nothing although it looks like a pitfix rule: it starts with the category
/// of a known rule ("sharing-") or is a near miss of a known id. Names of
/// other tools' checks (clang-tidy's bugprone-*) are not reported.
struct UnknownNolintName {
  unsigned Line = 0;   ///< 1-based.
  unsigned Column = 0; ///< 1-based, of the name.
  std::string Name;
  std::string Suggestion; ///< A near known id, or "".
};

/// The unknown rule names of the suppression comments in \p Buffer.
std::vector<UnknownNolintName>
unknownNolintNames(llvm::StringRef Buffer,
                   llvm::ArrayRef<std::string> KnownIds);

} // namespace pitfix
