//===- RefCaptures.cpp ----------------------------------------------------===//
#include "analysis/RefCaptures.h"

#include "analysis/FreshName.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// A variable whose object dies with its scope: automatic storage, not a
/// reference (a reference may be bound to an object that outlives it).
static const VarDecl *automaticVar(const ValueDecl *D) {
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  if (!V || V->isImplicit() || !V->hasLocalStorage() ||
      V->getType()->isReferenceType())
    return nullptr;
  return V;
}

/// The automatic variable that \p E names, through implicit nodes.
static const VarDecl *namedVar(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripImplicit(E));
  return DRE ? automaticVar(DRE->getDecl()) : nullptr;
}

/// `std::ref(v)` / `std::cref(v)`: the variable v.
static const VarDecl *refWrapped(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(stripImplicit(E));
  if (!Call || Call->getNumArgs() != 1)
    return nullptr;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier() ||
      (FD->getName() != "ref" && FD->getName() != "cref"))
    return nullptr;
  return namedVar(Call->getArg(0));
}

/// `&v`: the variable v.
static const VarDecl *addressOf(const Expr *E) {
  const auto *UO = dyn_cast_or_null<UnaryOperator>(stripImplicit(E));
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return nullptr;
  return namedVar(UO->getSubExpr());
}

/// The by-reference captures of \p L that reach automatic variables.
static void lambdaPaths(const LambdaExpr *L, std::vector<RefPath> &Out) {
  for (const LambdaCapture &C : L->captures()) {
    if (!C.capturesVariable())
      continue;
    RefPath P;
    P.Capture = &C;
    P.Loc = C.getLocation().isValid() ? C.getLocation() : L->getBeginLoc();
    if (L->isInitCapture(&C)) {
      const auto *Init = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!Init || !Init->getInit())
        continue;
      P.InitVar = Init;
      if (Init->getType()->isReferenceType()) {
        P.Kind = RefPathKind::InitRefCapture;
        P.Var = namedVar(Init->getInit());
      } else {
        P.Kind = RefPathKind::PointerCapture;
        P.Var = addressOf(Init->getInit());
      }
    } else if (C.getCaptureKind() == LCK_ByRef) {
      P.Kind = C.isImplicit() ? RefPathKind::ImplicitCapture
                              : RefPathKind::ExplicitCapture;
      P.Var = automaticVar(C.getCapturedVar());
    }
    if (P.Var)
      Out.push_back(P);
  }
}

std::vector<RefPath> referencePaths(const SpawnInfo &S) {
  std::vector<RefPath> Out;
  if (S.Lambda)
    lambdaPaths(S.Lambda, Out);
  for (unsigned I = 0; I < S.CallableArgs.size(); ++I) {
    const Expr *A = S.CallableArgs[I];
    RefPath P;
    P.Arg = stripImplicit(A);
    P.ArgIndex = I;
    P.Loc = A->getBeginLoc();
    if ((P.Var = refWrapped(A)))
      P.Kind = RefPathKind::RefWrapperArg;
    else if ((P.Var = addressOf(A)))
      P.Kind = RefPathKind::AddressArg;
    if (P.Var)
      Out.push_back(P);
  }
  return Out;
}

namespace {
/// Collects the references to one variable inside a statement.
class UseCollector : public RecursiveASTVisitor<UseCollector> {
public:
  explicit UseCollector(const VarDecl *V) : V(V) {}
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (E->getDecl() == V)
      Uses.push_back(E);
    return true;
  }
  const VarDecl *V;
  std::vector<const DeclRefExpr *> Uses;
};
} // namespace

const LambdaExpr *namedLambda(const SpawnInfo &S, ASTContext &Ctx) {
  if (S.Lambda || !S.Callable)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(stripImplicit(S.Callable));
  const VarDecl *Work = DRE ? automaticVar(DRE->getDecl()) : nullptr;
  if (!Work || !Work->getInit() || isa<ParmVarDecl>(Work))
    return nullptr;
  const auto *L = dyn_cast<LambdaExpr>(stripImplicit(Work->getInit()));
  if (!L)
    return nullptr;
  // Its captures may only change for this spawn.
  const FunctionDecl *Fn = enclosingFunction(S.Call, Ctx);
  if (!Fn || !Fn->getBody())
    return nullptr;
  UseCollector C(Work);
  C.TraverseStmt(Fn->getBody());
  return C.Uses.size() == 1 ? L : nullptr;
}

bool isCopyable(QualType T) {
  T = T.getNonReferenceType();
  while (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return !T->isDependentType();
  if (!RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (RD->needsImplicitCopyConstructor())
    return !RD->defaultedCopyConstructorIsDeleted();
  for (const CXXConstructorDecl *Ctor : RD->ctors())
    if (Ctor->isCopyConstructor() && !Ctor->isDeleted() &&
        Ctor->getAccess() == AS_public)
      return true;
  return false;
}


/// Every reference to \p V inside \p S, in source order.
static std::vector<const DeclRefExpr *> usesIn(const VarDecl *V,
                                               const Stmt *S) {
  UseCollector C(V);
  C.TraverseStmt(const_cast<Stmt *>(S));
  return C.Uses;
}

const Stmt *firstWrite(const VarDecl *V, const Stmt *Body, ASTContext &Ctx) {
  if (!Body)
    return nullptr;
  // Each use is examined on its own, writes inside nested lambdas included.
  // Asking about the declaration would count a nested `[&]` lambda that
  // merely reads the variable as a change.
  ExprMutationAnalyzer A(*Body, Ctx);
  for (const DeclRefExpr *E : usesIn(V, Body))
    if (const Stmt *W = A.findMutation(E))
      return W;
  return nullptr;
}

const Stmt *writeAfter(const VarDecl *V, const Stmt *Scope, const Stmt *After,
                       ASTContext &Ctx) {
  if (!Scope || !After)
    return nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation End = After->getEndLoc();
  ExprMutationAnalyzer A(*Scope, Ctx);
  for (const DeclRefExpr *E : usesIn(V, Scope)) {
    if (!SM.isBeforeInTranslationUnit(End, E->getBeginLoc()))
      continue;
    if (const Stmt *W = A.findMutation(E))
      return W;
  }
  return nullptr;
}

const DeclRefExpr *firstUse(const VarDecl *V, const Stmt *Body) {
  if (!Body)
    return nullptr;
  std::vector<const DeclRefExpr *> Uses = usesIn(V, Body);
  return Uses.empty() ? nullptr : Uses.front();
}

const ParmVarDecl *receivingParameter(const SpawnInfo &S, unsigned ArgIndex) {
  const FunctionDecl *FD = nullptr;
  if (S.Lambda) {
    FD = S.Lambda->getCallOperator();
  } else if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(S.Callable)) {
    FD = dyn_cast<FunctionDecl>(DRE->getDecl());
  } else if (const auto *UO = dyn_cast_or_null<UnaryOperator>(S.Callable);
             UO && UO->getOpcode() == UO_AddrOf) {
    const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens());
    FD = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
    if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
        MD && MD->isInstance()) {
      // The first argument is the object the member function runs on.
      if (ArgIndex == 0)
        return nullptr;
      --ArgIndex;
    }
  }
  if (!FD || ArgIndex >= FD->getNumParams())
    return nullptr;
  return FD->getParamDecl(ArgIndex);
}

} // namespace pitfix
