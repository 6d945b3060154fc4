//===- GitDiff.cpp --------------------------------------------------------===//
#include "GitDiff.h"

#include "engine/MatchContext.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

using namespace llvm;

namespace pitfix {

/// Runs git with \p Args; returns its standard output.
static Expected<std::string> runGit(StringRef Git,
                                    ArrayRef<StringRef> Args) {
  SmallString<128> OutFile, ErrFile;
  if (std::error_code EC =
          sys::fs::createTemporaryFile("pitfix-git", "out", OutFile))
    return createStringError(EC, "error: cannot create a temporary file");
  if (std::error_code EC =
          sys::fs::createTemporaryFile("pitfix-git", "err", ErrFile))
    return createStringError(EC, "error: cannot create a temporary file");
  auto Cleanup = make_scope_exit([&] {
    sys::fs::remove(OutFile);
    sys::fs::remove(ErrFile);
  });
  std::vector<StringRef> Argv = {Git};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<StringRef> Redirects[] = {std::nullopt, StringRef(OutFile),
                                          StringRef(ErrFile)};
  std::string Msg;
  int RC = sys::ExecuteAndWait(Git, Argv, std::nullopt, Redirects, 0, 0, &Msg);
  auto Out = MemoryBuffer::getFile(OutFile);
  if (RC != 0) {
    auto Err = MemoryBuffer::getFile(ErrFile);
    std::string Why = Err ? (*Err)->getBuffer().trim().str() : Msg;
    return createStringError(inconvertibleErrorCode(),
                             "error: --diff-base: git failed: " + Why);
  }
  return Out ? (*Out)->getBuffer().str() : std::string();
}

Expected<LineFilter> changedLinesSince(StringRef Rev) {
  auto Git = sys::findProgramByName("git");
  if (!Git)
    return createStringError(Git.getError(),
                             "error: --diff-base needs git on the PATH");
  auto Top = runGit(*Git, {"rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  // -U0: hunks cover exactly the changed lines; no rename detection or
  // external diff drivers, so that the paths and ranges are plain.
  auto Diff = runGit(*Git, {"diff", "-U0", "--no-color", "--no-ext-diff",
                            "--no-renames", Rev, "--"});
  if (!Diff)
    return Diff.takeError();
  return LineFilter::fromGitDiff(*Diff, canonicalPath(StringRef(*Top).trim()));
}

} // namespace pitfix
