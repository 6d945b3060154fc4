//===- CompilerCommand.h - a build's compiler command, made syntax-only ---===//
#pragma once

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace pitfix {

/// The arguments after "--", split into the flags a syntax-only parse keeps
/// and the files the command compiles.
struct CompilerCommand {
  /// Flags for every translation unit: the driver mode (and target) that the
  /// compiler's name implies come first; nothing that writes a file is left.
  std::vector<std::string> Flags;
  /// The inputs the command names (the source file of a build's compile).
  std::vector<std::string> Sources;
};

/// Reads the arguments after "--" the way a build wrapper passes them (CMake's
/// CXX_CLANG_TIDY, Meson, Bazel): response files `@file` are expanded
/// (relative to \p WorkingDir); a leading compiler path (and a launcher such
/// as ccache in front of it) is dropped, keeping the driver mode and target
/// its name implies (`clang-cl`, `aarch64-linux-gnu-g++`); the inputs, `-o`,
/// `-c`, `-S` and the dependency-file flags (`-MD -MT -MF -MMD ...`) are
/// dropped as clang-tidy's argument adjusters do. Plain flags
/// (`-std=c++17 -Iinclude`) pass through unchanged. An `@file` that cannot
/// be read is an error.
llvm::Expected<CompilerCommand>
parseCompilerCommand(llvm::ArrayRef<std::string> Args,
                     llvm::StringRef WorkingDir);

/// Wraps \p DB so that every compile command gets \p Before right after the
/// compiler and \p After at the end: clang-tidy's --extra-arg-before and
/// --extra-arg. Returns \p DB itself when both are empty.
std::unique_ptr<clang::tooling::CompilationDatabase>
withExtraArgs(std::unique_ptr<clang::tooling::CompilationDatabase> DB,
              std::vector<std::string> Before, std::vector<std::string> After);

} // namespace pitfix
