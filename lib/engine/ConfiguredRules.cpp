//===- ConfiguredRules.cpp ------------------------------------------------===//
#include "engine/ConfiguredRules.h"

#include "config/CheckGlob.h"

#include <map>

using namespace llvm;

namespace pitfix {

Expected<RuleGroup> buildRuleGroup(const RuleLoader &Base,
                                   const EffectiveConfig &Config,
                                   StringRef CliChecks) {
  RuleLoader Loader = Base;
  for (const ConfigFile *F : Config.Chain) {
    if (Error E = Loader.vocabulary().addNode(F->Path, F->VocabNames,
                                              F->VocabMatchers))
      return std::move(E);
    for (const OptionOverride &O : F->Options)
      if (Error E = Loader.setOption(O.RuleId, O.Name, O.Value, O.RulePos))
        return std::move(E);
  }
  Expected<RuleSet> Rules = Loader.build();
  if (!Rules)
    return Rules.takeError();
  RuleGroup G;
  G.ConfigKey = Config.key();
  G.Checks = Config.checks();
  if (!CliChecks.empty())
    G.Checks += (G.Checks.empty() ? "" : ",") + CliChecks.str();
  if (G.Checks.empty())
    G.Checks = "*";
  if (CliChecks.empty())
    for (const ConfigFile *F : Config.Chain)
      if (!F->Checks.empty())
        G.ChecksPos = F->ChecksPos;
  G.Rules = std::make_unique<RuleSet>(std::move(*Rules));
  CheckGlob Glob(G.Checks);
  for (const auto &R : G.Rules->Rules)
    if (Glob.contains(R->id()))
      G.Enabled.push_back(R.get());
  return std::move(G);
}

Expected<std::vector<RuleGroup>>
groupByConfig(const RuleLoader &Base, const std::vector<std::string> &Files,
              ConfigFinder &Finder, StringRef CliChecks) {
  std::vector<RuleGroup> Groups;
  std::map<std::string, size_t> ByKey;
  for (const std::string &F : Files) {
    auto Config = Finder.configFor(F);
    if (!Config)
      return Config.takeError();
    auto [It, New] = ByKey.try_emplace(Config->key(), Groups.size());
    if (New) {
      auto G = buildRuleGroup(Base, *Config, CliChecks);
      if (!G)
        return G.takeError();
      Groups.push_back(std::move(*G));
    }
    Groups[It->second].Files.push_back(F);
  }
  return std::move(Groups);
}

} // namespace pitfix
