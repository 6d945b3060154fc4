//===- Preambles.cpp ------------------------------------------------------===//
#include "engine/Preambles.h"

#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/PrecompiledPreamble.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/xxhash.h"

#include <vector>

using namespace llvm;
using namespace clang;

namespace pitfix {

struct PreambleCache::Entry {
  Entry(std::string Key, PrecompiledPreamble P,
        std::vector<std::pair<std::string, uint64_t>> Files)
      : Key(std::move(Key)), Preamble(std::move(P)), Files(std::move(Files)) {}

  /// The compiler, compile command and working directory.
  std::string Key;
  PrecompiledPreamble Preamble;
  /// Every file the preamble read (the main file aside), as the compiler
  /// named it, with the hash of its text.
  std::vector<std::pair<std::string, uint64_t>> Files;

  /// True when \p Main (of a command with this Key) may load the preamble.
  bool current(const CompilerInvocation &CI, const MemoryBuffer &Main,
               vfs::FileSystem &FS) const {
    PreambleBounds B = Preamble.getBounds();
    if (B.Size > Main.getBufferSize() ||
        !Preamble.CanReuse(CI, Main.getMemBufferRef(), B, FS))
      return false;
    // CanReuse compares the size and time of the files on disk; a file of
    // an in-memory overlay (a rewritten header) has no time: the texts are
    // compared, for every file.
    for (const auto &[Path, Hash] : Files) {
      auto Buf = FS.getBufferForFile(Path, -1, /*RequiresNullTerminator=*/false);
      if (!Buf || xxh3_64bits((*Buf)->getBuffer()) != Hash)
        return false;
    }
    return true;
  }
};

namespace {

/// Records the files a preamble read, with the hash of their text.
class FileRecorder : public PreambleCallbacks {
public:
  void AfterExecute(CompilerInstance &CI) override {
    SourceManager &SM = CI.getSourceManager();
    OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      FileEntryRef FE = It->first;
      if (Main && FE.getUniqueID() == Main->getUniqueID())
        continue;
      std::optional<StringRef> Data = It->second->getBufferDataIfLoaded();
      std::optional<MemoryBufferRef> Read;
      if (!Data) {
        Read = SM.getMemoryBufferForFileOrNone(FE);
        if (Read)
          Data = Read->getBuffer();
      }
      if (!Data) {
        Complete = false;
        continue;
      }
      Files.push_back({FE.getName().str(), xxh3_64bits(*Data)});
    }
  }

  std::vector<std::pair<std::string, uint64_t>> Files;
  bool Complete = true;
};

/// The compiler, the compile command without the main file's name, and the
/// working directory.
std::string keyOf(const CompilerInvocation &CI, FileManager &Files) {
  CompilerInvocation Copy(CI);
  FrontendOptions &FO = Copy.getFrontendOpts();
  for (FrontendInputFile &In : FO.Inputs)
    In = FrontendInputFile("<main>", In.getKind(), In.isSystem());
  Copy.getCodeGenOpts().MainFileName = "<main>";
  std::string Key = getClangFullVersion();
  Key += '\0';
  if (ErrorOr<std::string> Cwd =
          Files.getVirtualFileSystem().getCurrentWorkingDirectory())
    Key += *Cwd;
  for (const std::string &Arg : Copy.getCC1CommandLine()) {
    Key += '\0';
    Key += Arg;
  }
  return Key;
}

} // namespace

PreambleCache::PreambleCache(unsigned MaxEntries, BoundFn Bound)
    : MaxEntries(std::max(1u, MaxEntries)), Bound(std::move(Bound)) {}

PreambleCache::~PreambleCache() = default;

PreambleCounts PreambleCache::stats() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Stats;
}

