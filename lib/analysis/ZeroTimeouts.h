//===- ZeroTimeouts.h - waits on file descriptors that only look ----------===//
//
// `select`, `poll`, `epoll_wait` and the other `pollFunctions` with a zero
// timeout return at once: they look, they do not block. The timeout is
// zero when it is written as 0 (or a timeval/timespec of zeros), and also
// when it is computed from variables that are known to be zero: the
// parameters of a helper that its caller passes 0 for (`select_read(sock,
// 0, 0)` whose body does `poll(&p, 1, sec * 1000 + usec / 1000)`).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "config/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseSet.h"

namespace pitfix {

/// Variables known to hold zero where they are read: parameters whose
/// argument is 0 at the call being examined.
using ZeroVars = llvm::DenseSet<const clang::VarDecl *>;

/// Is \p E zero, given that the variables of \p Zero are? Constants,
/// casts, `+ - * / %` of zeros, and variables never changed after an
/// initialiser that is zero.
bool isZeroUnder(const clang::Expr *E, const ZeroVars &Zero,
                 clang::ASTContext &Ctx);

/// Is \p Call a `pollFunctions` call (\p FD is its callee) whose timeout is
/// zero, given \p Zero?
bool pollsWithoutWaiting(const clang::CallExpr *Call,
                         const clang::FunctionDecl *FD, const Vocabulary &V,
                         const ZeroVars &Zero = {});

/// The parameters of \p Callee whose argument in \p Call is zero given
/// \p Zero, added to a copy of \p Zero.
ZeroVars zeroParameters(const clang::CallExpr *Call,
                        const clang::FunctionDecl *Callee,
                        const ZeroVars &Zero);

} // namespace pitfix
