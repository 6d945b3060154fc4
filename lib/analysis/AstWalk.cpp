//===- AstWalk.cpp --------------------------------------------------------===//
#include "analysis/AstWalk.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

const Stmt *statementOfNode(const DynTypedNode &N, ASTContext &Ctx) {
  if (const auto *S = N.get<Stmt>())
    return S;
  if (const auto *D = N.get<Decl>())
    for (const DynTypedNode &P : Ctx.getParents(*D))
      if (const auto *S = P.get<DeclStmt>())
        return S;
  return nullptr;
}

const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  while (!Parents.empty()) {
    const DynTypedNode &P = Parents[0];
    if (const auto *FD = P.get<FunctionDecl>())
      return FD;
    if (const auto *LE = P.get<LambdaExpr>())
      return LE->getCallOperator();
    Parents = Ctx.getParents(P);
  }
  return nullptr;
}

const Stmt *parentStatement(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  if (Parents.empty())
    return nullptr;
  if (const auto *VD = Parents[0].get<VarDecl>();
      VD && !isa<ParmVarDecl>(VD) && VD->isLocalVarDecl())
    Parents = Ctx.getParents(*VD);
  return Parents.empty() ? nullptr : Parents[0].get<Stmt>();
}

const CompoundStmt *parentBlock(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  return Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
}

const Stmt *enclosingBlockStatement(const Stmt *S, ASTContext &Ctx,
                                    const CompoundStmt **Block) {
  const Stmt *Child = S;
  while (const Stmt *P = parentStatement(Child, Ctx)) {
    if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
      if (Block)
        *Block = CS;
      return Child;
    }
    Child = P;
  }
  return nullptr;
}

unsigned indexInBlock(const CompoundStmt *Block, const Stmt *S) {
  unsigned Index = 0;
  for (const Stmt *X : Block->body()) {
    if (X == S)
      break;
    ++Index;
  }
  return Index;
}

const Expr *loopCondition(const Stmt *S) {
  if (const auto *F = dyn_cast_or_null<ForStmt>(S))
    return F->getCond();
  if (const auto *W = dyn_cast_or_null<WhileStmt>(S))
    return W->getCond();
  if (const auto *D = dyn_cast_or_null<DoStmt>(S))
    return D->getCond();
  return nullptr;
}

const Stmt *loopBody(const Stmt *S) {
  if (const auto *F = dyn_cast_or_null<ForStmt>(S))
    return F->getBody();
  if (const auto *W = dyn_cast_or_null<WhileStmt>(S))
    return W->getBody();
  if (const auto *D = dyn_cast_or_null<DoStmt>(S))
    return D->getBody();
  if (const auto *R = dyn_cast_or_null<CXXForRangeStmt>(S))
    return R->getBody();
  return nullptr;
}

bool isLoop(const Stmt *S) {
  return isa_and_nonnull<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S);
}

DynTypedNode valueUserNode(const Expr *E, ASTContext &Ctx) {
  DynTypedNode N = DynTypedNode::create(*E);
  while (true) {
    DynTypedNodeList P = Ctx.getParents(N);
    if (P.empty())
      return DynTypedNode();
    const auto *S = P[0].get<Stmt>();
    if (!S || !isa<ImplicitCastExpr, ParenExpr>(S))
      return P[0];
    N = P[0];
  }
}

const Stmt *valueUser(const Expr *E, ASTContext &Ctx) {
  return valueUserNode(E, Ctx).get<Stmt>();
}

const Expr *nullTestedExpr(const Expr *Cond, ASTContext &Ctx) {
  if (!Cond)
    return nullptr;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Cond))
    return U->getOpcode() == UO_LNot ? U->getSubExpr() : nullptr;
  const auto *B = dyn_cast<BinaryOperator>(Cond);
  if (!B || B->getOpcode() != BO_EQ)
    return nullptr;
  auto IsNull = [&](const Expr *E) {
    return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
           Expr::NPCK_NotNull;
  };
  if (IsNull(B->getRHS()))
    return B->getLHS();
  if (IsNull(B->getLHS()))
    return B->getRHS();
  return nullptr;
}

const Expr *stripImplicit(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *X = dyn_cast<ExprWithCleanups>(Next))
      Next = X->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(Next);
             C && !isa<CXXTemporaryObjectExpr>(C) && C->getNumArgs() >= 1 &&
             C->getParenOrBraceRange().isInvalid() && C->getConstructor() &&
             !C->getConstructor()->isCopyOrMoveConstructor())
      // An implicit conversion, e.g. a lambda turned into std::function.
      Next = C->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

namespace {

/// The visitor behind forEachStmt().
class StmtWalker : public RecursiveASTVisitor<StmtWalker> {
public:
  StmtWalker(function_ref<bool(const Stmt *)> F, WalkOptions O) : F(F), O(O) {}
  bool shouldVisitImplicitCode() const { return O.ImplicitCode; }
  bool shouldVisitTemplateInstantiations() const { return O.Instantiations; }
  bool TraverseDecl(Decl *D) {
    if (D && O.SkipDecl && O.SkipDecl(D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool TraverseLambdaExpr(LambdaExpr *L) {
    return !O.Lambdas || RecursiveASTVisitor::TraverseLambdaExpr(L);
  }
  bool TraverseStmt(Stmt *S, DataRecursionQueue *Queue = nullptr) {
    if (S && O.Skip && O.Skip(S))
      return true;
    return RecursiveASTVisitor::TraverseStmt(S, Queue);
  }
  bool VisitStmt(Stmt *S) { return F(S); }

private:
  function_ref<bool(const Stmt *)> F;
  WalkOptions O;
};

} // namespace

bool forEachStmt(const Stmt *S, function_ref<bool(const Stmt *)> F,
                 WalkOptions Options) {
  return !S || StmtWalker(F, Options).TraverseStmt(const_cast<Stmt *>(S));
}

bool forEachStmtIn(const Decl *D, function_ref<bool(const Stmt *)> F,
                   WalkOptions Options) {
  return !D || StmtWalker(F, Options).TraverseDecl(const_cast<Decl *>(D));
}

std::vector<const DeclRefExpr *> referencesTo(const Decl *D, const Stmt *S) {
  std::vector<const DeclRefExpr *> Refs;
  forEachStmt(S, [&](const Stmt *X) {
    if (const auto *E = dyn_cast<DeclRefExpr>(X); E && E->getDecl() == D)
      Refs.push_back(E);
    return true;
  });
  return Refs;
}

bool inLoopCondition(const Expr *E, ASTContext &Ctx) {
  DynTypedNode N = DynTypedNode::create(*E);
  for (int Depth = 0; Depth < 32; ++Depth) {
    DynTypedNodeList P = Ctx.getParents(N);
    if (P.empty())
      return false;
    const Stmt *Child = N.get<Stmt>();
    if (const auto *W = P[0].get<WhileStmt>())
      return Child && Child == W->getCond();
    if (const auto *F = P[0].get<ForStmt>())
      return Child && Child == F->getCond();
    if (const auto *D = P[0].get<DoStmt>())
      return Child && Child == D->getCond();
    if (!P[0].get<Expr>())
      return false;
    N = P[0];
  }
  return false;
}

} // namespace pitfix
