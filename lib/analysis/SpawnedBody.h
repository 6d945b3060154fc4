//===- SpawnedBody.h - the code that a spawn runs on the other thread -----===//
#pragma once

#include "analysis/Spawns.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

#include <optional>

namespace pitfix {

/// The body of the work a spawn starts: a lambda written in place, or a
/// function (or member function) named as the work.
struct SpawnedBody {
  const clang::CompoundStmt *Body = nullptr;
  /// The lambda, when the work is one written at the spawn.
  const clang::LambdaExpr *Lambda = nullptr;
  /// The function that owns Body: the lambda's call operator or the named
  /// function's definition.
  const clang::FunctionDecl *Function = nullptr;
  /// The local variable that holds the lambda, when the spawn names one
  /// (`auto work = [&] {...}; std::thread t(work);`).
  const clang::VarDecl *Variable = nullptr;
};

/// The body of \p S's work, when pitfix can see it (a lambda, a local
/// variable initialised with one, or a function whose definition is in this
/// translation unit).
std::optional<SpawnedBody> spawnedBody(const SpawnInfo &S);

/// Is every use of \p Var in its function the work of a spawn (so that a
/// change to the lambda changes nothing else)?
bool onlySpawned(const clang::VarDecl *Var, clang::ASTContext &Ctx,
                 const Vocabulary &V);

} // namespace pitfix
