//===- Includers.h - which translation unit covers a header ---------------===//
#pragma once

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pitfix {

/// True for the extensions of headers (.h, .hh, .hpp, .hxx, .h++, .inl, .ipp,
/// .tcc) and for extensionless files, which pitfix reaches through includers.
bool isHeaderFile(llvm::StringRef Path);

/// Finds, for a header, a source file that includes it: the one whose
/// `#include` spelling names the header's path and whose directory is
/// nearest to it. The sources' text is read once.
class IncluderIndex {
public:
  explicit IncluderIndex(std::vector<std::string> Sources)
      : Sources(std::move(Sources)) {}
  /// An includer of \p Header (absolute), or "".
  std::string includerOf(llvm::StringRef Header);
  /// Every includer of \p Header, the nearest first.
  std::vector<std::string> includersOf(llvm::StringRef Header);

private:
  const std::vector<std::string> &includesOf(const std::string &Source);

  std::vector<std::string> Sources;
  std::map<std::string, std::vector<std::string>> Includes;
  /// File name of an include's spelling -> (includer, spelling), built on
  /// first use so that a lookup does not scan every source.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>>
      ByName;
  bool Indexed = false;
};

/// A compilation database that parses headers as C++ headers: commands for
/// a header without an explicit language (`-x`) get `-xc++-header`, so that
/// a `.h` file given on its own is not read as C. \p Commands replace the
/// inner database's command for their files (a header with the flags of the
/// file that includes it).
std::unique_ptr<clang::tooling::CompilationDatabase>
withHeaderLanguage(std::unique_ptr<clang::tooling::CompilationDatabase> Inner,
                   std::map<std::string, clang::tooling::CompileCommand>
                       Commands = {});

} // namespace pitfix
