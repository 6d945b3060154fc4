#include "engine/ResultCache.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace pitfix;

namespace {

Finding sample() {
  Finding F;
  F.RuleId = "sharing-x";
  F.Loc = {"/p/a.cpp", 3, 4, 40};
  F.Message = "a \"quoted\" message\nwith a newline";
  F.Notes.push_back({{"/p/a.h", 1, 2, 3}, "a note"});
  F.Edits.push_back({"/p/a.cpp", 40, 5, "std::lock_guard lock{m};\n"});
  F.Refusal = "";
  return F;
}

TEST(ResultCacheTest, FindingsRoundTrip) {
  std::vector<Finding> In = {sample()};
  auto V = llvm::json::parse(findingsToJson(In));
  ASSERT_TRUE(bool(V));
  auto Out = findingsFromJson(*V);
  ASSERT_TRUE(Out.has_value());
  ASSERT_EQ(Out->size(), 1u);
  const Finding &F = (*Out)[0];
  EXPECT_EQ(F.key(), In[0].key());
  EXPECT_EQ(F.Notes.size(), 1u);
  EXPECT_EQ(F.Notes[0].Loc.File, "/p/a.h");
  ASSERT_EQ(F.Edits.size(), 1u);
  EXPECT_TRUE(F.Edits[0] == In[0].Edits[0]);
}

TEST(ResultCacheTest, MalformedEntriesAreRejected) {
  for (const char *Text : {"{}", "[1]", "[{\"rule\": 1}]", "[{}]"}) {
    auto V = llvm::json::parse(Text);
    ASSERT_TRUE(bool(V)) << Text;
    EXPECT_FALSE(findingsFromJson(*V).has_value()) << Text;
  }
}

TEST(ResultCacheTest, HitOnlyWhileEveryFileIsUnchanged) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cache", Dir));
  std::string Src = std::string(Dir) + "/a.cpp";
  auto Write = [&](const char *Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Src, EC);
    OS << Text;
  };
  Write("int a;");
  std::string Store = std::string(Dir) + "/store";
  {
    ResultCache C(Store, "salt", 1 << 20);
    std::string K = C.keyFor(Src, {}, {}, std::string(Dir));
    EXPECT_FALSE(C.lookup(K).has_value());
    UnitInputs In;
    In.Read[Src] = ResultCache::hashOf("int a;");
    C.store(K, In, {sample()});
  }
  {
    ResultCache C(Store, "salt", 1 << 20);
    std::string K = C.keyFor(Src, {}, {}, std::string(Dir));
    auto Hit = C.lookup(K);
    ASSERT_TRUE(Hit.has_value());
    EXPECT_EQ(Hit->size(), 1u);
    // Another salt (other rules or another pitfix) is another key.
    ResultCache Other(Store, "other", 1 << 20);
    EXPECT_FALSE(Other.lookup(Other.keyFor(Src, {}, {}, std::string(Dir))));
  }
  Write("int b;");
  {
    ResultCache C(Store, "salt", 1 << 20);
    EXPECT_FALSE(C.lookup(C.keyFor(Src, {}, {}, std::string(Dir))).has_value());
    EXPECT_EQ(C.misses(), 1u);
  }
  llvm::sys::fs::remove_directories(Dir);
}

/// A scratch directory with a file to stand for a unit's main file.
struct Scratch {
  Scratch() {
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("cache", Dir));
    Src = std::string(Dir) + "/a.cpp";
  }
  ~Scratch() { llvm::sys::fs::remove_directories(Dir); }
  void write(const std::string &Path, const char *Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Text;
  }
  std::string path(const char *Name) const { return std::string(Dir) + "/" + Name; }
  llvm::SmallString<128> Dir;
  std::string Src;
};

TEST(ResultCacheTest, NoReplayOnceAPathLookedUpInVainExists) {
  Scratch S;
  S.write(S.Src, "int a;");
  std::string Shadow = S.path("inc/a.h"), Probed = S.path("probed.h");
  S.write(Probed, "");
  ResultCache C(S.path("store"), "salt", 1 << 20);
  std::string K = C.keyFor(S.Src, {}, {}, std::string(S.Dir));
  UnitInputs In;
  In.Read[S.Src] = ResultCache::hashOf("int a;");
  In.Absent.insert(Shadow);
  In.Present.insert(Probed);
  C.store(K, In, {sample()});
  EXPECT_TRUE(ResultCache(S.path("store"), "salt", 1 << 20).lookup(K));
  // The path looked up in vain now exists (a header that shadows).
  ASSERT_FALSE(llvm::sys::fs::create_directories(S.path("inc")));
  S.write(Shadow, "");
  EXPECT_FALSE(ResultCache(S.path("store"), "salt", 1 << 20).lookup(K));
  // The probed file is gone.
  llvm::sys::fs::remove(Shadow);
  EXPECT_TRUE(ResultCache(S.path("store"), "salt", 1 << 20).lookup(K));
  llvm::sys::fs::remove(Probed);
  EXPECT_FALSE(ResultCache(S.path("store"), "salt", 1 << 20).lookup(K));
}

TEST(ResultCacheTest, SeveralResultsPerUnitTheOldestDroppedPastTheBound) {
  Scratch S;
  std::string Store = S.path("store");
  std::string K = ResultCache(Store, "salt", 1 << 20)
                      .keyFor(S.Src, {}, {}, std::string(S.Dir));
  auto Version = [](size_t I) { return "int a = " + std::to_string(I) + ";"; };
  // One result per version, each with a finding at its own line.
  for (size_t I = 0; I <= ResultCache::MaxVariants; ++I) {
    ResultCache C(Store, "salt", 1 << 20);
    UnitInputs In;
    In.Read[S.Src] = ResultCache::hashOf(Version(I));
    Finding F = sample();
    F.Loc.Line = I + 1;
    C.store(K, In, {F});
  }
  auto LineFor = [&](size_t I) -> int {
    S.write(S.Src, Version(I).c_str());
    auto Hit = ResultCache(Store, "salt", 1 << 20).lookup(K);
    return Hit && Hit->size() == 1 ? int((*Hit)[0].Loc.Line) : -1;
  };
  // The newest MaxVariants versions are replayed, each with its own result.
  for (size_t I = 1; I <= ResultCache::MaxVariants; ++I)
    EXPECT_EQ(LineFor(I), int(I + 1)) << I;
  // The first one stored was dropped.
  EXPECT_EQ(LineFor(0), -1);
  // Storing a version again replaces its result rather than adding one.
  {
    ResultCache C(Store, "salt", 1 << 20);
    UnitInputs In;
    In.Read[S.Src] = ResultCache::hashOf(Version(3));
    C.store(K, In, {});
  }
  EXPECT_EQ(LineFor(1), 2);
  S.write(S.Src, Version(3).c_str());
  auto Hit = ResultCache(Store, "salt", 1 << 20).lookup(K);
  ASSERT_TRUE(Hit.has_value());
  EXPECT_TRUE(Hit->empty());
}

} // namespace
