//===- ProjectConfig.cpp --------------------------------------------------===//
#include "config/ProjectConfig.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <optional>

using namespace llvm;

namespace pitfix {

/// Reads `CheckOptions`: either nested (`rule: {option: value}`) or flat as
/// in .clang-tidy (`rule.option: value`).
static Error readCheckOptions(StringRef File, const YAML::Node &N,
                              std::vector<OptionOverride> &Out) {
  if (!N.IsDefined() || N.IsNull())
    return Error::success();
  if (!N.IsMap())
    return errorAt(posOf(File, N),
                   "'CheckOptions' must map rule ids to their options");
  auto Add = [&](const YAML::Node &RuleKey, StringRef Rule, StringRef Name,
                 const YAML::Node &V) -> Error {
    OptionOverride O;
    O.RuleId = Rule.str();
    O.Name = Name.str();
    O.RulePos = posOf(File, RuleKey);
    auto L = readStringList(File, V);
    if (!L)
      return L.takeError();
    O.Value.Values = *L;
    O.Value.IsList = V.IsSequence();
    O.Value.Pos = posOf(File, V);
    Out.push_back(std::move(O));
    return Error::success();
  };
  for (auto It = N.begin(); It != N.end(); ++It) {
    std::string Key = It->first.Scalar();
    // A copy: the iterator hands out a temporary pair of handles.
    YAML::Node V = It->second;
    if (V.IsMap()) {
      for (auto J = V.begin(); J != V.end(); ++J)
        if (Error E = Add(It->first, Key, J->first.Scalar(), J->second))
          return E;
      continue;
    }
    auto [Rule, Name] = StringRef(Key).rsplit('.');
    if (Name.empty())
      return errorAt(posOf(File, It->first),
                     "'" + Key + "' must map to the rule's options (or be "
                     "written '<rule-id>.<option>')");
    if (Error E = Add(It->first, Rule, Name, V))
      return E;
  }
  return Error::success();
}

Expected<ConfigFile> readConfigFile(StringRef Path) {
  auto Doc = loadYamlFile(Path);
  if (!Doc)
    return Doc.takeError();
  ConfigFile C;
  C.Path = Path.str();
  if (Doc->IsNull())
    return C; // An empty file configures nothing.
  StrictMap M(Path, *Doc, "configuration");
  C.Checks = join(M.strList("Checks", &C.ChecksPos), ",");
  SourcePos InheritPos;
  std::string Inherit = M.str("InheritParentConfig", false, &InheritPos);
  std::optional<bool> B = StringSwitch<std::optional<bool>>(StringRef(Inherit).lower())
                              .Cases("true", "yes", "on", "1", true)
                              .Cases("false", "no", "off", "0", "", false)
                              .Default(std::nullopt);
  if (!B)
    M.fail(errorAt(InheritPos, "'InheritParentConfig' must be true or false "
                               "(got '" + Inherit + "')"));
  else
    C.InheritParent = *B;
  if (Error E = readCheckOptions(Path, M.node("CheckOptions"), C.Options))
    M.fail(std::move(E));
  YAML::Node V = M.node("Vocabulary");
  if (V.IsDefined() && !V.IsNull()) {
    StrictMap VM(Path, V, "'Vocabulary'");
    C.VocabNames = VM.node("names");
    C.VocabMatchers = VM.node("matchers");
    if (Error E = VM.finish())
      M.fail(std::move(E));
  }
  // clangd's spelling: CompileFlags: {Add: [...], Remove: [...]}.
  YAML::Node Flags = M.node("CompileFlags");
  if (Flags.IsDefined() && !Flags.IsNull()) {
    StrictMap FM(Path, Flags, "'CompileFlags'");
    C.AddFlags = FM.strList("Add");
    C.RemoveFlags = FM.strList("Remove");
    if (Error E = FM.finish())
      M.fail(std::move(E));
  }
  if (Error E = M.finish())
    return std::move(E);
  return C;
}

std::string EffectiveConfig::key() const {
  std::string K;
  for (const ConfigFile *F : Chain)
    K += F->Path + "\n";
  return K;
}

std::vector<std::string> EffectiveConfig::addFlags() const {
  std::vector<std::string> Out;
  for (const ConfigFile *F : Chain)
    Out.insert(Out.end(), F->AddFlags.begin(), F->AddFlags.end());
  return Out;
}

std::vector<std::string> EffectiveConfig::removeFlags() const {
  std::vector<std::string> Out;
  for (const ConfigFile *F : Chain)
    Out.insert(Out.end(), F->RemoveFlags.begin(), F->RemoveFlags.end());
  return Out;
}

std::string EffectiveConfig::checks() const {
  std::string Out;
  for (const ConfigFile *F : Chain)
    if (!F->Checks.empty())
      Out += (Out.empty() ? "" : ",") + F->Checks;
  return Out;
}

Expected<const ConfigFile *> ConfigFinder::load(const std::string &Path) {
  auto It = Loaded.find(Path);
  if (It != Loaded.end())
    return It->second.get();
  auto C = readConfigFile(Path);
  if (!C)
    return C.takeError();
  auto &Slot = Loaded[Path];
  Slot = std::make_unique<ConfigFile>(std::move(*C));
  return Slot.get();
}

std::string ConfigFinder::nearest(StringRef Dir) {
  auto It = NearestInDir.find(Dir.str());
  if (It != NearestInDir.end())
    return It->second;
  SmallString<256> P(Dir);
  sys::path::append(P, ConfigFileName);
  std::string Found;
  if (sys::fs::is_regular_file(P))
    Found = std::string(P);
  else if (StringRef Parent = sys::path::parent_path(Dir);
           !Parent.empty() && Parent != Dir)
    Found = nearest(Parent);
  NearestInDir[Dir.str()] = Found;
  return Found;
}

Expected<EffectiveConfig> ConfigFinder::configFor(StringRef SourceFile) {
  EffectiveConfig Eff;
  std::string Path = ExplicitFile.empty()
                         ? nearest(sys::path::parent_path(SourceFile))
                         : ExplicitFile;
  // Nearest first while walking up; applied outermost first.
  while (!Path.empty()) {
    auto C = load(Path);
    if (!C)
      return C.takeError();
    Eff.Chain.insert(Eff.Chain.begin(), *C);
    if (!(*C)->InheritParent)
      break;
    StringRef Dir = sys::path::parent_path(Path);
    StringRef Parent = sys::path::parent_path(Dir);
    if (Parent.empty() || Parent == Dir)
      break;
    Path = nearest(Parent);
  }
  return Eff;
}

} // namespace pitfix
