//===- MatcherSource.h - matcher expressions written in YAML --------------===//
#pragma once

#include "config/YamlSource.h"

#include <string>
#include <utility>
#include <vector>

namespace pitfix {

/// A matcher expression in the clang-query language, with where it was written
/// so that a parse error points at the line and column inside the expression.
struct MatcherSource {
  std::string Text;
  SourcePos Pos;        ///< Position of the YAML scalar.
  bool IsBlock = false; ///< `key: |` (text starts on the next line).
  unsigned Indent = 0;  ///< Column (0-based) of a block's lines.
  /// For a flow scalar (plain or quoted): the file line and column of each
  /// byte of Text, through YAML's escapes and line folding. Empty when
  /// unknown.
  std::vector<std::pair<unsigned, unsigned>> Places;

  /// Maps a 1-based line/column inside Text to the position in the file.
  SourcePos at(unsigned Line, unsigned Col) const;
};

/// Reads a scalar node as a matcher expression.
llvm::Expected<MatcherSource> readMatcherSource(llvm::StringRef File,
                                                const YAML::Node &N);

} // namespace pitfix
