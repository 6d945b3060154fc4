//===- TestAssertions.h - control flow that only a failing test takes -----===//
//
// The fatal assertions of test frameworks (gtest's ASSERT_* and FAIL(),
// Catch2's and doctest's REQUIRE) return or throw out of the test when
// they fail. Such a path exists only once the test has already failed; a
// finding that needs it ("the thread is still joinable when this returns")
// is about the failure report, not about the code under test. The same holds
// for an exception out of a test case's body: the framework reports it as a
// failure. Debugging assertions (`assert`, `DCHECK`) are found the same
// way.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"

namespace pitfix {

/// True when \p Loc is written inside the expansion of one of the
/// vocabulary's `testAssertionMacros` (at any depth of nested macros).
bool inTestAssertion(clang::SourceLocation Loc, const clang::SourceManager &SM,
                     const clang::LangOptions &LO, const Vocabulary &V);

/// True when \p Loc is written inside the expansion of one of the
/// vocabulary's `assertionMacros` (`assert(busy)`, `DCHECK(p)`): a
/// debugging check, which release builds may leave out.
bool inAssertion(clang::SourceLocation Loc, const clang::SourceManager &SM,
                 const clang::LangOptions &LO, const Vocabulary &V);

/// True when \p Fn is the body of a test case that one of the vocabulary's
/// `testCaseMacros` declares (gtest's TEST_F, Catch2's TEST_CASE, ...): the
/// framework catches what it throws and reports the test as failed.
bool isTestCaseBody(const clang::FunctionDecl *Fn, const Vocabulary &V);

} // namespace pitfix
