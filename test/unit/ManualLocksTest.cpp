// Unit tests of the manual-lock analysis: which calls are lock operations,
// which lock opens a critical section, how the lock state is followed
// through a block, and where an #include goes.
#include "analysis/LockRegion.h"
#include "analysis/ManualLocks.h"
#include "config/Vocabulary.h"

#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace clang;
using namespace pitfix;

namespace {

const char *LockPrelude = R"(
struct Mutex { void lock(); void unlock(); bool try_lock(); };
struct Guard { explicit Guard(Mutex &); ~Guard(); };
Mutex mu, other;
int value;
void work();
)";

/// A parsed snippet with the shipped vocabulary.
class Snippet {
public:
  explicit Snippet(const std::string &Code) {
    llvm::Error E = V.addFile(PITFIX_TEST_RULES_DIR "/vocabulary.yaml");
    EXPECT_FALSE(static_cast<bool>(E)) << llvm::toString(std::move(E));
    llvm::Error C = V.compile();
    EXPECT_FALSE(static_cast<bool>(C)) << llvm::toString(std::move(C));
    AST = tooling::buildASTFromCodeWithArgs(LockPrelude + Code, {"-std=c++17"});
  }

  /// The function named \p Name.
  const FunctionDecl *function(llvm::StringRef Name) {
    for (const Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->getName() == Name && FD->hasBody())
          return FD;
    return nullptr;
  }

  /// The analysis of the first lock() in \p Name's body.
  LockRegion region(llvm::StringRef Name) {
    const FunctionDecl *Fn = function(Name);
    EXPECT_TRUE(Fn);
    const auto *Body = cast<CompoundStmt>(Fn->getBody());
    for (const Stmt *S : Body->body())
      if (auto Op = lockOp(statementExpr(S), V))
        if (Op->Kind == LockOpKind::Lock)
          return analyzeLockRegion(*Op, Body, Fn, AST->getASTContext(), V);
    ADD_FAILURE() << "no lock in " << Name.str();
    return {};
  }

  Vocabulary V;
  std::unique_ptr<ASTUnit> AST;
};

TEST(LockRegion, EarlyReturnWithTheMutexHeld) {
  Snippet S("bool f(int n) { mu.lock(); if (n < 0) return false;"
            " value = n; mu.unlock(); return true; }");
  LockRegion R = S.region("f");
  EXPECT_EQ(R.Problem.Reason, "");
  EXPECT_EQ(R.Unlocks.size(), 1u);
  EXPECT_EQ(R.HeldExits.size(), 1u);
  EXPECT_FALSE(R.HeldAtEnd);
}

TEST(LockRegion, RelockAfterUnlock) {
  Snippet S("void f() { mu.lock(); work(); mu.unlock(); work(); mu.lock();"
            " ++value; mu.unlock(); }");
  LockRegion R = S.region("f");
  EXPECT_EQ(R.Problem.Reason, "");
  EXPECT_EQ(R.Unlocks.size(), 2u);
  EXPECT_EQ(R.Relocks.size(), 1u);
  EXPECT_TRUE(R.HeldExits.empty());
}

TEST(LockRegion, BalancedLoopBodyAndBreakState) {
  Snippet S("void f(int n) { mu.lock(); while (n--) { mu.unlock(); work();"
            " mu.lock(); } mu.unlock(); }");
  EXPECT_EQ(S.region("f").Problem.Reason, "");
  Snippet T("void f(int n) { mu.lock(); while (n--) { mu.unlock();"
            " if (n == 3) break; mu.lock(); } mu.unlock(); }");
  EXPECT_NE(T.region("f").Problem.Reason, "");
}

TEST(LockRegion, HeldAtTheEndOfTheBlock) {
  Snippet S("void f(bool b) { mu.lock(); if (b) mu.unlock(); }");
  LockRegion R = S.region("f");
  EXPECT_EQ(R.Problem.Reason, "");
  EXPECT_TRUE(R.HeldAtEnd);
}

TEST(LockRegion, OtherUsesAndOtherMutexes) {
  Snippet S("void g(Mutex &); void f() { mu.lock(); g(mu); mu.unlock(); }");
  EXPECT_NE(S.region("f").Problem.Reason, "");
  Snippet T("void f() { mu.lock(); { Guard g(other); } mu.unlock(); }");
  EXPECT_EQ(T.region("f").Problem.Reason, "");
}

