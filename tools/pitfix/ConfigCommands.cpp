//===- ConfigCommands.cpp -------------------------------------------------===//
#include "ConfigCommands.h"

#include "engine/ConfiguredRules.h"
#include "engine/DirectoryWalk.h"
#include "engine/Runner.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

using namespace llvm;

namespace pitfix {

namespace {

/// A path whose configuration is asked for: a file as given, a directory as
/// a file in it (the configuration of its sources).
std::string anchorFor(StringRef Path) {
  SmallString<256> A(canonicalPath(Path));
  if (sys::fs::is_directory(A))
    sys::path::append(A, "-");
  return std::string(A);
}

std::string quoted(StringRef S) {
  std::string Out = "'";
  for (char C : S)
    Out += C == '\'' ? std::string("''") : std::string(1, C);
  return Out + "'";
}

void printOptionValue(raw_ostream &OS, const OptionValue &V) {
  if (!V.IsList) {
    OS << (V.Values.empty() ? "''" : quoted(V.Values.front()));
    return;
  }
  OS << "[";
  for (size_t I = 0; I < V.Values.size(); ++I)
    OS << (I ? ", " : "") << quoted(V.Values[I]);
  OS << "]";
}

/// Prints a YAML node under \p Key, indented by two spaces.
void printNode(raw_ostream &OS, StringRef Key, const YAML::Node &N) {
  YAML::Emitter E;
  E << YAML::BeginMap << YAML::Key << Key.str() << YAML::Value << N
    << YAML::EndMap;
  SmallVector<StringRef, 8> Lines;
  StringRef(E.c_str()).split(Lines, '\n');
  for (StringRef Line : Lines)
    OS << "  " << Line << "\n";
}

} // namespace

int dumpConfig(const CliOptions &O, const RuleLoader &Loader,
               ConfigFinder &Finder, StringRef Cwd) {
  std::string Anchor = anchorFor(O.Paths.empty() ? Cwd : O.Paths.front());
  auto Config = Finder.configFor(Anchor);
  if (!Config) {
    errs() << toString(Config.takeError()) << "\n";
    return 2;
  }
  auto G = buildRuleGroup(Loader, *Config, O.Checks);
  if (!G) {
    errs() << toString(G.takeError()) << "\n";
    return 2;
  }
  raw_ostream &OS = outs();
  OS << "# The configuration of "
     << (O.Paths.empty() ? Cwd.str() : O.Paths.front()) << "\n";
  if (Config->Chain.empty())
    OS << "# from: no .pitfix.yaml (the defaults)\n";
  for (const ConfigFile *F : Config->Chain)
    OS << "# from: " << F->Path << "\n";
  if (!O.Checks.empty())
    OS << "# and --checks=" << O.Checks << "\n";
  OS << "Checks: " << quoted(G->Checks.empty() ? "*" : G->Checks) << "\n";
  // Later files win, as they are applied.
  std::map<std::string, std::map<std::string, const OptionValue *>> Options;
  for (const ConfigFile *F : Config->Chain)
    for (const OptionOverride &Ov : F->Options)
      Options[Ov.RuleId][Ov.Name] = &Ov.Value;
  if (!Options.empty()) {
    OS << "CheckOptions:\n";
    for (const auto &[Rule, Named] : Options) {
      OS << "  " << Rule << ":\n";
      for (const auto &[Name, Value] : Named) {
        OS << "    " << Name << ": ";
        printOptionValue(OS, *Value);
        OS << "\n";
      }
    }
  }
  auto List = [&](StringRef Key, const std::vector<std::string> &Flags) {
    if (Flags.empty())
      return;
    OS << "  " << Key << ": [";
    for (size_t I = 0; I < Flags.size(); ++I)
      OS << (I ? ", " : "") << quoted(Flags[I]);
    OS << "]\n";
  };
  if (!Config->addFlags().empty() || !Config->removeFlags().empty()) {
    OS << "CompileFlags:\n";
    List("Add", Config->addFlags());
    List("Remove", Config->removeFlags());
  }
  bool Vocab = false;
  for (const ConfigFile *F : Config->Chain) {
    auto Set = [](const YAML::Node &N) { return N.IsDefined() && !N.IsNull(); };
    if (!Set(F->VocabNames) && !Set(F->VocabMatchers))
      continue;
    if (!Vocab)
      OS << "Vocabulary:\n";
    Vocab = true;
    OS << "  # from " << F->Path << "\n";
    if (Set(F->VocabNames))
      printNode(OS, "names", F->VocabNames);
    if (Set(F->VocabMatchers))
      printNode(OS, "matchers", F->VocabMatchers);
  }
  OS << "# Enabled rules (" << G->Enabled.size() << "):\n";
  for (const CompiledRule *R : G->Enabled)
    OS << "#   " << R->id() << "\n";
  return 0;
}

int verifyConfig(const CliOptions &O, const RuleLoader &Loader,
                 ConfigFinder &Finder, StringRef Cwd) {
  // The anchors: each input, and each directory under a directory input
  // (a .pitfix.yaml there applies to the files in it).
  std::vector<std::string> Anchors;
  std::vector<std::string> Roots = O.Paths;
  if (Roots.empty())
    Roots.push_back(Cwd.str());
  for (const std::string &P : Roots) {
    if (!sys::fs::exists(P)) {
      errs() << "error: no such file or directory: '" << P << "'\n";
      return 2;
    }
    Anchors.push_back(anchorFor(P));
    if (!sys::fs::is_directory(P))
      continue;
    std::set<std::string> Dirs;
    if (Error E = walkDirectory(
            P, [](StringRef, StringRef) { return true; },
            [&](StringRef File, StringRef) {
              if (sys::path::filename(File) == ConfigFileName)
                Dirs.insert(sys::path::parent_path(File).str());
            })) {
      errs() << toString(std::move(E)) << "\n";
      return 2;
    }
    for (const std::string &D : Dirs)
      Anchors.push_back(anchorFor(D));
  }
  std::set<std::string> Checked, Reported;
  unsigned Problems = 0;
  for (const std::string &A : Anchors) {
    auto Config = Finder.configFor(A);
    Expected<RuleGroup> G =
        Config ? buildRuleGroup(Loader, *Config, O.Checks)
               : Expected<RuleGroup>(Config.takeError());
    if (!G) {
      std::string Msg = toString(G.takeError());
      if (Reported.insert(Msg).second) {
        errs() << Msg << "\n";
        ++Problems;
      }
      continue;
    }
    if (G->Enabled.empty() && !G->ChecksPos.File.empty() &&
        Reported.insert(G->ChecksPos.str()).second) {
      errs() << G->ChecksPos.str() << ": warning: Checks '" << G->Checks
             << "' enables no rule [pitfix]\n";
    }
    for (const ConfigFile *F : Config->Chain)
      Checked.insert(F->Path);
  }
  for (const std::string &F : Checked)
    outs() << F << ": ok\n";
  if (Problems)
    return 2;
  if (Checked.empty())
    outs() << "pitfix: no configuration file applies (the defaults)\n";
  return 0;
}

} // namespace pitfix
