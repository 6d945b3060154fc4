//===- Inputs.cpp ---------------------------------------------------------===//
#include "Inputs.h"

#include "Includers.h"

#include "engine/DirectoryWalk.h"
#include "engine/MatchContext.h"
#include "engine/Runner.h"
#include "output/TextReport.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
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

/// Files under \p Dir that \p Want accepts, skipping hidden directories.
/// A symbolic link counts as the place it points to: one that leads out of
/// \p Dir's project (its git work tree, else \p Dir) and \p MoreRoots is not
/// followed and is listed in \p Outside.
static Error scanDirectory(StringRef Dir, std::vector<std::string> &Out,
                           std::vector<std::string> &Outside,
                           std::set<std::string> &Visited,
                           ArrayRef<std::string> MoreRoots,
                           bool (*Want)(StringRef) = isSourceFile) {
  Visited.insert(Dir.str());
  SmallString<256> Anchor(Dir);
  sys::path::append(Anchor, "-");
  std::string Root = projectRootFor(Anchor);
  auto Inside = [&](StringRef Real) {
    return under(Real, Root) || under(Real, Dir) ||
           any_of(MoreRoots, [&](const std::string &R) { return under(Real, R); });
  };
  return walkDirectory(
      Dir,
      [&](StringRef Path, StringRef Real) {
        if (Inside(Real)) {
          Visited.insert(Real.str());
          return true;
        }
        Outside.push_back(canonicalPath(sys::path::parent_path(Path)) + "/" +
                          sys::path::filename(Path).str());
        return false;
      },
      [&](StringRef Path, StringRef Real) {
        if (!Want(Path) && !Want(Real))
          return;
        if (Inside(Real))
          Out.push_back(Real.str());
        else
          Outside.push_back(canonicalPath(sys::path::parent_path(Path)) + "/" +
                            sys::path::filename(Path).str());
      });
}

