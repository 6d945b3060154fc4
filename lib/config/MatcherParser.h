//===- MatcherParser.h - compiling matcher expressions --------------------===//
//
// Only the rule loader and the vocabulary compile matchers, so only they
// include Clang's dynamic matcher parser (a heavy header); the rest of
// pitfix sees matcher sources as text (MatcherSource.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/MatcherSource.h"

#include "clang/ASTMatchers/ASTMatchersInternal.h"
#include "clang/ASTMatchers/Dynamic/Parser.h"

namespace pitfix {

/// The vocabulary's compiled named matchers, by name.
struct NamedMatchers {
  clang::ast_matchers::dynamic::Parser::NamedValueMap Values;
};

/// Parses \p Src with Clang's dynamic matcher parser. \p Names are the named
/// matchers that the expression may use (the vocabulary). \p S, when given,
/// constructs the matchers in place of Clang's registry (the engine's, which
/// adds the conditions as matchers and asks the registry for the rest).
llvm::Expected<clang::ast_matchers::internal::DynTypedMatcher>
parseMatcher(const MatcherSource &Src,
             const clang::ast_matchers::dynamic::Parser::NamedValueMap &Names,
             clang::ast_matchers::dynamic::Parser::Sema *S = nullptr);

} // namespace pitfix
