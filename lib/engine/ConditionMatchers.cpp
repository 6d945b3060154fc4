//===- ConditionMatchers.cpp ----------------------------------------------===//
#include "engine/ConditionMatchers.h"

#include "engine/UnitConditions.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchersInternal.h"
#include "clang/ASTMatchers/Dynamic/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace llvm;
namespace dyn = clang::ast_matchers::dynamic;

namespace pitfix {

std::string ConditionInfo::matcherName() const {
  std::string Out;
  bool Upper = false;
  for (char C : StringRef(Name)) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Out += Upper ? toUpper(C) : C;
    Upper = false;
  }
  return Out;
}

namespace {

/// A condition asked of the node being matched (of kind \p Base or one
/// derived from it): it matches when the condition holds there, and binds
/// the node as its BindId so that the rule's callback can read what it
/// fills. Outside a matching pass of the engine it matches nothing.
template <typename Base>
class ConditionMatcher : public internal::MatcherInterface<Base> {
public:
  ConditionMatcher(const ConditionInfo &Info, const CompiledRule &Rule,
                   std::string BindId)
      : Info(Info), Rule(Rule), BindId(std::move(BindId)) {}

  bool matches(const Base &Node, internal::ASTMatchFinder *Finder,
               internal::BoundNodesTreeBuilder *Builder) const override {
    UnitConditions *U = UnitConditions::current();
    if (!U || &U->ast() != &Finder->getASTContext())
      return false;
    DynTypedNode N = DynTypedNode::create(Node);
    if (!U->decide(Info, N, Rule))
      return false;
    Builder->setBinding(BindId, N);
    return true;
  }

private:
  const ConditionInfo &Info;
  const CompiledRule &Rule;
  std::string BindId;
};

/// The condition matcher of \p Info restricted to node kind \p Kind.
internal::DynTypedMatcher conditionMatcher(const ConditionInfo &Info,
                                           const CompiledRule &Rule,
                                           const std::string &BindId,
                                           ASTNodeKind Kind) {
  internal::DynTypedMatcher M =
      ASTNodeKind::getFromNodeKind<Stmt>().isBaseOf(Kind)
          ? internal::DynTypedMatcher(
                new ConditionMatcher<Stmt>(Info, Rule, BindId))
          : internal::DynTypedMatcher(
                new ConditionMatcher<Decl>(Info, Rule, BindId));
  M = M.dynCastTo(Kind);
  M.setAllowBind(true);
  return M;
}

/// Matchers whose inner matchers need not all match for the match to
/// happen: a condition under one of them may be missing from a match.
bool mayLeaveOut(StringRef RegistryName) {
  return RegistryName == "unless" || RegistryName == "optionally" ||
         RegistryName == "anyOf" || RegistryName == "eachOf";
}

bool before(const dyn::SourceLocation &A, const dyn::SourceLocation &B) {
  return A.Line < B.Line || (A.Line == B.Line && A.Column < B.Column);
}

} // namespace

ConditionSema::ConditionSema(ArrayRef<ConditionInfo> Conditions,
                             const CompiledRule &Rule)
    : Conditions(Conditions), Rule(Rule),
      Ids(new char[std::max<size_t>(1, Conditions.size())]) {}

ConditionSema::~ConditionSema() = default;

const ConditionInfo *ConditionSema::conditionOf(MatcherCtor Ctor) const {
  auto At = reinterpret_cast<uintptr_t>(Ctor);
  auto First = reinterpret_cast<uintptr_t>(Ids.get());
  if (At < First || At >= First + Conditions.size())
    return nullptr;
  return &Conditions[At - First];
}

std::optional<ConditionSema::MatcherCtor>
ConditionSema::lookupMatcherCtor(StringRef Name) {
  // The conditions first: a later Clang with a matcher of the same name
  // must not change what a rule means.
  for (size_t I = 0; I < Conditions.size(); ++I)
    if (Conditions[I].matcherName() == Name)
      return reinterpret_cast<MatcherCtor>(Ids.get() + I);
  std::optional<MatcherCtor> Ctor = RegistrySema::lookupMatcherCtor(Name);
  if (Ctor)
    RegistryNames[*Ctor] = Name.str();
  return Ctor;
}

