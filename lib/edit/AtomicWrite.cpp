//===- AtomicWrite.cpp ----------------------------------------------------===//
#include "edit/AtomicWrite.h"

#include "edit/Finding.h"
#include "edit/InPlaceUndo.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace pitfix {

const char ChangedOnDisk[] = "changed on disk since it was analysed";

char FileChangedError::ID;

void FileChangedError::log(raw_ostream &OS) const {
  OS << Path << ": error: " << ChangedOnDisk;
}

std::error_code FileChangedError::convertToErrorCode() const {
  return inconvertibleErrorCode();
}

static std::error_code lastError() {
  return std::error_code(errno, std::generic_category());
}

static Error failure(StringRef Path, const Twine &What, std::error_code EC) {
  return createStringError(EC, Path + ": error: " + What + ": " + EC.message());
}

std::string writeRefusal(StringRef Path) {
  SmallString<256> P(Path);
  struct stat St;
  if (::stat(P.c_str(), &St) != 0)
    return "cannot stat it: " + lastError().message();
  if (!S_ISREG(St.st_mode))
    return "it is not a regular file";
  if ((St.st_mode & 0222) == 0)
    return "the file is read-only (its mode grants no write permission)";
  if (::access(P.c_str(), W_OK) != 0)
    return errno == EROFS ? "the file is on a read-only file system"
                          : "the file is not writable: " +
                                lastError().message();
  return "";
}

std::error_code writeAllAt(int FD, StringRef Content) {
  size_t Done = 0;
  while (Done < Content.size()) {
    ssize_t N = ::pwrite(FD, Content.data() + Done, Content.size() - Done,
                         static_cast<off_t>(Done));
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return lastError();
    }
    Done += static_cast<size_t>(N);
  }
  return {};
}

/// Everything \p FD holds, read from offset 0.
static std::error_code readAll(int FD, std::string &Text) {
  Text.clear();
  char Buf[65536];
  for (;;) {
    ssize_t N = ::pread(FD, Buf, sizeof Buf, static_cast<off_t>(Text.size()));
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return lastError();
    }
    if (N == 0)
      return {};
    Text.append(Buf, static_cast<size_t>(N));
  }
}

/// Success when \p Expected is 0 or \p Text has that digest; a
/// FileChangedError when it does not.
static Error checkUnchanged(StringRef Path, StringRef Text, uint64_t Expected) {
  if (Expected && contentDigest(Text) != Expected)
    return make_error<FileChangedError>(Path.str());
  return Error::success();
}

/// The same for the file at \p Path, read again.
static Error checkUnchanged(StringRef Path, uint64_t Expected) {
  if (!Expected)
    return Error::success();
  SmallString<256> P(Path);
  int FD = ::open(P.c_str(), O_RDONLY | O_CLOEXEC);
  if (FD < 0)
    return errno == ENOENT ? make_error<FileChangedError>(Path.str())
                           : failure(Path, "cannot read it again before "
                                           "writing",
                                     lastError());
  std::string Text;
  std::error_code EC = readAll(FD, Text);
  ::close(FD);
  if (EC)
    return failure(Path, "cannot read it again before writing", EC);
  return checkUnchanged(Path, Text, Expected);
}

/// Rewrites the file's own inode: links, owner, mode and attributes stay.
/// An undo record beside it (see InPlaceUndo.h) lets a later run repair
/// what a crash in the middle leaves.
static Error writeInPlace(StringRef Path, StringRef Content,
                          const struct stat &St, uint64_t Expected) {
  SmallString<256> P(Path);
  int FD = ::open(P.c_str(), O_RDWR | O_CLOEXEC);
  if (FD < 0)
    return failure(Path, "cannot open for writing", lastError());
  auto Close = [&](Error E) {
    ::close(FD);
    return E;
  };
  // The last look at the text before its first byte changes.
  std::string Old;
  if (std::error_code EC = readAll(FD, Old))
    return Close(failure(Path, "cannot read it again before writing", EC));
  if (Error E = checkUnchanged(Path, Old, Expected))
    return Close(std::move(E));
  // Without a record (a directory that cannot take one) a crash during the
  // write can still leave the file mixed, as it always could.
  UndoRecord Undo;
  (void)UndoRecord::create(Path, Old, Content, Undo);
  auto Unchanged = [&](const Twine &What, std::error_code EC) {
    Undo.discard();
    return Close(failure(Path, What, EC));
  };
  if (Content.size() > static_cast<uint64_t>(St.st_size)) {
    // Reserve the blocks first: a full disk fails here, before any byte of
    // the file changes. File systems without fallocate say so (EOPNOTSUPP).
    int RC = ::posix_fallocate(FD, 0, static_cast<off_t>(Content.size()));
    if (RC != 0 && RC != EOPNOTSUPP && RC != EINVAL)
      return Unchanged("cannot write (the file is unchanged)",
                       std::error_code(RC, std::generic_category()));
  }
  std::error_code EC = writeAllAt(FD, Content);
  if (!EC && (::ftruncate(FD, static_cast<off_t>(Content.size())) != 0 ||
              ::fsync(FD) != 0))
    EC = lastError();
  if (EC) {
    // Put the old text back while it is at hand; if that fails too, the
    // record stays for the next run.
    if (!writeAllAt(FD, Old) &&
        ::ftruncate(FD, static_cast<off_t>(Old.size())) == 0 &&
        ::fsync(FD) == 0)
      return Unchanged("cannot write (the file is unchanged)", EC);
    return Close(failure(Path, "cannot write (the file may be partly "
                               "written; the next --fix restores it)",
                         EC));
  }
  if (::close(FD) != 0)
    return failure(Path, "cannot write", lastError());
  Undo.commit();
  return Error::success();
}

