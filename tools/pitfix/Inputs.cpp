//===- Inputs.cpp ---------------------------------------------------------===//
#include "Inputs.h"

#include "Includers.h"

#include "engine/MatchContext.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <set>

using namespace llvm;
using namespace clang::tooling;

namespace pitfix {

bool isSourceFile(StringRef Path) {
  StringRef Ext = sys::path::extension(Path);
  return Ext == ".c" || Ext == ".cc" || Ext == ".cpp" || Ext == ".cxx" ||
         Ext == ".c++" || Ext == ".C";
}

static bool under(StringRef File, StringRef Dir) {
  return File.starts_with(Dir) &&
         (File.size() == Dir.size() || File[Dir.size()] == '/' ||
          Dir.ends_with("/"));
}

/// Sources under \p Dir, skipping hidden directories.
static Error scanDirectory(StringRef Dir, std::vector<std::string> &Out) {
  std::error_code EC;
  for (sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    StringRef Name = sys::path::filename(It->path());
    if (Name.starts_with(".") && It->type() == sys::fs::file_type::directory_file) {
      It.no_push();
      continue;
    }
    if (isSourceFile(It->path()))
      Out.push_back(canonicalPath(It->path()));
  }
  if (EC)
    return createStringError(EC, Dir + ": error: " + EC.message());
  return Error::success();
}

Expected<Inputs> resolveInputs(const std::vector<std::string> &Paths,
                               const std::string &BuildPath,
                               const std::vector<std::string> &ExtraArgs,
                               bool HaveDashDash) {
  Inputs In;
  if (Paths.empty())
    return createStringError(inconvertibleErrorCode(),
                             "error: no input files (give files or directories; "
                             "see --help)");
  for (const std::string &P : Paths)
    if (!sys::fs::exists(P))
      return createStringError(inconvertibleErrorCode(),
                               "error: no such file or directory: '" + P + "'");

  std::string Err;
  if (!BuildPath.empty()) {
    In.DB = CompilationDatabase::loadFromDirectory(BuildPath, Err);
    if (!In.DB)
      return createStringError(inconvertibleErrorCode(),
                               "error: cannot load the compilation database "
                               "from '" + BuildPath + "': " + Err);
    In.DBDir = canonicalPath(BuildPath);
  } else if (HaveDashDash) {
    std::vector<std::string> Args = ExtraArgs;
    In.DB = std::make_unique<FixedCompilationDatabase>(".", Args);
  } else {
    SmallString<256> Start(canonicalPath(Paths.front()));
    if (!sys::fs::is_directory(Start))
      sys::path::remove_filename(Start);
    for (StringRef D = Start; !D.empty() && !In.DB;
         D = sys::path::parent_path(D)) {
      SmallString<256> Build(D);
      sys::path::append(Build, "build");
      for (StringRef Dir : {D, StringRef(Build)}) {
        SmallString<256> Json(Dir);
        sys::path::append(Json, "compile_commands.json");
        if (!sys::fs::exists(Json))
          continue;
        In.DB = CompilationDatabase::loadFromDirectory(Dir, Err);
        if (In.DB) {
          In.DBDir = Dir.str();
          break;
        }
      }
    }
    if (!In.DB)
      In.DB = std::make_unique<FixedCompilationDatabase>(
          ".", std::vector<std::string>{"-std=c++20"});
  }

  std::set<std::string> DBFiles;
  if (!In.DBDir.empty())
    for (const std::string &F : In.DB->getAllFiles())
      DBFiles.insert(canonicalPath(F));

  std::set<std::string> Files;
  std::vector<std::string> Headers;
  for (const std::string &P : Paths) {
    std::string Abs = canonicalPath(P);
    if (!sys::fs::is_directory(Abs)) {
      if (isHeaderFile(Abs) && !DBFiles.count(Abs))
        Headers.push_back(Abs);
      else
        Files.insert(Abs);
      continue;
    }
    bool FromDB = false;
    for (const std::string &F : DBFiles)
      if (under(F, Abs)) {
        Files.insert(F);
        FromDB = true;
      }
    if (FromDB)
      continue;
    std::vector<std::string> Found;
    if (Error E = scanDirectory(Abs, Found))
      return std::move(E);
    Files.insert(Found.begin(), Found.end());
  }
  // A header is seen through a translation unit that includes it, with
  // everything that unit includes before it; only with no includer is it
  // parsed on its own.
  IncluderIndex Index(std::vector<std::string>(DBFiles.begin(), DBFiles.end()));
  for (const std::string &H : Headers) {
    std::string Via = Index.includerOf(H);
    if (Via.empty()) {
      Files.insert(H);
      continue;
    }
    if (!Files.count(Via))
      In.OnlyFor[Via].insert(H);
  }
  for (const auto &[Via, Hs] : In.OnlyFor)
    Files.insert(Via);
  In.Files.assign(Files.begin(), Files.end());
  // Files the database does not list (headers, new files) borrow the flags
  // of the nearest file it does.
  if (!In.DBDir.empty()) {
    bool Missing = any_of(In.Files, [&](const std::string &F) {
      return !DBFiles.count(F);
    });
    if (Missing)
      In.DB = inferMissingCompileCommands(std::move(In.DB));
  }
  In.DB = withHeaderLanguage(std::move(In.DB));
  return std::move(In);
}

void selectShard(Inputs &In, unsigned K, unsigned N) {
  if (N <= 1)
    return;
  std::vector<std::string> Kept;
  for (size_t I = 0; I < In.Files.size(); ++I)
    if (I % N == K - 1)
      Kept.push_back(In.Files[I]);
  for (auto It = In.OnlyFor.begin(); It != In.OnlyFor.end();)
    It = is_contained(Kept, It->first) ? std::next(It) : In.OnlyFor.erase(It);
  In.Files = std::move(Kept);
}

} // namespace pitfix
