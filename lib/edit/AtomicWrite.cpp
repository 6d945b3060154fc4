//===- AtomicWrite.cpp ----------------------------------------------------===//
#include "edit/AtomicWrite.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace pitfix {

Error writeFileAtomically(StringRef Path, StringRef Content) {
  auto Fail = [&](std::error_code EC, const Twine &What) {
    return createStringError(EC, Path + ": error: " + What + ": " +
                                     EC.message());
  };
  ErrorOr<sys::fs::perms> Perms = sys::fs::getPermissions(Path);
  if (!Perms)
    return Fail(Perms.getError(), "cannot stat");
  SmallString<256> Model(Path);
  Model += ".pitfix-%%%%%%.tmp";
  int FD;
  SmallString<256> Tmp;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Tmp))
    return Fail(EC, "cannot create a temporary file");
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Content;
    OS.flush();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      sys::fs::remove(Tmp);
      return Fail(EC, "cannot write");
    }
  }
  if (std::error_code EC = sys::fs::setPermissions(Tmp, *Perms)) {
    sys::fs::remove(Tmp);
    return Fail(EC, "cannot set permissions");
  }
  if (std::error_code EC = sys::fs::rename(Tmp, Path)) {
    sys::fs::remove(Tmp);
    return Fail(EC, "cannot replace");
  }
  return Error::success();
}

} // namespace pitfix
