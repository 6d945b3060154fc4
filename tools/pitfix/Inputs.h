//===- Inputs.h - which files to parse, with which flags -------------------===//
#pragma once

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace pitfix {

/// The translation units of a run and how to compile them.
struct Inputs {
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  std::string DBDir; ///< Where compile_commands.json was found ("" if none).
  std::vector<std::string> Files; ///< Absolute, sorted, unique.
};

/// Resolves the command line's paths. Files are taken as given; directories
/// are searched for C and C++ sources (the compilation database's files
/// under them, when there is one). The database is `-p <dir>`, else one
/// found upward from the first input, else the arguments after `--`, else
/// `-std=c++20`. A path that does not exist is an error.
llvm::Expected<Inputs> resolveInputs(const std::vector<std::string> &Paths,
                                     const std::string &BuildPath,
                                     const std::vector<std::string> &ExtraArgs,
                                     bool HaveDashDash);

/// True for the extensions of C and C++ sources pitfix parses.
bool isSourceFile(llvm::StringRef Path);

} // namespace pitfix
