#include "actions/ActionTable.h"
#include "engine/PreFilter.h"

#include <gtest/gtest.h>

using namespace pitfix;

namespace {

/// The shipped vocabulary with one rule compiled from \p Match.
struct OneRule {
  explicit OneRule(const std::string &Match) {
    RuleLoader L(ruleLanguage());
    EXPECT_FALSE(bool(L.addDirectory(PITFIX_TEST_RULES_DIR)));
    auto S = L.build();
    EXPECT_TRUE(bool(S));
    Set = std::move(*S);
    RuleSpec Spec;
    Spec.Id = "sharing-test";
    Spec.Family = "sharing";
    Spec.Message = "m";
    // A report rule: no strategy, no binds required, any matcher loads.
    Spec.Match.Text = Match;
    auto R = compileRule(std::move(Spec), Set.Vocab, ruleLanguage());
    EXPECT_TRUE(bool(R)) << (R ? "" : llvm::toString(R.takeError()));
    if (R)
      Rule = std::move(*R);
  }
  TokenRequirement need() const { return tokenRequirement(*Rule, Set.Vocab); }
  RuleSet Set;
  std::unique_ptr<CompiledRule> Rule;
};

TEST(PreFilterTest, NamesInTheMatcher) {
  OneRule R("callExpr(callee(functionDecl(hasAnyName(\"::pthread_create\", "
            "\"ns::spawn\"))))");
  TokenRequirement T = R.need();
  EXPECT_FALSE(T.Unfilterable);
  EXPECT_EQ(T.Tokens, (std::set<std::string>{"pthread_create", "spawn"}));
}

TEST(PreFilterTest, VocabularyListsThroughNamedMatchers) {
  // guardType is defined on guardClasses and guardClassPatterns.
  OneRule R("varDecl(hasType(guardType)).bind(\"g\")");
  TokenRequirement T = R.need();
  EXPECT_FALSE(T.Unfilterable);
  EXPECT_TRUE(T.Tokens.count("lock_guard"));
  EXPECT_TRUE(T.Tokens.count("QMutexLocker"));
  EXPECT_FALSE(T.Patterns.empty()); // *Lock, *Guard, *Locker
}

TEST(PreFilterTest, AnyOfNeedsEveryAlternative) {
  OneRule R("expr(anyOf(callExpr(callee(functionDecl(hasName(\"a_fn\")))), "
            "callExpr(callee(functionDecl(hasName(\"b_fn\"))))))");
  EXPECT_EQ(R.need().Tokens, (std::set<std::string>{"a_fn", "b_fn"}));
}

TEST(PreFilterTest, AnAlternativeWithoutNamesNeedsNothing) {
  OneRule R("expr(anyOf(callExpr(callee(functionDecl(hasName(\"a_fn\")))), "
            "cxxThisExpr()))");
  EXPECT_TRUE(R.need().Unfilterable);
}

TEST(PreFilterTest, UnlessNeedsNothing) {
  OneRule R("callExpr(unless(callee(functionDecl(hasName(\"a_fn\")))))");
  EXPECT_TRUE(R.need().Unfilterable);
}

TEST(PreFilterTest, OneInnerMatcherIsEnough) {
  // Both must match, so the narrower one (a single rare name) is kept
  // instead of the common member name.
  OneRule R("cxxMemberCallExpr(callee(cxxMethodDecl(hasName(\"push_back\"))), "
            "on(hasType(cxxRecordDecl(hasName(\"RareQueue\")))))");
  EXPECT_EQ(R.need().Tokens, (std::set<std::string>{"RareQueue"}));
}

TEST(PreFilterTest, StandardAliasesCount) {
  OneRule R("varDecl(hasType(namedDecl(hasName(\"std::basic_ifstream\"))))");
  TokenRequirement T = R.need();
  EXPECT_TRUE(T.Tokens.count("ifstream"));
  EXPECT_TRUE(T.Tokens.count("wifstream"));
  OneRule A("varDecl(hasType(namedDecl(hasName(\"std::atomic\"))))");
  PreFilter F(A.Set, {A.Rule.get()});
  EXPECT_TRUE(F.isNeeded("atomic"));
  EXPECT_TRUE(F.isNeeded("atomic_int"));
  EXPECT_FALSE(F.isNeeded("atomicity"));
}

TEST(PreFilterTest, EveryShippedRuleCanBeFiltered) {
  RuleLoader L(ruleLanguage());
  ASSERT_FALSE(bool(L.addDirectory(PITFIX_TEST_RULES_DIR)));
  auto S = L.build();
  ASSERT_TRUE(bool(S));
  for (const auto &R : S->Rules) {
    TokenRequirement T = tokenRequirement(*R, S->Vocab);
    EXPECT_FALSE(T.Unfilterable) << R->id();
  }
  std::vector<const CompiledRule *> All;
  for (const auto &R : S->Rules)
    All.push_back(R.get());
  PreFilter F(*S, All);
  EXPECT_FALSE(F.passesEverything());
  EXPECT_TRUE(F.isNeeded("thread"));
  EXPECT_TRUE(F.isNeeded("lock_guard"));
  EXPECT_FALSE(F.isNeeded("vector"));
}

} // namespace
