// Unit tests of the analyses behind sharing-io-under-lock: blocking calls,
// statement effects and their dependencies, critical sections, and the
// text of a statement with its comments.
#include "analysis/Blocking.h"
#include "analysis/CriticalSections.h"
#include "analysis/Effects.h"
#include "toolkit/StatementLines.h"

#include "clang/AST/Decl.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace clang;
using namespace pitfix;

namespace {

/// Declarations that stand in for the system headers.
const char *IoPrelude = R"cpp(
extern "C" long read(int, void *, unsigned long);
extern "C" unsigned sleep(unsigned);
namespace std {
struct mutex { void lock(); void unlock(); };
template <class M> struct lock_guard { explicit lock_guard(M &); ~lock_guard(); };
template <class M> struct unique_lock {
  explicit unique_lock(M &); ~unique_lock(); void lock(); void unlock();
};
struct condition_variable { template <class L> void wait(L &); };
}
unsigned opaque();
)cpp";

class AnalysisTest : public ::testing::Test {
protected:
  void parse(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(std::string(IoPrelude) + Code,
                                            {"-std=c++17"});
    ASSERT_TRUE(AST);
    if (!Vocab) {
      Vocab = std::make_unique<Vocabulary>();
      ASSERT_FALSE(static_cast<bool>(
          Vocab->addFile(PITFIX_TEST_RULES_DIR "/vocabulary.yaml")));
      ASSERT_FALSE(static_cast<bool>(Vocab->compile()));
    }
  }
  /// The body of the function named \p Name.
  const CompoundStmt *body(llvm::StringRef Name) {
    for (const Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->getName() == Name && FD->hasBody())
          return cast<CompoundStmt>(FD->getBody());
    return nullptr;
  }
  Effects effects(const Stmt *S) {
    return effectsOf(S, AST->getASTContext(), *Vocab);
  }

  std::unique_ptr<ASTUnit> AST;
  static std::unique_ptr<Vocabulary> Vocab;
};
std::unique_ptr<Vocabulary> AnalysisTest::Vocab;

TEST_F(AnalysisTest, BlockingThroughHelpers) {
  parse(R"cpp(
    static void nap() { sleep(1); }
    static void outer() { nap(); }
    struct Buffer { int read(); };
    void f(Buffer &b, std::condition_variable &cv, std::unique_lock<std::mutex> &l) {
      outer();
      b.read();
      cv.wait(l);
    }
  )cpp");
  BlockingFinder BF(AST->getASTContext(), *Vocab);
  const CompoundStmt *B = body("f");
  ASSERT_TRUE(B);
  std::vector<BlockingCall> Calls = BF.callsIn(B);
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_EQ(Calls[0].Name, "outer");
  ASSERT_EQ(Calls[0].Via.size(), 2u);
  EXPECT_EQ(Calls[0].Via[0].Name, "nap");
  EXPECT_EQ(Calls[0].Via[1].Name, "sleep");
}

TEST_F(AnalysisTest, EffectsAndDependencies) {
  parse(R"cpp(
    int shared;
    void f(int fd) {
      char buf[8];
      long n = read(fd, buf, sizeof buf);
      shared = 1;
      int local = 2;
      sleep(opaque());
      if (n) return;
    }
  )cpp");
  const CompoundStmt *B = body("f");
  ASSERT_TRUE(B);
  const Stmt *const *S = B->body_begin();
  Effects Decl = effects(S[0]), Read = effects(S[1]), Write = effects(S[2]),
          Local = effects(S[3]), Opaque = effects(S[4]), Ret = effects(S[5]);
  EXPECT_TRUE(Read.External);
  // The read fills the buffer: it depends on its declaration.
  ASSERT_TRUE(dependency(Read, Decl).has_value());
  EXPECT_EQ(dependency(Read, Decl)->What, "'buf'");
  // Unrelated statements commute.
  EXPECT_FALSE(dependency(Read, Write).has_value());
  EXPECT_FALSE(dependency(Read, Local).has_value());
  EXPECT_TRUE(isSharedStorage(Write.Vars.front().first));
  // Unknown code and early exits do not.
  EXPECT_TRUE(Opaque.Unknown);
  EXPECT_TRUE(dependency(Read, Opaque).has_value());
  EXPECT_TRUE(Ret.Jump);
  EXPECT_TRUE(dependency(Local, Ret).has_value());
}

TEST_F(AnalysisTest, CriticalSections) {
  parse(R"cpp(
    std::mutex m;
    int x;
    void f() {
      std::unique_lock<std::mutex> lock(m);
      ++x;
      lock.unlock();
      sleep(1);
      m.lock();
      {
        sleep(2);
      }
      m.unlock();
    }
  )cpp");
  const CompoundStmt *B = body("f");
  ASSERT_TRUE(B);
  std::optional<CriticalSection> G = sectionStartingAt(B, 0, *Vocab);
  ASSERT_TRUE(G);
  EXPECT_EQ(G->End, 2u);
  EXPECT_TRUE(G->GuardCanUnlock);
  EXPECT_FALSE(sectionStartingAt(B, 1, *Vocab));
  std::optional<CriticalSection> M = sectionStartingAt(B, 4, *Vocab);
  ASSERT_TRUE(M);
  EXPECT_EQ(M->Kind, SectionKind::ManualLock);
  EXPECT_EQ(M->End, 6u);
  // sleep(1) runs unlocked; sleep(2) inside m's section.
  EXPECT_FALSE(innermostSection(B->body_begin()[3], AST->getASTContext(), *Vocab));
  const auto *Inner = cast<CompoundStmt>(B->body_begin()[5]);
  std::optional<CriticalSection> In =
      innermostSection(Inner->body_front(), AST->getASTContext(), *Vocab);
  ASSERT_TRUE(In);
  EXPECT_TRUE(In->sameAs(*M));
}

TEST_F(AnalysisTest, StatementLinesKeepComments) {
  parse(R"cpp(
    void f() {
      int a = 0;
      // About b.
      // More about b.
      int b = a; // trailing
      int c = 0; int d = 0;
    }
  )cpp");
  const CompoundStmt *B = body("f");
  ASSERT_TRUE(B);
  const SourceManager &SM = AST->getSourceManager();
  const LangOptions &LO = AST->getLangOpts();
  std::optional<StatementLines> L = statementLines(B->body_begin()[1], SM, LO);
  ASSERT_TRUE(L);
  EXPECT_EQ(L->Text, "      // About b.\n      // More about b.\n"
                     "      int b = a; // trailing\n");
  EXPECT_EQ(L->Indent, "      ");
  // Two statements on one line cannot be moved as lines.
  EXPECT_FALSE(statementLines(B->body_begin()[2], SM, LO));
}

TEST(Reindent, ReplacesTheCommonIndent) {
  EXPECT_EQ(reindent("    a;\n      b;\n", "    ", "  "), "  a;\n    b;\n");
  EXPECT_EQ(reindent("  a;\nb;\n", "  ", "    "), "    a;\nb;\n");
}

} // namespace
