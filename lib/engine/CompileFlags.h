//===- CompileFlags.h - compile commands made fit for clang -----*- C++ -*-===//
//
// A build's compile commands may come from another compiler: GCC-only flags
// (-fconcepts-diagnostics-depth=2) make clang fail the unit. As clangd does,
// the flags clang's driver does not know are dropped, with one note per flag
// per run; .pitfix.yaml's CompileFlags {Add, Remove} edit the commands of the
// files it applies to first.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/ProjectConfig.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace pitfix {

/// One file's CompileFlags: Remove (a flag, or a prefix ending in '*'; the
/// flag's separate value goes with it), then Add at the end.
struct FlagEdits {
  std::vector<std::string> Add;
  std::vector<std::string> Remove;
};

/// The flags dropped during a run, each once (shared by the parsing threads).
class DroppedFlags {
public:
  /// Records \p Flag; true the first time.
  bool add(const std::string &Flag);
  /// The flags in the order they were first dropped.
  std::vector<std::string> list() const;

private:
  mutable std::mutex M;
  std::set<std::string> Seen;
  std::vector<std::string> Order;
};

/// \p Args (argv[0] first) with \p Edits applied and the flags clang's
/// driver does not know removed (recorded in \p Dropped). A clang-cl
/// command is left as it is.
std::vector<std::string> fitForClang(const std::vector<std::string> &Args,
                                     const FlagEdits &Edits,
                                     DroppedFlags &Dropped);

/// Wraps \p DB so that every command it gives goes through fitForClang, with
/// the edits of \p PerFile for the file asked about (absolute paths).
std::unique_ptr<clang::tooling::CompilationDatabase>
withCommandsFitForClang(std::unique_ptr<clang::tooling::CompilationDatabase> DB,
                        std::map<std::string, FlagEdits> PerFile,
                        DroppedFlags &Dropped);

/// The CompileFlags of each of \p Files (absolute) that has any.
std::map<std::string, FlagEdits>
compileFlagEdits(const std::vector<std::string> &Files, ConfigFinder &Finder);

} // namespace pitfix
