//===- BoolFlags.cpp ------------------------------------------------------===//
#include "analysis/BoolFlags.h"

#include "analysis/AstWalk.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/DenseMap.h"

#include <algorithm>

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

/// A local, non-static, non-volatile variable of type bool.
bool candidate(const ValueDecl *D) {
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  return V && !isa<ParmVarDecl>(V) && V->hasLocalStorage() &&
         V->getType()->isBooleanType() && !V->getType().isVolatileQualified();
}

/// Is the reference \p D read (an lvalue-to-rvalue conversion) or the left
/// side of a plain assignment? Anything else (its address, a reference to
/// it, `++`, `|=`) may change it where the flags are not followed.
bool plainUse(const DeclRefExpr *D, ASTContext &Ctx) {
  if (D->refersToEnclosingVariableOrCapture())
    return false; // used in a lambda
  const Stmt *Child = D;
  DynTypedNodeList Ps = Ctx.getParents(*D);
  while (!Ps.empty() && Ps[0].get<ParenExpr>()) {
    Child = Ps[0].get<ParenExpr>();
    Ps = Ctx.getParents(Ps[0]);
  }
  if (Ps.empty())
    return false;
  if (const auto *C = Ps[0].get<ImplicitCastExpr>())
    return C->getCastKind() == CK_LValueToRValue;
  if (const auto *B = Ps[0].get<BinaryOperator>())
    return B->getOpcode() == BO_Assign && B->getLHS()->IgnoreParens() == Child;
  return false;
}

} // namespace

BoolFlags::BoolFlags(const FunctionDecl &Fn, ASTContext &Ctx) : Ctx(Ctx) {
  if (!Fn.getBody())
    return;
  DenseMap<const VarDecl *, bool> Plain;
  forEachStmt(Fn.getBody(), [&](const Stmt *S) {
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); candidate(V))
          Plain.try_emplace(V, true);
    if (const auto *D = dyn_cast<DeclRefExpr>(S))
      if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); candidate(V))
        if (!plainUse(D, Ctx))
          Plain[V] = false;
    return true;
  });
  for (const auto &[V, Ok] : Plain)
    if (Ok)
      Followed.insert(V);
}

const VarDecl *BoolFlags::flagOf(const Expr *E) const {
  const auto *D = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts()
                                                  : nullptr);
  const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  return V && Followed.contains(V) ? V : nullptr;
}

void BoolFlags::step(const Stmt *S, Facts &F) const {
  const VarDecl *V = nullptr;
  const Expr *Value = nullptr;
  if (const auto *B = dyn_cast<BinaryOperator>(S);
      B && B->getOpcode() == BO_Assign) {
    V = flagOf(B->getLHS());
    Value = B->getRHS();
  } else if (const auto *DS = dyn_cast<DeclStmt>(S);
             DS && DS->isSingleDecl()) {
    if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
        VD && Followed.contains(VD)) {
      V = VD;
      Value = VD->getInit();
    }
  }
  if (!V)
    return;
  auto It = std::lower_bound(F.begin(), F.end(), std::make_pair(V, false),
                             [](const auto &A, const auto &B) {
                               return A.first < B.first;
                             });
  bool Known = false;
  bool Constant = Value && !Value->isValueDependent() &&
                  Value->EvaluateAsBooleanCondition(Known, Ctx);
  if (It != F.end() && It->first == V) {
    if (Constant)
      It->second = Known;
    else
      F.erase(It);
  } else if (Constant) {
    F.insert(It, {V, Known});
  }
}

std::optional<bool> BoolFlags::valueOf(const Expr *E, const Facts &F) const {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_LNot) {
    if (std::optional<bool> V = valueOf(U->getSubExpr(), F))
      return !*V;
    return std::nullopt;
  }
  const VarDecl *V = flagOf(E);
  if (!V)
    return std::nullopt;
  for (const auto &[Var, Value] : F)
    if (Var == V)
      return Value;
  return std::nullopt;
}

bool BoolFlags::feasible(const CFGBlock &B, unsigned I, const Facts &F) const {
  if (F.empty() || B.succ_size() != 2 || !B.getTerminatorStmt())
    return true;
  const Stmt *Cond = const_cast<CFGBlock &>(B).getTerminatorCondition();
  const auto *E = dyn_cast_or_null<Expr>(Cond);
  if (!E)
    return true;
  std::optional<bool> V = valueOf(E, F);
  return !V || *V == (I == 0);
}

} // namespace pitfix
