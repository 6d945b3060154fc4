//===- Finding.h - what a rule reports and how it would rewrite -----------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pitfix {

/// A position in a source file, 1-based.
struct FileLoc {
  std::string File; ///< Absolute, canonical path.
  unsigned Line = 0;
  unsigned Col = 0;
  unsigned Offset = 0;
};

/// A text edit on a file: replace Length bytes at Offset by Text.
struct Edit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
  /// A digest of the file's content as the compiler parsed it (see
  /// contentDigest), 0 when unknown. Not part of the edit's identity: before
  /// writing, the file on disk must still have this digest, or the offsets
  /// were computed on another text.
  uint64_t Digest = 0;

  bool operator<(const Edit &O) const;
  bool operator==(const Edit &O) const;
};

/// An additional message attached to a finding.
struct Note {
  FileLoc Loc;
  std::string Message;
};

/// One diagnosed pitfall. Its edits are applied all together or not at all.
struct Finding {
  std::string RuleId;
  std::string Severity = "warning";
  FileLoc Loc;
  std::string Message;
  std::vector<Note> Notes;
  std::vector<Edit> Edits;
  /// Why there is no rewrite (empty when there are edits, or when the rule
  /// is report-only and has nothing to add).
  std::string Refusal;
  /// Filled by the edit merger: the rewrite collided with another one.
  std::string Conflict;
  /// Filled when the edits were written to disk (for a finding another
  /// rewrite removes: when that rewrite was).
  bool Applied = false;
  /// The rewrite of another finding in the same function removes this
  /// pitfall too: that finding's rule and place. Its status follows that
  /// finding's (settleSolvedFindings).
  std::string SolvedByRule;
  FileLoc SolvedByLoc;
  /// Filled by --fix when the finding has a rewrite that was not written:
  /// why (the file is read-only, changed during the run, a write failed).
  std::string NotWritten;
  /// Offsets in Loc.File of the outermost function that holds the finding
  /// (0 and 0 when none is known): the rewrites of different rules in one
  /// function are verified one after the other, so that one that another
  /// already makes unnecessary is not made too.
  unsigned ScopeBegin = 0, ScopeEnd = 0;

  bool hasFix() const {
    return !Edits.empty() && Conflict.empty() && NotWritten.empty();
  }
  /// Identity of a finding across translation units and template
  /// instantiations: rule, position and message.
  std::string key() const;
};

/// Gives each finding that another rewrite removes (SolvedByRule) the
/// outcome of that rewrite: written, not written, or in conflict.
void settleSolvedFindings(std::vector<Finding> &Findings);

/// A digest of a file's content, never 0: what Edit::Digest records at parse
/// time and the writer compares with the file on disk.
uint64_t contentDigest(llvm::StringRef Text);

} // namespace pitfix