Error writeFileAtomically(StringRef Path, StringRef Content,
                          uint64_t Expected) {
  SmallString<256> P(Path);
  struct stat St;
  if (::stat(P.c_str(), &St) != 0)
    return failure(Path, "cannot stat", lastError());
  // A rename would leave the other links with the old text.
  if (St.st_nlink > 1)
    return writeInPlace(Path, Content, St, Expected);

  SmallString<256> Model(Path);
  Model += ".pitfix-" + std::to_string(::getpid()) + "-%%%%%%.tmp";
  int FD;
  SmallString<256> Tmp;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Tmp)) {
    // A directory the user cannot add to, holding a file they may write.
    if (EC == std::errc::permission_denied ||
        EC == std::errc::read_only_file_system)
      return writeInPlace(Path, Content, St, Expected);
    return failure(Path, "cannot create a temporary file", EC);
  }
  // Ctrl-C or a kill while it exists removes it (LLVM's signal handlers
  // remove the registered files, then the signal takes its course).
  sys::RemoveFileOnSignal(Tmp);
  auto Forget = make_scope_exit([&] { sys::DontRemoveFileOnSignal(Tmp); });
  auto Abandon = [&](Error E) {
    ::close(FD);
    sys::fs::remove(Tmp);
    return E;
  };
  if (std::error_code EC = writeAllAt(FD, Content))
    return Abandon(failure(Path, "cannot write", EC));
  if (::fchmod(FD, St.st_mode & 07777) != 0)
    return Abandon(failure(Path, "cannot set permissions", lastError()));
  if ((St.st_uid != ::geteuid() || St.st_gid != ::getegid()) &&
      ::fchown(FD, St.st_uid, St.st_gid) != 0) {
    // The new file cannot have the old one's owner: keep the old inode.
    ::close(FD);
    sys::fs::remove(Tmp);
    return writeInPlace(Path, Content, St, Expected);
  }
  if (::fsync(FD) != 0)
    return Abandon(failure(Path, "cannot write", lastError()));
  if (::close(FD) != 0) {
    sys::fs::remove(Tmp);
    return failure(Path, "cannot write", lastError());
  }
  // The last look at the text before it is replaced: a save made while the
  // run computed and wrote the new text must not be lost.
  if (Error E = checkUnchanged(Path, Expected)) {
    sys::fs::remove(Tmp);
    return E;
  }
  if (std::error_code EC = sys::fs::rename(Tmp, Path)) {
    sys::fs::remove(Tmp);
    return failure(Path, "cannot replace", EC);
  }
  return Error::success();
}

std::error_code writeOwnFile(StringRef Path, StringRef Content) {
  SmallString<256> Model(Path);
  Model += ".pitfix-" + std::to_string(::getpid()) + "-%%%%%%.tmp";
  int FD;
  SmallString<256> Tmp;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Tmp))
    return EC;
  sys::RemoveFileOnSignal(Tmp);
  auto Forget = make_scope_exit([&] { sys::DontRemoveFileOnSignal(Tmp); });
  std::error_code EC = writeAllAt(FD, Content);
  if (::close(FD) != 0 && !EC)
    EC = lastError();
  if (!EC)
    EC = sys::fs::rename(Tmp, Path);
  if (EC)
    sys::fs::remove(Tmp);
  return EC;
}

/// The process id in a name "<file>.pitfix-<pid>-XXXXXX.tmp", or 0.
static long tempFileOwner(StringRef Name) {
  if (!Name.consume_back(".tmp") || Name.size() < 7 ||
      Name[Name.size() - 7] != '-')
    return 0;
  StringRef Random = Name.take_back(6);
  if (!all_of(Random, [](char C) { return isAlnum(C); }))
    return 0;
  Name = Name.drop_back(7);
  size_t Dot = Name.rfind(".pitfix-");
  if (Dot == StringRef::npos || Dot == 0)
    return 0;
  long Pid;
  if (Name.drop_front(Dot + 8).getAsInteger(10, Pid) || Pid <= 0)
    return 0;
  return Pid;
}

unsigned removeStaleTempFiles(StringRef Dir) {
  unsigned Removed = 0;
  std::error_code EC;
  time_t Now = ::time(nullptr);
  for (sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    long Pid = tempFileOwner(sys::path::filename(It->path()));
    if (!Pid)
      continue;
    SmallString<256> P(It->path());
    struct stat St;
    if (::lstat(P.c_str(), &St) != 0 || !S_ISREG(St.st_mode))
      continue;
    bool Gone = ::kill(static_cast<pid_t>(Pid), 0) != 0 && errno == ESRCH;
    if ((Gone || Now - St.st_mtime > 3600) && !sys::fs::remove(P))
      ++Removed;
  }
  return Removed;
}

} // namespace pitfix
