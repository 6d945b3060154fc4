//===- CompilerCommand.cpp ------------------------------------------------===//
#include "engine/CompilerCommand.h"

#include "clang/Driver/Options.h"
#include "clang/Driver/Types.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <set>

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// A word the driver would take for an input file (a source, a header, an
/// object) because of its extension.
bool hasInputExtension(StringRef Arg) {
  StringRef Ext = sys::path::extension(Arg);
  return Ext.consume_front(".") && clang::driver::types::lookupTypeForExtension(
                                       Ext) != clang::driver::types::TY_INVALID;
}

/// The first word is the compiler when it is neither a flag, a response file
/// nor a file the driver would compile: `/usr/bin/clang++-19`, `c++`, `cl.exe`.
bool isProgram(StringRef Arg) {
  return !Arg.empty() && !Arg.starts_with("-") && !Arg.starts_with("@") &&
         !hasInputExtension(Arg);
}

/// Compiler launchers that builds put in front of the compiler.
bool isLauncher(StringRef Arg) {
  StringRef Name = sys::path::stem(Arg);
  return Name == "ccache" || Name == "sccache" || Name == "distcc" ||
         Name == "icecc";
}

/// The driver mode the arguments ask for ("" when none).
StringRef driverMode(ArrayRef<std::string> Args) {
  StringRef Mode;
  for (StringRef A : Args)
    if (A.consume_front("--driver-mode="))
      Mode = A;
  return Mode;
}

} // namespace

Expected<CompilerCommand> parseCompilerCommand(ArrayRef<std::string> Args,
                                               StringRef WorkingDir) {
  CompilerCommand Out;
  if (Args.empty())
    return Out;
  // A target named by the compiler (aarch64-linux-gnu-g++) is only known
  // once the targets are registered.
  static const bool TargetsKnown = (InitializeAllTargetInfos(), true);
  (void)TargetsKnown;
  // A Windows-style compiler writes its response files in cmd.exe quoting.
  std::vector<std::string> Probe = {"x"};
  tooling::addTargetAndModeForProgramName(Probe, Args.front());
  bool ClStyle = driverMode(Probe) == "cl" || driverMode(Args) == "cl";

  BumpPtrAllocator Alloc;
  StringSaver Saver(Alloc);
  SmallVector<const char *, 64> Argv;
  for (const std::string &A : Args)
    Argv.push_back(Saver.save(A).data());
  cl::ExpansionContext Expander(Alloc, ClStyle
                                           ? cl::TokenizeWindowsCommandLine
                                           : cl::TokenizeGNUCommandLine);
  IntrusiveRefCntPtr<vfs::FileSystem> FS = vfs::getRealFileSystem();
  Expander.setVFS(FS.get()).setCurrentDir(WorkingDir).setRelativeNames(true);
  if (Error E = Expander.expandResponseFiles(Argv))
    return createStringError(inconvertibleErrorCode(),
                             "error: after '--': " + toString(std::move(E)));
  // A response file that does not exist is left as written by the expander.
  for (const char *A : Argv)
    if (A[0] == '@')
      return createStringError(inconvertibleErrorCode(),
                               std::string("error: after '--': cannot read "
                                           "the response file '") +
                                   (A + 1) + "'");

  std::vector<std::string> Cmd(Argv.begin(), Argv.end());
  std::string Program = "clang-tool";
  if (isProgram(Cmd.front())) {
    if (isLauncher(Cmd.front()) && Cmd.size() > 1 && isProgram(Cmd[1]))
      Cmd.erase(Cmd.begin());
    Program = Cmd.front();
    Cmd.erase(Cmd.begin());
  }
  // The adjusters, like the driver, expect the program first.
  Cmd.insert(Cmd.begin(), Program);
  if (Program != "clang-tool")
    tooling::addTargetAndModeForProgramName(Cmd, Program);
  tooling::ArgumentsAdjuster Adjust = tooling::combineAdjusters(
      tooling::getClangSyntaxOnlyAdjuster(),
      tooling::combineAdjusters(tooling::getClangStripOutputAdjuster(),
                                tooling::getClangStripDependencyFileAdjuster()));
  bool AskedSyntaxOnly = is_contained(Cmd, "-fsyntax-only");
  Cmd = Adjust(Cmd, "");
  // Every parse is syntax-only; the flag is only kept when it was written.
  if (!AskedSyntaxOnly)
    Cmd.erase(llvm::find(Cmd, "-fsyntax-only"));
  // Nor does it compile to an object or assembly (-fsyntax-only would win
  // over them, but they say nothing to the parse).
  bool Cl = driverMode(Cmd) == "cl";
  llvm::erase_if(Cmd, [&](const std::string &A) {
    return A == "-c" || A == "-S" || (Cl && (A == "/c" || A == "/FA"));
  });

  // The inputs, as the driver's own option table finds them: a value such as
  // the directory of `-I dir` is not one, a source file is.
  std::vector<const char *> Words;
  for (size_t I = 1; I < Cmd.size(); ++I)
    Words.push_back(Cmd[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::Visibility Vis(driverMode(Cmd) == "cl"
                                ? clang::driver::options::CLOption
                                : clang::driver::options::ClangOption);
  llvm::opt::InputArgList Parsed = clang::driver::getDriverOptTable().ParseArgs(
      Words, MissingIndex, MissingCount, Vis);
  std::set<unsigned> Inputs;
  for (const llvm::opt::Arg *A :
       Parsed.filtered(clang::driver::options::OPT_INPUT)) {
    Inputs.insert(A->getIndex());
    Out.Sources.push_back(A->getValue());
  }
  for (size_t I = 0; I < Words.size(); ++I)
    if (!Inputs.count(I))
      Out.Flags.push_back(Words[I]);
  return Out;
}

std::unique_ptr<tooling::CompilationDatabase>
withExtraArgs(std::unique_ptr<tooling::CompilationDatabase> DB,
              std::vector<std::string> Before, std::vector<std::string> After) {
  if (Before.empty() && After.empty())
    return DB;
  auto Adjusted =
      std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(DB));
  if (!Before.empty())
    Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        std::move(Before), tooling::ArgumentInsertPosition::BEGIN));
  if (!After.empty())
    Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        std::move(After), tooling::ArgumentInsertPosition::END));
  return Adjusted;
}

} // namespace pitfix
