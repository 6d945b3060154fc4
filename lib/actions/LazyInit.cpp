//===- LazyInit.cpp -------------------------------------------------------===//
#include "actions/LazyInit.h"

#include "analysis/AstWalk.h"
#include "analysis/Locks.h"
#include "analysis/Spawns.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace {

const VarDecl *staticPointer(const Expr *E) {
  const auto *D =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  if (!D)
    return nullptr;
  const auto *VD = dyn_cast<VarDecl>(D->getDecl());
  if (!VD || !VD->hasGlobalStorage() || VD->getTLSKind() != VarDecl::TLS_None ||
      !VD->getType()->isPointerType())
    return nullptr;
  return VD;
}

/// The statement that a branch is, through a block of one statement.
const Stmt *only(const Stmt *S) {
  while (const auto *CS = dyn_cast_or_null<CompoundStmt>(S)) {
    if (CS->size() != 1)
      return S;
    S = CS->body_front();
  }
  return S;
}

/// `p = new T(...)` as a statement, for the pointer \p P.
const BinaryOperator *creation(const Stmt *S, const VarDecl *P) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return nullptr;
  const auto *B = dyn_cast<BinaryOperator>(E->IgnoreParens());
  if (!B || B->getOpcode() != BO_Assign || staticPointer(B->getLHS()) != P)
    return nullptr;
  if (!isa<CXXNewExpr>(B->getRHS()->IgnoreParenImpCasts()))
    return nullptr;
  return B;
}

/// The first statement of the branch \p S that is not the creation.
const Stmt *extraIn(const Stmt *S, const VarDecl *P) {
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    for (const Stmt *Sub : CS->body())
      if (!creation(Sub, P))
        return Sub;
  return S;
}

/// Does \p S assign \p P anywhere?
bool assigns(const Stmt *S, const VarDecl *P) {
  return !forEachStmt(S, [&](const Stmt *X) {
    const auto *B = dyn_cast<BinaryOperator>(X);
    return !B || !B->isAssignmentOp() || staticPointer(B->getLHS()) != P;
  });
}

} // namespace

const VarDecl *nullTestedPointer(const Expr *Cond, ASTContext &Ctx) {
  return staticPointer(nullTestedExpr(Cond, Ctx));
}

std::optional<LazyInit> lazyInitAt(const IfStmt *If, ASTContext &Ctx,
                                   const Vocabulary &V) {
  if (!If || If->getElse() || If->getInit() || If->getConditionVariable() ||
      If->isConstexpr())
    return std::nullopt;
  const VarDecl *P = nullTestedPointer(If->getCond(), Ctx);
  if (!P || !assigns(If->getThen(), P))
    return std::nullopt;
  LazyInit L;
  L.Outer = If;
  L.Ptr = P;
  const Stmt *Then = only(If->getThen());
  if ((L.Assign = creation(Then, P))) {
    L.New = cast<CXXNewExpr>(L.Assign->getRHS()->IgnoreParenImpCasts());
    return L;
  }
  // Double-checked: { guard g(m); if (!p) p = new T; }
  const auto *Block = dyn_cast<CompoundStmt>(Then);
  if (!Block || Block->size() < 2) {
    L.Extra = extraIn(Then, P);
    return L;
  }
  const auto *DS = dyn_cast<DeclStmt>(Block->body_front());
  const auto *Var = DS && DS->isSingleDecl()
                        ? dyn_cast<VarDecl>(DS->getSingleDecl())
                        : nullptr;
  std::optional<GuardInfo> G;
  if (Var && Var->getInit())
    G = guardInfo(Var->getInit(), V);
  if (!G || G->Mode != LockMode::Locks || G->Mutexes.size() != 1) {
    L.Extra = Block->body_front();
    return L;
  }
  L.Guard = DS;
  L.Mutex = mutexDecl(G->Mutexes.front());
  const auto *Inner = dyn_cast<IfStmt>(Block->body_begin()[1]);
  if (!Inner || Inner->getElse() || Inner->getInit() ||
      Inner->getConditionVariable() ||
      nullTestedPointer(Inner->getCond(), Ctx) != P) {
    L.Extra = Block->body_begin()[1];
    return L;
  }
  L.Inner = Inner;
  if (Block->size() > 2) {
    L.Extra = Block->body_begin()[2];
    return L;
  }
  if ((L.Assign = creation(only(Inner->getThen()), P)))
    L.New = cast<CXXNewExpr>(L.Assign->getRHS()->IgnoreParenImpCasts());
  else
    L.Extra = extraIn(only(Inner->getThen()), P);
  return L;
}

std::vector<const Expr *> referencesTo(const ValueDecl *D, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<const Expr *> Found;
  WalkOptions O;
  O.Instantiations = true;
  forEachStmtInUnit(
      Ctx,
      [&](const Stmt *S) {
        const auto *DRE = dyn_cast<DeclRefExpr>(S);
        const auto *ME = dyn_cast<MemberExpr>(S);
        if (((DRE && DRE->getDecl() == D) ||
             (ME && ME->getMemberDecl() == D)) &&
            !SM.isInSystemHeader(SM.getExpansionLoc(S->getBeginLoc())))
          Found.push_back(cast<Expr>(S));
        return true;
      },
      O);
  return Found;
}

bool isWrittenAt(const Expr *E, ASTContext &Ctx) {
  const Expr *Cur = E;
  for (int Hops = 0; Hops < 8; ++Hops) {
    DynTypedNodeList Ps = Ctx.getParents(*Cur);
    if (Ps.empty())
      return false;
    if (const auto *B = Ps[0].get<BinaryOperator>())
      return B->isAssignmentOp() && B->getLHS()->IgnoreParens() == Cur;
    if (const auto *U = Ps[0].get<UnaryOperator>())
      return U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf;
    if (const auto *P = Ps[0].get<ParenExpr>()) {
      Cur = P;
      continue;
    }
    if (const auto *IC = Ps[0].get<ImplicitCastExpr>()) {
      // A read of the value.
      (void)IC;
      return false;
    }
    // A non-const reference or a pointer to it.
    if (const auto *VD = Ps[0].get<VarDecl>())
      return VD->getType()->isReferenceType() &&
             !VD->getType().getNonReferenceType().isConstQualified();
    if (const auto *C = Ps[0].get<CallExpr>()) {
      // Passed by reference to a function that may write it.
      if (const FunctionDecl *F = C->getDirectCallee())
        for (unsigned I = 0; I < C->getNumArgs() && I < F->getNumParams(); ++I)
          if (C->getArg(I) == Cur) {
            QualType T = F->getParamDecl(I)->getType();
            return T->isReferenceType() &&
                   !T.getNonReferenceType().isConstQualified();
          }
      return true;
    }
    return true;
  }
  return true;
}

} // namespace pitfix
