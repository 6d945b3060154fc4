//===- ScratchDir.h - unit tests that work on real files ------------------===//
#pragma once

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <string>

namespace pitfix {

/// Writes \p Text to \p Path, replacing it.
inline void writeFile(llvm::StringRef Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  ASSERT_FALSE(EC);
  OS << Text;
}

/// A fixture with a fresh directory per test (removed afterwards) and the
/// path of a source file in it, Dir/a.cpp.
class ScratchDirTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("pitfix-test", Dir));
    File = std::string(Dir) + "/a.cpp";
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  llvm::SmallString<128> Dir;
  std::string File;
};

} // namespace pitfix
