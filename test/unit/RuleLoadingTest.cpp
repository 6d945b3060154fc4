#include "actions/ActionTable.h"
#include "conditions/Conditions.h"
#include "engine/ConditionMatchers.h"
#include "engine/RuleSet.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/Dynamic/Registry.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace pitfix;

namespace {

/// A temporary directory with one rule file in it.
class RuleDir {
public:
  explicit RuleDir(const std::string &RuleText) {
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("rules", Dir));
    Path = std::string(Dir) + "/sharing-test.yaml";
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << RuleText;
  }
  ~RuleDir() { llvm::sys::fs::remove_directories(Dir); }
  std::string dir() const { return std::string(Dir); }
  std::string Path;

private:
  llvm::SmallString<128> Dir;
};

/// Loads the shipped vocabulary and rules, plus \p Extra.
std::string loadError(const RuleDir &Extra) {
  RuleLoader L(ruleLanguage());
  if (llvm::Error E = L.addDirectory(PITFIX_TEST_RULES_DIR))
    return "shipped: " + llvm::toString(std::move(E));
  if (llvm::Error E = L.addDirectory(Extra.dir()))
    return llvm::toString(std::move(E));
  auto Set = L.build();
  if (!Set)
    return llvm::toString(Set.takeError());
  return "";
}

const char *Valid = "id: sharing-test\n"
                    "family: sharing\n"
                    "summary: s\n"
                    "message: m\n"
                    "match: |\n"
                    "  callExpr(callee(functionDecl(spawnFunctions))).bind(\"temp\")\n"
                    "action: lazy-init-once\n";

} // namespace

TEST(RuleLoading, ShippedRulesLoad) {
  RuleLoader L(ruleLanguage());
  ASSERT_FALSE(static_cast<bool>(L.addDirectory(PITFIX_TEST_RULES_DIR)));
  auto Set = L.build();
  ASSERT_TRUE(static_cast<bool>(Set)) << llvm::toString(Set.takeError());
  EXPECT_NE(Set->find("sharing-unnamed-lock-guard"), nullptr);
  EXPECT_NE(Set->find("ordering-multi-lock-order"), nullptr);
  EXPECT_TRUE(Set->Vocab.hasMatcher("spawnExpr"));
}

TEST(RuleLoading, AValidRuleUsesVocabularyNames) {
  RuleDir D(Valid);
  EXPECT_EQ(loadError(D), "");
}

TEST(RuleLoading, UnknownKeyIsAnErrorAtItsPosition) {
  RuleDir D(std::string(Valid) + "mesage: typo\n");
  EXPECT_EQ(loadError(D),
            D.Path + ":8:1: error: unknown key 'mesage' in rule "
                     "(known: id, family, severity, summary, seed, "
                     "description, message, match, strategy, action, fix, where, "
                     "options, examples, prefilter, prefilter-also, preamble, "
                     "valid)");
}

TEST(RuleLoading, PreFilterListsAreListsAtTheirPosition) {
  RuleDir Bad(std::string(Valid) + "prefilter: 3\n");
  EXPECT_EQ(loadError(Bad), Bad.Path + ":8:12: error: 'prefilter' must be "
                                       "false or a list of vocabulary names "
                                       "and identifiers");
  RuleDir BadAlso(std::string(Valid) + "prefilter-also: mutexClasses\n");
  EXPECT_EQ(loadError(BadAlso),
            BadAlso.Path + ":8:17: error: 'prefilter-also' must be a list of "
                           "vocabulary names and identifiers");
  RuleDir Good(std::string(Valid) +
               "prefilter: [new]\nprefilter-also: [mutexClasses]\n");
  EXPECT_EQ(loadError(Good), "");
}

TEST(RuleLoading, MatcherErrorPointsInsideTheExpression) {
  std::string Text = Valid;
  Text.replace(Text.find("functionDecl"), 12, "functionDecll");
  RuleDir D(Text);
  std::string E = loadError(D);
  EXPECT_EQ(E.rfind(D.Path + ":6:19: error: invalid matcher", 0), 0u) << E;
  EXPECT_NE(E.find("functionDecll"), std::string::npos) << E;
}

