//===- Inputs.h - which files to parse, with which flags ------------------===//
#pragma once

#include "CompileDatabase.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace pitfix {

/// The translation units of a run and how to compile them.
struct Inputs {
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  std::string DBDir; ///< Where compile_commands.json was found ("" if none).
  /// The warning that no database was found and what is assumed instead
  /// ("" when there is a database or flags after "--").
  std::string NoDatabase;
  /// The files compile_commands.json lists, with where (line:col).
  DatabaseEntries Listed;
  std::vector<std::string> Files; ///< Translation units: absolute, sorted.
  /// Translation units parsed only on behalf of headers given as inputs:
  /// of their findings, only those in these headers are kept.
  std::map<std::string, std::set<std::string>> OnlyFor;
  /// Headers that no translation unit covers, parsed on their own with the
  /// flags of a file that includes them: when one does not compile, it is
  /// skipped with a note rather than failing the run.
  std::set<std::string> Standalone;
  /// The project's directories when no git work tree says where it ends:
  /// the directories given on the command line and the common root of the
  /// compile database's files (not the build directory's own generated
  /// files).
  std::vector<std::string> ProjectDirs;
  /// Source files under the given directories that the compile database
  /// does not list: not parsed, and reported in a note.
  std::vector<std::string> Unlisted;
  /// Files under the given directories left out because they are symbolic
  /// links to a place outside the project.
  std::vector<std::string> OutsideLinks;
  /// Every directory the run looks into: the given ones and those a scan
  /// entered, and the directories of the given files and of the units.
  /// --fix removes there the temporary files that killed runs left.
  std::set<std::string> VisitedDirs;
};

/// Resolves the command line's paths. Files are taken as given; directories
/// are searched for C and C++ sources (the compilation database's files
/// under them, when there is one) and headers. A header given as input is
/// parsed through a file of the database that includes it, directly or
/// through other headers (only the header's findings are kept). A header
/// that no file of the database reaches is parsed on its own, with the
/// flags of a file that includes it (else of the nearest file). The
/// database is `-p <dir>`, else one found upward from the first input (in
/// each directory or its build/ subdirectory), else the arguments after
/// `--`, else `-std=c++20`. A path that does not exist is an error.
llvm::Expected<Inputs> resolveInputs(const std::vector<std::string> &Paths,
                                     const std::string &BuildPath,
                                     const std::vector<std::string> &ExtraArgs,
                                     bool HaveDashDash);

/// Notes on stderr the files under the given directories that are not
/// analysed: sources the compile database does not list, links out of the
/// project.
void noteSkippedInputs(const Inputs &In, llvm::StringRef BaseDir);

/// Keeps translation unit I of \p In (sorted) when I % N == K - 1: the
/// same inputs always split the same way, and the N shards cover each
/// translation unit exactly once.
void selectShard(Inputs &In, unsigned K, unsigned N);

/// True for the extensions of C and C++ sources pitfix parses.
bool isSourceFile(llvm::StringRef Path);

} // namespace pitfix
