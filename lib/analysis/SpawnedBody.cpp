//===- SpawnedBody.cpp ----------------------------------------------------===//
#include "analysis/SpawnedBody.h"

#include "clang/AST/ExprCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

std::optional<SpawnedBody> spawnedBody(const SpawnInfo &S) {
  SpawnedBody B;
  if (S.Lambda) {
    B.Lambda = S.Lambda;
    B.Function = S.Lambda->getCallOperator();
    B.Body = dyn_cast_or_null<CompoundStmt>(S.Lambda->getBody());
    return B.Body ? std::optional<SpawnedBody>(B) : std::nullopt;
  }
  if (!S.Callable)
    return std::nullopt;
  const Expr *E = S.Callable->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *FD = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def)
    return std::nullopt;
  B.Function = Def;
  B.Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  return B.Body ? std::optional<SpawnedBody>(B) : std::nullopt;
}

} // namespace pitfix
