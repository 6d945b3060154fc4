//===- RefCaptures.cpp ----------------------------------------------------===//
#include "analysis/RefCaptures.h"

#include "analysis/AstWalk.h"
#include "analysis/FreshName.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Basic/SourceManager.h"

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
static const VarDecl *namedAutomaticVar(const Expr *E) {
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
  return namedAutomaticVar(Call->getArg(0));
}

/// `&v`: the variable v.
static const VarDecl *addressOf(const Expr *E) {
  const auto *UO = dyn_cast_or_null<UnaryOperator>(stripImplicit(E));
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return nullptr;
  return namedAutomaticVar(UO->getSubExpr());
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
        P.Var = namedAutomaticVar(Init->getInit());
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

/// The value a callable object is built from: \p Callable itself, or the
/// initializer of the local variable it names (a copy of that variable
/// holds the same references).
static const Expr *objectSource(const Expr *Callable) {
  const Expr *E = stripImplicit(Callable);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) && VD->getInit() &&
        !VD->getType()->isReferenceType())
      E = stripImplicit(VD->getInit());
  if (const auto *Cast = dyn_cast_or_null<CXXFunctionalCastExpr>(E))
    E = stripImplicit(Cast->getSubExpr());
  return E;
}

/// Does the constructor \p Ctor keep its parameter \p Parm in a member that
/// refers to what the parameter refers to (a reference, pointer or
/// std::reference_wrapper member initialised from it)?
static bool keepsReference(const CXXConstructorDecl *Ctor,
                           const ParmVarDecl *Parm) {
  const FunctionDecl *Def = nullptr;
  if (!Ctor->hasBody(Def))
    return false;
  for (const CXXCtorInitializer *Init : cast<CXXConstructorDecl>(Def)->inits()) {
    const FieldDecl *F = Init->getMember();
    if (!F || !Init->getInit() || !Init->isWritten())
      continue;
    QualType T = F->getType();
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    bool Refers = T->isReferenceType() || T->isPointerType() ||
                  (RD && RD->isInStdNamespace() && RD->getIdentifier() &&
                   RD->getName() == "reference_wrapper");
    if (!Refers)
      continue;
    const Expr *E = stripImplicit(Init->getInit());
    if (const auto *PL = dyn_cast<ParenListExpr>(E); PL && PL->getNumExprs() == 1)
      E = stripImplicit(PL->getExpr(0));
    if (const auto *IL = dyn_cast<InitListExpr>(E); IL && IL->getNumInits() == 1)
      E = stripImplicit(IL->getInit(0));
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    if (DRE && DRE->getDecl() == Parm)
      return true;
  }
  return false;
}

/// The locals that the callable object built by \p E refers to.
static void objectPaths(const Expr *E, std::vector<RefPath> &Out) {
  auto Add = [&](const VarDecl *V, const Expr *Arg, std::string Holder) {
    RefPath P;
    P.Kind = RefPathKind::ObjectMember;
    P.Var = V;
    P.Arg = Arg;
    P.Loc = Arg->getBeginLoc();
    P.Holder = std::move(Holder);
    Out.push_back(P);
  };
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier() ||
        (FD->getName() != "bind" && FD->getName() != "bind_front"))
      return;
    for (unsigned I = 1; I < Call->getNumArgs(); ++I)
      if (const VarDecl *V = refWrapped(Call->getArg(I)))
        Add(V, Call->getArg(I), "a std::" + FD->getName().str() + " result");
      else if (const VarDecl *V = addressOf(Call->getArg(I)))
        Add(V, Call->getArg(I), "a std::" + FD->getName().str() + " result");
    return;
  }
  const CXXRecordDecl *RD = E ? E->getType()->getAsCXXRecordDecl() : nullptr;
  if (!RD || RD->isLambda())
    return;
  std::string Holder = "an object of class '" + RD->getNameAsString() + "'";
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl *Ctor = C->getConstructor();
    if (!Ctor || Ctor->isCopyOrMoveConstructor())
      return;
    for (unsigned I = 0; I < C->getNumArgs() && I < Ctor->getNumParams(); ++I) {
      const Expr *A = C->getArg(I);
      const ParmVarDecl *Parm = Ctor->getParamDecl(I);
      const VarDecl *V = nullptr;
      if (Parm->getType()->isReferenceType())
        V = namedAutomaticVar(A);
      if (!V)
        V = refWrapped(A);
      if (!V && Parm->getType()->isPointerType())
        V = addressOf(A);
      if (V && keepsReference(Ctor, Parm))
        Add(V, A, Holder);
    }
    return;
  }
  // An aggregate: `Worker{v, &w}` binds its reference and pointer members.
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= IL->getNumInits())
        break;
      const Expr *Init = IL->getInit(I++);
      const VarDecl *V = nullptr;
      if (F->getType()->isReferenceType())
        V = namedAutomaticVar(Init);
      else if (F->getType()->isPointerType())
        V = addressOf(Init);
      if (V)
        Add(V, Init, Holder);
    }
  }
}

std::vector<RefPath> referencePaths(const SpawnInfo &S) {
  std::vector<RefPath> Out;
  if (S.Lambda)
    lambdaPaths(S.Lambda, Out);
  else if (S.Callable)
    objectPaths(objectSource(S.Callable), Out);
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
  return referencesTo(Work, Fn->getBody()).size() == 1 ? L : nullptr;
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
  return referencesTo(V, S);
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
