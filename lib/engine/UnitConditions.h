//===- UnitConditions.h - conditions decided for a matcher, once a node ---===//
//
// A rule's `match:` may use the conditions as matchers (`lockHeld()`,
// ConditionMatchers.h). Such a matcher runs inside Clang's matching pass,
// where only the AST is at hand; the engine makes a UnitConditions around
// the pass of each translation unit, on the thread that matches it, and the
// matcher asks it. Each condition is decided once per node of the unit,
// however many rules and enclosing matchers ask, from the analyses that the
// unit cache keeps.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "engine/Action.h"

#include "clang/AST/ASTTypeTraits.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <utility>

namespace clang {
class ASTContext;
} // namespace clang

namespace pitfix {

class FindingSink;
class MatchContext;
class Vocabulary;
struct CompiledRule;

class UnitConditions {
public:
  /// Makes this the current one on this thread until it is destroyed.
  UnitConditions(clang::ASTContext &Ctx, const Vocabulary &Vocab,
                 FindingSink &Sink);
  ~UnitConditions();
  UnitConditions(const UnitConditions &) = delete;
  UnitConditions &operator=(const UnitConditions &) = delete;

  /// The one of the unit being matched on this thread, or nullptr outside a
  /// matching pass (a condition matcher then matches nothing).
  static UnitConditions *current();

  clang::ASTContext &ast() const { return Ctx; }

  /// Decides \p Info for \p Node (asked for a matcher of \p Rule): what it
  /// tells the finding when it holds, nullptr when it does not.
  const ConditionOutput *decide(const ConditionInfo &Info,
                                const clang::DynTypedNode &Node,
                                const CompiledRule &Rule);

  /// Gives \p C what the conditions of its rule's matcher tell the finding:
  /// those that hold for a node of the match (their matcher bound it).
  static void fillFromMatch(MatchContext &C);

private:
  clang::ASTContext &Ctx;
  const Vocabulary &Vocab;
  FindingSink &Sink;
  UnitConditions *Outer;
  /// By condition and node: the output when it holds, null when not.
  llvm::DenseMap<std::pair<const void *, const void *>,
                 std::unique_ptr<ConditionOutput>>
      Decided;
};

} // namespace pitfix
