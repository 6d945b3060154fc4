//===- CountedLoops.cpp ---------------------------------------------------===//
#include "analysis/CountedLoops.h"

#include "analysis/AstWalk.h"
#include "analysis/SourceText.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace llvm;
using namespace clang;

namespace pitfix {
namespace counted_loops {

static const VarDecl *counterRef(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
}

/// The counter and its start value.
static const VarDecl *initOf(const ForStmt *F, const Expr *&Start) {
  Start = nullptr;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(F->getInit())) {
    if (!DS->isSingleDecl())
      return nullptr;
    const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (!V || !V->getInit() || !V->getType()->isIntegerType())
      return nullptr;
    Start = V->getInit();
    return V;
  }
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(F->getInit());
      B && B->getOpcode() == BO_Assign) {
    Start = B->getRHS();
    return counterRef(B->getLHS());
  }
  return nullptr;
}

/// `i < bound` (or <=, !=): the bound and the comparison.
static const Expr *boundOf(const ForStmt *F, const VarDecl *V,
                           BinaryOperatorKind &Op) {
  const auto *B = dyn_cast_or_null<BinaryOperator>(
      F->getCond() ? F->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!B || !(B->getOpcode() == BO_LT || B->getOpcode() == BO_LE ||
              B->getOpcode() == BO_NE))
    return nullptr;
  if (counterRef(B->getLHS()) != V)
    return nullptr;
  Op = B->getOpcode();
  return B->getRHS();
}

static bool stepsByOne(const ForStmt *F, const VarDecl *V) {
  const Expr *Inc = F->getInc() ? F->getInc()->IgnoreParenImpCasts() : nullptr;
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(Inc))
    return U->isIncrementOp() && counterRef(U->getSubExpr()) == V;
  if (const auto *B = dyn_cast_or_null<CompoundAssignOperator>(Inc))
    if (B->getOpcode() == BO_AddAssign && counterRef(B->getLHS()) == V)
      if (const auto *L =
              dyn_cast<IntegerLiteral>(B->getRHS()->IgnoreParenImpCasts()))
        return L->getValue() == 1;
  return false;
}

static std::string text(const Expr *E, ASTContext &Ctx) {
  return sourceText(E->getSourceRange(), Ctx.getSourceManager(),
                    Ctx.getLangOpts());
}

/// Variables the bound reads.
static void boundVars(const Expr *E, SmallPtrSetImpl<const ValueDecl *> &Out) {
  forEachStmt(E, [&](const Stmt *S) {
    if (const auto *D = dyn_cast<DeclRefExpr>(S))
      Out.insert(D->getDecl());
    else if (const auto *M = dyn_cast<MemberExpr>(S))
      Out.insert(M->getMemberDecl());
    return true;
  });
}

/// Does \p S write one of \p Vars (an assignment, an increment, its address
/// or a non-const reference taken)?
static bool writesAny(const Stmt *S, const SmallPtrSetImpl<const ValueDecl *> &Vars) {
  bool Found = false;
  auto Target = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      return Vars.contains(D->getDecl());
    if (const auto *M = dyn_cast<MemberExpr>(E))
      return Vars.contains(M->getMemberDecl());
    return false;
  };
  forEachStmt(S, [&](const Stmt *X) {
    if (const auto *B = dyn_cast<BinaryOperator>(X))
      Found = B->isAssignmentOp() && Target(B->getLHS());
    else if (const auto *U = dyn_cast<UnaryOperator>(X))
      Found = (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
              Target(U->getSubExpr());
    return !Found;
  });
  return Found;
}

} // namespace counted_loops
using namespace counted_loops;

const VarDecl *loopCounter(const ForStmt *F) {
  const Expr *Start = nullptr;
  const VarDecl *V = F ? initOf(F, Start) : nullptr;
  BinaryOperatorKind Op;
  if (!V || !boundOf(F, V, Op) || !stepsByOne(F, V))
    return nullptr;
  return V;
}

bool sameCount(const ForStmt *A, const ForStmt *B, ASTContext &Ctx) {
  const VarDecl *VA = loopCounter(A), *VB = loopCounter(B);
  if (!VA || !VB)
    return false;
  const Expr *SA = nullptr, *SB = nullptr;
  initOf(A, SA);
  initOf(B, SB);
  BinaryOperatorKind OA, OB;
  const Expr *BA = boundOf(A, VA, OA), *BB = boundOf(B, VB, OB);
  if (OA != OB || text(SA, Ctx) != text(SB, Ctx))
    return false;
  std::string TA = text(BA, Ctx);
  if (TA.empty() || TA != text(BB, Ctx))
    return false;
  // The same text may still name different things (a shadowing variable),
  // or a loop may change what it reads.
  SmallPtrSet<const ValueDecl *, 4> VarsA, VarsB;
  boundVars(BA, VarsA);
  boundVars(BB, VarsB);
  if (VarsA.size() != VarsB.size())
    return false;
  for (const ValueDecl *D : VarsA)
    if (!VarsB.contains(D))
      return false;
  return !writesAny(A->getBody(), VarsA) && !writesAny(B->getBody(), VarsA);
}

bool usesEachElement(
    const ForStmt *F, const VarDecl *Handles,
    const std::function<bool(const Expr *, const Stmt *)> &Accept,
    ASTContext &Ctx) {
  const VarDecl *I = loopCounter(F);
  if (!I)
    return false;
  bool Found = false;
  forEachStmt(F->getBody(), [&](const Stmt *S) {
    const Expr *Base = nullptr, *Index = nullptr;
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(S)) {
      Base = A->getBase();
      Index = A->getIdx();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
               Op && Op->getOperator() == OO_Subscript &&
               Op->getNumArgs() == 2) {
      Base = Op->getArg(0);
      Index = Op->getArg(1);
    }
    if (!Base || counterRef(Base) != Handles || counterRef(Index) != I)
      return true;
    const Expr *Element = cast<Expr>(S);
    DynTypedNodeList P = Ctx.getParents(*Element);
    while (!P.empty() && P[0].get<Expr>() &&
           isa<ImplicitCastExpr, ParenExpr, MemberExpr,
               MaterializeTemporaryExpr>(P[0].get<Expr>()))
      P = Ctx.getParents(P[0]);
    const Stmt *User = P.empty() ? nullptr : P[0].get<Stmt>();
    Found = User && Accept(Element, User);
    return !Found;
  });
  return Found;
}

std::vector<const ForStmt *> countedLoops(const Stmt *Body) {
  std::vector<const ForStmt *> Loops;
  WalkOptions O;
  O.Lambdas = false;
  forEachStmt(
      Body,
      [&](const Stmt *S) {
        if (const auto *F = dyn_cast<ForStmt>(S); F && loopCounter(F))
          Loops.push_back(F);
        return true;
      },
      O);
  return Loops;
}

} // namespace pitfix
