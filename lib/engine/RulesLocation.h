//===- RulesLocation.h - where the shipped rules are ------------*- C++ -*-===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace pitfix {

/// The directory of the shipped rules (and vocabulary) for the pitfix binary
/// or plugin at \p BinaryPath; the first of these that exists:
///   1. $PITFIX_RULES_DIR (an explicit choice; an error if it is missing),
///   2. <dir of the binary>/../share/pitfix/rules (an installed pitfix:
///      <prefix>/bin/pitfix and <prefix>/lib/pitfix-plugin.so),
///   3. the source tree's rules/, for a binary in the build tree it was
///      built in (never for an installed or copied one).
/// The error names every place looked at.
llvm::Expected<std::string> shippedRulesDir(llvm::StringRef BinaryPath);

/// The directory holding README.md and docs/rules/ for the rules directory
/// \p RulesDir: <prefix>/share/doc/pitfix for <prefix>/share/pitfix/rules,
/// the source tree for its rules/; "" when there is none.
std::string docRootFor(llvm::StringRef RulesDir);

/// The path of the shared object (or executable) that contains \p Addr.
std::string binaryContaining(const void *Addr);

} // namespace pitfix
