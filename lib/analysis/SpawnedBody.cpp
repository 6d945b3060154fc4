//===- SpawnedBody.cpp ----------------------------------------------------===//
#include "analysis/SpawnedBody.h"

#include "analysis/AstWalk.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// \p E without the copy or move of a named callable, and without
/// std::move: the variable or function that names the work.
static const Expr *namedWork(const Expr *E) {
  while (true) {
    E = stripImplicit(E);
    if (const auto *C = dyn_cast<CXXConstructExpr>(E);
        C && C->getNumArgs() == 1 && C->getConstructor() &&
        C->getConstructor()->isCopyOrMoveConstructor()) {
      E = C->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
        Call->getDirectCallee()->isInStdNamespace() &&
        Call->getDirectCallee()->getName() == "move") {
      E = Call->getArg(0);
      continue;
    }
    return E;
  }
}

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
  const Expr *E = namedWork(S.Callable);
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(namedWork(E));
  if (const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr) {
    const auto *L = VD->isLocalVarDecl() && !VD->getType()->isReferenceType() &&
                            VD->getInit()
                        ? dyn_cast<LambdaExpr>(stripImplicit(VD->getInit()))
                        : nullptr;
    if (!L || !isa_and_nonnull<CompoundStmt>(L->getBody()))
      return std::nullopt;
    B.Lambda = L;
    B.Function = L->getCallOperator();
    B.Body = cast<CompoundStmt>(L->getBody());
    B.Variable = VD;
    return B;
  }
  const auto *FD = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def)
    return std::nullopt;
  B.Function = Def;
  B.Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  return B.Body ? std::optional<SpawnedBody>(B) : std::nullopt;
}

bool onlySpawned(const VarDecl *Var, ASTContext &Ctx, const Vocabulary &V) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(Var->getDeclContext());
  if (!Fn || !Fn->getBody())
    return false;
  for (const DeclRefExpr *Ref : referencesTo(Var, Fn->getBody())) {
    // Climb to the expression that takes the work as an argument.
    DynTypedNode Node = DynTypedNode::create(*Ref);
    bool Spawned = false;
    for (int Depth = 0; Depth < 8 && !Spawned; ++Depth) {
      DynTypedNodeList Parents = Ctx.getParents(Node);
      const Expr *P = Parents.empty() ? nullptr : Parents[0].get<Expr>();
      if (!P)
        break;
      if (std::optional<SpawnInfo> S = spawnInfo(P, V))
        Spawned = S->Callable && namedWork(S->Callable) == Ref;
      Node = Parents[0];
    }
    if (!Spawned)
      return false;
  }
  return true;
}

} // namespace pitfix