TEST(ManualLocks, OpeningLockOfARelock) {
  Snippet S("void f() { mu.lock(); mu.unlock(); if (value) { mu.lock(); } "
            "mu.unlock(); }");
  const FunctionDecl *Fn = S.function("f");
  std::vector<LockOp> Ops = lockOpsIn(Fn->getBody(), S.V);
  ASSERT_EQ(Ops.size(), 4u);
  EXPECT_EQ(openingLock(Ops[0], S.AST->getASTContext(), S.V), nullptr);
  EXPECT_EQ(openingLock(Ops[2], S.AST->getASTContext(), S.V), Ops[0].Call);
}

TEST(LockModel, VocabularyMethodsAndFunctions) {
  Snippet S(R"(
struct Port { void Lock(); void Unlock(); void ReaderLock(); void ReaderUnlock(); };
struct NotAMutex { void Lock(); };
typedef struct { int x; } mtx_t;
extern "C" int mtx_lock(mtx_t *); extern "C" int mtx_trylock(mtx_t *);
extern "C" int mtx_unlock(mtx_t *);
Port p; NotAMutex n; mtx_t c;
void f() { p.Lock(); p.ReaderUnlock(); n.Lock(); mtx_lock(&c); mtx_trylock(&c);
           mtx_unlock(&c); }
)");
  std::vector<LockOp> Ops = lockOpsIn(S.function("f")->getBody(), S.V);
  ASSERT_EQ(Ops.size(), 5u); // n.Lock() is on a class without an unlock
  EXPECT_EQ(Ops[0].Kind, LockOpKind::Lock);
  EXPECT_FALSE(Ops[0].Shared);
  EXPECT_EQ(Ops[1].Kind, LockOpKind::Unlock);
  EXPECT_TRUE(Ops[1].Shared);
  EXPECT_EQ(Ops[2].Kind, LockOpKind::Lock);
  EXPECT_TRUE(Ops[2].CFunction);
  EXPECT_EQ(Ops[3].Kind, LockOpKind::TryLock);
  EXPECT_EQ(Ops[4].Kind, LockOpKind::Unlock);
}

TEST(LockModel, TryLockConditions) {
  Snippet S(R"(
typedef struct { int x; } mtx_t;
enum { thrd_success = 0 };
extern "C" int mtx_trylock(mtx_t *);
mtx_t c;
bool a() { return mu.try_lock(); }
bool b() { return !mu.try_lock(); }
bool d() { return mtx_trylock(&c) == thrd_success; }
bool e() { return mtx_trylock(&c) != 0; }
bool g() { return !mtx_trylock(&c); }
bool h() { return mtx_trylock(&c); }
)");
  auto Tested = [&](const char *Fn, bool &Negated) {
    const auto *Body = cast<CompoundStmt>(S.function(Fn)->getBody());
    const auto *Ret = cast<ReturnStmt>(Body->body_front());
    return tryLockTested(Ret->getRetValue(), S.V, Negated).has_value();
  };
  bool Negated = false;
  EXPECT_TRUE(Tested("a", Negated));
  EXPECT_FALSE(Negated);
  EXPECT_TRUE(Tested("b", Negated));
  EXPECT_TRUE(Negated);
  EXPECT_TRUE(Tested("d", Negated));
  EXPECT_FALSE(Negated);
  EXPECT_TRUE(Tested("e", Negated));
  EXPECT_TRUE(Negated);
  EXPECT_TRUE(Tested("g", Negated));
  EXPECT_FALSE(Negated);
  EXPECT_TRUE(Tested("h", Negated));
  EXPECT_TRUE(Negated);
}

TEST(LockRegion, ThrowByEvidenceAndCoveredThrows) {
  Snippet S("int parse(int n) { if (n < 0) throw 1; return n; }"
            "void f(int n) { mu.lock(); value = parse(n); mu.unlock(); }");
  LockRegion R = S.region("f");
  EXPECT_NE(R.HeldThrow, nullptr);
  EXPECT_TRUE(R.HeldExits.empty());
  Snippet T("int parse(int n) { if (n < 0) throw 1; return n; }"
            "void f(int n) { mu.lock(); try { value = parse(n); } catch (...) {"
            " mu.unlock(); throw; } mu.unlock(); }");
  LockRegion Q = T.region("f");
  EXPECT_EQ(Q.Problem.Reason, "");
  EXPECT_EQ(Q.HeldThrow, nullptr);
  EXPECT_TRUE(Q.HeldExits.empty());
}

} // namespace
