//===- UnitConditions.cpp -------------------------------------------------===//
#include "engine/UnitConditions.h"

#include "engine/MatchContext.h"
#include "engine/RuleSet.h"

#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace pitfix {
namespace {

thread_local UnitConditions *Current = nullptr;

/// The bound nodes of a match that binds nothing: a condition asked by a
/// matcher decides about its node alone (conditions read no binds).
const BoundNodes &noBindings() {
  static const BoundNodes Empty = [] {
    struct Keep : internal::BoundNodesTreeBuilder::Visitor {
      std::optional<BoundNodes> Nodes;
      void visitMatch(const BoundNodes &B) override { Nodes = B; }
    } K;
    // A builder without bindings visits one empty match.
    internal::BoundNodesTreeBuilder().visitMatches(&K);
    return *K.Nodes;
  }();
  return Empty;
}

} // namespace

UnitConditions::UnitConditions(ASTContext &Ctx, const Vocabulary &Vocab,
                               FindingSink &Sink)
    : Ctx(Ctx), Vocab(Vocab), Sink(Sink), Outer(Current) {
  Current = this;
}

UnitConditions::~UnitConditions() { Current = Outer; }

UnitConditions *UnitConditions::current() { return Current; }

const ConditionOutput *UnitConditions::decide(const ConditionInfo &Info,
                                              const DynTypedNode &Node,
                                              const CompiledRule &Rule) {
  std::pair<const void *, const void *> Key(&Info, Node.getMemoizationData());
  if (auto It = Decided.find(Key); It != Decided.end())
    return It->second.get();
  MatchContext C(noBindings(), Ctx, Rule, Vocab, Sink);
  auto Out = std::make_unique<ConditionOutput>();
  if (!Info.Holds(Node, C, *Out))
    Out.reset();
  return Decided.try_emplace(Key, std::move(Out)).first->second.get();
}

void UnitConditions::fillFromMatch(MatchContext &C) {
  UnitConditions *U = current();
  if (!U)
    return;
  for (const MatcherCondition &M : C.rule().MatcherConditions)
    if (const DynTypedNode *N = C.boundNode(M.BindId))
      if (const ConditionOutput *Out = U->decide(*M.Info, *N, C.rule()))
        C.fill(*Out);
}

} // namespace pitfix