TEST(RuleLoading, UnknownActionAndOption) {
  std::string Text = Valid;
  Text.replace(Text.find("lazy-init-once"), 14, "rename-all");
  RuleDir D(Text);
  std::string E = loadError(D);
  EXPECT_EQ(E.rfind(D.Path + ":7:9: error: ", 0), 0u) << E;
  EXPECT_NE(E.find("unknown strategy 'rename-all'"), std::string::npos) << E;

  RuleDir D2(std::string(Valid) + "options:\n  colour: red\n");
  E = loadError(D2);
  EXPECT_EQ(E.rfind(D2.Path + ":9:3: error: ", 0), 0u) << E;
  EXPECT_NE(E.find("has no option 'colour'"), std::string::npos) << E;
}

TEST(RuleLoading, YamlSyntaxErrorHasLineAndColumn) {
  RuleDir D("id: sharing-test\nfamily: [sharing\n");
  std::string E = loadError(D);
  EXPECT_EQ(E.rfind(D.Path + ":", 0), 0u) << E;
  EXPECT_NE(E.find(": error: "), std::string::npos) << E;
}

TEST(RuleLoading, IdMustStartWithFamily) {
  std::string Text = Valid;
  Text.replace(Text.find("sharing-test"), 12, "ordering-test");
  RuleDir D(Text);
  EXPECT_NE(loadError(D).find(":1:5: error: rule id 'ordering-test' must start "
                              "with its family 'sharing-'"),
            std::string::npos);
}

TEST(ConditionMatchers, EachConditionIsAMatcherNoClangMatcherHides) {
  for (const ConditionInfo &C : conditionTable()) {
    EXPECT_FALSE(C.Kinds.empty()) << C.Name;
    EXPECT_FALSE(clang::ast_matchers::dynamic::Registry::lookupMatcherCtor(
        C.matcherName()))
        << C.matcherName();
  }
  EXPECT_EQ(findCondition("lock-held")->matcherName(), "lockHeld");
  EXPECT_EQ(findCondition("thread-per-input-item")->matcherName(),
            "threadPerInputItem");
}

TEST(ConditionMatchers, UsesUnderUnlessOrAnyOfMayBeMissingFromAMatch) {
  RuleDir D("id: sharing-test\nfamily: sharing\nsummary: s\nmessage: m\n"
            "match: |\n"
            "  callExpr(lockHeld(), unless(inSpawnedWork()),\n"
            "           anyOf(afterSpawn(), argumentCountIs(0)),\n"
            "           hasAncestor(stmt(lockHeld())))\n");
  RuleLoader L(ruleLanguage());
  ASSERT_FALSE(static_cast<bool>(L.addDirectory(PITFIX_TEST_RULES_DIR)));
  ASSERT_FALSE(static_cast<bool>(L.addDirectory(D.dir())));
  auto Set = L.build();
  ASSERT_TRUE(static_cast<bool>(Set)) << llvm::toString(Set.takeError());
  const CompiledRule *R = Set->find("sharing-test");
  ASSERT_NE(R, nullptr);
  std::vector<std::string> Got;
  for (const MatcherCondition &M : R->MatcherConditions)
    Got.push_back(M.BindId + (M.Required ? " required" : " optional"));
  EXPECT_EQ(Got, (std::vector<std::string>{
                     "lockHeld() required", "inSpawnedWork() optional",
                     "afterSpawn() optional", "lockHeld()#2 required"}));
  // A rule without condition matchers has none.
  EXPECT_TRUE(
      Set->find("sharing-unnamed-lock-guard")->MatcherConditions.empty());
}

/// The completions clang-query's parser offers for \p Code with the
/// conditions' Sema.
static std::vector<std::string> completions(llvm::StringRef Code) {
  CompiledRule R;
  ConditionSema S(conditionTable(), R);
  std::vector<std::string> Out;
  for (const auto &C : clang::ast_matchers::dynamic::Parser::completeExpression(
           Code, Code.size(), &S, nullptr))
    Out.push_back(C.TypedText);
  return Out;
}

TEST(ConditionMatchers, CompletionOffersThemWhereTheirKindFits) {
  auto Has = [](const std::vector<std::string> &V, const char *S) {
    return llvm::is_contained(V, S);
  };
  EXPECT_TRUE(Has(completions("callExpr(lock"), "Held()"));
  EXPECT_TRUE(Has(completions("varDecl(inSpawned"), "Work()"));
  EXPECT_FALSE(Has(completions("functionDecl(lock"), "Held()"));
  EXPECT_TRUE(Has(completions("callExpr(sleepAs"), "Wait()"));
  EXPECT_FALSE(Has(completions("varDecl(sleepAs"), "Wait()"));
  // Inside a condition matcher nothing fits: it takes no argument.
  EXPECT_TRUE(completions("callExpr(lockHeld(").empty());
}

