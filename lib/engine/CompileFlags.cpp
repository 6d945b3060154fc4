//===- CompileFlags.cpp ---------------------------------------------------===//
#include "engine/CompileFlags.h"

#include "clang/Driver/Options.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace llvm;

namespace pitfix {

bool DroppedFlags::add(const std::string &Flag) {
  std::lock_guard<std::mutex> L(M);
  if (!Seen.insert(Flag).second)
    return false;
  Order.push_back(Flag);
  return true;
}

std::vector<std::string> DroppedFlags::list() const {
  std::lock_guard<std::mutex> L(M);
  return Order;
}

namespace {

/// Does a Remove entry name \p Arg ("-Dx" matches "-Dx" and "-Dx=1";
/// "-fconcepts-*" any flag that starts so)?
bool removes(StringRef Pattern, StringRef Arg) {
  if (Pattern.consume_back("*"))
    return Arg.starts_with(Pattern);
  return Arg == Pattern || Arg.split('=').first == Pattern;
}

bool isClangCl(const std::vector<std::string> &Args) {
  if (!Args.empty() &&
      sys::path::stem(Args.front()).starts_with_insensitive("clang-cl"))
    return true;
  for (const std::string &A : Args)
    if (A == "--driver-mode=cl")
      return true;
  return false;
}

} // namespace

std::vector<std::string> fitForClang(const std::vector<std::string> &Args,
                                     const FlagEdits &Edits,
                                     DroppedFlags &Dropped) {
  if (Args.empty())
    return Args;
  // Remove: the flags named, and the separate value of one ("-include x").
  const opt::OptTable &Table = driver::getDriverOptTable();
  std::vector<std::string> Out = {Args.front()};
  for (size_t I = 1; I < Args.size(); ++I) {
    StringRef A = Args[I];
    bool Hit = any_of(Edits.Remove,
                      [&](const std::string &P) { return removes(P, A); });
    if (!Hit) {
      Out.push_back(Args[I]);
      continue;
    }
    // A flag whose value is the next argument takes it along.
    std::vector<const char *> One = {Args[I].c_str()};
    unsigned MissingIndex = 0, MissingCount = 0;
    opt::InputArgList L =
        Table.ParseArgs(One, MissingIndex, MissingCount,
                        opt::Visibility(driver::options::ClangOption));
    if (MissingCount && I + 1 < Args.size())
      ++I;
  }
  Out.insert(Out.end(), Edits.Add.begin(), Edits.Add.end());
  if (isClangCl(Out))
    return Out;

  // Drop what clang's driver does not know (each is a single argument).
  std::vector<const char *> Ptrs;
  for (size_t I = 1; I < Out.size(); ++I)
    Ptrs.push_back(Out[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  opt::InputArgList L =
      Table.ParseArgs(Ptrs, MissingIndex, MissingCount,
                      opt::Visibility(driver::options::ClangOption));
  std::set<unsigned> Unknown;
  for (const opt::Arg *A : L.filtered(driver::options::OPT_UNKNOWN)) {
    Unknown.insert(A->getIndex());
    Dropped.add(A->getAsString(L));
  }
  if (Unknown.empty())
    return Out;
  std::vector<std::string> Kept = {Out.front()};
  for (size_t I = 1; I < Out.size(); ++I)
    if (!Unknown.count(I - 1))
      Kept.push_back(Out[I]);
  return Kept;
}

namespace {

class FitDatabase : public tooling::CompilationDatabase {
public:
  FitDatabase(std::unique_ptr<CompilationDatabase> Inner,
              std::map<std::string, FlagEdits> PerFile, DroppedFlags &Dropped)
      : Inner(std::move(Inner)), PerFile(std::move(PerFile)),
        Dropped(Dropped) {}

  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef File) const override {
    return fit(Inner->getCompileCommands(File), File);
  }
  std::vector<std::string> getAllFiles() const override {
    return Inner->getAllFiles();
  }
  std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
    std::vector<tooling::CompileCommand> Out;
    for (tooling::CompileCommand &C : Inner->getAllCompileCommands()) {
      SmallString<256> Abs(C.Filename);
      sys::fs::make_absolute(C.Directory, Abs);
      auto Fitted = fit({C}, Abs);
      Out.push_back(std::move(Fitted.front()));
    }
    return Out;
  }

private:
  std::vector<tooling::CompileCommand>
  fit(std::vector<tooling::CompileCommand> Cmds, StringRef File) const {
    static const FlagEdits None;
    auto It = PerFile.find(File.str());
    const FlagEdits &E = It == PerFile.end() ? None : It->second;
    for (tooling::CompileCommand &C : Cmds)
      C.CommandLine = fitForClang(C.CommandLine, E, Dropped);
    return Cmds;
  }

  std::unique_ptr<CompilationDatabase> Inner;
  std::map<std::string, FlagEdits> PerFile;
  DroppedFlags &Dropped;
};

} // namespace

std::unique_ptr<tooling::CompilationDatabase>
withCommandsFitForClang(std::unique_ptr<tooling::CompilationDatabase> DB,
                        std::map<std::string, FlagEdits> PerFile,
                        DroppedFlags &Dropped) {
  return std::make_unique<FitDatabase>(std::move(DB), std::move(PerFile),
                                       Dropped);
}

std::map<std::string, FlagEdits>
compileFlagEdits(const std::vector<std::string> &Files, ConfigFinder &Finder) {
  std::map<std::string, FlagEdits> Out;
  for (const std::string &F : Files) {
    Expected<EffectiveConfig> C = Finder.configFor(F);
    if (!C) {
      consumeError(C.takeError()); // Reported when the rules were grouped.
      continue;
    }
    FlagEdits E{C->addFlags(), C->removeFlags()};
    if (!E.Add.empty() || !E.Remove.empty())
      Out[F] = std::move(E);
  }
  return Out;
}

} // namespace pitfix