ConditionSema::VariantMatcher ConditionSema::actOnMatcherExpression(
    MatcherCtor Ctor, SourceRange NameRange, StringRef BindID,
    ArrayRef<ParserValue> Args, Diagnostics *Error) {
  const ConditionInfo *Info = conditionOf(Ctor);
  if (!Info) {
    auto Name = RegistryNames.find(Ctor);
    if (Name != RegistryNames.end() && mayLeaveOut(Name->second))
      for (const Use &U : Uses)
        if (before(NameRange.Start, U.Range.Start) &&
            !before(NameRange.End, U.Range.End))
          Used[U.Index].Required = false;
    return RegistrySema::actOnMatcherExpression(Ctor, NameRange, BindID, Args,
                                                Error);
  }
  if (!Args.empty()) {
    Error->addError(Args.front().Range, Error->ET_RegistryWrongArgCount)
        << 0 << static_cast<unsigned>(Args.size());
    return VariantMatcher();
  }
  std::string Name = Info->matcherName();
  unsigned Nth = 1;
  for (const MatcherCondition &M : Used)
    Nth += M.Info == Info;
  std::string BindId = Name + "()" + (Nth > 1 ? "#" + utostr(Nth) : "");
  std::vector<internal::DynTypedMatcher> Matchers;
  for (ASTNodeKind Kind : Info->Kinds) {
    internal::DynTypedMatcher M = conditionMatcher(*Info, Rule, BindId, Kind);
    if (!BindID.empty())
      M = *M.tryBind(BindID);
    Matchers.push_back(std::move(M));
  }
  Uses.push_back({NameRange, Used.size()});
  Used.push_back({Info, BindId, true});
  if (Matchers.size() == 1)
    return VariantMatcher::SingleMatcher(Matchers.front());
  return VariantMatcher::PolymorphicMatcher(std::move(Matchers));
}

bool ConditionSema::isBuilderMatcher(MatcherCtor Ctor) const {
  return !conditionOf(Ctor) && RegistrySema::isBuilderMatcher(Ctor);
}

ASTNodeKind ConditionSema::nodeMatcherType(MatcherCtor Ctor) const {
  // Not a node matcher: mapAnyOf() cannot take one.
  return conditionOf(Ctor) ? ASTNodeKind()
                           : RegistrySema::nodeMatcherType(Ctor);
}

dyn::internal::MatcherDescriptorPtr
ConditionSema::buildMatcherCtor(MatcherCtor Ctor, SourceRange NameRange,
                                ArrayRef<ParserValue> Args,
                                Diagnostics *Error) const {
  if (conditionOf(Ctor))
    return dyn::internal::MatcherDescriptorPtr(nullptr);
  return RegistrySema::buildMatcherCtor(Ctor, NameRange, Args, Error);
}

std::vector<ConditionSema::ArgKind> ConditionSema::getAcceptedCompletionTypes(
    ArrayRef<std::pair<MatcherCtor, unsigned>> Context) {
  // A condition matcher takes no argument.
  for (const auto &C : Context)
    if (conditionOf(C.first))
      return {};
  return RegistrySema::getAcceptedCompletionTypes(Context);
}

std::vector<ConditionSema::MatcherCompletion>
ConditionSema::getMatcherCompletions(ArrayRef<ArgKind> AcceptedTypes) {
  std::vector<MatcherCompletion> Out =
      RegistrySema::getMatcherCompletions(AcceptedTypes);
  for (const ConditionInfo &C : Conditions) {
    std::string Types;
    unsigned Best = 0;
    for (ASTNodeKind K : C.Kinds) {
      Types += (Types.empty() ? "" : "|") + K.asStringRef().str();
      for (const ArgKind &A : AcceptedTypes) {
        unsigned Specificity = 0;
        if (ArgKind::MakeMatcherArg(K).isConvertibleTo(A, &Specificity))
          Best = std::max(Best, Specificity);
      }
    }
    if (Best)
      Out.emplace_back(C.matcherName() + "()",
                       "Matcher<" + Types + "> " + C.matcherName() + "()",
                       Best);
  }
  return Out;
}

} // namespace pitfix
