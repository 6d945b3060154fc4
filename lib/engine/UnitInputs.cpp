//===- UnitInputs.cpp -----------------------------------------------------===//
#include "engine/UnitInputs.h"

#include "clang/Basic/FileManager.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace pitfix {
namespace {

class AbsentRecorder : public vfs::ProxyFileSystem {
public:
  AbsentRecorder(IntrusiveRefCntPtr<vfs::FileSystem> Base,
                 std::set<std::string> &Absent)
      : ProxyFileSystem(std::move(Base)), Absent(Absent) {}

  ErrorOr<vfs::Status> status(const Twine &Path) override {
    ErrorOr<vfs::Status> S = ProxyFileSystem::status(Path);
    if (!S)
      record(Path);
    return S;
  }
  bool exists(const Twine &Path) override {
    bool E = ProxyFileSystem::exists(Path);
    if (!E)
      record(Path);
    return E;
  }
  ErrorOr<std::unique_ptr<vfs::File>>
  openFileForRead(const Twine &Path) override {
    auto F = ProxyFileSystem::openFileForRead(Path);
    if (!F)
      record(Path);
    return F;
  }

private:
  void record(const Twine &Path) {
    SmallString<256> P;
    Path.toVector(P);
    if (P.empty())
      return;
    if (makeAbsolute(P))
      return; // No working directory: nothing that can be checked later.
    sys::path::remove_dots(P, /*remove_dot_dot=*/false);
    Absent.insert(std::string(P));
  }

  std::set<std::string> &Absent;
};

class HasIncludeRecorder : public clang::PPCallbacks {
public:
  HasIncludeRecorder(clang::FileManager &FM, std::set<std::string> &Present)
      : FM(FM), Present(Present) {}

  void HasInclude(clang::SourceLocation, StringRef, bool,
                  clang::OptionalFileEntryRef File,
                  clang::SrcMgr::CharacteristicKind) override {
    // A probe that failed looked each candidate up through the file system
    // (see AbsentRecorder); one that succeeded must still succeed.
    if (!File)
      return;
    SmallString<256> P(File->getName());
    FM.makeAbsolutePath(P);
    sys::path::remove_dots(P, /*remove_dot_dot=*/false);
    Present.insert(std::string(P));
  }

private:
  clang::FileManager &FM;
  std::set<std::string> &Present;
};

} // namespace

IntrusiveRefCntPtr<vfs::FileSystem>
recordAbsentPaths(IntrusiveRefCntPtr<vfs::FileSystem> Base,
                  std::set<std::string> &Absent) {
  return makeIntrusiveRefCnt<AbsentRecorder>(std::move(Base), Absent);
}

std::unique_ptr<clang::PPCallbacks>
recordHasIncludeHits(clang::FileManager &FM, std::set<std::string> &Present) {
  return std::make_unique<HasIncludeRecorder>(FM, Present);
}

} // namespace pitfix
