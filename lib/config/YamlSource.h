//===- YamlSource.h - positions and strict reading of YAML nodes ---------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

namespace pitfix {

/// A position in a configuration file: 1-based line and column.
struct SourcePos {
  std::string File;
  unsigned Line = 0;
  unsigned Col = 0;

  /// "file:line:col" (or just "file" when the position is unknown).
  std::string str() const;
};

/// The position of a YAML node in \p File.
SourcePos posOf(llvm::StringRef File, const YAML::Node &N);

/// An error that prints as "file:line:col: error: message".
llvm::Error errorAt(const SourcePos &Pos, const llvm::Twine &Msg);

/// Parses a YAML file; syntax errors carry the file, line and column.
llvm::Expected<YAML::Node> loadYamlFile(llvm::StringRef Path);

/// Reads a YAML mapping key by key. Every key must be claimed by one of the
/// read functions; finish() reports the first unclaimed key as an error, so a
/// typo in a rule file is an error and not a silently ignored setting.
class StrictMap {
public:
  StrictMap(llvm::StringRef File, const YAML::Node &Map, llvm::StringRef What);

  /// The error collected so far, if any (a wrong type, a missing key...).
  bool failed() const { return Failed; }

  /// A scalar string; \p Required reports a missing key.
  std::string str(llvm::StringRef Key, bool Required = false,
                  SourcePos *Where = nullptr);
  /// A list of scalars (a single scalar is accepted as a one-element list).
  std::vector<std::string> strList(llvm::StringRef Key,
                                   SourcePos *Where = nullptr);
  /// Any node; the caller interprets it. Returns an undefined node if absent.
  YAML::Node node(llvm::StringRef Key);
  /// True when the key is present.
  bool has(llvm::StringRef Key) const;
  /// Records an error unless one was already recorded.
  void fail(llvm::Error E);
  void fail(const YAML::Node &At, const llvm::Twine &Msg);

  /// Reports unknown keys and any earlier error.
  llvm::Error finish();

  const std::string &file() const { return File; }

private:
  std::string File;
  YAML::Node Map;
  std::string What;
  std::vector<std::string> Claimed;
  llvm::Error FirstError = llvm::Error::success();
  bool Failed = false;
};

/// Reads a YAML scalar list (or single scalar) into strings.
llvm::Expected<std::vector<std::string>>
readStringList(llvm::StringRef File, const YAML::Node &N);

} // namespace pitfix
