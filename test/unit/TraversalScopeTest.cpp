//===- TraversalScopeTest.cpp - which files the engine matches in ---------===//
//
// The engine skips top-level declarations in files where FindingSink could
// keep no finding; FindingSink::mayReportIn must answer exactly as add()
// filters: the main file and project files yes, system headers and files
// outside the project no.
//
//===----------------------------------------------------------------------===//
#include "engine/FindingSink.h"
#include "engine/MatchContext.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace clang;
using namespace llvm;
using namespace pitfix;

namespace {

/// A scratch tree: <tmp>/proj/{src/main.cpp, include/own.h, sys/s.h} and
/// <tmp>/vendor/v.h, removed at the end.
class TraversalScope : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(sys::fs::createUniqueDirectory("pitfix-scope", Root));
    for (const char *F : {"proj/src/main.cpp", "proj/include/own.h",
                          "proj/sys/s.h", "vendor/v.h"}) {
      SmallString<256> P(Root);
      sys::path::append(P, F);
      ASSERT_FALSE(sys::fs::create_directories(sys::path::parent_path(P)));
      std::error_code EC;
      raw_fd_ostream(P, EC) << "int x;\n";
      ASSERT_FALSE(EC);
    }
  }
  void TearDown() override { sys::fs::remove_directories(Root); }

  std::string path(StringRef Rel) {
    SmallString<256> P(Root);
    sys::path::append(P, Rel);
    return canonicalPath(P);
  }
  FileID add(SourceManager &SM, FileManager &FM, StringRef Rel,
             SrcMgr::CharacteristicKind Kind) {
    auto FE = FM.getFileRef(path(Rel));
    EXPECT_TRUE(bool(FE));
    return SM.createFileID(*FE, SourceLocation(), Kind);
  }

  SmallString<256> Root;
};

TEST_F(TraversalScope, MatchesOnlyWhereFindingsAreKept) {
  FileManager FM{FileSystemOptions()};
  DiagnosticsEngine Diags(new DiagnosticIDs(), new DiagnosticOptions());
  SourceManager SM(Diags, FM);
  FileScope Scope{path("proj")};
  FindingSink Sink(Scope, path("proj/src/main.cpp"));

  FileID Main = add(SM, FM, "proj/src/main.cpp", SrcMgr::C_User);
  FileID Own = add(SM, FM, "proj/include/own.h", SrcMgr::C_User);
  FileID Sys = add(SM, FM, "proj/sys/s.h", SrcMgr::C_System);
  FileID Vendor = add(SM, FM, "vendor/v.h", SrcMgr::C_User);

  EXPECT_TRUE(Sink.mayReportIn(Main, SM));
  EXPECT_TRUE(Sink.mayReportIn(Own, SM));
  EXPECT_FALSE(Sink.mayReportIn(Sys, SM)) << "system header";
  EXPECT_FALSE(Sink.mayReportIn(Vendor, SM)) << "outside the project";
  // Cached answers are the same answers.
  EXPECT_TRUE(Sink.mayReportIn(Own, SM));
  EXPECT_FALSE(Sink.mayReportIn(Vendor, SM));
}

TEST_F(TraversalScope, WithoutProjectOnlyTheMainFile) {
  FileManager FM{FileSystemOptions()};
  DiagnosticsEngine Diags(new DiagnosticIDs(), new DiagnosticOptions());
  SourceManager SM(Diags, FM);
  FileScope Scope{""};
  FindingSink Sink(Scope, path("proj/src/main.cpp"));
  EXPECT_TRUE(Sink.mayReportIn(add(SM, FM, "proj/src/main.cpp", SrcMgr::C_User), SM));
  EXPECT_FALSE(Sink.mayReportIn(add(SM, FM, "proj/include/own.h", SrcMgr::C_User), SM));
}

} // namespace