TEST(Vocabulary, AListTheAnalysesReadMustExist) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("vocab", Dir));
  std::string Path = std::string(Dir) + "/vocabulary.yaml";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << "names:\n  spawnClasses: [std::thread]\n";
  }
  Vocabulary V;
  ASSERT_FALSE(static_cast<bool>(V.addFile(Path)));
  llvm::Error E = V.compile();
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_NE(llvm::toString(std::move(E)).find("has no list '"),
            std::string::npos);
  llvm::sys::fs::remove_directories(Dir);
}

// The C++ names lists by enumerator; a name looked up from the files that
// the vocabulary does not define is an empty list, never a crash.
TEST(Vocabulary, ListsAreTypedAndLookUpsByNameAreSafe) {
  Vocabulary V;
  EXPECT_TRUE(V.names("mutexLockMetods").empty());
  EXPECT_EQ(vocabListName(VocabList::MutexLockMethods), "mutexLockMethods");
  EXPECT_EQ(vocabListName(VocabList::SpawnClasses), "spawnClasses");
}

// contains() answers most questions from the declaration's own name; it
// must agree with the qualified name in every case.
TEST(Vocabulary, NameListContainsDeclarations) {
  std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCode(
      "namespace a { void x(); struct S { void run(); }; }\n"
      "void x();\n"
      "namespace b { void y(); inline namespace v1 { void z(); } }\n"
      "template <class T> struct W { void run(); };\n"
      "W<int> w;\n");
  using namespace clang::ast_matchers;
  auto One = [&](auto Matcher) -> const clang::NamedDecl * {
    auto Found = match(Matcher.bind("d"), AST->getASTContext());
    EXPECT_EQ(Found.size(), 1u);
    return Found.empty() ? nullptr
                         : Found[0].template getNodeAs<clang::NamedDecl>("d");
  };
  const clang::NamedDecl *AX = One(functionDecl(hasName("::a::x")));
  const clang::NamedDecl *GX = One(functionDecl(hasName("::x")));
  const clang::NamedDecl *Run = One(cxxMethodDecl(hasName("::a::S::run")));
  const clang::NamedDecl *Y = One(functionDecl(hasName("::b::y")));
  const clang::NamedDecl *Z = One(functionDecl(hasName("z")));
  const clang::NamedDecl *WRun = One(cxxMethodDecl(
      hasName("run"), ofClass(classTemplateSpecializationDecl())));

  NameList L;
  L.add("a::x");
  L.add("run");
  L.add("b::z");
  EXPECT_TRUE(L.contains(AX));
  EXPECT_FALSE(L.contains(GX));
  EXPECT_TRUE(L.contains(Run));
  EXPECT_TRUE(L.contains(WRun));
  EXPECT_FALSE(L.contains(Y));
  EXPECT_TRUE(L.contains(Z)); // the inline namespace is not spelled

  NameList Global;
  Global.add("::x");
  EXPECT_TRUE(Global.contains(GX));
  EXPECT_FALSE(Global.contains(AX));

  // An entry that spells template arguments, and a pattern.
  NameList Unusual;
  Unusual.add("W<int>::run");
  EXPECT_TRUE(Unusual.contains(WRun));
  EXPECT_FALSE(Unusual.contains(Run));
  NameList Pattern;
  Pattern.add("/::b::.*/");
  EXPECT_TRUE(Pattern.contains(Y));
  EXPECT_FALSE(Pattern.contains(AX));
}

TEST(Vocabulary, NameListFollowsHasAnyName) {
  NameList L;
  L.add("std::thread");
  L.add("submit");
  L.add("::global");
  L.add("/Pool$/");
  EXPECT_TRUE(L.containsQualified("std::thread"));
  EXPECT_TRUE(L.containsQualified("x::std::thread"));
  EXPECT_FALSE(L.containsQualified("mystd::thread"));
  EXPECT_TRUE(L.containsQualified("a::b::submit"));
  EXPECT_TRUE(L.containsQualified("global"));
  EXPECT_FALSE(L.containsQualified("n::global"));
  EXPECT_TRUE(L.containsQualified("app::ThreadPool"));
  EXPECT_FALSE(L.containsQualified("app::PoolTable"));
}
