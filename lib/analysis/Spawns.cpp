//===- Spawns.cpp ---------------------------------------------------------===//
#include "analysis/Spawns.h"
#include "analysis/CallableType.h"

#include "analysis/Locks.h"

#include "clang/AST/ParentMapContext.h"

using namespace llvm;
using namespace clang;

namespace pitfix {

/// Is a value of type \p T something one can call?
bool isCallableType(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isFunctionType() || T->isFunctionPointerType() ||
      T->isMemberFunctionPointerType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  if (RD->isLambda())
    return true;
  bool Found = false;
  auto Scan = [&](const CXXRecordDecl *C) {
    for (const Decl *D : C->decls()) {
      const Decl *In = D;
      if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
        In = FT->getTemplatedDecl();
      if (const auto *MD = dyn_cast<CXXMethodDecl>(In))
        if (MD->getOverloadedOperator() == OO_Call)
          return true;
    }
    return false;
  };
  if (Scan(RD->getDefinition()))
    return true;
  RD->getDefinition()->forallBases([&](const CXXRecordDecl *B) {
    Found = Found || Scan(B);
    return true;
  });
  return Found;
}

static bool isSpawnClassType(QualType T, const Vocabulary &V) {
  const CXXRecordDecl *RD = recordOf(T);
  if (const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    RD = S->getSpecializedTemplate()->getTemplatedDecl();
  return RD && V.list(VocabList::SpawnClasses).contains(RD);
}

/// Does a call that returns \p T hand exceptions to a future?
static bool returnsFuture(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  return RD && RD->getIdentifier() &&
         RD->getName().contains_insensitive("future");
}

/// Fills Callable/Lambda/CallableArgs from \p Args starting at \p First
/// (the first callable argument at or after it).
static bool takeCallable(SpawnInfo &S, ArrayRef<const Expr *> Args,
                         size_t First, bool AnyCallable) {
  for (size_t I = First; I < Args.size(); ++I) {
    const Expr *A = Args[I];
    if (isa<CXXDefaultArgExpr>(A))
      break;
    if (!AnyCallable && I != First)
      break;
    const Expr *W = stripImplicit(A);
    if (!isCallableType(W->getType()) && !isCallableType(A->getType()) &&
        !W->getType()->isDependentType()) {
      if (!AnyCallable)
        return false;
      continue;
    }
    S.Callable = W;
    S.Lambda = dyn_cast<LambdaExpr>(W);
    for (size_t J = I + 1; J < Args.size(); ++J)
      if (!isa<CXXDefaultArgExpr>(Args[J]))
        S.CallableArgs.push_back(Args[J]);
    return true;
  }
  return false;
}

/// Does the launch policy among \p Args (an argument of an enumeration
/// named `launch` with an `async` enumerator: `std::launch`,
/// `boost::launch`) leave out `async`? `std::launch::deferred` runs the work
/// in the thread that waits for its future, when it waits: nothing is
/// spawned. A policy that is not a constant, or that includes `async`
/// (the default `async | deferred`), may start a thread.
static bool runsInCaller(ArrayRef<const Expr *> Args, const ASTContext &Ctx) {
  for (const Expr *A : Args) {
    const auto *ET = A->IgnoreParenImpCasts()->getType()->getAs<EnumType>();
    const EnumDecl *ED = ET ? ET->getDecl() : nullptr;
    if (!ED || !ED->getIdentifier() || ED->getName() != "launch")
      continue;
    const EnumConstantDecl *Async = nullptr;
    for (const EnumConstantDecl *C : ED->enumerators())
      if (C->getIdentifier() && C->getName() == "async")
        Async = C;
    Expr::EvalResult R;
    if (!Async || A->isValueDependent() || !A->EvaluateAsInt(R, Ctx))
      return false;
    return (R.Val.getInt() & Async->getInitVal()).isZero();
  }
  return false;
}

static std::vector<const Expr *> argsOf(const CXXConstructExpr *C) {
  return {C->arg_begin(), C->arg_end()};
}
static std::vector<const Expr *> argsOf(const CallExpr *C) {
  return {C->arg_begin(), C->arg_end()};
}

/// The class behind \p T (through references and pointers), or nullptr.
static const CXXRecordDecl *serialRecordOf(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return T->getAsCXXRecordDecl();
}

/// The template a specialization comes from (\p RD itself otherwise).
static const CXXRecordDecl *serialTemplateOf(const CXXRecordDecl *RD) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate()->getTemplatedDecl();
  return RD;
}

/// Arguments not yet resolved: `(a, b)` or `{a, b}` of a dependent
/// initialisation.
static bool unresolvedArgs(const Expr *Init) {
  if (const auto *PL = dyn_cast_or_null<ParenListExpr>(Init))
    return PL->getNumExprs() > 0 && Init->isTypeDependent();
  if (const auto *IL = dyn_cast_or_null<InitListExpr>(Init))
    return IL->getNumInits() > 0 && Init->isTypeDependent();
  if (const auto *U = dyn_cast_or_null<CXXUnresolvedConstructExpr>(Init))
    return U->getNumArgs() > 0;
  return false;
}

const Expr *dependentSpawn(const Stmt *S, const Vocabulary &V) {
  if (const auto *New = dyn_cast<CXXNewExpr>(S))
    return isSpawnClassType(New->getAllocatedType(), V) &&
                   unresolvedArgs(New->getInitializer())
               ? New
               : nullptr;
  if (const auto *U = dyn_cast<CXXUnresolvedConstructExpr>(S))
    return isSpawnClassType(U->getTypeAsWritten(), V) && unresolvedArgs(U)
               ? U
               : nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && isSpawnClassType(VD->getType(), V) &&
          unresolvedArgs(VD->getInit()))
        return VD->getInit();
  return nullptr;
}