/// The deepest directory that holds every file of \p Files ("" for none).
static std::string commonRoot(const std::set<std::string> &Files) {
  std::string Root;
  for (const std::string &F : Files) {
    StringRef Dir = sys::path::parent_path(F);
    if (Root.empty()) {
      Root = Dir.str();
      continue;
    }
    while (!Root.empty() && !under(Dir, Root))
      Root = sys::path::parent_path(Root).str();
  }
  return Root;
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
    // Its errors at their line and column, before Clang's loader.
    Expected<DatabaseEntries> Listed = checkCompileDatabase(BuildPath);
    if (!Listed)
      return Listed.takeError();
    In.Listed = std::move(*Listed);
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
        Expected<DatabaseEntries> Listed = checkCompileDatabase(Dir);
        if (!Listed)
          return Listed.takeError();
        In.Listed = std::move(*Listed);
        In.DB = CompilationDatabase::loadFromDirectory(Dir, Err);
        if (In.DB) {
          In.DBDir = Dir.str();
          break;
        }
      }
    }
    if (!In.DB) {
      In.DB = std::make_unique<FixedCompilationDatabase>(
          ".", std::vector<std::string>{"-std=c++20"});
      In.NoDatabase = ("warning: no compile_commands.json in '" + Start +
                       "' or a parent directory (nor in their build/ "
                       "subdirectories); parsing with -std=c++20 and no "
                       "include paths or macros: give the build directory "
                       "with -p <dir>, or the flags after -- [pitfix]")
                          .str();
    }
  }

  std::set<std::string> DBFiles;
  if (!In.DBDir.empty())
    for (const std::string &F : In.DB->getAllFiles())
      DBFiles.insert(canonicalPath(F));

  // Without version control, the project is what the command line and the
  // database name: the given directories and the common root of the
  // database's files and its own directory (a root of "/" says nothing).
  for (const std::string &P : Paths)
    if (sys::fs::is_directory(P))
      In.ProjectDirs.push_back(canonicalPath(P));
  std::set<std::string> DBPlaces = DBFiles;
  if (!In.DBDir.empty())
    DBPlaces.insert(In.DBDir + "/compile_commands.json");
  std::string DBRoot = commonRoot(DBPlaces);
  if (sys::path::has_parent_path(DBRoot) &&
      sys::path::parent_path(DBRoot) != "/")
    In.ProjectDirs.push_back(DBRoot);

  std::set<std::string> Files;
  std::vector<std::string> Headers;     // Given on the command line.
  std::set<std::string> FoundHeaders;   // Found under the given directories.
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
    if (FromDB) {
      // Headers that no unit of the database reaches are parsed on their own;
      // sources it does not list are named in a note.
      std::vector<std::string> Found;
      if (Error E = scanDirectory(Abs, Found, In.OutsideLinks, In.VisitedDirs,
                                  In.ProjectDirs, [](StringRef P) {
                                    return isHeaderFile(P) || isSourceFile(P);
                                  }))
        return std::move(E);
      // Not the build directory's generated headers: they are the build's
      // output, never the project's to edit.
      bool BuildInside = !In.DBDir.empty() && under(In.DBDir, Abs) &&
                         !under(Abs, In.DBDir);
      for (std::string &H : Found) {
        if (DBFiles.count(H) || (BuildInside && under(H, In.DBDir)))
          continue;
        if (isSourceFile(H))
          In.Unlisted.push_back(std::move(H));
        else if (sys::path::has_extension(H))
          FoundHeaders.insert(std::move(H));
      }
      continue;
    }
    std::vector<std::string> Found;
    if (Error E =
            scanDirectory(Abs, Found, In.OutsideLinks, In.VisitedDirs,
                          In.ProjectDirs))
      return std::move(E);
    Files.insert(Found.begin(), Found.end());
  }

  // Which database file reaches each header, through a chain of includes.
  std::vector<std::string> Known(DBFiles.begin(), DBFiles.end());
  Known.insert(Known.end(), FoundHeaders.begin(), FoundHeaders.end());
  Known.insert(Known.end(), Headers.begin(), Headers.end());
  Known.insert(Known.end(), Files.begin(), Files.end());
  llvm::sort(Known);
  Known.erase(std::unique(Known.begin(), Known.end()), Known.end());
  IncluderIndex Index(Known);
  std::map<std::string, std::string> UnitFor;
  std::function<std::string(const std::string &, std::set<std::string> &)>
      Reach = [&](const std::string &H, std::set<std::string> &Seen) {
        if (DBFiles.count(H))
          return H;
        auto It = UnitFor.find(H);
        if (It != UnitFor.end())
          return It->second;
        if (!Seen.insert(H).second)
          return std::string();
        std::string Unit;
        for (const std::string &I : Index.includersOf(H))
          if (!(Unit = Reach(I, Seen)).empty())
            break;
        return UnitFor[H] = Unit;
      };

  // A header is seen through a translation unit that includes it, with
  // everything that unit includes before it; only when no unit reaches it
  // is it parsed on its own.
  std::vector<std::string> Alone;
  for (const std::string &H : Headers) {
    std::set<std::string> Seen;
    std::string Via = Reach(H, Seen);
    if (Via.empty()) {
      Alone.push_back(H);
      continue;
    }
    if (!Files.count(Via))
      In.OnlyFor[Via].insert(H);
  }
  for (const std::string &H : FoundHeaders) {
    std::set<std::string> Seen;
    if (Reach(H, Seen).empty())
      Alone.push_back(H);
  }
  for (const auto &[Via, Hs] : In.OnlyFor)
    Files.insert(Via);
  for (const std::string &H : Alone) {
    Files.insert(H);
    In.Standalone.insert(H);
  }
  In.Files.assign(Files.begin(), Files.end());
  for (const std::string &F : In.Files)
    In.VisitedDirs.insert(sys::path::parent_path(F).str());
  for (const std::string &H : Headers)
    In.VisitedDirs.insert(sys::path::parent_path(H).str());
  // Files the database does not list (headers, new files) borrow the flags
  // of the nearest file it does.
  if (!In.DBDir.empty()) {
    bool Missing = any_of(In.Files, [&](const std::string &F) {
      return !DBFiles.count(F);
    });
    if (Missing)
      In.DB = inferMissingCompileCommands(std::move(In.DB));
  }
  // A header on its own takes the flags of a file that includes it.
  std::map<std::string, CompileCommand> Commands;
  for (const std::string &H : Alone)
    for (const std::string &I : Index.includersOf(H)) {
      std::vector<CompileCommand> Cmds = In.DB->getCompileCommands(I);
      if (Cmds.empty())
        continue;
      Commands[H] = transferCompileCommand(Cmds.front(), H);
      break;
    }
  In.DB = withHeaderLanguage(std::move(In.DB), std::move(Commands));
  return std::move(In);
}

void noteSkippedInputs(const Inputs &In, StringRef BaseDir) {
  if (!In.NoDatabase.empty())
    errs() << "pitfix: " << In.NoDatabase << "\n";
  for (const std::string &F : In.Unlisted)
    errs() << displayPath(F, BaseDir)
           << ": note: the compile database does not list this file; not "
              "analysed [pitfix]\n";
  for (const std::string &F : In.OutsideLinks)
    errs() << displayPath(F, BaseDir)
           << ": note: a symbolic link out of the project; not followed "
              "[pitfix]\n";
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
