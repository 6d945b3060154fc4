#include "config/ProjectConfig.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace pitfix;

namespace {

/// A temporary directory tree for configuration files.
class Tree {
public:
  Tree() { EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("cfg", Root)); }
  ~Tree() { llvm::sys::fs::remove_directories(Root); }
  /// Writes \p Text to \p Rel under the root; returns the absolute path.
  std::string write(const std::string &Rel, const std::string &Text) {
    std::string P = path(Rel);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P));
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    OS << Text;
    return P;
  }
  std::string path(const std::string &Rel) const {
    return std::string(Root) + "/" + Rel;
  }

private:
  llvm::SmallString<128> Root;
};

TEST(ProjectConfigTest, ReadsEveryKey) {
  Tree T;
  std::string P = T.write(".pitfix.yaml", "Checks: [\"-*\", \"sharing-*\"]\n"
                                          "InheritParentConfig: yes\n"
                                          "CheckOptions:\n"
                                          "  rule-a:\n"
                                          "    names: [x, y]\n"
                                          "  rule-b.flag: true\n"
                                          "Vocabulary:\n"
                                          "  names:\n"
                                          "    guardClasses: [my::Lock]\n");
  auto C = readConfigFile(P);
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->Checks, "-*,sharing-*");
  EXPECT_TRUE(C->InheritParent);
  ASSERT_EQ(C->Options.size(), 2u);
  EXPECT_EQ(C->Options[0].RuleId, "rule-a");
  EXPECT_EQ(C->Options[0].Value.Values, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(C->Options[0].Value.Pos.Line, 5u);
  EXPECT_EQ(C->Options[1].RuleId, "rule-b");
  EXPECT_EQ(C->Options[1].Name, "flag");
  EXPECT_TRUE(C->VocabNames.IsMap());
}

TEST(ProjectConfigTest, NearestFileAndInheritance) {
  Tree T;
  T.write(".pitfix.yaml", "Checks: \"-*,ordering-*\"\n");
  T.write("a/.pitfix.yaml", "InheritParentConfig: true\nChecks: sharing-*\n");
  T.write("b/.pitfix.yaml", "Checks: sharing-*\n");
  ConfigFinder Finder;
  auto InA = Finder.configFor(T.path("a/deep/x.cpp"));
  ASSERT_TRUE(bool(InA)) << llvm::toString(InA.takeError());
  EXPECT_EQ(InA->checks(), "-*,ordering-*,sharing-*");
  auto InB = Finder.configFor(T.path("b/y.cpp"));
  ASSERT_TRUE(bool(InB));
  EXPECT_EQ(InB->checks(), "sharing-*");
  auto Top = Finder.configFor(T.path("z.cpp"));
  ASSERT_TRUE(bool(Top));
  EXPECT_EQ(Top->checks(), "-*,ordering-*");
  EXPECT_NE(InA->key(), InB->key());
  auto InA2 = Finder.configFor(T.path("a/other.cpp"));
  ASSERT_TRUE(bool(InA2));
  EXPECT_EQ(InA->key(), InA2->key());
}

TEST(ProjectConfigTest, ExplicitFileReplacesDiscovery) {
  Tree T;
  T.write("a/.pitfix.yaml", "Checks: sharing-*\n");
  std::string Explicit = T.write("cfg.yaml", "Checks: \"-*\"\n");
  ConfigFinder Finder(Explicit);
  auto C = Finder.configFor(T.path("a/x.cpp"));
  ASSERT_TRUE(bool(C));
  EXPECT_EQ(C->checks(), "-*");
}

TEST(ProjectConfigTest, ErrorsCarryLineAndColumn) {
  Tree T;
  struct Case {
    const char *Text;
    const char *Want;
  } Cases[] = {
      {"Checks: x\nBogus: 1\n", ":2:1: error: unknown key 'Bogus'"},
      {"InheritParentConfig: sometimes\n", ":1:22: error: 'InheritParentConfig'"},
      {"CheckOptions: [1]\n", ":1:15: error: 'CheckOptions' must map"},
      {"CheckOptions:\n  norule: 3\n", ":2:3: error: 'norule' must map"},
      {"Vocabulary:\n  nams: {}\n", ":2:3: error: unknown key 'nams'"},
  };
  for (const Case &C : Cases) {
    std::string P = T.write(".pitfix.yaml", C.Text);
    auto R = readConfigFile(P);
    ASSERT_FALSE(bool(R)) << C.Text;
    std::string Msg = llvm::toString(R.takeError());
    EXPECT_NE(Msg.find(P + C.Want), std::string::npos) << Msg;
  }
}

} // namespace
