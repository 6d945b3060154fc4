//===- TerminalReport.h - findings as clang prints diagnostics --*- C++ -*-===//
#pragma once

#include "edit/Finding.h"

#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace pitfix {

/// One line of a finding's text report: its place, level and message.
struct ReportLine {
  FileLoc Loc;
  std::string Level; ///< "warning", "error" or "note".
  std::string Message;
};

/// Prints findings with Clang's own diagnostic printer (TextDiagnostic):
/// the source line with a caret under the column, the rewrite as a fix-it
/// line where it fits on that line, and colours when asked. Files are read
/// from disk as they are now.
class TerminalPrinter {
public:
  /// Paths under \p BaseDir (the current directory) are named relative;
  /// without \p Snippets, no source lines (the message lines only).
  TerminalPrinter(llvm::raw_ostream &OS, bool Colors, bool FixIts,
                  llvm::StringRef BaseDir, bool Snippets = true);
  ~TerminalPrinter();
  /// Prints \p Lines (the finding first, then its notes); \p Edits of the
  /// finding's file become fix-it hints on the first line.
  void print(const std::vector<ReportLine> &Lines,
             const std::vector<Edit> &Edits);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace pitfix
