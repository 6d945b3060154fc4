#include "engine/CompilerCommand.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace pitfix;
using Args = std::vector<std::string>;

namespace {

CompilerCommand parse(const Args &A, llvm::StringRef Dir = "/") {
  auto C = parseCompilerCommand(A, Dir);
  EXPECT_TRUE(bool(C)) << llvm::toString(C.takeError());
  return C ? *C : CompilerCommand();
}

TEST(CompilerCommandTest, PlainFlagsPassThrough) {
  CompilerCommand C = parse({"-std=c++17", "-Iinclude", "-DX=1"});
  EXPECT_EQ(C.Flags, (Args{"-std=c++17", "-Iinclude", "-DX=1"}));
  EXPECT_TRUE(C.Sources.empty());
  EXPECT_TRUE(parse({}).Flags.empty());
}

// What CMake's CXX_CLANG_TIDY passes after "--" with Ninja.
TEST(CompilerCommandTest, CMakeCompileCommand) {
  CompilerCommand C = parse(
      {"/usr/bin/clang++-19", "-I/src/include", "-std=gnu++20", "-MD", "-MT",
       "CMakeFiles/bank.dir/src/a.cpp.o", "-MF",
       "CMakeFiles/bank.dir/src/a.cpp.o.d", "-o",
       "CMakeFiles/bank.dir/src/a.cpp.o", "-c", "/src/src/a.cpp"});
  // clang++ implies the g++ driver mode; nothing that writes a file is left.
  EXPECT_EQ(C.Flags,
            (Args{"--driver-mode=g++", "-I/src/include", "-std=gnu++20"}));
  EXPECT_EQ(C.Sources, (Args{"/src/src/a.cpp"}));
}

TEST(CompilerCommandTest, DependencyAndOutputForms) {
  CompilerCommand C =
      parse({"g++", "-MMD", "-MP", "-MQ", "x.o", "-MFx.d", "-ox.o", "-S",
             "-Werror", "a.cc"});
  EXPECT_EQ(C.Flags, (Args{"--driver-mode=g++", "-Werror"}));
  EXPECT_EQ(C.Sources, (Args{"a.cc"}));
}

TEST(CompilerCommandTest, ValuesAreNotSources) {
  // The value of -include and -x, and of -I with a space, stays a flag.
  CompilerCommand C = parse({"cc", "-x", "c++", "-include", "pre.h", "-I",
                             "dir", "main.c", "-c"});
  // "cc" implies no driver mode.
  EXPECT_EQ(C.Flags, (Args{"-x", "c++", "-include", "pre.h", "-I", "dir"}));
  EXPECT_EQ(C.Sources, (Args{"main.c"}));
}

TEST(CompilerCommandTest, TargetFromCompilerNameAndLauncher) {
  CompilerCommand C = parse({"ccache", "aarch64-linux-gnu-g++", "-O2", "-c",
                             "a.cpp", "-o", "a.o"});
  EXPECT_EQ(C.Flags, (Args{"--target=aarch64-linux-gnu", "--driver-mode=g++",
                           "-O2"}));
  EXPECT_EQ(C.Sources, (Args{"a.cpp"}));
}

TEST(CompilerCommandTest, ClangClKeepsItsMode) {
  CompilerCommand C = parse({"clang-cl", "/nologo", "/Iinc", "/c", "a.cpp"});
  ASSERT_FALSE(C.Flags.empty());
  EXPECT_EQ(C.Flags.front(), "--driver-mode=cl");
  EXPECT_EQ(C.Sources, (Args{"a.cpp"}));
}

TEST(CompilerCommandTest, ResponseFile) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("pitfix-rsp", Dir));
  llvm::SmallString<128> Rsp(Dir);
  llvm::sys::path::append(Rsp, "flags.rsp");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Rsp, EC);
    ASSERT_FALSE(EC);
    OS << "-DNAME=\"a b\" -Iinc\n-MD -MF a.d -c src/a.cpp\n";
  }
  // Relative to the working directory, as the build wrote it.
  CompilerCommand C = parse({"clang++", "@flags.rsp", "-o", "a.o"}, Dir);
  EXPECT_EQ(C.Flags, (Args{"--driver-mode=g++", "-DNAME=a b", "-Iinc"}));
  EXPECT_EQ(C.Sources, (Args{"src/a.cpp"}));

  auto Missing = parseCompilerCommand({"clang++", "@nope.rsp"}, Dir);
  ASSERT_FALSE(bool(Missing));
  EXPECT_NE(llvm::toString(Missing.takeError()).find("nope.rsp"),
            std::string::npos);
  llvm::sys::fs::remove_directories(Dir);
}

TEST(CompilerCommandTest, ExtraArgsWrapEveryCommand) {
  auto DB = std::make_unique<clang::tooling::FixedCompilationDatabase>(
      "/", Args{"-std=c++17"});
  auto Wrapped =
      withExtraArgs(std::move(DB), {"--driver-mode=g++"}, {"-DA", "-DB"});
  auto Cmds = Wrapped->getCompileCommands("/a.cpp");
  ASSERT_EQ(Cmds.size(), 1u);
  // Before: right after the program; after: at the very end, as clang-tidy.
  Args Line(Cmds[0].CommandLine.begin() + 1, Cmds[0].CommandLine.end());
  EXPECT_EQ(Line,
            (Args{"--driver-mode=g++", "-std=c++17", "/a.cpp", "-DA", "-DB"}));
}

} // namespace
