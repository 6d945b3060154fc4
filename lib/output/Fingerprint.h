//===- Fingerprint.h - a finding's identity across edits --------*- C++ -*-===//
//
// A finding's fingerprint survives moved lines and unrelated edits: it hashes
// the rule, the file (relative to its project root), and the normalised text
// of the flagged statement, then counts occurrences of that hash in the file
// (the first, the second, ...). It is what SARIF's partialFingerprints and
// the baseline files (--write-baseline, --baseline) carry.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "edit/Finding.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace pitfix {

/// The text of the statement flagged on line \p Line (1-based) of \p Buffer,
/// normalised: from the start of the line to the first ';' outside parentheses, or the
/// first '{', or four lines; comments and whitespace removed.
std::string flaggedStatementText(llvm::StringRef Buffer, unsigned Line);

/// The fingerprint of each finding (same order): "<16 hex digits>:<n>",
/// n counting the findings of the file with the same hash in line order.
/// \p PathOf gives the path that goes into the hash (relative to the
/// project); file contents are read from disk.
std::vector<std::string>
fingerprintsOf(const std::vector<Finding> &Findings,
               std::string (*PathOf)(llvm::StringRef File));

/// The path of \p File relative to its project root (the git work tree,
/// else its directory), as fingerprints use it.
std::string projectRelativePath(llvm::StringRef File);

/// The SARIF partialFingerprints key of the fingerprint.
inline constexpr const char *FingerprintKey = "pitfix/v1";

} // namespace pitfix
