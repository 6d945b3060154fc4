//===- DirectoryWalk.cpp --------------------------------------------------===//
#include "engine/DirectoryWalk.h"

#include "engine/MatchContext.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <set>
#include <vector>

using namespace llvm;

namespace pitfix {

Error walkDirectory(StringRef Root,
                    function_ref<bool(StringRef, StringRef)> Enter,
                    function_ref<void(StringRef, StringRef)> Visit) {
  sys::fs::file_status St;
  if (std::error_code EC = sys::fs::status(Root, St))
    return createStringError(EC, Root + ": error: " + EC.message());
  std::set<sys::fs::UniqueID> Entered = {St.getUniqueID()};
  std::vector<std::string> Stack = {Root.str()};
  bool AtRoot = true;
  while (!Stack.empty()) {
    std::string Dir = Stack.back();
    Stack.pop_back();
    std::error_code EC;
    std::vector<std::string> Names;
    for (sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC))
      Names.push_back(It->path());
    if (EC && AtRoot)
      return createStringError(EC, Dir + ": error: " + EC.message());
    AtRoot = false;
    llvm::sort(Names);
    std::vector<std::string> Subdirs;
    for (const std::string &P : Names) {
      sys::fs::file_status S;
      if (sys::fs::status(P, S)) // A dangling link, or no permission.
        continue;
      std::string Real = canonicalPath(P);
      if (S.type() != sys::fs::file_type::directory_file) {
        Visit(P, Real);
        continue;
      }
      if (sys::path::filename(P).starts_with(".") || !Enter(P, Real))
        continue;
      if (Entered.insert(S.getUniqueID()).second)
        Subdirs.push_back(P);
    }
    // Depth first, in name order.
    Stack.insert(Stack.end(), Subdirs.rbegin(), Subdirs.rend());
  }
  return Error::success();
}

} // namespace pitfix
