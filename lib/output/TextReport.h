//===- TextReport.h - clang-style diagnostics -----------------------------===//
#pragma once

#include "edit/Finding.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <vector>

namespace pitfix {

/// How findings are shown.
struct ReportStyle {
  std::string BaseDir; ///< Paths under it are printed relative to it.
  bool FixMode = false; ///< --fix was given (say "fixed" / "not fixed").
  bool DiffMode = false; ///< --diff was given: the patch shows each fix.
  /// Text output as clang prints it: source line, caret, fix-it (on a
  /// terminal, or --color=always), in colour unless --color=never.
  bool Rich = false;
  bool Colors = false;
  // SARIF's tool description.
  std::string ToolVersion;
  /// Where README.md and docs/rules/<id>.md are, as a URI ("" unknown).
  std::string DocRootUri;
  /// Finding::key() -> fingerprint (output/Fingerprint.h), when computed.
  const std::map<std::string, std::string> *Fingerprints = nullptr;
};

/// Path as shown to the user: relative to \p BaseDir when under it.
std::string displayPath(llvm::StringRef Path, llvm::StringRef BaseDir);

/// Prints each finding as "path:line:col: warning: message [rule-id]",
/// followed by its notes.
void printText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const ReportStyle &Style);

} // namespace pitfix
