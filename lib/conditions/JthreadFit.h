//===- JthreadFit.h - can a std::jthread take a std::thread's place?
//-------===//
//
// A std::jthread joins in its destructor, so making a thread (or the element
// type of a container of threads) a std::jthread removes the
// std::terminate of a path that leaves it joinable. The change keeps
// meaning only when every use of the old type fits the new one, the work is
// called the same way (a std::jthread passes a std::stop_token first when
// the work accepts one), and nothing the work uses by reference is
// destroyed before the destructor's join.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/Refusal.h"
#include "analysis/Spawns.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

#include <string>

namespace pitfix {

/// Does the work of \p S take the same arguments whether or not a
/// std::stop_token is passed first (so that a std::jthread calls it the same
/// way)? True when its parameters can be counted and match the arguments.
bool callsWorkTheSame(const SpawnInfo &S);

/// A local variable that the work of \p S uses by reference and that is
/// declared after \p Handle: it is destroyed before the handle's destructor
/// would join the work. Nullptr when there is none.
const clang::VarDecl *referenceDeclaredAfter(const SpawnInfo &S,
                                             const clang::VarDecl *Handle,
                                             const clang::SourceManager &SM);

/// Why the container of threads \p V cannot hold std::jthreads instead
/// (no objection when it can), with the use that does not fit: each use must be
/// a size query, an `emplace_back` of work that a std::jthread calls the same
/// way and that uses no local declared after \p V by reference, a range-for
/// whose `auto &` variable is only joined or queried, or a subscript that is
/// only joined or queried.
Refusal containerJthreadMisfit(const clang::VarDecl *V, clang::ASTContext &Ctx,
                               const Vocabulary &Vocab);

} // namespace pitfix