std::optional<SpawnInfo> spawnInfo(const Expr *E, const Vocabulary &V) {
  if (!E)
    return std::nullopt;
  SpawnInfo S;
  S.Call = E;
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl *Ctor = C->getConstructor();
    if (!Ctor || C->getNumArgs() == 0 ||
        !isSpawnClassType(QualType(Ctor->getParent()->getTypeForDecl(), 0), V))
      return std::nullopt;
    if (isSpawnClassType(C->getArg(0)->getType(), V))
      return std::nullopt; // a move
    S.Kind = SpawnKind::ThreadConstructor;
    if (!takeCallable(S, argsOf(C), 0, /*AnyCallable=*/false))
      return std::nullopt;
    return S;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return std::nullopt;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const CXXRecordDecl *Obj = MC->getRecordDecl();
    if (!MD || !Obj)
      return std::nullopt;
    std::vector<const Expr *> Args = argsOf(Call);
    if (V.list(VocabList::ThreadContainerMethods).contains(MD)) {
      const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Obj);
      if (!Spec || Spec->getTemplateArgs().size() == 0 ||
          Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
          !isSpawnClassType(Spec->getTemplateArgs()[0].getAsType(), V))
        return std::nullopt;
      if (Args.empty() || isSpawnClassType(Args[0]->getType(), V))
        return std::nullopt; // push_back(std::thread(...)): that is the spawn
      S.Kind = SpawnKind::ThreadContainer;
      if (!takeCallable(S, Args, 0, /*AnyCallable=*/false))
        return std::nullopt;
      return S;
    }
    const CXXRecordDecl *Pool = Obj;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Pool))
      Pool = Spec->getSpecializedTemplate()->getTemplatedDecl();
    bool Serial = V.list(VocabList::SerialExecutorMethods).contains(MD) ||
                  V.list(VocabList::SerialExecutorClasses).contains(Pool) ||
                  V.list(VocabList::SerialExecutorClasses).contains(Obj);
    if ((V.list(VocabList::PoolMethods).contains(MD) ||
         V.list(VocabList::SerialExecutorMethods).contains(MD)) &&
        V.list(VocabList::PoolClasses).contains(Pool)) {
      S.Kind = SpawnKind::PoolMethod;
      if (Serial)
        S.SerialExecutor = MC->getImplicitObjectArgument();
      S.FireAndForget = V.list(VocabList::DetachingPoolMethods).contains(MD);
      S.CarriesExceptions = !S.FireAndForget && returnsFuture(Call->getType());
      if (!takeCallable(S, Args, 0, /*AnyCallable=*/true))
        return std::nullopt;
      return S;
    }
    return std::nullopt;
  }
  if (!V.list(VocabList::SpawnFunctions).contains(FD))
    return std::nullopt;
  if (runsInCaller(argsOf(Call), FD->getASTContext()))
    return std::nullopt;
  S.Kind = SpawnKind::Function;
  // `boost::asio::post(strand, f)`: the strand runs its work in order.
  if (Call->getNumArgs() >= 2)
    if (const CXXRecordDecl *Ex = serialRecordOf(Call->getArg(0)->getType());
        Ex && (V.list(VocabList::SerialExecutorClasses).contains(Ex) ||
               V.list(VocabList::SerialExecutorClasses)
                   .contains(serialTemplateOf(Ex))))
      S.SerialExecutor = Call->getArg(0);
  S.CarriesExceptions =
      V.list(VocabList::ExceptionCarryingSpawners).contains(FD) ||
      returnsFuture(Call->getType());
  // `pthread_create(&tid, ...)`: the handle comes back through a pointer.
  if (V.list(VocabList::ThreadStartingFunctions).contains(FD) &&
      Call->getNumArgs() >= 1)
    if (const auto *U = dyn_cast<UnaryOperator>(
            Call->getArg(0)->IgnoreParenImpCasts());
        U && U->getOpcode() == UO_AddrOf)
      if (const auto *D =
              dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
        S.HandleOut = dyn_cast<VarDecl>(D->getDecl());
  if (!takeCallable(S, argsOf(Call), 0, /*AnyCallable=*/true))
    return std::nullopt;
  return S;
}

std::optional<SpawnInfo> spawnRunning(const LambdaExpr *L, ASTContext &Ctx,
                                      const Vocabulary &V) {
  DynTypedNode Node = DynTypedNode::create(*L);
  for (int Depth = 0; Depth < 10; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return std::nullopt;
    const Expr *P = Parents[0].get<Expr>();
    if (!P)
      return std::nullopt;
    if (isa<CXXConstructExpr>(P) || isa<CallExpr>(P))
      if (std::optional<SpawnInfo> S = spawnInfo(P, V))
        if (S->Lambda == L)
          return S;
    // Keep climbing only through nodes that merely wrap the lambda.
    if (stripImplicit(P) != L)
      return std::nullopt;
    Node = Parents[0];
  }
  return std::nullopt;
}

} // namespace pitfix