std::shared_ptr<const PreambleCache::Entry>
PreambleCache::acquire(const CompilerInvocation &CI, StringRef Key,
                       const MemoryBuffer &Main, const PreambleBounds &Bounds,
                       FileManager &Files,
                       std::shared_ptr<PCHContainerOperations> PCHOps) {
  StringRef Bytes = Main.getBuffer().take_front(Bounds.Size);
  std::string Id = Key.str() + '\0' + Bytes.str();
  vfs::FileSystem &FS = Files.getVirtualFileSystem();
  std::unique_lock<std::mutex> Lock(Mutex);
  for (;;) {
    for (auto It = Entries.begin(); It != Entries.end(); ++It) {
      const Entry &E = **It;
      if (E.Key != Key || E.Preamble.getContents() != Bytes)
        continue;
      if (!E.current(CI, Main, FS)) {
        ++Stats.Stale;
        continue;
      }
      std::shared_ptr<const Entry> Found = *It;
      Entries.splice(Entries.begin(), Entries, It);
      ++Stats.Reused;
      return Found;
    }
    // Another parse compiles the same preamble: wait for it.
    if (!Building.count(Id))
      break;
    Built.wait(Lock);
  }
  Building.insert(Id);
  Lock.unlock();

  std::shared_ptr<const Entry> New;
  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts =
      new DiagnosticOptions(CI.getDiagnosticOpts());
  IgnoringDiagConsumer Ignore;
  IntrusiveRefCntPtr<DiagnosticsEngine> Diags =
      CompilerInstance::createDiagnostics(DiagOpts.get(), &Ignore,
                                          /*ShouldOwnClient=*/false);
  FileRecorder Recorder;
  ErrorOr<PrecompiledPreamble> P = PrecompiledPreamble::Build(
      CI, &Main, Bounds, *Diags, Files.getVirtualFileSystemPtr(),
      std::move(PCHOps), /*StoreInMemory=*/true, /*StoragePath=*/"",
      Recorder);
  // Headers that do not compile: no preamble, the parse reports the errors.
  if (P && !Diags->hasErrorOccurred() && Recorder.Complete)
    New = std::make_shared<const Entry>(Key.str(), std::move(*P),
                                        std::move(Recorder.Files));

  Lock.lock();
  Building.erase(Id);
  Built.notify_all();
  if (!New) {
    ++Stats.Failed;
    return nullptr;
  }
  ++Stats.Built;
  Entries.push_front(New);
  while (Entries.size() > MaxEntries)
    Entries.pop_back();
  return New;
}

bool PreambleCache::run(std::shared_ptr<CompilerInvocation> CI,
                        FileManager *Files,
                        std::shared_ptr<PCHContainerOperations> PCHOps,
                        DiagnosticConsumer *Diags,
                        tooling::FrontendActionFactory &Factory) {
  std::unique_ptr<MemoryBuffer> Main;
  std::shared_ptr<const Entry> E;
  IntrusiveRefCntPtr<FileManager> OwnFiles;
  const FrontendOptions &FO = CI->getFrontendOpts();
  if (FO.Inputs.size() == 1 && FO.Inputs[0].isFile()) {
    auto Buf = Files->getVirtualFileSystem().getBufferForFile(
        FO.Inputs[0].getFile());
    if (Buf) {
      Main = std::move(*Buf);
      PreambleBounds Bounds(0, false);
      if (Bound) {
        StringRef Text = Main->getBuffer();
        unsigned Size = std::min<size_t>(Bound(Text), Text.size());
        Bounds = PreambleBounds(Size, Size > 0 && Text[Size - 1] == '\n');
      } else {
        Bounds = ComputePreambleBounds(CI->getLangOpts(),
                                       Main->getMemBufferRef(), 0);
      }
      if (Bounds.Size > 0)
        E = acquire(*CI, keyOf(*CI, *Files), *Main, Bounds, *Files, PCHOps);
    }
  }
  if (E) {
    IntrusiveRefCntPtr<vfs::FileSystem> FS = Files->getVirtualFileSystemPtr();
    E->Preamble.AddImplicitPreamble(*CI, FS, Main.get());
    // Main stays ours, alive until the parse is over.
    CI->getPreprocessorOpts().RetainRemappedFileBuffers = true;
    OwnFiles = new FileManager(Files->getFileSystemOpts(), FS);
    Files = OwnFiles.get();
  }
  // As tooling::FrontendActionFactory::runInvocation.
  CompilerInstance Compiler(std::move(PCHOps));
  Compiler.setInvocation(std::move(CI));
  Compiler.setFileManager(Files);
  std::unique_ptr<FrontendAction> Action(Factory.create());
  Compiler.createDiagnostics(Diags, /*ShouldOwnClient=*/false);
  if (!Compiler.hasDiagnostics())
    return false;
  Compiler.createSourceManager(*Files);
  bool Ok = Compiler.ExecuteAction(*Action);
  Files->clearStatCache();
  return Ok;
}

} // namespace pitfix
