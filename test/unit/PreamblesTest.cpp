//===- PreamblesTest.cpp - a precompiled preamble is never stale ----------===//
//
// A parse loads a preamble compiled before only while nothing it was
// compiled from has changed: the main file's include block, the headers'
// texts (on disk or rewritten in memory), the compile command. Each test
// makes one of them change so that reusing the old preamble would parse
// the wrong code: a header that no longer declares what the main file
// calls, or an #error that the flags now reach.
//
//===----------------------------------------------------------------------===//
#include "ScratchDir.h"

#include "engine/Preambles.h"
#include "engine/Runner.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"

#include <gtest/gtest.h>

using namespace llvm;
using namespace pitfix;

namespace {

class Preambles : public ScratchDirTest {
protected:
  void SetUp() override {
    ScratchDirTest::SetUp();
    Header = std::string(Dir) + "/h.h";
    writeFile(Header, "#ifdef BAD\n#error bad\n#endif\nint f();//\n");
    writeFile(File, "#include \"h.h\"\nint x = f();\n");
  }

  /// Parses File (no rule enabled: only whether it compiles matters).
  TUResult parse(std::vector<std::string> Flags = {"-std=c++17"},
                 const FileOverlay &Overlay = {}) {
    clang::tooling::FixedCompilationDatabase DB(Dir, Flags);
    RunOptions O;
    O.DB = &DB;
    O.Preambles = &Cache;
    return runUnit(Rules, {}, O, File, Overlay);
  }

  /// Writes \p Text to \p Path and gives it its old modification time back:
  /// a change that size and time do not show.
  void rewriteKeepingTime(StringRef Path, StringRef Text) {
    sys::fs::file_status St;
    ASSERT_FALSE(sys::fs::status(Path, St));
    writeFile(Path, Text);
    int FD;
    ASSERT_FALSE(sys::fs::openFileForWrite(Path, FD, sys::fs::CD_OpenExisting,
                                           sys::fs::OF_Append));
    EXPECT_FALSE(sys::fs::setLastAccessAndModificationTime(
        FD, St.getLastAccessedTime(), St.getLastModificationTime()));
    sys::Process::SafelyCloseFileDescriptor(FD);
  }

  RuleSet Rules;
  PreambleCache Cache{4};
  std::string Header;
};

TEST_F(Preambles, ReusedWhileNothingChanges) {
  EXPECT_FALSE(parse().Failed);
  TUResult R = parse();
  EXPECT_FALSE(R.Failed) << R.Errors;
  EXPECT_EQ(Cache.stats().Built, 1u);
  EXPECT_EQ(Cache.stats().Reused, 1u);
}

TEST_F(Preambles, HeaderChangedOnDiskWithSameSizeAndTime) {
  EXPECT_FALSE(parse().Failed);
  rewriteKeepingTime(Header, "#ifdef BAD\n#error bad\n#endif\nint g();//\n");
  TUResult R = parse();
  EXPECT_TRUE(R.Failed) << "the old preamble still declares f()";
  EXPECT_EQ(Cache.stats().Reused, 0u);
}

TEST_F(Preambles, HeaderRewrittenInMemory) {
  EXPECT_FALSE(parse().Failed);
  // A rewrite of the header (verification parses read it from memory).
  FileOverlay Edited = {{Header, "int f(); int y;\n"}};
  TUResult R = parse({"-std=c++17"}, Edited);
  EXPECT_FALSE(R.Failed) << R.Errors;
  EXPECT_EQ(Cache.stats().Built, 2u);
  // The same rewrite again: its preamble is reused.
  EXPECT_FALSE(parse({"-std=c++17"}, Edited).Failed);
  EXPECT_EQ(Cache.stats().Reused, 1u);
  // Another rewrite of the same size, in memory too (no time to compare).
  R = parse({"-std=c++17"}, {{Header, "int g(); int y;\n"}});
  EXPECT_TRUE(R.Failed) << "the rewritten header no longer declares f()";
  // Back to the file on disk.
  EXPECT_FALSE(parse().Failed);
  EXPECT_EQ(Cache.stats().Reused, 2u);
}

TEST_F(Preambles, FlagsChanged) {
  EXPECT_FALSE(parse().Failed);
  TUResult R = parse({"-std=c++17", "-DBAD"});
  EXPECT_TRUE(R.Failed) << "the preamble compiled without -DBAD was reused";
  EXPECT_NE(R.Errors.find("bad"), std::string::npos) << R.Errors;
  EXPECT_FALSE(parse({"-std=c++20"}).Failed);
  EXPECT_EQ(Cache.stats().Reused, 0u);
}

TEST_F(Preambles, EditThatAddsAnInclude) {
  EXPECT_FALSE(parse().Failed);
  writeFile(std::string(Dir) + "/k.h", "int k();\n");
  // Below the include block: the preamble stays.
  TUResult R = parse({"-std=c++17"},
                     {{File, "#include \"h.h\"\nint x = f() + 1;\n"}});
  EXPECT_FALSE(R.Failed) << R.Errors;
  EXPECT_EQ(Cache.stats().Reused, 1u);
  // An #include added to the block: a new preamble, which declares k().
  R = parse({"-std=c++17"}, {{File, "#include \"h.h\"\n#include \"k.h\"\n"
                                    "int x = f() + k();\n"}});
  EXPECT_FALSE(R.Failed) << R.Errors;
  EXPECT_EQ(Cache.stats().Built, 2u);
  EXPECT_EQ(Cache.stats().Reused, 1u);
}

TEST_F(Preambles, HeaderThatDoesNotCompileIsReportedNotKept) {
  TUResult R = parse({"-std=c++17", "-DBAD"});
  EXPECT_TRUE(R.Failed);
  EXPECT_NE(R.Errors.find("error: bad"), std::string::npos) << R.Errors;
  EXPECT_EQ(Cache.stats().Failed, 1u);
  EXPECT_EQ(Cache.stats().Built, 0u);
}

} // namespace
