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
    C.store(K, {{Src, ResultCache::hashOf("int a;")}}, {sample()});
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

} // namespace
