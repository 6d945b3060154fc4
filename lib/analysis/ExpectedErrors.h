//===- ExpectedErrors.h - calls whose failure the code expects ------------===//
//
// `try { p.set_value(2); VERIFY(false); } catch (std::future_error &e) {...}`
// calls set_value a second time on purpose: the handler names the very
// error a second call throws. Test suites probe errors that way, and so does
// code that treats "already done" as an answer. A finding that the call
// fails is then no news.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace pitfix {

/// Is \p S inside the try block of a `try` of its own function one of whose
/// handlers catches, by name, one of the standard library's \p Errors
/// (`future_error`, `system_error`, ...; `catch (...)` and
/// `std::exception` name no error in particular)?
bool failureExpected(const clang::Stmt *S, llvm::ArrayRef<llvm::StringRef> Errors,
                     clang::ASTContext &Ctx);

} // namespace pitfix
