//===- ExceptionSupport.h - may a rewrite add try/catch here?
//--------------===//
#pragma once

#include "analysis/Refusal.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"

#include <string>

namespace pitfix {

/// Why a rewrite must not add `try`/`catch` to file \p FID of this unit, if
/// it must not: exceptions are off in the unit (-fno-exceptions), or the file
/// or the unit's main file is written to build without them too (it tests
/// `__cpp_exceptions`, `__EXCEPTIONS` or a `*NO_EXCEPTIONS*` macro), so that
/// another configuration of the project would not compile.
Refusal exceptionsOffReason(const clang::SourceManager &SM, clang::FileID FID,
                            const clang::LangOptions &LO);

} // namespace pitfix
