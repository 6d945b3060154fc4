//===- RulesLocation.cpp --------------------------------------------------===//
#include "engine/RulesLocation.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <dlfcn.h>

using namespace llvm;

namespace pitfix {

namespace {

std::string realPath(StringRef P) {
  SmallString<256> Real;
  if (sys::fs::real_path(P, Real))
    return P.str();
  return std::string(Real);
}

/// Whether \p Binary lies under the build tree this pitfix was built in.
bool inBuildTree(StringRef Binary) {
  std::string Build = realPath(PITFIX_BUILD_DIR);
  std::string Bin = realPath(Binary);
  return StringRef(Bin).starts_with(Build + "/");
}

} // namespace

Expected<std::string> shippedRulesDir(StringRef BinaryPath) {
  if (auto Env = sys::Process::GetEnv("PITFIX_RULES_DIR")) {
    if (sys::fs::is_directory(*Env))
      return *Env;
    return createStringError(inconvertibleErrorCode(),
                             "error: PITFIX_RULES_DIR='" + *Env +
                                 "' is not a directory");
  }
  std::string Bin = realPath(BinaryPath);
  SmallString<256> Installed(sys::path::parent_path(sys::path::parent_path(Bin)));
  sys::path::append(Installed, "share", "pitfix", "rules");
  if (sys::fs::is_directory(Installed))
    return std::string(Installed);
  if (inBuildTree(Bin) && sys::fs::is_directory(PITFIX_SOURCE_RULES_DIR))
    return std::string(PITFIX_SOURCE_RULES_DIR);
  return createStringError(
      inconvertibleErrorCode(),
      "error: the shipped rules were not found: looked in " + Installed +
          " (next to " + Bin +
          ") and PITFIX_RULES_DIR is not set; install pitfix with "
          "'cmake --install' or set PITFIX_RULES_DIR to a rules directory");
}

std::string docRootFor(StringRef RulesDir) {
  std::string Rules = realPath(RulesDir);
  StringRef Parent = sys::path::parent_path(Rules);
  SmallString<256> Root;
  if (sys::path::filename(Rules) == "rules" &&
      sys::path::filename(Parent) == "pitfix" &&
      sys::path::filename(sys::path::parent_path(Parent)) == "share") {
    Root = sys::path::parent_path(Parent);
    sys::path::append(Root, "doc", "pitfix");
  } else {
    Root = Parent;
  }
  SmallString<256> Page(Root);
  sys::path::append(Page, "docs", "rules", "README.md");
  return sys::fs::exists(Page) ? std::string(Root) : "";
}

std::string binaryContaining(const void *Addr) {
  Dl_info Info;
  if (dladdr(Addr, &Info) && Info.dli_fname)
    return Info.dli_fname;
  return "";
}

} // namespace pitfix
