//===- ManualLocks.cpp ----------------------------------------------------===//
#include "analysis/ManualLocks.h"

#include "analysis/AstWalk.h"
#include "analysis/Locks.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// A guard object rather than a mutex: a listed guard class, or a class
/// named like a guard whose constructor takes a mutex (a `SpinLock` with
/// lock() and unlock() but no such constructor is a mutex).
static bool isGuardObject(const CXXRecordDecl *RD, const Vocabulary &V) {
  if (!isGuardClass(RD, V))
    return false;
  if (LockModel(V).isListedGuard(RD))
    return true;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return true;
  for (const CXXConstructorDecl *C : Def->ctors())
    for (const ParmVarDecl *P : C->parameters())
      if (!recordOf(P->getType()) || recordOf(P->getType()) != Def)
        if (isMutexType(P->getType(), V, /*AllowPointer=*/true))
          return true;
  return false;
}

static std::optional<LockOp> methodOp(const CXXMemberCallExpr *MC,
                                      const Vocabulary &V) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (!MD || !MD->getIdentifier() || !Obj)
    return std::nullopt;
  std::optional<LockCallKind> K = LockModel(V).methodKind(MD);
  if (!K)
    return std::nullopt;
  // A guard has lock()/unlock() too, but it is already the RAII form.
  QualType T = Obj->getType();
  QualType Pointee = T->isPointerType() ? T->getPointeeType() : T;
  if (!isMutexType(T, V, /*AllowPointer=*/true) ||
      isGuardObject(recordOf(Pointee), V))
    return std::nullopt;
  LockOp Op;
  Op.Call = MC;
  Op.Mutex = Obj->IgnoreParenImpCasts();
  Op.Kind = K->Kind;
  Op.Shared = K->Shared;
  Op.Key = mutexKey(Op.Mutex);
  return Op;
}

static std::optional<LockOp> functionOp(const CallExpr *CE,
                                        const Vocabulary &V) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || CE->getNumArgs() < 1 || isa<CXXMethodDecl>(FD))
    return std::nullopt;
  LockOp Op;
  Op.Call = CE;
  Op.CFunction = true;
  Op.Mutex = CE->getArg(0)->IgnoreParenImpCasts();
  std::optional<LockCallKind> K = LockModel(V).functionKind(FD);
  if (!K)
    return std::nullopt;
  Op.Kind = K->Kind;
  Op.Shared = K->Shared;
  Op.Key = mutexKey(Op.Mutex);
  return Op;
}

std::optional<LockOp> lockOp(const Expr *E, const Vocabulary &V) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    return methodOp(MC, V);
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (!isa<CXXOperatorCallExpr>(CE))
      return functionOp(CE, V);
  return std::nullopt;
}

std::vector<LockOp> lockOpsIn(const Stmt *S, const Vocabulary &V) {
  std::vector<LockOp> Ops;
  forEachStmt(S, [&](const Stmt *X) {
    if (const auto *CE = dyn_cast<CallExpr>(X))
      if (auto Op = lockOp(CE, V))
        Ops.push_back(*Op);
    return true;
  });
  return Ops;
}

const Expr *statementExpr(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *X = dyn_cast<ExprWithCleanups>(E))
      E = X->getSubExpr();
    else if (const auto *C = dyn_cast<CStyleCastExpr>(E);
             C && C->getType()->isVoidType())
      E = C->getSubExpr();
    else
      return E;
  }
  return nullptr;
}

/// 0, or an enumerator or constant whose value is 0 (thrd_success).
static bool isZero(const Expr *X) {
  X = X->IgnoreParenImpCasts();
  if (const auto *I = dyn_cast<IntegerLiteral>(X))
    return I->getValue() == 0;
  if (const auto *D = dyn_cast<DeclRefExpr>(X))
    if (const auto *EC = dyn_cast<EnumConstantDecl>(D->getDecl()))
      return EC->getInitVal() == 0;
  return false;
}

std::optional<LockOp> tryLockTested(const Expr *Cond, const Vocabulary &V,
                                    bool &Negated) {
  Negated = false;
  const Expr *E = statementExpr(Cond);
  bool Not = false;
  while (const auto *U = dyn_cast_or_null<UnaryOperator>(E)) {
    if (U->getOpcode() != UO_LNot)
      break;
    Not = !Not;
    E = U->getSubExpr()->IgnoreParenImpCasts();
  }
  // `f(&m) == 0`, `f(&m) != thrd_success`, `0 == f(&m)`: true on success
  // for `==`.
  std::optional<bool> ComparedEqual;
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(E);
      B && (B->getOpcode() == BO_EQ || B->getOpcode() == BO_NE)) {
    const Expr *L = B->getLHS()->IgnoreParenImpCasts();
    const Expr *R = B->getRHS()->IgnoreParenImpCasts();
    if (isZero(R))
      E = L;
    else if (isZero(L))
      E = R;
    else
      return std::nullopt;
    ComparedEqual = B->getOpcode() == BO_EQ;
  }
  std::optional<LockOp> Op = lockOp(E, V);
  if (!Op || Op->Kind != LockOpKind::TryLock)
    return std::nullopt;
  bool TrueOnSuccess;
  if (LockModel::trySucceedsOnZero(Op->Call))
    TrueOnSuccess = ComparedEqual ? *ComparedEqual : false;
  else if (ComparedEqual)
    return std::nullopt; // `try_lock() == false` is not worth following
  else
    TrueOnSuccess = true;
  Negated = TrueOnSuccess == Not;
  return Op;
}

const CallExpr *openingLock(const LockOp &Op, ASTContext &Ctx,
                            const Vocabulary &V) {
  if (Op.Key.empty())
    return nullptr;
  const CallExpr *Found = nullptr;
  DynTypedNode Child = DynTypedNode::create(*Op.Call);
  DynTypedNodeList Parents = Ctx.getParents(*Op.Call);
  while (!Parents.empty()) {
    const DynTypedNode &P = Parents[0];
    if (P.get<FunctionDecl>() || P.get<LambdaExpr>() || P.get<BlockExpr>())
      break;
    if (const auto *Block = P.get<CompoundStmt>()) {
      const Stmt *Here = Child.get<Stmt>();
      for (const Stmt *S : Block->body()) {
        if (S == Here)
          break;
        std::optional<LockOp> Prev = lockOp(statementExpr(S), V);
        if (Prev && Prev->Kind == LockOpKind::Lock &&
            Prev->CFunction == Op.CFunction && Prev->Key == Op.Key) {
          // Outer blocks are searched later and start earlier: they win.
          Found = Prev->Call;
          break;
        }
      }
    }
    Child = P;
    Parents = Ctx.getParents(P);
  }
  return Found == Op.Call ? nullptr : Found;
}

} // namespace pitfix
