// Unit tests of the wait-counter helpers (analysis/Counters.h) and of the
// placement of a statement before a spawn (analysis/StatementPlacement.h),
// on small translation units with a fake std::atomic.
#include "analysis/Counters.h"
#include "actions/ActionTable.h"
#include "analysis/AstWalk.h"
#include "engine/RuleSet.h"
#include "toolkit/StatementPlacement.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace clang;
using namespace pitfix;

namespace {

const char *Prelude = R"cpp(
namespace std {
template <class T> struct atomic {
  T fetch_add(T, int = 0);
  T fetch_sub(T, int = 0);
  T operator++();
  T operator++(int);
  T operator--();
  T operator+=(T);
  T operator-=(T);
  T load() const;
  operator T() const;
};
using atomic_int = atomic<int>;
struct latch { void count_down(); void wait(); };
}
struct WaitGroup { void Add(int); void Done(); void Wait(); };
struct Matrix { void Add(int); };
)cpp";

/// The shipped vocabulary, compiled once.
const Vocabulary &vocab() {
  static RuleSet *Set = [] {
    RuleLoader L(ruleLanguage());
    EXPECT_FALSE(static_cast<bool>(L.addDirectory(PITFIX_TEST_RULES_DIR)));
    auto S = L.build();
    EXPECT_TRUE(static_cast<bool>(S));
    return new RuleSet(std::move(*S));
  }();
  return Set->Vocab;
}

std::unique_ptr<ASTUnit> parse(const std::string &Code) {
  return tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                           {"-std=c++17"});
}

/// The definition of the function `f`.
const FunctionDecl *functionF(ASTUnit &AST) {
  for (const Decl *D : AST.getASTContext().getTranslationUnitDecl()->decls())
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      if (FD->getName() == "f" && FD->doesThisDeclarationHaveABody())
        return FD;
  ADD_FAILURE() << "no function f";
  return nullptr;
}

/// Every expression of one of the classes \p Kinds in the function `f`
/// (lambdas included), in source order.
template <typename... Kinds> std::vector<const Expr *> exprs(ASTUnit &AST) {
  std::vector<const Expr *> Out;
  const FunctionDecl *F = functionF(AST);
  forEachStmt(F ? F->getBody() : nullptr, [&](const Stmt *S) {
    if (isa<Kinds...>(S))
      Out.push_back(cast<Expr>(S));
    return true;
  });
  return Out;
}

int increments(const std::string &Code) {
  auto AST = parse(Code);
  int N = 0;
  for (const Expr *E : exprs<CXXMemberCallExpr, CXXOperatorCallExpr>(*AST))
    N += counterIncrement(E, vocab()).has_value();
  return N;
}

} // namespace

TEST(Counters, IncrementsOfWaitGroupsAndAtomicIntegers) {
  EXPECT_EQ(increments("void f(WaitGroup &wg) { wg.Add(1); }"), 1);
  EXPECT_EQ(increments("void f(WaitGroup *wg) { wg->Add(1); }"), 1);
  EXPECT_EQ(increments("void f(std::atomic<long> &a) { a.fetch_add(1); ++a; a++; a += 2; }"), 4);
  EXPECT_EQ(increments("void f(std::atomic_int &a) { a.fetch_add(1); }"), 1);
}

TEST(Counters, OtherOperationsAreNotIncrements) {
  EXPECT_EQ(increments("void f(WaitGroup &wg) { wg.Done(); wg.Wait(); }"), 0);
  EXPECT_EQ(increments("void f(Matrix &m) { m.Add(1); }"), 0);
  EXPECT_EQ(increments("void f(std::atomic<int> &a) { a.fetch_sub(1); --a; a.load(); }"), 0);
  EXPECT_EQ(increments("void f(std::atomic<int *> &p) { ++p; }"), 0);
  EXPECT_EQ(increments("void f(std::latch &l) { l.count_down(); }"), 0);
}

TEST(Counters, KeyIsTheSameThroughPointersAndAddresses) {
  auto AST = parse("void f(std::atomic<int> &a) { std::atomic<int> *p = &a; "
                   "a.fetch_add(1); (*p).fetch_sub(1); p->fetch_sub(1); }");
  std::vector<std::string> Keys;
  for (const Expr *E : exprs<CXXMemberCallExpr>(*AST)) {
    std::optional<CounterOp> Op = counterIncrement(E, vocab());
    if (!Op)
      Op = counterDecrement(E, vocab());
    ASSERT_TRUE(Op.has_value());
    Keys.push_back(counterKey(Op->Object));
  }
  ASSERT_EQ(Keys.size(), 3u);
  EXPECT_NE(Keys[0], Keys[1]); // a and *p are different names
  EXPECT_EQ(Keys[1], Keys[2]); // *p and p-> are the same object
}

TEST(Counters, WaitsAreLoopsAndWaitCallsOnTheCounter) {
  auto AST = parse("void f(std::atomic<int> &a, std::atomic<int> &b, WaitGroup &wg) {"
                   "  a.fetch_add(1); b.fetch_add(1); wg.Add(1);"
                   "  while (a.load() > 0) {}"
                   "  wg.Wait();"
                   "}");
  std::vector<const Expr *> Incs;
  for (const Expr *E : exprs<CXXMemberCallExpr>(*AST))
    if (counterIncrement(E, vocab()))
      Incs.push_back(E);
  ASSERT_EQ(Incs.size(), 3u);
  const Stmt *Body = functionF(*AST)->getBody();
  auto Key = [&](const Expr *E) {
    return counterKey(counterIncrement(E, vocab())->Object);
  };
  EXPECT_NE(findCounterWait(Body, Key(Incs[0]), vocab()), nullptr);
  EXPECT_EQ(findCounterWait(Body, Key(Incs[1]), vocab()), nullptr);
  EXPECT_NE(findCounterWait(Body, Key(Incs[2]), vocab()), nullptr);
}

TEST(StatementPlacement, NoSlotOnOneBranchOfAConditional) {
  auto AST = parse("void g(); bool c(); void f(bool b) {"
                   "  if (b) g();"
                   "  b ? g() : g();"
                   "  (void)(b && (g(), true));"
                   "  while (c()) {}"
                   "}");
  std::vector<std::string> Results;
  for (const Expr *E : exprs<CallExpr>(*AST)) {
    RefusalOr<StatementSlot> S = slotBefore(E, AST->getASTContext());
    if (S)
      Results.push_back(S->Owner ? "braces" : "before");
    else
      Results.push_back("refused: " + S.refusal().Reason);
  }
  ASSERT_EQ(Results.size(), 5u);
  EXPECT_EQ(Results[0], "braces");
  EXPECT_NE(Results[1].find("one branch of a '?:'"), std::string::npos);
  EXPECT_NE(Results[2].find("one branch of a '?:'"), std::string::npos);
  EXPECT_NE(Results[3].find("left side of '&&'"), std::string::npos);
  EXPECT_NE(Results[4].find("header of a loop"), std::string::npos);
}
