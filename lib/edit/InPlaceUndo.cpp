//===- InPlaceUndo.cpp ----------------------------------------------------===//
#include "edit/InPlaceUndo.h"
#include "edit/AtomicWrite.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace pitfix {
namespace {

constexpr char Magic[] = "pitfix-undo 1 ";

std::error_code lastError() {
  return std::error_code(errno, std::generic_category());
}

/// The file a record "<file>.pitfix-<pid>-XXXXXX.undo" belongs to, and the
/// pid; false when \p Name is no record.
bool parseRecordName(StringRef Name, StringRef &File, long &Pid) {
  if (!Name.consume_back(".undo") || Name.size() < 7 ||
      Name[Name.size() - 7] != '-')
    return false;
  Name = Name.drop_back(7);
  size_t Dot = Name.rfind(".pitfix-");
  if (Dot == StringRef::npos || Dot == 0)
    return false;
  if (Name.drop_front(Dot + 8).getAsInteger(10, Pid) || Pid <= 0)
    return false;
  File = Name.take_front(Dot);
  return true;
}

/// True when \p Cur can be what an interrupted rewrite from \p Old to
/// \p New left: each byte is that of one of them (or a zero of the reserved
/// space), and its size one of theirs.
bool mixOf(StringRef Cur, StringRef Old, StringRef New) {
  size_t Max = std::max(Old.size(), New.size());
  if (Cur.size() != Old.size() && Cur.size() != New.size() &&
      Cur.size() != Max)
    return false;
  for (size_t I = 0; I < Cur.size(); ++I) {
    char C = Cur[I];
    if (C == 0 || (I < Old.size() && C == Old[I]) ||
        (I < New.size() && C == New[I]))
      continue;
    return false;
  }
  return true;
}

/// Writes \p Text over \p Path's own inode.
std::error_code restoreInPlace(StringRef Path, StringRef Text) {
  SmallString<256> P(Path);
  int FD = ::open(P.c_str(), O_WRONLY | O_CLOEXEC);
  if (FD < 0)
    return lastError();
  std::error_code EC = writeAllAt(FD, Text);
  if (!EC && (::ftruncate(FD, static_cast<off_t>(Text.size())) != 0 ||
              ::fsync(FD) != 0))
    EC = lastError();
  if (::close(FD) != 0 && !EC)
    EC = lastError();
  return EC;
}

} // namespace

std::error_code UndoRecord::create(StringRef Path, StringRef Old,
                                   StringRef New, UndoRecord &Out) {
  SmallString<256> Model(Path);
  Model += ".pitfix-" + std::to_string(::getpid()) + "-%%%%%%.undo";
  int FD;
  SmallString<256> Rec;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Rec))
    return EC;
  std::string Data = std::string(Magic) + std::to_string(Old.size()) + " " +
                     std::to_string(New.size()) + "\n";
  Data += Old;
  Data += New;
  std::error_code EC = writeAllAt(FD, Data);
  if (!EC && ::fsync(FD) != 0)
    EC = lastError();
  if (::close(FD) != 0 && !EC)
    EC = lastError();
  if (!EC) {
    // The record's name must be durable before the file changes.
    SmallString<256> Dir(sys::path::parent_path(Path));
    if (Dir.empty())
      Dir = ".";
    int DFD = ::open(Dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (DFD >= 0) {
      ::fsync(DFD);
      ::close(DFD);
    }
  }
  if (EC) {
    sys::fs::remove(Rec);
    return EC;
  }
  Out.RecordPath = std::string(Rec);
  return {};
}

void UndoRecord::commit() {
  if (!RecordPath.empty())
    sys::fs::remove(RecordPath);
  RecordPath.clear();
}

std::vector<Recovery> recoverInPlaceWrites(StringRef Dir) {
  std::vector<Recovery> Out;
  std::error_code EC;
  time_t Now = ::time(nullptr);
  for (sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    StringRef Name = sys::path::filename(It->path());
    StringRef FileName;
    long Pid;
    if (!parseRecordName(Name, FileName, Pid))
      continue;
    SmallString<256> Rec(It->path());
    struct stat St;
    if (::lstat(Rec.c_str(), &St) != 0 || !S_ISREG(St.st_mode))
      continue;
    bool Gone = ::kill(static_cast<pid_t>(Pid), 0) != 0 && errno == ESRCH;
    if (!Gone && Now - St.st_mtime <= 3600)
      continue; // A run that is still writing.
    SmallString<256> File(Dir);
    sys::path::append(File, FileName);
    auto RecBuf = MemoryBuffer::getFile(Rec, /*IsText=*/false,
                                        /*RequiresNullTerminator=*/false);
    if (!RecBuf)
      continue;
    StringRef Data = (*RecBuf)->getBuffer();
    auto [Header, Body] = Data.split('\n');
    size_t OldSize, NewSize;
    StringRef Sizes = Header;
    if (!Sizes.consume_front(Magic))
      continue;
    auto [A, B] = Sizes.split(' ');
    if (A.getAsInteger(10, OldSize) || B.getAsInteger(10, NewSize) ||
        Body.size() != OldSize + NewSize) {
      // Cut short while it was written: the file was not touched yet.
      sys::fs::remove(Rec);
      continue;
    }
    StringRef Old = Body.take_front(OldSize), New = Body.drop_front(OldSize);
    auto Cur = MemoryBuffer::getFile(File, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false);
    if (!Cur) {
      sys::fs::remove(Rec); // The file is gone: nothing to complete.
      continue;
    }
    StringRef Text = (*Cur)->getBuffer();
    if (Text == New || Text == Old) {
      sys::fs::remove(Rec);
      Out.push_back({std::string(File), Recovery::Completed, ""});
    } else if (mixOf(Text, Old, New) && !restoreInPlace(File, Old)) {
      sys::fs::remove(Rec);
      Out.push_back({std::string(File), Recovery::Restored, ""});
    } else {
      Out.push_back({std::string(File), Recovery::LeftAlone, std::string(Rec)});
    }
  }
  return Out;
}

} // namespace pitfix
