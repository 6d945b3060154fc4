//===- SourceChanges.h - edits an analysis proposes
//------------------------===//
//
// Analyses that know how a rewrite is spelled (a statement placed before
// another, a type made atomic) record the text changes here; the action
// hands them to its finding (FindingBuilder::apply), which checks that each
// one can be made. The analysis layer so stays below the engine.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace pitfix {

/// An ordered list of text changes: replacements and insertions.
class SourceChanges {
public:
  /// One change: the characters (or tokens) of Range become Text.
  struct Change {
    clang::CharSourceRange Range;
    std::string Text;
  };

  /// Replaces the characters (or tokens) of \p R with \p Text.
  void replace(clang::CharSourceRange R, llvm::StringRef Text) {
    List.push_back({R, Text.str()});
  }
  /// Inserts \p Text before \p Loc.
  void insert(clang::SourceLocation Loc, llvm::StringRef Text) {
    replace(clang::CharSourceRange::getCharRange(Loc, Loc), Text);
  }
  llvm::ArrayRef<Change> changes() const { return List; }

private:
  std::vector<Change> List;
};

} // namespace pitfix
