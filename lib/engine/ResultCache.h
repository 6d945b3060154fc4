//===- ResultCache.h - findings of units whose inputs have not changed ----===//
#pragma once

#include "edit/Finding.h"
#include "engine/RuleSet.h"
#include "engine/UnitInputs.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pitfix {

/// A directory of results keyed by everything a unit's findings depend on,
/// as ccache's direct mode keys objects: the key covers pitfix itself (its
/// version and executable), the enabled rules with their options and the
/// vocabulary, the project scope and the unit's compile commands. The entry
/// of a key holds up to MaxVariants results, newest first, each with what its
/// parse depended on (UnitInputs): every file it read with its content hash,
/// every path it looked up in vain (an include directory searched before the
/// one that served an include, a failed `__has_include`) and every file a
/// `__has_include` found. A result is replayed only when each of those files
/// still has that content, each path looked up in vain still does not exist
/// and each probed file still does, so a result is never replayed for a
/// changed input, a header that now shadows the one read, or a probe that
/// would now answer otherwise; and switching a branch back replays the
/// result stored for it. Storing a result drops the older ones with the
/// same files and contents and, past MaxVariants, the oldest stored.
/// Entries are written atomically (a temporary file and a rename), so
/// parallel workers and concurrent runs share the directory (two runs
/// storing a result of one unit at once keep one of the two); an unreadable
/// or corrupt entry is a miss with a note, and an entry that cannot be
/// written (a full disk) is a note: the run goes on, uncached. trim() keeps
/// the directory under its size bound, least recently used entries first.
class ResultCache {
public:
  /// \p Salt identifies pitfix and its rules (see ruleSetDigest).
  ResultCache(std::string Dir, std::string Salt, uint64_t MaxBytes);

  /// The key of one unit.
  std::string keyFor(llvm::StringRef MainFile,
                     llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
                     llvm::ArrayRef<std::string> ExtraArgs,
                     llvm::StringRef ProjectRoot) const;

  /// Results kept per key (per unit and command): a few branches' worth.
  static constexpr size_t MaxVariants = 8;

  /// The findings of the newest result stored for \p Key whose inputs are
  /// as they were (see the class comment).
  std::optional<std::vector<Finding>> lookup(llvm::StringRef Key);

  /// Stores the findings of a unit that compiled, with what its parse
  /// depended on.
  void store(llvm::StringRef Key, const UnitInputs &Inputs,
             llvm::ArrayRef<Finding> Findings);

  /// The content hash of \p Data, as recorded in entries.
  static std::string hashOf(llvm::StringRef Data);

  /// Removes the oldest entries until the directory is under its bound.
  void trim();

  /// What went wrong with the cache during the run (one line each).
  std::vector<std::string> takeNotes();

  unsigned hits() const { return Hits; }
  unsigned misses() const { return Misses; }

private:
  std::string entryPath(llvm::StringRef Key) const;
  /// The hash of a file's current content, computed once per run.
  std::optional<std::string> currentHash(const std::string &Path);
  /// Whether \p Path exists now, asked once per run.
  bool existsNow(const std::string &Path);
  /// Whether the inputs a result records are as they were; std::nullopt
  /// for a malformed result.
  std::optional<bool> inputsUnchanged(const llvm::json::Object &Result);
  void note(std::string Line);

  std::string Dir;
  std::string Salt;
  uint64_t MaxBytes;
  std::mutex Mutex;
  llvm::StringMap<std::optional<std::string>> Hashes;
  llvm::StringMap<bool> Exists;
  std::vector<std::string> Notes;
  unsigned Hits = 0, Misses = 0;
  /// An entry could not be written (a full disk, a read-only directory):
  /// noted once, and nothing more is stored in this run.
  bool WriteFailed = false;
};

/// A digest of everything about \p Enabled that can change a finding: each
/// rule's file, matcher, action, options and message, and the vocabulary.
std::string ruleSetDigest(const RuleSet &Rules,
                          llvm::ArrayRef<const CompiledRule *> Enabled);

/// Findings as JSON text and back (the entry format of the cache).
std::string findingsToJson(llvm::ArrayRef<Finding> Findings);
std::optional<std::vector<Finding>> findingsFromJson(const llvm::json::Value &V);

} // namespace pitfix
