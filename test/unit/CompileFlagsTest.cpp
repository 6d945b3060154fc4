//===- CompileFlagsTest.cpp - commands from other compilers ---------------===//
#include "engine/CompileFlags.h"

#include <gtest/gtest.h>

using namespace pitfix;

namespace {

using Args = std::vector<std::string>;

TEST(CompileFlags, UnknownFlagsAreDroppedAndRecordedOnce) {
  DroppedFlags D;
  Args In = {"g++", "-std=c++17", "-fconcepts-diagnostics-depth=2",
             "-Wall", "-c", "a.cpp"};
  EXPECT_EQ(fitForClang(In, {}, D),
            (Args{"g++", "-std=c++17", "-Wall", "-c", "a.cpp"}));
  fitForClang(In, {}, D);
  EXPECT_EQ(D.list(), (Args{"-fconcepts-diagnostics-depth=2"}));
}

TEST(CompileFlags, KnownFlagsAndTheirValuesStay) {
  DroppedFlags D;
  Args In = {"clang++", "-I", "inc", "-include", "pre.h", "-DX=1",
             "-o", "a.o", "-c", "a.cpp"};
  EXPECT_EQ(fitForClang(In, {}, D), In);
  EXPECT_TRUE(D.list().empty());
}

TEST(CompileFlags, RemoveTakesSeparateValuesAndPrefixesThenAddAppends) {
  DroppedFlags D;
  FlagEdits E{{"-DWITH"}, {"-include", "-DHIDE*", "-O2"}};
  Args In = {"g++", "-include", "pre.h", "-DHIDE=1", "-DHIDE_MORE",
             "-DKEEP", "-O2", "-c", "a.cpp"};
  EXPECT_EQ(fitForClang(In, E, D),
            (Args{"g++", "-DKEEP", "-c", "a.cpp", "-DWITH"}));
}

TEST(CompileFlags, ClangClCommandsAreLeftAlone) {
  DroppedFlags D;
  Args In = {"clang-cl", "/nologo", "/EHsc", "a.cpp"};
  EXPECT_EQ(fitForClang(In, {}, D), In);
}

} // namespace
