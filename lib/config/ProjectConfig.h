//===- ProjectConfig.h - .pitfix.yaml: per-directory configuration --------===//
#pragma once

#include "config/RuleSpec.h"
#include "config/YamlSource.h"

#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pitfix {

/// One rule option set by a configuration file.
struct OptionOverride {
  std::string RuleId;
  std::string Name;
  OptionValue Value; ///< Value.Pos points into the configuration file.
  SourcePos RulePos; ///< Where the rule id is written.
};

/// A `.pitfix.yaml` (or --config-file) as written. Keys follow `.clang-tidy`:
///
///   Checks: "-*,sharing-*"          # clang-tidy globs, a string or a list
///   InheritParentConfig: true       # also apply the next .pitfix.yaml up
///   CheckOptions:                   # rule id -> option -> value
///     sharing-unnamed-lock-guard: { name: lock }
///   Vocabulary:                     # additions, as in rules/vocabulary.yaml
///     names: { poolClasses: [my::Workers] }
///   CompileFlags:                   # as clangd: added to / removed from
///     Add: [-DPITFIX]               # the compile commands
///     Remove: [-fconcepts-*]
///
/// Unknown keys and values of the wrong type are errors at file:line:col.
struct ConfigFile {
  std::string Path;
  std::string Checks; ///< "" when the file does not set Checks.
  SourcePos ChecksPos; ///< Where Checks is set.
  bool InheritParent = false;
  std::vector<OptionOverride> Options;
  YAML::Node VocabNames;    ///< Undefined when absent.
  YAML::Node VocabMatchers; ///< Undefined when absent.
  /// CompileFlags (clangd's spelling): flags added to every compile command
  /// of the files it applies to, and flags removed from them (a name, or a
  /// prefix ending in '*'; a flag's value goes with it).
  std::vector<std::string> AddFlags;
  std::vector<std::string> RemoveFlags;
};

/// Reads one configuration file.
llvm::Expected<ConfigFile> readConfigFile(llvm::StringRef Path);

/// The configuration that applies to one source file: its configuration
/// files from the outermost (applied first) to the nearest.
struct EffectiveConfig {
  std::vector<const ConfigFile *> Chain;

  /// Identifies the chain: files with equal keys share one rule set.
  std::string key() const;
  /// The Checks of the chain joined in order (later globs win), or "".
  std::string checks() const;
  /// The chain's CompileFlags, outermost file first.
  std::vector<std::string> addFlags() const;
  std::vector<std::string> removeFlags() const;
};

/// Finds the configuration of each source file: the nearest `.pitfix.yaml`
/// in its directory or above, continuing upward while a file says
/// InheritParentConfig. With an explicit file (--config-file) that file
/// applies to every source and no discovery happens. Files are read once.
class ConfigFinder {
public:
  explicit ConfigFinder(std::string ExplicitFile = "")
      : ExplicitFile(std::move(ExplicitFile)) {}

  /// The configuration for \p SourceFile (an absolute path).
  llvm::Expected<EffectiveConfig> configFor(llvm::StringRef SourceFile);

private:
  llvm::Expected<const ConfigFile *> load(const std::string &Path);
  /// The nearest configuration file in \p Dir or above, or "".
  std::string nearest(llvm::StringRef Dir);

  std::string ExplicitFile;
  std::map<std::string, std::unique_ptr<ConfigFile>> Loaded;
  std::map<std::string, std::string> NearestInDir;
};

/// The name of the configuration file searched for.
constexpr const char *ConfigFileName = ".pitfix.yaml";

} // namespace pitfix
